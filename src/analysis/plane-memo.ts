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

/**
 * Results by a plane's contents, for work asked again of a copy of the plane: the segment tool segments its sample
 * planes by Otsu and by triangle to choose between them (seg-method-check.ts), then segments every plane of the movie
 * with the method chosen, the sample planes among them, each a fresh copy (segment.ts). Each entry keeps a copy of the
 * plane's bytes and is used only where they are equal byte for byte. What is remembered must not be written by its users.
 */
const byContents = new Map<string, { bytes: Uint8Array; value: unknown }>();
/**
 * Entries kept at most (three sample planes by two methods, and the segment tool's three frames by up to three rules
 * under doubt), and the plane bytes they keep together.
 */
const CONTENTS_KEPT = 18;
const CONTENTS_MAX_BYTES = 16 << 20;
let contentsBytes = 0;

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function contentsKey(plane: PlaneData, key: string): string {
  return `${plane.constructor.name}:${plane.length}:${planeFingerprint(plane)}:${key}`;
}

/** What memoOnContents keeps for a plane of these contents and this key, or undefined (nothing is computed or kept). */
export function keptOnContents<T>(plane: PlaneData, key: string): T | undefined {
  if (plane.byteLength > CONTENTS_MAX_BYTES / 4 || byContents.size === 0) return undefined;
  const kept = byContents.get(contentsKey(plane, key));
  return kept && equalBytes(kept.bytes, new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength)) ? (kept.value as T) : undefined;
}

/** The result of `compute` for a plane of these contents and this key (which must name everything else it depends on). */
export function memoOnContents<T>(plane: PlaneData, key: string, compute: () => T): T {
  if (plane.byteLength > CONTENTS_MAX_BYTES / 4) return compute();
  const bytes = new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength);
  const full = contentsKey(plane, key);
  const kept = byContents.get(full);
  if (kept && equalBytes(kept.bytes, bytes)) return kept.value as T;
  const copy = bytes.slice();
  const value = compute();
  // (compute must not have written the plane, or the result belongs to other contents)
  if (!equalBytes(copy, bytes)) return value;
  if (kept) (byContents.delete(full), (contentsBytes -= kept.bytes.length));
  while (byContents.size && (byContents.size >= CONTENTS_KEPT || contentsBytes + copy.length > CONTENTS_MAX_BYTES)) {
    const [oldest, entry] = byContents.entries().next().value!;
    byContents.delete(oldest);
    contentsBytes -= entry.bytes.length;
  }
  byContents.set(full, { bytes: copy, value });
  contentsBytes += copy.length;
  return value;
}

/** A key for options that gives equal options one key: defined values only, keys sorted; undefined where a value is no plain number, string, boolean or null. */
export function definedOptionsKey(options: object): string | undefined {
  const entries = Object.entries(options).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!entries.every(([, v]) => v === null || ['number', 'string', 'boolean'].includes(typeof v))) return undefined;
  return optionsKey(Object.fromEntries(entries));
}
