// Which movies are time-lapses. A step that needs time (tracking, drift, bleaching, a
// kymograph, time series, interpolation) must not get a 1-frame projection, and a label
// movie must never be measured against a movie with a different number of frames.
import { type Catalogue, selfOf } from './catalogue.ts';
import type { Conversation, KnownArtifact, PastResult } from './conversation.ts';

/** True when the tool declares it needs a time-lapse (several frames). */
export function needsFrames(tool: string, catalogue: Catalogue, args: Record<string, unknown> = {}): boolean {
  const needs = selfOf(tool, catalogue)?.needsFrames;
  return typeof needs === 'function' ? needs(args) : needs === true;
}


/** Frames of each movie or label artifact where known: from the file header, else from the step that made it (`framesOut`). */
export function frameCounts(conversation: Conversation): Map<string, number> {
  return countsAlongTheSession(conversation, (a) => a.frames, (self) => self?.framesOut);
}

/** Z slices of each movie or label artifact where known: from the file header, else from the step that made it (`zOut`, else `framesOut`). */
export function zSliceCounts(conversation: Conversation): Map<string, number> {
  return countsAlongTheSession(conversation, (a) => a.zSlices, (self) => self?.zOut ?? self?.framesOut);
}

type CountDeclared = 'same' | 'one' | ((args: Record<string, unknown>) => 'same' | 'one') | undefined;

/** A count of each movie or label artifact (frames or slices): the header's, else what each step wrote by its tool's declaration. */
function countsAlongTheSession(conversation: Conversation, fromHeader: (a: KnownArtifact) => number | undefined, declaredBy: (self: ReturnType<typeof selfOf>) => CountDeclared): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of conversation.artifactsAtStart) {
    const n = fromHeader(a);
    if (typeof n === 'number') counts.set(a.id, n);
  }
  for (const r of [...conversation.earlier, ...conversation.current]) {
    if (!r.ok) continue;
    const made = countMade(r, counts, declaredBy(selfOf(r.tool)));
    if (made === undefined) continue;
    for (const a of r.artifacts) if ((a.type === 'movie' || a.type === 'labels') && !counts.has(a.id)) counts.set(a.id, made);
  }
  return counts;
}

/** How many frames (or slices) a step wrote by its declaration: one, or as many as its input movie has. */
function countMade(r: PastResult, counts: Map<string, number>, declared: CountDeclared): number | undefined {
  const input = typeof r.args.movie === 'string' ? counts.get(r.args.movie) : undefined;
  const out = typeof declared === 'function' ? declared(r.args) : declared;
  return out === 'one' ? 1 : out === 'same' ? input : undefined;
}

/** True when the artifact is known to be a single frame. */
export function isSingleFrame(id: string, counts: Map<string, number>): boolean {
  return counts.get(id) === 1;
}

/** The movie a label movie was segmented from, when a step of this session made it. */
export function sourceMovieOf(labelsId: string, conversation: Conversation): string | undefined {
  const maker = [...conversation.earlier, ...conversation.current].find((r) => r.ok && r.artifacts.some((a) => a.id === labelsId));
  return maker && typeof maker.args.movie === 'string' ? maker.args.movie : undefined;
}

/** Candidates a time step may take: those not known to be one frame. */
export function multiFrame(candidates: KnownArtifact[], counts: Map<string, number>): KnownArtifact[] {
  return candidates.filter((a) => !isSingleFrame(a.id, counts));
}

/**
 * The intensity movie to pair with a label movie: `movie` itself when the frame and z slice counts
 * agree, else the movie the labels were made from when that one agrees, else undefined.
 */
export function matchingMovie(movie: string, labels: string, conversation: Conversation, counts: Map<string, number>): string | undefined {
  const slices = zSliceCounts(conversation);
  const same = (of: Map<string, number>, m: string) => of.get(m) === undefined || of.get(labels) === undefined || of.get(m) === of.get(labels);
  const agree = (m: string) => isSingleFrame(m, counts) === isSingleFrame(labels, counts) && same(counts, m) && same(slices, m);
  if (agree(movie)) return movie;
  const source = sourceMovieOf(labels, conversation);
  return source && agree(source) ? source : undefined;
}
