// summary.csv of `cellpilot run` over several movies: every number's unit is said, in the
// header when all movies agree, per row when one movie is calibrated and another is not.
import { describe, expect, it } from 'vitest';
import { summaryCsv, type MovieRunResult } from '../../src/agent/batch.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';

const run = (movie: string, measure: Record<string, unknown>): MovieRunResult => ({
  movie,
  dir: `/out/${movie}`,
  status: 'ok',
  durationMs: 1,
  steps: [
    { id: 'track', tool: 'track', status: 'ok', summary: '', artifacts: [], values: { tracks: 3, maxLinkingDistancePx: 16.4 }, durationMs: 1 },
    { id: 'measure', tool: 'measure', status: 'ok', summary: '', artifacts: [], values: measure, durationMs: 1 },
  ],
});

const parse = (csv: string) => csv.trim().split('\n').map((l) => l.split(','));

describe('summary.csv units', () => {
  it('one calibrated and one uncalibrated movie: each row says its unit (both were under one bare "measure.meanSpeed")', () => {
    const [header, calibrated, raw] = parse(
      summaryCsv(
        [
          run('a.tif', { tracks: 3, meanSpeed: 0.36, meanDuration: 17.6, meanDisplacement: 3.4, lengthUnit: 'µm', timeUnit: 'min' }),
          run('b.tif', { tracks: 1, meanSpeed: 0.4, meanDuration: 11, meanDisplacement: 0.9, lengthUnit: 'px', timeUnit: 'frame' }),
        ],
        ALL_TOOLS,
      ),
    );
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    expect(header).toContain('measure.meanSpeed unit');
    expect(at(calibrated, 'measure.meanSpeed unit')).toBe('µm/min');
    expect(at(raw, 'measure.meanSpeed unit')).toBe('px/frame');
    expect(at(calibrated, 'measure.meanDuration unit')).toBe('min');
    expect(at(raw, 'measure.meanDuration unit')).toBe('frames');
    expect(at(calibrated, 'measure.meanDisplacement unit')).toBe('µm');
    // a value named in px stays px, in the header; counts carry no unit
    expect(header).toContain('track.maxLinkingDistancePx (px)');
    expect(header).toContain('measure.tracks');
    expect(header).not.toContain('measure.tracks unit');
  });

  it('all movies calibrated alike: the unit is in the header, no unit column', () => {
    const csv = summaryCsv([run('a.tif', { tracks: 3, meanSpeed: 0.36, lengthUnit: 'µm', timeUnit: 'min' }), run('b.tif', { tracks: 2, meanSpeed: 0.5, lengthUnit: 'µm', timeUnit: 'min' })], ALL_TOOLS);
    const [header] = parse(csv);
    expect(header).toContain('measure.meanSpeed (µm/min)');
    expect(header.some((c) => c.endsWith(' unit'))).toBe(false);
  });

  it('a value its tool does not declare says the unit its key names (segment.objectRadiusPx (px)); a speed in px per frame stays so on a calibrated movie', () => {
    const movie: MovieRunResult = {
      movie: 'a.tif',
      dir: '/out/a',
      status: 'ok',
      durationMs: 1,
      steps: [
        { id: 'segment', tool: 'segment', status: 'ok', summary: '', artifacts: [], values: { objects: 12, objectRadiusPx: 7.82 }, durationMs: 1 },
        { id: 'correct_drift', tool: 'correct_drift', status: 'ok', summary: '', artifacts: [], values: { largestStepPx: 2.2, cellMotionPxPerFrame: 0.58, lengthUnit: 'µm', timeUnit: 'min' }, durationMs: 1 },
      ],
    };
    const [header] = parse(summaryCsv([movie], ALL_TOOLS));
    expect(header).toContain('segment.objectRadiusPx (px)');
    expect(header).toContain('correct_drift.largestStepPx (px)');
    expect(header).toContain('correct_drift.cellMotionPxPerFrame (px/frame)');
    // a count still carries none
    expect(header).toContain('segment.objects');
  });
});
