// Tracks read back from our own CSV keep the calibration its x_um and t_s columns carry: a
// TrackMate XML exported from them said "in px and frames (no calibration)" for a movie at 0.65 µm/px, 5 min per frame.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTracksCsv, writeTracksCsv } from '../../src/analysis/trackio.ts';
import type { Tracks } from '../../src/analysis/tracks.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-tracks-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tracks = (calibration: Partial<Tracks>): Tracks => ({
  frames: 3,
  spots: [0, 1, 2].map((t) => ({ id: t + 1, t, x: 10 + 2 * t, y: 20, branchId: 1, label: 1 })),
  branches: [{ id: 1, start: 0, end: 2, parent: 0, spotIds: [1, 2, 3] }],
  ...calibration,
});

describe('tracks CSV calibration', () => {
  it('a calibrated CSV reads back with its pixel size and frame interval', () => {
    const path = join(dir, 'cal.csv');
    writeTracksCsv(path, tracks({ pixelSizeUm: 0.6499998050000585, frameIntervalS: 300 }));
    const back = readTracksCsv(path);
    expect(back.pixelSizeUm).toBeCloseTo(0.65, 6);
    expect(back.frameIntervalS).toBe(300);
  });

  it('an uncalibrated CSV stays uncalibrated', () => {
    const path = join(dir, 'raw.csv');
    writeTracksCsv(path, tracks({}));
    const back = readTracksCsv(path);
    expect(back.pixelSizeUm).toBeUndefined();
    expect(back.frameIntervalS).toBeUndefined();
  });
});
