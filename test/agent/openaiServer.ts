// A local OpenAI-compatible chat-completions server for tests: replays a script of
// replies (tool calls, text, HTTP errors, a hang) and records every request it gets.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerReply =
  | { text: string }
  | { toolCall: { name: string; args: Record<string, unknown> } }
  | { status: number; message: string; retryAfterS?: number }
  | { hang: true };

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: { model: string; stream?: boolean; messages: { role: string; content: unknown; tool_call_id?: string }[]; tools?: { function: { name: string; parameters: unknown } }[] };
}

export interface ScriptedServer {
  baseURL: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startOpenAIServer(script: ServerReply[]): Promise<ScriptedServer> {
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
      const reply = script[Math.min(index++, script.length - 1)];
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
