// The OpenAI-compatible backend end to end over HTTP, against a local scripted server.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent } from '../../src/agent/loop.ts';
import { createChatModel } from '../../src/agent/models.ts';
import { Session } from '../../src/agent/session.ts';
import { runCli } from '../commands/run-cli.ts';
import { fakeTools } from './fakeTools.ts';
import { type ServerReply, startOpenAIServer } from './openaiServer.ts';

const SECRET = 'sk-local-test-key-0123456789abcdef';
const saved = { ...process.env };

async function agentAgainst(script: ServerReply[], env: Record<string, string> = {}) {
  const server = await startOpenAIServer(script);
  Object.assign(process.env, { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: SECRET, CELLPILOT_LLM_MAX_RETRIES: '2', ...env });
  const root = mkdtempSync(join(tmpdir(), 'cellpilot-openai-'));
  writeFileSync(join(root, 'cells.tif'), 'pixels');
  const session = Session.create({ root });
  session.addInput('movie', join(root, 'cells.tif'));
  const { name, model } = await createChatModel('openai:test-model');
  return { server, session, agent: new Agent({ session, tools: fakeTools, model, modelName: name }) };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));
}

describe('openai:<model> against an OpenAI-compatible server', () => {
  beforeEach(() => {
    delete process.env.CELLPILOT_MODEL;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('runs scripted tool calls, sends the tool schemas and results back, and keeps the key out of the session', async () => {
    const { server, session, agent } = await agentAgainst([
      { toolCall: { name: 'segment', args: { movie: 'movie-1', method: 'otsu' } } },
      { toolCall: { name: 'track', args: { labels: 'labels-1', maxLinkingDistancePx: 'far' } } },
      { toolCall: { name: 'track', args: { labels: 'labels-1', maxLinkingDistancePx: 12 } } },
      { text: 'Tracked 30 cells.' },
    ]);
    try {
      const deltas: string[] = [];
      agent.events.on((e) => e.type === 'assistant_delta' && deltas.push(e.text));
      const result = await agent.ask('segment and track the nuclei');
      expect(result.status).toBe('done');
      expect(result.answer).toBe('Tracked 30 cells.');
      // the answer streamed in pieces, and tool-call arguments were reassembled from streamed pieces
      expect(deltas.length).toBeGreaterThan(2);
      expect(deltas.join('')).toBe('Tracked 30 cells.');
      expect(server.requests[0].body.stream).toBe(true);
      expect(result.toolCalls.map((c) => [c.tool, c.status])).toEqual([['segment', 'ok'], ['track', 'invalid'], ['track', 'ok']]);
      expect(server.requests).toHaveLength(4);
      const first = server.requests[0];
      expect(first.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(first.body.model).toBe('test-model');
      const segmentSchema = first.body.tools?.find((t) => t.function.name === 'segment')?.function.parameters as { properties: Record<string, unknown> };
      expect(Object.keys(segmentSchema.properties)).toEqual(['movie', 'channel', 'method', 'radiusPx', 'frames']);
      // the validation error reached the model as a tool message naming the field
      const toolMessages = server.requests[2].body.messages.filter((m) => m.role === 'tool');
      expect(String(toolMessages[1].content)).toContain('argument \\"maxLinkingDistancePx\\" must be a number, got \\"far\\"');
      for (const file of filesUnder(session.dir)) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });

  it('turns a 401 into one clear line', async () => {
    const { server, agent } = await agentAgainst([{ status: 401, message: 'Incorrect API key provided' }]);
    try {
      const result = await agent.ask('segment');
      expect(result.status).toBe('error');
      expect(result.answer).toMatch(/rejected the API key \(401\): check OPENAI_API_KEY/);
      expect(result.answer.split('\n')).toHaveLength(1);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('retries after a 429 and then succeeds; gives up with a clear line when it persists', async () => {
    const retried = await agentAgainst([{ status: 429, message: 'Rate limit reached', retryAfterS: 0 }, { text: 'Hello.' }]);
    try {
      const result = await retried.agent.ask('hi');
      expect(result.status).toBe('done');
      expect(result.answer).toBe('Hello.');
      expect(retried.server.requests).toHaveLength(2);
    } finally {
      await retried.server.close();
    }
    const persistent = await agentAgainst([{ status: 429, message: 'Rate limit reached', retryAfterS: 0 }], { CELLPILOT_LLM_MAX_RETRIES: '1' });
    try {
      const result = await persistent.agent.ask('hi');
      expect(result.status).toBe('error');
      expect(result.answer).toMatch(/rate-limiting requests \(429\)/);
    } finally {
      await persistent.server.close();
    }
  });

  it('turns a server that never answers into a timeout message', async () => {
    const { server, agent } = await agentAgainst([{ hang: true }], { CELLPILOT_LLM_TIMEOUT_S: '0.5', CELLPILOT_LLM_MAX_RETRIES: '0' });
    try {
      const started = Date.now();
      const result = await agent.ask('segment');
      expect(result.status).toBe('error');
      expect(result.answer).toMatch(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
  });

  it('says the server cannot be reached when nothing listens', async () => {
    const { server, agent } = await agentAgainst([{ text: 'x' }], { CELLPILOT_LLM_MAX_RETRIES: '0' });
    await server.close();
    const result = await agent.ask('segment');
    expect(result.status).toBe('error');
    expect(result.answer).toMatch(/cannot reach the LLM server at http:\/\/127\.0\.0\.1/);
  });

  it('works through `cellpilot ask --model openai:...` with --json', async () => {
    const server = await startOpenAIServer([{ toolCall: { name: 'help', args: { question: 'which denoiser for noisy nuclei?' } } }, { text: 'Use Noise2Void.' }]);
    try {
      const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-ask-'));
      const r = await runCli(['ask', 'which denoiser should I use?', '--model', 'openai:test-model', '--json'], {
        cwd,
        env: { ...process.env, OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: SECRET },
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.answer).toBe('Use Noise2Void.');
      expect(out.toolCalls).toEqual([expect.objectContaining({ name: 'help', status: 'ok', args: { question: 'which denoiser for noisy nuclei?' } })]);
      expect(out.session).toMatch(/\S/);
      for (const file of filesUnder(join(cwd, 'sessions'))) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });
});
