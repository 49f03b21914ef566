// Work on a sample plane, remembered while the plane is alive and unchanged. The segment tool chooses its
// parameters two to four times on the same sample planes (nuclei, the object-kind probe, whole cells), and each
// choice used to measure the object scale, the background and the noise of every plane again (a fifth of an eval
// file's CPU time). Results are keyed by the plane object and checked against a fingerprint of its contents on every
// look-up, so a plane written in place is measured afresh. What is remembered must not be written by its users.
import type { PlaneData } from '../image/movie.ts';

/** Results kept per plane at most (the oldest goes first): options tried on one plane are few in any session. */
const MAX_RESULTS_PER_PLANE = 48;

interface Entry {
  fingerprint: number;
  results: Map<string, unknown>;
}

const memos = new WeakMap<PlaneData, Entry>();

/** A 32-bit fingerprint of every byte of the plane (multiply-xorshift over 32-bit words; about 1 ms per megapixel). */
export function planeFingerprint(plane: PlaneData): number {
  const { buffer, byteOffset, byteLength } = plane;
  const bytes = new Uint8Array(buffer, byteOffset, byteLength);
  const whole = byteLength >> 2;
  // (a plane that starts off a 4-byte boundary, a view into a larger buffer, is read through an aligned copy)
  const words = byteOffset % 4 === 0 ? new Uint32Array(buffer, byteOffset, whole) : new Uint32Array(bytes.slice(0, 4 * whole).buffer);
  let h = 0x811c9dc5 ^ byteLength;
  let g = 0x9e3779b9;
  let i = 0;
  // two independent chains: twice the throughput of one
  for (; i + 1 < whole; i += 2) {
    h = Math.imul(h ^ words[i], 0x01000193);
    g = Math.imul(g ^ words[i + 1], 0x5bd1e995);
  }
  if (i < whole) h = Math.imul(h ^ words[i], 0x01000193);
  for (let b = 4 * whole; b < byteLength; b++) h = Math.imul(h ^ bytes[b], 0x01000193);
  h ^= Math.imul(g ^ (g >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * The result of `compute` for this plane and key, computed once while the plane keeps its contents. `key` must name
 * everything else the result depends on (options, polarity, sizes). The result is shared: callers only read it.
 */
export function memoOnPlane<T>(plane: PlaneData, key: string, compute: () => T): T {
  const fingerprint = planeFingerprint(plane);
  let entry = memos.get(plane);
  if (!entry || entry.fingerprint !== fingerprint) {
    entry = { fingerprint, results: new Map() };
    memos.set(plane, entry);
  }
  if (entry.results.has(key)) return entry.results.get(key) as T;
  const value = compute();
  // (the plane is read again: compute must not have written it, or the result belongs to other contents)
  if (planeFingerprint(plane) !== fingerprint) return value;
  if (entry.results.size >= MAX_RESULTS_PER_PLANE) entry.results.delete(entry.results.keys().next().value!);
  entry.results.set(key, value);
  return value;
}

/** A key for options objects: their own keys in order, non-finite numbers spelled out (JSON would write null). */
export function optionsKey(options: object): string {
  return JSON.stringify(options, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `#${v}` : v));
}
