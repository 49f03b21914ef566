// The Cell Tracking Challenge validator's rules on a result folder, shared by the CTC export tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCtcFrames, parseCtcTrackFile, readMaskFrame } from '../../src/analysis/ctc.ts';

/**
 * The rules the Cell Tracking Challenge's official validator checks on a result folder (its
 * "Naming and file content conventions"): one line "L B E P" per track with unique labels; every
 * track label present in the mask of every frame from B to E and in no other frame; every label
 * in a mask listed in res_track.txt; a parent is 0 or a listed track that ends before its child begins.
 */
export async function ctcViolations(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const rows = parseCtcTrackFile(readFileSync(join(dir, 'res_track.txt'), 'utf8'));
  const byLabel = new Map(rows.map((r) => [r.id, r]));
  if (byLabel.size !== rows.length) problems.push('duplicate labels in res_track.txt');
  const present = new Map<number, Set<number>>();
  for (const [t, path] of listCtcFrames(dir, 'mask')) {
    const { planes } = await readMaskFrame(path);
    for (const plane of planes) for (let i = 0; i < plane.length; i++) if (plane[i] > 0) (present.get(plane[i]) ?? present.set(plane[i], new Set()).get(plane[i])!).add(t);
  }
  for (const [label, frames] of present) {
    const row = byLabel.get(label);
    if (!row) {
      problems.push(`label ${label} is in the masks but not in res_track.txt`);
      continue;
    }
    for (const t of frames) if (t < row.start || t > row.end) problems.push(`label ${label} is in frame ${t}, outside its ${row.start}-${row.end}`);
  }
  for (const row of rows) {
    for (let t = row.start; t <= row.end; t++) if (!present.get(row.id)?.has(t)) problems.push(`label ${row.id} is missing from frame ${t} (track ${row.start}-${row.end})`);
    if (row.parent === row.id) problems.push(`label ${row.id} is its own parent`);
    if (row.parent > 0) {
      const parent = byLabel.get(row.parent);
      if (!parent) problems.push(`label ${row.id} has parent ${row.parent}, which is not a track`);
      else if (parent.end >= row.start) problems.push(`parent ${row.parent} ends at ${parent.end}, not before its child ${row.id} begins at ${row.start}`);
    }
  }
  return problems;
}
