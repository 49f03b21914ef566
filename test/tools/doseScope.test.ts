// The dose at the scope asked (issue 11 item 5): "how much light did position 2 get?" answers for that position,
// "the GFP dose" for that channel (its preset, FITC), never every position's numbers; a scope with no light says so.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { RealClock } from '../../src/microscope/clock.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { MicroscopeSession } from '../../src/microscope/session.ts';
import { clauseForTool } from '../../src/agent/planner/builders.ts';
import { tools } from '../../tools/microscope.ts';
import { smallConfig, tempDir } from '../microscope/fixtures.ts';

const dir = tempDir('cellpilot-dose-scope-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const session = new MicroscopeSession({ clock: new RealClock(), limits: { ...DEFAULT_LIMITS, xRangeUm: [-2000, 2000] }, simulator: { config: smallConfig(64), sample: { boundsUm: { x0: -40, y0: -40, x1: 60, y1: 60 }, cells: 4 } } });
const ctx = createToolContext({ sessionDir: join(dir, 's'), state: new Map([['microscope', session]]) });
const dose = tools.find((t) => t.name === 'dose_report')!;
const call = (args: unknown = {}) => dose.run(dose.schema.parse(args) as never, ctx);

beforeAll(async () => {
  const snap = tools.find((t) => t.name === 'snap')!;
  await snap.run(snap.schema.parse({ channel: 'GFP', exposureMs: 20 }) as never, ctx);
});

describe('the dose at one position or channel', () => {
  it('reads the position and the channel from the words', () => {
    const read = (text: string) => dose.fromRequest!(clauseForTool('dose_report', text));
    expect(read('how much light did position 2 get?')).toMatchObject({ position: '2' });
    expect(read('what is the dose at the third field so far')).toMatchObject({ position: '3' });
    expect(read('dose at Pos1')).toMatchObject({ position: 'Pos1' });
    expect(read('how much light have the cells had?')).toEqual({});
  });
  it('answers for that position alone, by its number in the list', async () => {
    const one = await call({ position: '1' });
    expect(one.summary).toMatch(/^Light so far at position 1 \(stage_x0_y0\): [\d.]+ J\/cm² in 1 exposure, [\d.]+ % of the 200 J\/cm² budget\.$/);
    expect(one.values.doseJPerCm2).toBeGreaterThan(0);
  });
  it('answers for a channel said by its common name, and says when a scope had no light', async () => {
    expect((await call({ channel: 'GFP' })).summary).toMatch(/^Light so far at channel FITC: [\d.]+ J\/cm²/);
    expect((await call({ channel: 'Cy5' })).summary).toMatch(/^No light has reached channel Cy5 yet \(the channels are FITC\)\.$/);
    expect((await call({ position: '2' })).summary).toMatch(/^No light has reached position 2 yet/);
  });
});
