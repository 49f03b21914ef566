// A local OpenAI-compatible chat-completions server for tests: replays a script of
// replies (tool calls, text, HTTP errors, a hang) and records every request it gets.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerReply =
  | { text: string }
  | { toolCall: { name: string; args: Record<string, unknown> } }
  | { status: number; message: string; retryAfterS?: number }
  | { hang: true }
  /** Anything else a misbehaving server does: write (or not) whatever it likes. */
  | { respond: (res: ServerResponse, request: RecordedRequest, index: number) => void };

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: { model: string; stream?: boolean; messages: { role: string; content: unknown; tool_call_id?: string }[]; tools?: { function: { name: string; parameters: unknown } }[] };
}

export interface ScriptedServer {
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * OpenAI's documented message-ordering rules, which the strictest servers enforce with a 400:
 * each assistant message with tool_calls is followed at once by one tool message per call id,
 * tool messages answer only those ids, and no id is used twice. Returns the broken rule.
 */
export function orderingError(messages: RecordedRequest['body']['messages']): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as { role: string; tool_calls?: { id: string }[]; tool_call_id?: string };
    if (m.role === 'tool') return `messages[${i}]: a tool message must answer a preceding message with tool_calls`;
    if (m.role !== 'assistant' || !m.tool_calls?.length) continue;
    const pending = new Set<string>();
    for (const c of m.tool_calls) {
      if (!c.id || seen.has(c.id)) return `messages[${i}]: tool call id "${c.id}" is empty or used twice`;
      seen.add(c.id);
      pending.add(c.id);
    }
    let j = i + 1;
    for (; j < messages.length && messages[j].role === 'tool'; j++) {
      const id = messages[j].tool_call_id ?? '';
      if (!pending.delete(id)) return `messages[${j}]: tool message for unknown or answered id "${id}"`;
    }
    if (pending.size) return `messages[${i}]: tool_calls ${[...pending].join(', ')} have no tool message after them`;
    i = j - 1;
  }
  return undefined;
}

export async function startOpenAIServer(script: ServerReply[], options: { strict?: boolean } = {}): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  let index = 0;
  const hanging = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      requests.push({ headers: req.headers, body: JSON.parse(raw) });
      const broken = options.strict ? orderingError(requests.at(-1)!.body.messages) : undefined;
      if (broken) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: broken, type: 'invalid_request_error', code: null } }));
        return;
      }
      const reply = script[Math.min(index++, script.length - 1)];
      if ('respond' in reply) {
        reply.respond(res, requests.at(-1)!, index);
        return;
      }
      if ('hang' in reply) {
        hanging.add(() => res.destroy());
        return;
      }
      if ('status' in reply) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (reply.retryAfterS !== undefined) headers['retry-after'] = String(reply.retryAfterS);
        res.writeHead(reply.status, headers).end(JSON.stringify({ error: { message: reply.message, type: 'test', code: null } }));
        return;
      }
      if (requests.at(-1)!.body.stream) {
        streamReply(res, reply, index, requests.at(-1)!.body.model);
        return;
      }
      const message = 'text' in reply
        ? { role: 'assistant', content: reply.text }
        : { role: 'assistant', content: null, tool_calls: [{ id: `call_${index}`, type: 'function', function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.args) } }] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: `chatcmpl-${index}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: requests.at(-1)!.body.model,
          choices: [{ index: 0, message, finish_reason: 'text' in reply ? 'stop' : 'tool_calls' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => {
      for (const end of hanging) end();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One server-sent chat.completion.chunk with this delta (for hand-written misbehaving replies). */
export function sseChunk(delta: Record<string, unknown>, finish: string | null = null, model = 'test-model'): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

/** The reply as server-sent events, in small pieces, the way OpenAI streams chat completions. */
function streamReply(res: import('node:http').ServerResponse, reply: { text: string } | { toolCall: { name: string; args: Record<string, unknown> } }, index: number, model: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = { id: `chatcmpl-${index}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
  const send = (delta: Record<string, unknown>, finish: string | null = null) =>
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  const pieces = (text: string) => text.match(/.{1,4}/gs) ?? [''];
  if ('text' in reply) {
    pieces(reply.text).forEach((piece, i) => send(i === 0 ? { role: 'assistant', content: piece } : { content: piece }));
    send({}, 'stop');
  } else {
    send({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: `call_${index}`, type: 'function', function: { name: reply.toolCall.name, arguments: '' } }] });
    for (const piece of pieces(JSON.stringify(reply.toolCall.args))) send({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
    send({}, 'tool_calls');
  }
  res.end('data: [DONE]\n\n');
}
