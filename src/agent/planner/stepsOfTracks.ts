// A speed or a step length at a frame ("in which frame are the cells fastest?", "mean speed in frame 3") is a property
// of the steps between frames, which the tracks hold: when no table at hand has a row per step (measure kind links), the steps are read from the newest tracks, as measure kind links would write them. A
// table of whole tracks (one row per track) or of objects has no speed at a frame, and no step is run to make one.
import type { Table } from '../../analysis/table.ts';
import { linkTable } from '../../analysis/trackFeatures.ts';
import type { Tracks } from '../../analysis/tracks.ts';
import type { KnownArtifact } from './conversation.ts';

/** The scope words that need a frame: one frame, a range, each frame, a comparison of frames, which frame. */
export interface FramedScope {
  frame?: unknown;
  frames?: unknown;
  perFrame?: boolean;
  whichFrame?: boolean;
  compare?: unknown;
  atTimeS?: number;
  quantity: Set<string>;
}

/** Quantities of motion between frames, as readQuestion keys them ("fastest" → speed, "moved" → mov). */
const MOTION = /^(?:speed|velocit\w*|fast\w*|slow\w*|quick\w*|mov\w*|motil\w*|migrat\w*|step\w*|displace\w*)$/;

export function asksMotionAtFrames(scope: FramedScope): boolean {
  // ("speed over time", a value per frame, is left to measure kind links, whose table the answer and a plot then share)
  const atFrames = scope.frame !== undefined || scope.frames !== undefined || scope.whichFrame === true || scope.compare !== undefined || scope.atTimeS !== undefined;
  return atFrames && [...scope.quantity].some((w) => MOTION.test(w));
}

/** Does a table have a row per frame with a speed in it (a links table, or objects measured with their speeds)? */
function hasSpeedAtFrames(table: Table): boolean {
  return table.columns.includes('t') && table.columns.some((c) => /speed|velocity/i.test(c));
}

/**
 * The tables, with the steps of the newest tracks after them when the question asks motion at a frame and no table
 * has it; the derived table is named after the tracks it comes from ("the steps of tracks-1").
 */
export function withStepsOfTracks<T extends { artifact: KnownArtifact; table: Table }>(
  tables: T[],
  scope: FramedScope,
  newest: () => { artifact: KnownArtifact; tracks: Tracks } | undefined,
): (T | { artifact: KnownArtifact; table: Table })[] {
  if (!asksMotionAtFrames(scope) || tables.some(({ table }) => hasSpeedAtFrames(table))) return tables;
  const found = newest();
  if (!found) return tables;
  const { table } = linkTable(found.tracks);
  if (table.rows.length === 0) return tables;
  return [...tables, { artifact: { id: `the steps between frames of ${found.artifact.id}`, type: 'table', producedBy: 'track' }, table }];
}
