import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgentEvent, AgentEvents } from '../../src/agent/events.ts';
import { Agent } from '../../src/agent/loop.ts';
import { OfflineChatModel } from '../../src/agent/planner/model.ts';
import { Session } from '../../src/agent/session.ts';
import { fakeTools } from './fakeTools.ts';
import { ScriptedChatModel } from './scriptedModel.ts';

function setup(model = new OfflineChatModel() as OfflineChatModel | ScriptedChatModel, options: { maxSteps?: number } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'cellpilot-loop-'));
  const movie = join(root, 'cells.tif');
  writeFileSync(movie, 'pixels');
  const session = Session.create({ root, id: 'loop' });
  session.addInput('movie', movie);
  const events = new AgentEvents();
  const seen: AgentEvent[] = [];
  events.on((e) => seen.push(e));
  const agent = new Agent({ session, tools: fakeTools, model, modelName: 'offline', events, ...options });
  return { root, session, agent, seen };
}

describe('agent loop with the offline planner', () => {
  it('runs a chain with references, units, channels and methods, and streams events in order', async () => {
    const { agent, seen } = setup();
    const result = await agent.ask('correct the drift, then denoise it with N2V and segment channel 2 with Otsu using a 15 pixel radius');
    expect(result.status).toBe('done');
    expect(result.toolCalls.map((c) => [c.tool, c.args, c.status])).toEqual([
      ['correct_drift', { movie: 'movie-1' }, 'ok'],
      ['denoise', { movie: 'movie-2', method: 'n2v' }, 'ok'],
      ['segment', { movie: 'movie-3', channel: 2, method: 'otsu', radiusPx: 15 }, 'ok'],
    ]);
    // each step by the verb of its tool's own summary
    expect(result.answer).toMatch(/^Done: correct stage drift → movie-2; remove camera noise → movie-3; find nuclei or cells → labels-1\./);
    const types = seen.map((e) => e.type);
    expect(types[0]).toBe('turn_start');
    expect(types.at(-1)).toBe('turn_end');
    expect(types.filter((t) => t === 'step_start')).toHaveLength(3);
    expect(types.filter((t) => t === 'tool_progress')).toHaveLength(12);
    // every step_end follows its own step_start, progress in between
    const firstEnd = seen.findIndex((e) => e.type === 'step_end');
    expect(seen.slice(1, firstEnd).every((e) => e.type === 'step_start' || e.type === 'tool_progress')).toBe(true);
    const progress = seen.find((e) => e.type === 'tool_progress');
    expect(progress).toMatchObject({ done: 1, total: 4, tool: 'correct_drift' });
    expect(seen.at(-2)).toMatchObject({ type: 'assistant_text', final: true });
  });

  it('follows up across turns: "them", divisions, and questions answered from earlier values', async () => {
    const { agent, session } = setup();
    await agent.ask('segment the nuclei');
    const track = await agent.ask('now track them, following divisions, cells move up to 20 px between frames');
    expect(track.toolCalls.map((c) => [c.tool, c.args])).toEqual([['track', { labels: 'labels-1', maxLinkingDistancePx: 20, allowSplitting: true }]]);
    const question = await agent.ask('how many cells divided?');
    expect(question.toolCalls).toHaveLength(0);
    expect(question.answer).toMatch(/divisions = 4/i);

    // a resumed session remembers the earlier turns
    const resumed = new Agent({ session: Session.open(session.id, { root: join(session.dir, '..') }), tools: fakeTools, model: new OfflineChatModel(), modelName: 'offline' });
    const again = await resumed.ask('how many tracks were there?');
    expect(again.toolCalls).toHaveLength(0);
    expect(again.answer).toMatch(/tracks = 30/i);
  });

  it('plans missing steps for a question, and finds "the denoised one" and "the original movie"', async () => {
    const { agent } = setup();
    const divisions = await agent.ask('how many cells divided?');
    expect(divisions.toolCalls.map((c) => c.tool)).toEqual(['segment', 'track', 'detect_divisions']);
    expect(divisions.answer).toMatch(/divisions = 4/i);
    // the steps ran in this turn: their cards show the summaries, the answer only quotes the number
    expect(divisions.answer).not.toContain('Found 4 divisions');
    expect(divisions.answer).not.toContain('Tracked 30 cells');
    await agent.ask('denoise the movie');
    const denoised = await agent.ask('segment the denoised one');
    expect(denoised.toolCalls[0].args).toMatchObject({ movie: 'movie-2' });
    const original = await agent.ask('segment the original movie instead');
    expect(original.toolCalls[0].args).toMatchObject({ movie: 'movie-1' });
  });

  it('explains a request it cannot map and offers the closest actions', async () => {
    const { agent } = setup();
    const result = await agent.ask('please frobnicate the zorblax by 5 px');
    expect(result.toolCalls).toHaveLength(0);
    expect(result.answer).toMatch(/understood the numbers 5 px/);
    expect(result.answer).toMatch(/I can /);
  });

  it('returns a validation error to the model as a tool message naming the field and the allowed values', async () => {
    const model = new ScriptedChatModel([
      { tool: 'segment', args: { movie: 'movie-1', method: 'magic' } },
      { tool: 'segment', args: { movie: 'movie-1', method: 'otsu', radius: 3 } },
      { text: 'Segmented.' },
    ]);
    const { agent } = setup(model);
    const result = await agent.ask('segment');
    expect(result.toolCalls.map((c) => c.status)).toEqual(['invalid', 'invalid']);
    const toolMessages = model.received[2].filter((m) => m.getType() === 'tool').map((m) => String(m.content));
    expect(toolMessages[0]).toContain('argument \\"method\\" must be one of \\"otsu\\", \\"li\\", \\"triangle\\", \\"log\\", \\"stardist\\", got \\"magic\\"');
    expect(toolMessages[1]).toContain('unknown argument \\"radius\\" (did you mean \\"radiusPx\\"?)');
    expect(result.answer).toBe('Segmented.');
  });

  it('stops at the step limit and reports a failing tool without crashing', async () => {
    const looping = new ScriptedChatModel([{ tool: 'detect_divisions', args: { tracks: 'tracks-9' } }], true);
    const { agent } = setup(looping, { maxSteps: 3 });
    const result = await agent.ask('loop forever');
    expect(result.status).toBe('step_limit');
    expect(result.toolCalls).toHaveLength(3);
    expect(result.toolCalls[0].error).toMatch(/no artifact called tracks-9/);

    const failing = setup(new ScriptedChatModel([{ tool: 'fail_always', args: {} }, { text: 'It failed.' }]));
    const failed = await failing.agent.ask('fail');
    expect(failed.toolCalls[0]).toMatchObject({ status: 'error', error: 'fail_always failed: disk full' });
  });

  it('is cancellable in the middle of a step', async () => {
    const { agent, seen } = setup(new ScriptedChatModel([{ tool: 'slow', args: {} }, { text: 'never' }]));
    const controller = new AbortController();
    const pending = agent.ask('wait', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    expect(result.status).toBe('cancelled');
    expect(seen.find((e) => e.type === 'step_end')).toMatchObject({ status: 'cancelled' });
    expect(seen.at(-1)).toMatchObject({ type: 'turn_end', status: 'cancelled' });
  });

  it('offers the events as an async iterator that ends at turn_end', async () => {
    const { agent } = setup();
    const collected: string[] = [];
    const reading = (async () => {
      for await (const e of agent.events.stream()) collected.push(e.type);
    })();
    await agent.ask('correct the drift');
    await reading;
    expect(collected[0]).toBe('turn_start');
    expect(collected.at(-1)).toBe('turn_end');
  });
});
