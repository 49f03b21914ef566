import { fileURLToPath } from 'node:url';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { defineTool } from '../../tools/types.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { xxhash128 } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { redact } from '../../src/agent/secrets.ts';
import { fakeTools } from './fakeTools.ts';

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'cellpilot-sessions-'));
}

describe('Session', () => {
  it('a throw-away session writes each transcript and index line at once, and closed it reopens its files', () => {
    const root = tempRoot();
    const input = join(root, 'raw.tif');
    writeFileSync(input, 'raw pixels');
    const session = Session.create({ root, id: 'eval', durable: false });
    session.appendTranscript({ role: 'user', content: 'segment the nuclei' });
    session.addInput('movie', input);
    expect(session.transcript().map((e) => e.content)).toEqual(['segment the nuclei']);
    expect(readFileSync(join(session.dir, 'artifacts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    session.close();
    session.appendTranscript({ role: 'assistant', content: 'done' });
    session.close();
    expect(Session.open('eval', { root }).transcript().map((e) => e.content)).toEqual(['segment the nuclei', 'done']);
  });

  it('creates, reopens and lists sessions with step ids that continue', async () => {
    const root = tempRoot();
    const input = join(root, 'raw.tif');
    writeFileSync(input, 'raw pixels');
    const session = Session.create({ root, id: 'exp1' });
    const movie = session.addInput('movie', input);
    expect(movie.id).toBe('movie-1');
    const first = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1' });
    expect(first.stepId).toBe('s1');
    expect(first.status).toBe('ok');

    const reopened = Session.open('exp1', { root });
    expect(reopened.store.list().map((a) => a.id)).toEqual(['movie-1', 'movie-2']);
    const second = await runStep(reopened, fakeTools, 'denoise', { movie: 'movie-2' });
    expect(second.stepId).toBe('s2');
    expect(Session.list(root).map((s) => [s.id, s.steps, s.artifacts])).toEqual([['exp1', 2, 3]]);
    expect(() => Session.open('nope', { root })).toThrow(/no session "nope"/);
  });

  it('writes one provenance line per step with input hashes, outputs, versions and model hashes', async () => {
    const root = tempRoot();
    const input = join(root, 'raw.tif');
    writeFileSync(input, 'raw pixels');
    const session = Session.create({ root });
    await runStep(session, fakeTools, 'denoise', { movie: input, method: 'n2v' });
    await runStep(session, fakeTools, 'denoise', { movie: input, method: 'bilateral' });
    const lines = readFileSync(join(session.dir, 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    const [ok, invalid] = lines;
    expect(ok).toMatchObject({ step: 's1', tool: 'denoise', status: 'ok', args: { movie: input, method: 'n2v' } });
    // xxHash128 of "raw pixels"
    expect(ok.inputs[0]).toMatchObject({ arg: 'movie', path: input, hash: await xxhash128('raw pixels'), hashAlgorithm: 'xxh128', bytes: 10 });
    expect(ok.outputs[0]).toMatchObject({ id: 'movie-1', type: 'movie', hash: expect.stringMatching(/^[0-9a-f]{32}$/), hashAlgorithm: 'xxh128' });
    expect(ok.versions).toMatchObject({ node: process.versions.node, cellpilot: expect.any(String) });
    expect(ok.models).toEqual([{ name: 'n2v-demo', sha256: 'ab'.repeat(32) }]);
    expect(typeof ok.durationMs).toBe('number');
    expect(invalid.status).toBe('invalid');
    expect(invalid.error).toMatch(/argument "method" must be one of "n2v", "gaussian", "median", got "bilateral"/);
  });

  it('writes the same provenance lines in a throw-away session (durable: false, no fsync) as in a durable one', async () => {
    const root = tempRoot();
    const input = join(root, 'raw.tif');
    writeFileSync(input, 'raw pixels');
    const lines = async (durable: boolean) => {
      const session = Session.create({ root, id: `durable-${durable}`, durable });
      await runStep(session, fakeTools, 'denoise', { movie: input, method: 'n2v' });
      await runStep(session, fakeTools, 'denoise', { movie: input, method: 'bilateral' });
      expect(session.provenance.read()).toHaveLength(2);
      // (the same lines but for the time, the duration and the session's folder in output paths)
      return session.provenance.read().map(({ time: _time, durationMs: _ms, ...rest }) => JSON.parse(JSON.stringify(rest).replaceAll(session.dir, '<session>')));
    };
    expect(await lines(false)).toEqual(await lines(true));
  });

  it('records the sha256 of the bioimage.io weights a step used', async () => {
    const weights = new URL('../../models/n2v-nuclei/weights.onnx', import.meta.url);
    if (!existsSync(weights)) return console.log('models/n2v-nuclei is absent: skipping');
    const session = Session.create({ root: tempRoot() });
    const usesModel = defineTool({
      name: 'uses_model',
      description: 'reports the model it ran',
      schema: z.object({}),
      run: async () => ({ summary: 'ran', artifacts: [], values: { model: 'n2v-nuclei' } }),
    });
    await runStep(session, [usesModel as never], 'uses_model', {});
    // the folder too: a methods section names exactly which weights ran (stop 17: only the name and hash were kept)
    expect(session.provenance.read()[0].models).toEqual([{ name: 'n2v-nuclei', sha256: createHash('sha256').update(readFileSync(weights)).digest('hex'), folder: fileURLToPath(new URL('../../models/n2v-nuclei', import.meta.url)) }]);
  });

  it('survives a torn last line left by a killed process', async () => {
    const root = tempRoot();
    const session = Session.create({ root, id: 'torn' });
    await runStep(session, fakeTools, 'correct_drift', { movie: join(root) });
    appendFileSync(join(session.dir, 'provenance.jsonl'), '{"step":"s2","tool":"denoi');
    const reopened = Session.open('torn', { root });
    expect(reopened.provenance.read()).toHaveLength(1);
    expect(reopened.nextStepId()).toBe('s2');
  });

  it('never writes an API key or token to the session', async () => {
    const root = tempRoot();
    const secret = 'sk-test-DO-NOT-LEAK-1234567890';
    process.env.OPENAI_API_KEY = secret;
    try {
      const session = Session.create({ root, model: 'openai:gpt-x' });
      session.appendTranscript({ role: 'user', content: `my key is ${secret}, and a token ghp_abcdefghijklmnopqrstuvwxyz123456` });
      await runStep(session, fakeTools, 'correct_drift', { movie: root, channel: `GFP ${secret}` });
      for (const file of readdirSync(session.dir)) {
        if (file === 'artifacts') continue;
        const text = readFileSync(join(session.dir, file), 'utf8');
        expect(text).not.toContain(secret);
        expect(text).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz123456');
      }
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
    expect(redact({ apiKey: 'abc', nested: { authorization: 'Bearer x' }, ok: 'fine' })).toEqual({ apiKey: '[redacted]', nested: { authorization: '[redacted]' }, ok: 'fine' });
  });
});
