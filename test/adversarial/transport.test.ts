// A misbehaving OpenAI-compatible server on 127.0.0.1 (issue 15, items 11 and 12): a stream
// that stalls after its first bytes, a huge reply, tool arguments that are not JSON, 300
// tool calls in one reply, a model echoing the API key, and a session killed mid-step under
// the offline planner resumed against a server that enforces OpenAI's message rules.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from '../../src/agent/loop.ts';
import { createChatModel } from '../../src/agent/models.ts';
import { Session } from '../../src/agent/session.ts';
import { z } from 'zod';
import { defineTool, type ToolSpec } from '../../tools/types.ts';
import { fakeTools } from '../agent/fakeTools.ts';
import { type ServerReply, sseChunk, startOpenAIServer } from '../agent/openaiServer.ts';

const SECRET = 'sk-adversarial-key-0123456789abcdef';

/** Like load_movie: records an artifact under a description the model chose. */
const describeMovie = defineTool({
  name: 'describe_movie',
  description: 'Names a movie.',
  schema: z.object({ movie: z.string(), description: z.string() }),
  run: async (args, ctx) => ({ summary: 'named', artifacts: [ctx.addArtifact('movie', ctx.resolve(args.movie), args.description)], values: {} }),
});
const tools = [...fakeTools, describeMovie as unknown as ToolSpec];
const saved = { ...process.env };

async function agentAgainst(script: ServerReply[], options: { strict?: boolean; session?: Session } = {}) {
  const server = await startOpenAIServer(script, { strict: options.strict });
  Object.assign(process.env, {
    OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: SECRET, CELLPILOT_LLM_MAX_RETRIES: '0',
    CELLPILOT_LLM_IDLE_TIMEOUT_S: '1', CELLPILOT_LLM_TOTAL_TIMEOUT_S: '20', CELLPILOT_LLM_MAX_REPLY_CHARS: '5000',
  });
  let session = options.session;
  if (!session) {
    const root = mkdtempSync(join(tmpdir(), 'cellpilot-adv-llm-'));
    writeFileSync(join(root, 'cells.tif'), 'pixels');
    session = Session.create({ root });
    session.addInput('movie', join(root, 'cells.tif'));
  }
  const { name, model } = await createChatModel('openai:test-model');
  return { server, session, agent: new Agent({ session, tools, model, modelName: name }) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

/** A streamed reply with these tool calls (raw argument strings). */
function toolCallsReply(calls: { name: string; args: string; id?: string }[]): ServerReply {
  return {
    respond: (res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      calls.forEach((c, index) => {
        res.write(sseChunk({ role: 'assistant', content: null, tool_calls: [{ index, id: c.id ?? `call_${index}`, type: 'function', function: { name: c.name, arguments: '' } }] }));
        res.write(sseChunk({ tool_calls: [{ index, function: { arguments: c.args } }] }));
      });
      res.end(sseChunk({}, 'tool_calls') + 'data: [DONE]\n\n');
    },
  };
}

describe('a misbehaving OpenAI-compatible server', () => {
  beforeEach(() => {
    delete process.env.CELLPILOT_MODEL;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('times out a stream that stalls after its first bytes (idle timeout), with one line', async () => {
    const { server, agent } = await agentAgainst([
      {
        respond: (res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(sseChunk({ role: 'assistant', content: 'Let me' }));
          // ...and nothing more, the connection left open
        },
      },
    ]);
    try {
      const started = performance.now();
      const result = await agent.ask('segment the nuclei');
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(result.status).toBe('error');
      expect(result.answer).toMatch(/stopped sending: no data for 1 s/);
      expect(result.answer).not.toContain('\n');
    } finally {
      await server.close();
    }
  });

  it('cuts a huge reply: the transcript and the next request hold at most the cap', async () => {
    const huge = 'x'.repeat(2_000_000);
    const { server, session, agent } = await agentAgainst([
      {
        respond: (res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write(sseChunk({ role: 'assistant', content: '' }));
          for (let i = 0; i < huge.length; i += 20_000) res.write(sseChunk({ content: huge.slice(i, i + 20_000) }));
          res.end(sseChunk({}, 'stop') + 'data: [DONE]\n\n');
        },
      },
      { text: 'Short answer.' },
    ]);
    try {
      const first = await agent.ask('describe everything');
      expect(first.status).toBe('done');
      expect(first.answer.length).toBeLessThan(6000);
      expect(first.answer).toMatch(/cut/);
      expect(readFileSync(join(session.dir, 'transcript.jsonl'), 'utf8').length).toBeLessThan(20_000);
      await agent.ask('and now?');
      expect(JSON.stringify(server.requests.at(-1)!.body.messages).length).toBeLessThan(30_000);
    } finally {
      await server.close();
    }
  });

  it('sends tool arguments that are not JSON back to the model as a tool error, and the user sees it', async () => {
    const { server, session, agent } = await agentAgainst([
      toolCallsReply([{ name: 'segment', args: '{"movie": "movie-1", method: otsu' }]),
      { text: 'Sorry, fixed.' },
    ]);
    try {
      const seen: string[] = [];
      agent.events.on((e) => e.type === 'step_end' && seen.push(`${e.status}: ${e.summary}`));
      const result = await agent.ask('segment');
      expect(result.toolCalls.map((c) => c.status)).toEqual(['invalid']);
      expect(seen[0]).toMatch(/^invalid: segment: the arguments were not valid JSON/);
      const toolMessage = server.requests[1].body.messages.find((m) => m.role === 'tool');
      expect(String(toolMessage?.content)).toMatch(/not valid JSON/);
      expect(session.provenance.read()[0]).toMatchObject({ tool: 'segment', status: 'invalid' });
    } finally {
      await server.close();
    }
  });

  it('runs at most 16 of 300 tool calls in one reply and refuses the rest as tool errors', async () => {
    const calls = Array.from({ length: 300 }, (_, i) => ({ name: 'correct_drift', args: '{"movie":"movie-1"}', id: `dup_${i % 3}` }));
    const { server, session, agent } = await agentAgainst([toolCallsReply(calls), { text: 'Done.' }], { strict: true });
    process.env.CELLPILOT_LLM_MAX_REPLY_CHARS = '100000';
    try {
      const result = await agent.ask('correct the drift');
      expect(result.toolCalls).toHaveLength(16);
      expect(session.provenance.read()).toHaveLength(16);
      // every call got its tool message (ids made unique), or the strict server would have said 400
      expect(result.status).toBe('done');
      const tools = server.requests[1].body.messages.filter((m) => m.role === 'tool');
      expect(tools).toHaveLength(300);
      expect(tools.filter((m) => String(m.content).includes('at most 16 tool calls'))).toHaveLength(284);
    } finally {
      await server.close();
    }
  });

  it('keeps the API key out of every file the session writes when the model echoes it', async () => {
    const { server, session, agent } = await agentAgainst([
      toolCallsReply([{ name: 'correct_drift', args: JSON.stringify({ movie: 'movie-1', note: `Bearer ${SECRET}` }) }]),
      { toolCall: { name: 'describe_movie', args: { movie: 'movie-1', description: `key ${SECRET}` } } },
      { text: `Your key is ${SECRET} (Authorization: Bearer ${SECRET})` },
    ]);
    try {
      await agent.ask('correct the drift');
      expect(readFileSync(join(session.dir, 'artifacts.jsonl'), 'utf8')).toContain('key [redacted]');
      for (const file of filesUnder(session.dir)) expect(readFileSync(file, 'utf8'), file).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });

  it('resumes with --model openai a session killed mid-step under the offline planner', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cellpilot-adv-resume-'));
    writeFileSync(join(root, 'cells.tif'), 'pixels');
    const session = Session.create({ root });
    session.addInput('movie', join(root, 'cells.tif'));
    // what the offline planner leaves: ids that restart at call_1 in every process, a result,
    // then a turn killed after its call was written and before its result
    const line = (e: object) => appendFileSync(join(session.dir, 'transcript.jsonl'), JSON.stringify({ time: new Date().toISOString(), ...e }) + '\n');
    line({ turn: 't1', role: 'user', content: 'correct the drift' });
    line({ turn: 't1', role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'correct_drift', args: { movie: 'movie-1' } }] });
    line({ turn: 't1', role: 'tool', content: '{"ok":true,"summary":"done"}', toolCallId: 'call_1', step: 's1' });
    line({ turn: 't1', role: 'assistant', content: 'Done: correct drift → movie-2.' });
    line({ turn: 't2', role: 'user', content: 'segment it' });
    line({ turn: 't2', role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'segment', args: { movie: 'movie-2' } }] });
    line({ turn: 't3', role: 'tool', content: '{"ok":true}', toolCallId: 'call_9' });
    const { server, agent } = await agentAgainst([{ text: 'Resumed.' }], { strict: true, session });
    try {
      const result = await agent.ask('how far did it drift?');
      expect(result.error).toBeUndefined();
      expect(result.answer).toBe('Resumed.');
    } finally {
      await server.close();
    }
  });
});
