// What the planner needs to know about the session's movies without reading pixels:
// the number of frames (a 1-frame projection cannot be tracked or drawn as a kymograph),
// the pixel size (distances said in µm become px) and the channel names ("the brightfield
// channel" is a channel number). Read from the file headers once
// per file version and cached.
import { statSync } from 'node:fs';
import { openMovie } from '../image/reader.ts';

export interface MovieFacts {
  frames: number;
  zSlices: number;
  /** Lateral pixel size, µm; null when the file does not say. */
  pixelSizeUm: number | null;
  /** Width and height of a plane, px. */
  width: number;
  height: number;
  /** The channels' names, in order ("the brightfield channel" is channel 2 of a movie whose second channel is called so). */
  channelNames: string[];
  /** Time between frames, s; absent when the file does not say. */
  frameIntervalS?: number;
}

const cache = new Map<string, MovieFacts | null>();

/** Frames, z slices and pixel size of a movie file; undefined when it is not a readable movie. */
export async function movieFacts(path: string | undefined): Promise<MovieFacts | undefined> {
  if (!path) return undefined;
  let key: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile() && !stat.isDirectory()) return undefined;
    key = `${path}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
  if (cache.has(key)) return cache.get(key) ?? undefined;
  let facts: MovieFacts | null = null;
  try {
    const movie = await openMovie(path);
    facts = { frames: movie.shape.t, zSlices: movie.shape.z, pixelSizeUm: movie.meta.pixelSizeUm ?? null, width: movie.shape.x, height: movie.shape.y, channelNames: [...(movie.meta.channelNames ?? [])], ...(movie.meta.frameIntervalS ? { frameIntervalS: movie.meta.frameIntervalS } : {}) };
    await movie.close();
  } catch {
    // not a movie the reader knows (a table, a model, a stand-in): no facts
  }
  cache.set(key, facts);
  return facts ?? undefined;
}
