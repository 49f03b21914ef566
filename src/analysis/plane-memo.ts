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

/**
 * Results by the contents of several planes and a key (which must name everything else the result depends on), for
 * work that is a function of those planes alone and is asked again of fresh copies of them: the segment tool chooses
 * its parameters from a few sample frames read afresh from the file on every run (a rerun with another threshold, a
 * follow-up, the next eval case on a copy of the same movie). Each entry keeps a copy of the planes' bytes and is
 * used only where all of them are equal byte for byte, so a rewritten file or another frame is computed afresh;
 * results are handed out as copies (structuredClone), so a caller that writes its result cannot change what is kept.
 * In memory, per process; the oldest entry goes first. CELLPILOT_NO_PLANES_MEMO=1 computes every time (comparisons).
 */
const byPlanes = new Map<string, { bytes: Uint8Array[]; value: unknown }>();
/** Entries kept at most (a few movies by a few option sets), and the plane bytes they keep together. */
const PLANES_KEPT = 24;
const PLANES_MAX_BYTES = 48 << 20;
let planesBytes = 0;
/** Look-ups answered from what was kept, and computed (for tests and measurements). */
export const planesMemoCounts = { hits: 0, misses: 0 };

function planeBytes(plane: PlaneData): Uint8Array {
  return new Uint8Array(plane.buffer, plane.byteOffset, plane.byteLength);
}

/** The result of `compute` for planes of these contents (in this order) and this key; a copy of it. */
export function memoOnPlanes<T>(planes: PlaneData[], key: string, compute: () => T): T {
  const size = planes.reduce((a, p) => a + p.byteLength, 0);
  if (process.env.CELLPILOT_NO_PLANES_MEMO === '1' || size > PLANES_MAX_BYTES / 4) return compute();
  const full = `${key}\0${planes.map((p) => `${p.constructor.name}:${p.length}:${planeFingerprint(p)}`).join(',')}`;
  const kept = byPlanes.get(full);
  if (kept && kept.bytes.length === planes.length && kept.bytes.every((b, i) => equalBytes(b, planeBytes(planes[i])))) {
    planesMemoCounts.hits++;
    // (the most recently used goes last, so the oldest goes first)
    byPlanes.delete(full);
    byPlanes.set(full, kept);
    return structuredClone(kept.value) as T;
  }
  planesMemoCounts.misses++;
  const copies = planes.map((p) => planeBytes(p).slice());
  const value = compute();
  // (compute must not have written the planes, or the result belongs to other contents)
  if (!copies.every((b, i) => equalBytes(b, planeBytes(planes[i])))) return value;
  if (kept) (byPlanes.delete(full), (planesBytes -= kept.bytes.reduce((a, b) => a + b.length, 0)));
  while (byPlanes.size && (byPlanes.size >= PLANES_KEPT || planesBytes + size > PLANES_MAX_BYTES)) {
    const [oldest, entry] = byPlanes.entries().next().value!;
    byPlanes.delete(oldest);
    planesBytes -= entry.bytes.reduce((a, b) => a + b.length, 0);
  }
  byPlanes.set(full, { bytes: copies, value: structuredClone(value) });
  planesBytes += size;
  return value;
}

/** Forgets every result kept by memoOnPlanes (tests). */
export function clearPlanesMemo(): void {
  byPlanes.clear();
  planesBytes = 0;
  planesMemoCounts.hits = planesMemoCounts.misses = 0;
}
