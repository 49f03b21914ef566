import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrackMateXml, writeTrackMateXml } from '../../src/analysis/trackmateXml.ts';
import { loadTracks, tracksToTable, writeTracksCsv } from '../../src/analysis/trackio.ts';
import { tableToCsv } from '../../src/analysis/table.ts';
import { spotRadius } from '../../src/analysis/spotSize.ts';
import type { Tracks } from '../../src/analysis/tracks.ts';

/** Two frames of one 3-D object of 584 voxels (0.4 x 0.4 x 1.5 µm), as the tracker measures it on a z-stack. */
function threeDTracks(): Tracks {
  return {
    spots: [
      { id: 1, t: 0, x: 10, y: 12, z: 2.3, label: 1, branchId: 1, features: { area_px: 584 } },
      { id: 2, t: 1, x: 11, y: 12, z: 2.1, label: 1, branchId: 1, features: { area_px: 590 } },
    ],
    branches: [{ id: 1, start: 0, end: 1, parent: 0, spotIds: [1, 2] }],
    frames: 2,
    pixelSizeUm: 0.4,
    zStepUm: 1.5,
    frameIntervalS: 180,
  };
}

const tableToCsvOfTracks = (tracks: Tracks) => tableToCsv(tracksToTable(tracks));
const sphereRadius = (volume: number) => Math.cbrt((3 * volume) / (4 * Math.PI));

describe('a spot size in files', () => {
  it('a 3-D spot\'s pixel count is written as volume_voxels in the tracks CSV (not area_px), and reads back as the tracker\'s area_px', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-spotsize-'));
    const tracks = threeDTracks();
    const header = tableToCsvOfTracks(tracks).split('\n')[0].split(',');
    expect(header).toContain('volume_voxels');
    expect(header).not.toContain('area_px');
    // its frames count from 0 (frame 1 of the answers is t = 0), as the header says
    expect(header).toContain('t (frame index from 0)');
    writeTracksCsv(join(dir, 'tracks.csv'), tracks);
    const back = await loadTracks(join(dir, 'tracks.csv'));
    expect(back.spots.map((s) => s.features)).toEqual([{ area_px: 584 }, { area_px: 590 }]);
  });

  it('a 2-D spot keeps area_px in the tracks CSV', () => {
    const flat = threeDTracks();
    for (const s of flat.spots) delete s.z;
    expect(tableToCsvOfTracks(flat).split('\n')[0].split(',')).toContain('area_px');
  });

  it('TrackMate XML of 3-D tracks: volume_voxels, and RADIUS of the sphere of that volume in µm (not of a disc of that area)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cellpilot-spotsize-')), 'tracks.xml');
    writeTrackMateXml(path, threeDTracks(), { width: 40, height: 40, slices: 5 });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('feature="volume_voxels"');
    expect(text).not.toContain('area_px');
    const radius = Number(/<Spot ID="1"[^>]* RADIUS="([\d.]+)"/.exec(text)![1]);
    // 584 voxels of 0.4 x 0.4 x 1.5 µm = 140.16 µm³: a sphere of radius 3.22 µm (a disc of 584 px would say 5.45 µm)
    expect(radius).toBeCloseTo(sphereRadius(584 * 0.4 * 0.4 * 1.5), 6);
    const { tracks: back } = await readTrackMateXml(path);
    expect(back.spots.find((s) => s.id === 1)!.features).toMatchObject({ area_px: 584 });
    expect(back.spots.find((s) => s.id === 1)!.features).not.toHaveProperty('volume_voxels');
  });

  it('spotRadius: a disc of the area in 2-D, a sphere of the volume in 3-D, the fallback without a count', () => {
    const spot = { id: 1, t: 0, x: 0, y: 0, branchId: 1, features: { area_px: 100 } };
    expect(spotRadius(spot, false, 0.5, 0.5, 5)).toBeCloseTo(Math.sqrt(100 / Math.PI) * 0.5, 9);
    expect(spotRadius(spot, true, 1, 2, 5)).toBeCloseTo(sphereRadius(200), 9);
    expect(spotRadius({ ...spot, features: {} }, false, 0.5, 0.5, 5)).toBe(2.5);
  });
});
