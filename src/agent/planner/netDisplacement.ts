// Which distance a "how far" question asks, and the net displacement of each track between
// two frames. A start-to-end distance ("from its starting point", "net", "as the crow flies",
// "straight-line", "end-to-end") is the displacement (TRACK_DISPLACEMENT); a distance "in
// total", "covered" or along the "path" is the path length (TOTAL_DISTANCE_TRAVELED). A
// displacement "between frame 1 and frame 20" is, per track, the distance between its
// position in frame 1 and in frame 20, never the mean step over those frames.
import { trackEdges } from '../../analysis/track.ts';
import { trackIdOfBranch, type Tracks } from '../../analysis/tracks.ts';
import { valueText } from './quantities.ts';
import { counted } from '../../../tools/counted.ts';

export type DistanceKind = 'net' | 'path';

const NET = /\b(?:net|as the crow flies|straight[- ]line|end[- ]to[- ]end|start[- ]to[- ](?:end|finish)|beeline|overall displacements?|from (?:its|their|his|her|the|my) (?:own |original |initial |first )?(?:start(?:ing)?(?: (?:point|position|place|location|spot))?|origin(?:al (?:position|location|place|spot))?|initial (?:position|location|point|place)|beginning|first (?:position|location|point|frame))|from where (?:it|they|each (?:one|cell|track|nucleus)|the (?:cells?|tracks?|nucle(?:us|i)))\s+(?:started|began|start|begin|first (?:was|were|appeared)|(?:was|were) at (?:first|the start)))\b/i;
const PATH = /\b(?:in total|total (?:distance|path|length)|path lengths?|(?:along|over) (?:its|their|the) (?:path|trajectory|route)|distances? (?:covered|travell?ed|traveled|run|walked)|distances?\b[^.?]{0,30}?\b(?:cover(?:s|ed)?|travel(?:s|l?ed)?|walk(?:s|ed)?)\b|(?:covered|travell?ed|traveled) (?:in total|altogether|overall)|cumulative (?:distance|path|length)|all (?:the )?way (?:along|round|around))\b/i;

/** The distance a question asks: 'net' (start to end), 'path' (length travelled), or undefined when it says neither. */
export function distanceKindOf(text: string): DistanceKind | undefined {
  const net = NET.exec(text);
  const path = PATH.exec(text);
  if (net && path) return net.index < path.index ? 'net' : 'path';
  return net ? 'net' : path ? 'path' : undefined;
}

/** A distance asked between two positions ("how far", "displacement", "moved", "distance"), not a speed or a per-step value. */
const DISTANCE_ASKED = /\b(?:how far|displacements?|distances?|mov(?:e|ed|es)|travell?ed|traveled|migrated|got|went|shifted)\b/i;
const PER_STEP = /\b(?:per|each|every|a)\s+(?:frame|step|time ?point|timepoint|interval)\b|\bsteps?\b|\bspeeds?\b|\bvelocit(?:y|ies)\b|\bhow fast\b|\bmsd\b|\bmean squared\b/i;

/** True when a question over a range of frames asks each track's start-to-end distance over it ("displacement of every cell between frame 1 and frame 20"). */
export function asksDisplacementBetweenFrames(text: string): boolean {
  return DISTANCE_ASKED.test(text) && !PER_STEP.test(text) && distanceKindOf(text) !== 'path';
}

/** True when a question asks each track's start-to-end distance over its whole span ("net displacement", "how far from its starting point"), not a step's. */
export function asksNetDisplacement(text: string): boolean {
  return !PER_STEP.test(text) && distanceKindOf(text) === 'net';
}

/**
 * Per TrackMate track, the distance between its first and its last position (TrackMate's
 * TRACK_DISPLACEMENT), from the tracks themselves: what "net displacement" asks when the only
 * table at hand has one row per step. A track that ends in two daughters has no one last position (left out).
 */
export function netDisplacementsOfTracks(tracks: Tracks, only?: number): { displacements: TrackDisplacement[]; divided: number; oneSpot: number } {
  const trackOf = trackIdOfBranch(tracks);
  const ends = new Map<number, { first: Tracks['spots']; last: Tracks['spots'] }>();
  for (const spot of tracks.spots) {
    const track = trackOf.get(spot.branchId);
    if (track === undefined || (only !== undefined && track !== only)) continue;
    const entry = ends.get(track) ?? { first: [], last: [] };
    if (!entry.first.length || spot.t < entry.first[0].t) entry.first = [spot];
    else if (spot.t === entry.first[0].t) entry.first.push(spot);
    if (!entry.last.length || spot.t > entry.last[0].t) entry.last = [spot];
    else if (spot.t === entry.last[0].t) entry.last.push(spot);
    ends.set(track, entry);
  }
  const out = { displacements: [] as TrackDisplacement[], divided: 0, oneSpot: 0 };
  for (const [track, { first, last }] of [...ends].sort((p, q) => p[0] - q[0])) {
    if (first.length > 1 || last.length > 1) out.divided += 1;
    else if (first[0] === last[0]) out.oneSpot += 1;
    else out.displacements.push({ track, displacementPx: Math.hypot(last[0].x - first[0].x, last[0].y - first[0].y, (last[0].z ?? 0) - (first[0].z ?? 0)) });
  }
  return out;
}

/** "Net displacement per track (first to last position, from tracks-1; the table at hand, table-2, has one row per step): track 1: 5 µm, ...; mean ..." */
export function netDisplacementsAnswer(found: ReturnType<typeof netDisplacementsOfTracks>, pixelSizeUm: number | undefined, source: string, why: string, shown = 15, extreme?: 'max' | 'min'): string {
  const unit = pixelSizeUm ? 'µm' : 'px';
  const said = (px: number) => `${valueText(px * (pixelSizeUm ?? 1))} ${unit}`;
  const calibration = pixelSizeUm ? '' : ' (no calibration known: no pixel size; set_calibration sets it)';
  const left = [...(found.divided ? [`${counted(found.divided, 'track')} that divided (no single last position)`] : []), ...(found.oneSpot ? [`${counted(found.oneSpot, 'track')} of one spot`] : [])];
  const leftOut = left.length ? `; left out: ${left.join(', ')}` : '';
  const values = found.displacements;
  if (values.length === 0) return `No track has a single first and last position, so no net displacement can be given${leftOut} (from ${source})`;
  if (values.length === 1 && !left.length) return `Track ${values[0].track} moved ${said(values[0].displacementPx)} from its first to its last position (net displacement${calibration}; from ${source}${why})`;
  // "which track has the largest net displacement?": the one at that end, with the count it is picked from
  if (extreme) {
    const pick = values.reduce((a, b) => ((extreme === 'max' ? b.displacementPx > a.displacementPx : b.displacementPx < a.displacementPx) ? b : a));
    return `Track ${pick.track} has the ${extreme === 'max' ? 'largest' : 'smallest'} net displacement (straight-line distance from its first to its last position): ${said(pick.displacementPx)}${calibration}, of ${counted(values.length, 'track')}${leftOut} (from ${source}${why})`;
  }
  const listed = values.slice(0, shown).map((d) => `track ${d.track}: ${said(d.displacementPx)}`).join(', ');
  const more = values.length > shown ? `, ... (${values.length - shown} more)` : '';
  const meanPx = values.reduce((s, d) => s + d.displacementPx, 0) / values.length;
  return `Net displacement per track (the straight-line distance from its first to its last position, ${unit}${calibration}): ${listed}${more}; mean ${said(meanPx)} over ${counted(values.length, 'track')}${leftOut} (from ${source}${why})`;
}

/** True when a question over a range of frames asks each track's path length over it ("total distance travelled by each cell from frame 5 to 15", "path length between frames 1 and 20"). */
export function asksPathLengthBetweenFrames(text: string): boolean {
  return !PER_STEP.test(text) && distanceKindOf(text) === 'path';
}

export interface TrackPathLength {
  track: number;
  /** Sum of the track's steps whose two spots both lie in the frames asked, all branches (TrackMate's TOTAL_DISTANCE_TRAVELED over those frames), pixels. */
  pathLengthPx: number;
  /** Steps summed. */
  steps: number;
}

/**
 * Per TrackMate track (branches joined by lineage), the length of its path between
 * `firstFrame` and `lastFrame` (1-based, inclusive): the sum of its steps whose two spots
 * both lie in those frames. Tracks with no step there are left out (counted).
 */
export function pathLengthsBetween(tracks: Tracks, firstFrame: number, lastFrame: number, only?: number): { firstFrame: number; lastFrame: number; lengths: TrackPathLength[]; noStep: number; clampedToFrames?: number } {
  const first = Math.max(1, Math.min(firstFrame, tracks.frames));
  const last = Math.max(1, Math.min(lastFrame, tracks.frames));
  const trackOf = trackIdOfBranch(tracks);
  const sums = new Map<number, TrackPathLength>();
  for (const id of new Set(trackOf.values())) if (only === undefined || id === only) sums.set(id, { track: id, pathLengthPx: 0, steps: 0 });
  const inside = (t: number) => t >= first - 1 && t <= last - 1;
  for (const { source, target } of trackEdges(tracks)) {
    const entry = sums.get(trackOf.get(target.branchId) ?? -1);
    if (!entry || !inside(source.t) || !inside(target.t)) continue;
    entry.pathLengthPx += Math.hypot(target.x - source.x, target.y - source.y, (target.z ?? 0) - (source.z ?? 0));
    entry.steps += 1;
  }
  const all = [...sums.values()].sort((a, b) => a.track - b.track);
  const lengths = all.filter((l) => l.steps > 0);
  return { firstFrame: first, lastFrame: last, lengths, noStep: all.length - lengths.length, ...(first !== firstFrame || last !== lastFrame ? { clampedToFrames: tracks.frames } : {}) };
}

/** "Path length from frame 5 to frame 15 per track (...): track 1: 12.3 µm, ...; mean 10.2 µm over 5 tracks". */
export function pathLengthsAnswer(found: ReturnType<typeof pathLengthsBetween>, pixelSizeUm: number | undefined, source: string, shown = 15): string {
  const unit = pixelSizeUm ? 'µm' : 'px';
  const said = (px: number) => `${valueText(px * (pixelSizeUm ?? 1))} ${unit}`;
  const span = `from frame ${found.firstFrame} to frame ${found.lastFrame}${found.clampedToFrames ? ` (the movie has ${found.clampedToFrames} frames)` : ''}`;
  const calibration = pixelSizeUm ? '' : ' (no calibration known: no pixel size; set_calibration sets it)';
  const leftOut = found.noStep ? `; left out: ${counted(found.noStep, 'track')} with no step in those frames` : '';
  const values = found.lengths;
  if (values.length === 0) return `No track has a step ${span}, so no path length can be given${leftOut} (from ${source})`;
  const what = `the sum of its steps between those frames, all branches${calibration}`;
  if (values.length === 1 && !found.noStep) return `Track ${values[0].track} travelled ${said(values[0].pathLengthPx)} along its path ${span} (path length: ${what}; from ${source})`;
  const listed = values.slice(0, shown).map((d) => `track ${d.track}: ${said(d.pathLengthPx)}`).join(', ');
  const more = values.length > shown ? `, ... (${values.length - shown} more)` : '';
  const meanPx = values.reduce((s, d) => s + d.pathLengthPx, 0) / values.length;
  return `Path length ${span} per track (${what}): ${listed}${more}; mean ${said(meanPx)} over ${counted(values.length, 'track')}${leftOut} (from ${source})`;
}

export interface TrackDisplacement {
  track: number;
  /** Distance between the track's positions in the two frames, pixels. */
  displacementPx: number;
}

export interface DisplacementsBetween {
  /** 1-based frames, as asked (clamped to the movie). */
  firstFrame: number;
  lastFrame: number;
  displacements: TrackDisplacement[];
  /** Tracks seen in only one of the two frames, or in neither. */
  notInBoth: number;
  /** Tracks with more than one spot in one of the frames (divided by then): no one position. */
  divided: number;
  /** Frames in the movie, when a frame asked was past its end (or before its start) and was moved inside it. */
  clampedToFrames?: number;
}

/**
 * Per TrackMate track (branches joined by lineage), the distance between its one spot in
 * `firstFrame` and its one spot in `lastFrame` (1-based). Tracks seen in only one of the
 * frames are counted as left out, and so are those with two spots in a frame (divided).
 */
export function displacementsBetween(tracks: Tracks, firstFrame: number, lastFrame: number, only?: number): DisplacementsBetween {
  const first = Math.max(1, Math.min(firstFrame, tracks.frames));
  const last = Math.max(1, Math.min(lastFrame, tracks.frames));
  const trackOf = trackIdOfBranch(tracks);
  const at = new Map<number, { first: { x: number; y: number; z?: number }[]; last: { x: number; y: number; z?: number }[] }>();
  for (const id of new Set(trackOf.values())) if (only === undefined || id === only) at.set(id, { first: [], last: [] });
  for (const spot of tracks.spots) {
    const entry = at.get(trackOf.get(spot.branchId) ?? -1);
    if (!entry) continue;
    if (spot.t === first - 1) entry.first.push(spot);
    if (spot.t === last - 1) entry.last.push(spot);
  }
  const out: DisplacementsBetween = { firstFrame: first, lastFrame: last, displacements: [], notInBoth: 0, divided: 0, ...(first !== firstFrame || last !== lastFrame ? { clampedToFrames: tracks.frames } : {}) };
  for (const [track, { first: a, last: b }] of [...at].sort((p, q) => p[0] - q[0])) {
    if (a.length === 0 || b.length === 0) out.notInBoth += 1;
    else if (a.length > 1 || b.length > 1) out.divided += 1;
    else out.displacements.push({ track, displacementPx: Math.hypot(b[0].x - a[0].x, b[0].y - a[0].y, (b[0].z ?? 0) - (a[0].z ?? 0)) });
  }
  return out;
}

/**
 * "Net displacement from frame 1 to frame 20 (distance between each track's position in the two
 * frames): track 1: 12.3 µm, ...; mean 10.2 µm over 12 tracks; 8 tracks not seen in both frames left out."
 * In µm with a pixel size, else in px said as uncalibrated.
 */
export function displacementsAnswer(found: DisplacementsBetween, pixelSizeUm: number | undefined, source: string, shown = 15): string {
  const unit = pixelSizeUm ? 'µm' : 'px';
  const scale = pixelSizeUm ?? 1;
  const said = (px: number) => `${valueText(px * scale)} ${unit}`;
  const span = `from frame ${found.firstFrame} to frame ${found.lastFrame}${found.clampedToFrames ? ` (the movie has ${found.clampedToFrames} frames)` : ''}`;
  const left = [
    ...(found.notInBoth ? [`${found.notInBoth} track${found.notInBoth === 1 ? '' : 's'} not seen in both frames`] : []),
    ...(found.divided ? [`${found.divided} track${found.divided === 1 ? '' : 's'} divided by then (no single position)`] : []),
  ];
  const leftOut = left.length ? `; left out: ${left.join(', ')}` : '';
  const calibration = pixelSizeUm ? '' : ' (no calibration known: no pixel size; set_calibration sets it)';
  const values = found.displacements;
  if (values.length === 0) return `No track is seen in both frame ${found.firstFrame} and frame ${found.lastFrame}, so no net displacement ${span} can be given${leftOut} (from ${source})`;
  if (values.length === 1 && left.length === 0) {
    return `Track ${values[0].track} moved ${said(values[0].displacementPx)} ${span} (net displacement: the straight-line distance between its positions in the two frames${calibration}; from ${source})`;
  }
  const listed = values.slice(0, shown).map((d) => `track ${d.track}: ${said(d.displacementPx)}`).join(', ');
  const more = values.length > shown ? `, ... (${values.length - shown} more)` : '';
  const meanPx = values.reduce((s, d) => s + d.displacementPx, 0) / values.length;
  return `Net displacement ${span} per track (the straight-line distance between its positions in the two frames, ${unit}${calibration}): ${listed}${more}; mean ${said(meanPx)} over ${values.length} track${values.length === 1 ? '' : 's'}${leftOut} (from ${source})`;
}
