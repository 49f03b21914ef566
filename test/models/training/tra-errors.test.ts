import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMovie } from '../../../src/image/index.ts';
import { movieFromPlanes } from '../../../src/image/movie.ts';
import { traErrors } from '../../../models/training/tra-errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-tra-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 24 x 24 frame with 6 x 6 squares of the given labels at the given corners. */
function frame(squares: [number, number, number][]): Uint16Array {
  const plane = new Uint16Array(24 * 24);
  for (const [label, x0, y0] of squares) for (let y = y0; y < y0 + 6; y++) for (let x = x0; x < x0 + 6; x++) plane[y * 24 + x] = label;
  return plane;
}

async function folder(name: string, prefix: string, trackFile: string, frames: Uint16Array[], rows: string): Promise<string> {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  for (let t = 0; t < frames.length; t++) await writeMovie(join(out, `${prefix}${String(t).padStart(3, '0')}.tif`), movieFromPlanes({ t: 1, z: 1, c: 1, y: 24, x: 24 }, 'uint16', () => frames[t]));
  writeFileSync(join(out, trackFile), rows);
  return out;
}

describe('tra-errors: what TRA loses, by class', () => {
  it('puts a division whose mother goes on as one daughter, the other a new track, on the tracker (a link of the wrong kind and a mother-daughter link left out)', async () => {
    // truth: mother 1 in frames 0-1, daughters 2 and 3 in frame 2; an object 4 that the result misses in frame 1
    const truth = await folder('truth', 'man_track', 'man_track.txt', [frame([[1, 8, 8], [4, 0, 18]]), frame([[1, 9, 8], [4, 1, 18]]), frame([[2, 2, 8], [3, 16, 8], [4, 2, 18]])], '1 0 1 0\n2 2 2 1\n3 2 2 1\n4 0 2 0\n');
    const result = await folder('result', 'mask', 'res_track.txt', [frame([[1, 8, 8], [4, 0, 18]]), frame([[1, 9, 8]]), frame([[1, 2, 8], [2, 16, 8], [5, 2, 18]])], '1 0 2 0\n2 2 2 0\n4 0 0 0\n5 2 2 0\n');
    const e = await traErrors(truth, result);
    expect(e.divisions).toEqual({ 'mother goes on; other daughter a new track': [2] });
    expect(e.cost['tracker: link of the wrong kind (ec)']).toBe(1);
    expect(e.cost['tracker: mother-daughter link left out (ea)']).toBe(1.5);
    // the missed object (10) and its two links (1.5 each) go to the segmentation
    expect(e.cost['segmentation: missed objects (fn)']).toBe(10);
    expect(e.cost['links to add: an end missed (ea)']).toBe(3);
    expect(Object.values(e.share).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  });
});
