// Where a movie's frames came from when it was made from part of a longer one: a label movie
// segmented from frames 7-9 keeps, in its metadata, that its first frame is frame 7 of the
// movie it was made from, so that what is measured on it is paired with the intensities of
// those frames and reported as frame 7, not as frame 1 (or refused as "outside the movie").
import type { MovieMeta } from './movie.ts';

/** The MovieMeta.extra key holding the 0-based index, in the source movie, of this movie's first frame. */
const FIRST_FRAME_KEY = 'sourceFirstFrame';

/** 0-based index, in the movie it was made from, of this movie's first frame; 0 for a movie not cut from another. */
export function sourceFirstFrame(meta: Pick<MovieMeta, 'extra'>): number {
  const value = Number(meta.extra?.[FIRST_FRAME_KEY]);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * The extra metadata that says a movie's frames start at 0-based frame `first` of `source`
 * (itself perhaps cut from another, whose numbering it keeps); empty when they start at its first frame.
 */
export function sourceFrameExtra(source: Pick<MovieMeta, 'extra'>, first: number): Record<string, number> {
  const offset = sourceFirstFrame(source) + first;
  return offset > 0 ? { [FIRST_FRAME_KEY]: offset } : {};
}
