// The filter_tracks tool: bounds in frames, time, µm or px and per-time speeds converted with the tracks' calibration,
// the top N with their values listed, a new tracks file (the input untouched), a bound that needs a calibration the
// tracks lack refused in one line; and its reading of people's words.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { loadTracksJson, saveTracksJson } from '../../src/analysis/trackio.ts';
import { readFilterRequest, tools } from '../../tools/filterTracks.ts';
import type { RequestClause } from '../../tools/types.ts';
import { handTracks } from '../analysis/handTracks.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-filter-tracks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: join(dir, 'session') });
const tool = tools.find((t) => t.name === 'filter_tracks')!;
const run = (args: unknown) => tool.run(tool.schema.parse(args) as never, ctx);

/** The three hand-made tracks of test/analysis/handTracks.ts, saved with a calibration. */
function write(name: string, calibration: { pixelSizeUm?: number; frameIntervalS?: number }): string {
  const path = join(dir, `${name}.tracks.json`);
  saveTracksJson(path, handTracks(calibration));
  return path;
}

const calibrated = write('calibrated', { pixelSizeUm: 0.5, frameIntervalS: 60 });
const bare = write('bare', {});

describe('filter_tracks', () => {
  it('keeps tracks of at least 3 frames, writes new tracks and leaves the input as it was', async () => {
    const before = readFileSync(calibrated, 'utf8');
    const r = await run({ tracks: calibrated, minFrames: 3 });
    expect(r.values).toMatchObject({ kept: 2, removed: 1, tracksBefore: 3 });
    expect(r.summary).toMatch(/Kept 2 of 3 tracks \(1 removed: 1 by number of frames\) by: at least 3 frames long/);
    expect(loadTracksJson(r.artifacts[0].path).spots).toHaveLength(9);
    expect(readFileSync(calibrated, 'utf8')).toBe(before);
  });

  it('converts µm, minutes and µm/min with the calibration (0.5 µm/px, 1 min/frame)', async () => {
    // track 1: 7.5 µm net in 5 min, 1.5 µm/min; track 2: 0 µm net, 5 µm total, 2.5 µm/min
    expect((await run({ tracks: calibrated, minDisplacement: 5, lengthUnit: 'um' })).values.kept).toBe(1);
    expect((await run({ tracks: calibrated, minTravel: 4.9, lengthUnit: 'um' })).values.kept).toBe(2);
    expect((await run({ tracks: calibrated, minDurationS: 240 })).values.kept).toBe(1);
    expect((await run({ tracks: calibrated, minMeanSpeed: 2, speedUnit: 'um/min' })).values.kept).toBe(1);
    expect((await run({ tracks: calibrated, maxMeanSpeed: 3.5, speedUnit: 'px/frame' })).values.kept).toBe(1);
  });

  it('keeps the top N and lists them with their values', async () => {
    const r = await run({ tracks: calibrated, top: 1, rankBy: 'speed' });
    expect(r.values.kept).toBe(1);
    expect(r.summary).toMatch(/The track with the highest mean speed: track \d+: 2\.5 µm\/min/);
    const whole = await run({ tracks: calibrated, presentAtStart: true, presentAtEnd: true });
    expect(whole.values.kept).toBe(1);
    expect(whole.summary).toMatch(/tracked the whole movie/);
  });

  it('refuses a bound in µm or minutes on uncalibrated tracks in one line, and says px otherwise', async () => {
    await expect(run({ tracks: bare, minDisplacement: 5, lengthUnit: 'um' })).rejects.toThrow(/5 µm cannot be applied: the tracks have no pixel size/);
    await expect(run({ tracks: bare, minDurationS: 300 })).rejects.toThrow(/5 min cannot be applied: the tracks have no frame interval/);
    const r = await run({ tracks: bare, minDisplacement: 10 });
    expect(r.values.kept).toBe(1);
    expect(r.summary).toMatch(/net displacement at least 10 px.*Lengths are in px/);
    await expect(run({ tracks: bare })).rejects.toThrow(/needs a rule/);
  });
});

const clause = (text: string): RequestClause => ({ text, request: text, quantities: [], paths: [], artifacts: [], earlier: [], read: { edgeObjects: () => undefined } as unknown as RequestClause['read'] });
const defined = (args: Record<string, unknown>) => Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));

describe("reading people's words", () => {
  it.each([
    ['keep only tracks at least 10 frames long', { minFrames: 10 }],
    ['drop tracks shorter than 5 frames', { minFrames: 5 }],
    ['keep tracks longer than 12 frames', { minFrames: 13 }],
    ['keep tracks between 5 and 20 frames long', { minFrames: 5, maxFrames: 20 }],
    ['keep tracks of 10+ frames', { minFrames: 10 }],
    ['filter out tracks shorter than 5 min', { minDurationS: 300 }],
    ['keep tracks that move more than 20 µm', { minDisplacement: 20, lengthUnit: 'um' }],
    ['discard tracks that travel less than 30 microns in total', { minTravel: 30, lengthUnit: 'um' }],
    ['keep the tracks faster than 0.5 µm/min', { minMeanSpeed: 0.5, speedUnit: 'um/min' }],
    ['straightness > 0.6', { minStraightness: 0.6 }],
    ['only cells tracked the whole movie', { presentAtStart: true, presentAtEnd: true }],
    ['keep the 3 most motile cells', { top: 3, rankBy: 'speed', rankFrom: 'highest' }],
    ['keep the ten longest tracks', { top: 10, rankBy: 'frames', rankFrom: 'highest' }],
    ['keep the 2 slowest tracks', { top: 2, rankBy: 'speed', rankFrom: 'lowest' }],
    ['keep the top 5 tracks by total distance', { top: 5, rankBy: 'path_length' }],
    ['remove tracks that touch the border', { inFrame: 'interior' }],
  ])('%s', (text, expected) => {
    expect(defined(readFilterRequest(clause(text)))).toEqual(expect.objectContaining(expected));
  });

  it('asks how many when a rank says none', () => {
    expect(readFilterRequest(clause('keep the fastest cells')).$ask).toMatch(/How many tracks/);
    expect(readFilterRequest(clause('keep the fastest cell')).top).toBe(1);
  });
});
