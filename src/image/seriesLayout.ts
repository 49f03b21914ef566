// Reading the axes of a file-per-plane series from its file names, as microscopes write
// them: Nikon NIS "…t001xy1c1.tif", Micro-Manager/ImageJ "…_T001_C1_Z01.tif", MetaMorph
// "…_w1_s1_t1.tif", plain "t001.tif". A number that varies across the files is an axis; its
// letters say which (t time, c/ch/w channel, z slice, xy/s/p/pos position). Layouts that
// cannot be read this way are reported, never guessed.
import { basename, extname } from 'node:path';
import { InputError } from '../errors.ts';

export type SeriesAxis = 't' | 'c' | 'z' | 'position';

/** Letters before a number, lower case, and the axis they name. */
const AXIS_OF_PREFIX: Record<string, SeriesAxis> = {
  t: 't',
  tp: 't',
  time: 't',
  frame: 't',
  c: 'c',
  ch: 'c',
  channel: 'c',
  w: 'c',
  z: 'z',
  slice: 'z',
  xy: 'position',
  s: 'position',
  p: 'position',
  pos: 'position',
  position: 'position',
  stage: 'position',
  field: 'position',
};

/** One file and the index it has on each named axis. */
export interface LayoutEntry {
  path: string;
  /** Axis value as written in the name (e.g. c 2 for "c2"). */
  t: number;
  c: number;
  z: number;
  position: number;
}

export interface SeriesLayout {
  /** Axes named by the varying numbers, in name order (e.g. ['t', 'position', 'c']). */
  axes: SeriesAxis[];
  entries: LayoutEntry[];
  /** The token as it appears in the names, per axis (e.g. "xy" for positions), for messages. */
  tokens: Partial<Record<SeriesAxis, string>>;
}

interface Token {
  prefix: string;
  value: number;
}

/** Numbers in a file name with the letters right before them ("t001xy1c1" -> t 1, xy 1, c 1). */
function tokensOf(stem: string): Token[] {
  const tokens: Token[] = [];
  for (const m of stem.matchAll(/([A-Za-z]*)[_-]?(\d+)/g)) {
    // only the letters after the last separator belong to the number ("cells_t1" -> "t")
    const letters = m[1].toLowerCase();
    tokens.push({ prefix: letters, value: Number(m[2]) });
  }
  return tokens;
}

/**
 * The axis the letters before a number name: a known word ("t", "xy", "ch"), or a known word of two or
 * more letters at their end ("imagexy" -> "xy"; single letters only alone: "cells" is no position).
 */
function axisOf(prefix: string): SeriesAxis | undefined {
  if (AXIS_OF_PREFIX[prefix]) return AXIS_OF_PREFIX[prefix];
  const end = Object.keys(AXIS_OF_PREFIX)
    .filter((k) => k.length >= 2)
    .sort((a, b) => b.length - a.length)
    .find((k) => prefix.endsWith(k));
  return end ? AXIS_OF_PREFIX[end] : undefined;
}

/** Frame numbers as MovieMeta.extra.frameNumbers keeps them: "2,5,17", runs of three or more as "5-400" (the field is cut at 1024 characters). */
export function formatFrameNumbers(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    if (j - i >= 2) parts.push(`${numbers[i]}-${numbers[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(numbers[k]));
    i = j + 1;
  }
  return parts.join(',');
}

/** The numbers of formatFrameNumbers' text; undefined when it is not such a list. */
export function parseFrameNumbers(text: string): number[] | undefined {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m) return undefined;
    const [a, b] = [Number(m[1]), m[2] === undefined ? Number(m[1]) : Number(m[2])];
    if (b < a || b - a > 1e6) return undefined;
    for (let n = a; n <= b; n++) out.push(n);
  }
  return out;
}

/**
 * The frame numbers a plain time series writes in its names (t005.tif, t006.tif, ... -> 5, 6, ...): the one number
 * that varies across the files, when it rises from file to file; undefined otherwise (then files count from 0).
 */
export function timeNumbersOf(paths: string[]): number[] | undefined {
  if (paths.length < 2) return undefined;
  const parsed = paths.map((p) => tokensOf(basename(p, extname(p))));
  const count = parsed[0].length;
  if (parsed.some((tokens) => tokens.length !== count || tokens.some((tok, k) => tok.prefix !== parsed[0][k].prefix))) return undefined;
  const varying = parsed[0].map((_, k) => k).filter((k) => parsed.some((tokens) => tokens[k].value !== parsed[0][k].value));
  if (varying.length !== 1 || (axisOf(parsed[0][varying[0]].prefix) ?? 't') !== 't') return undefined;
  const numbers = parsed.map((tokens) => tokens[varying[0]].value);
  return numbers.every((n, i) => i === 0 || n > numbers[i - 1]) ? numbers : undefined;
}

/**
 * The layout of a list of files (already sorted naturally). Names whose numbers do not vary, or vary in
 * one place only, are a plain time series (the existing rule: files are time points in name order).
 * Several varying numbers must each name an axis; otherwise the layout is reported in one line.
 */
export function seriesLayout(paths: string[], what: string): SeriesLayout {
  const plain = (): SeriesLayout => ({ axes: ['t'], entries: paths.map((path, i) => ({ path, t: i, c: 0, z: 0, position: 0 })), tokens: {} });
  if (paths.length < 2) return plain();
  const parsed = paths.map((p) => tokensOf(basename(p, extname(p))));
  const count = parsed[0].length;
  if (parsed.some((tokens) => tokens.length !== count || tokens.some((tok, k) => tok.prefix !== parsed[0][k].prefix))) {
    // names of different shapes: no axis can be read from them
    return plain();
  }
  const varying = parsed[0].map((_, k) => k).filter((k) => parsed.some((tokens) => tokens[k].value !== parsed[0][k].value));
  if (varying.length <= 1) {
    const k = varying[0];
    const axis = k === undefined ? 't' : (axisOf(parsed[0][k].prefix) ?? 't');
    if (axis === 't') return plain();
    // the only varying number names another axis: one time point of channels, slices or positions
    return build(paths, parsed, [[k, axis]]);
  }
  const named = varying.map((k) => [k, axisOf(parsed[0][k].prefix)] as const);
  const unknown = named.filter(([, axis]) => axis === undefined);
  if (unknown.length > 0) {
    const words = varying.map((k) => `"${parsed[0][k].prefix || '(no letters)'}"`).join(', ');
    throw new InputError(
      `${what}: the file names vary in ${varying.length} numbers (after ${words}) and cellpilot cannot tell which is time, channel, z or position; name the frames with a pattern such as "${exampleName(paths[0], parsed[0], varying)}" (time as {t:N}, the rest fixed or *)`,
    );
  }
  const axes = named.map(([, axis]) => axis!);
  const repeated = axes.find((axis, i) => axes.indexOf(axis) !== i);
  if (repeated) throw new InputError(`${what}: two numbers in the file names both look like the ${axisWord(repeated)} axis; name the frames with a pattern such as "t{t:3}.tif"`);
  return build(paths, parsed, named as [number, SeriesAxis][]);
}

function build(paths: string[], parsed: Token[][], named: [number, SeriesAxis][]): SeriesLayout {
  const tokens: SeriesLayout['tokens'] = {};
  for (const [k, axis] of named) tokens[axis] = parsed[0][k].prefix;
  const entries = paths.map((path, i) => {
    const entry: LayoutEntry = { path, t: 0, c: 0, z: 0, position: 0 };
    for (const [k, axis] of named) entry[axis] = parsed[i][k].value;
    return entry;
  });
  return { axes: named.map(([, axis]) => axis), entries, tokens };
}

function axisWord(axis: SeriesAxis): string {
  return axis === 't' ? 'time' : axis === 'c' ? 'channel' : axis === 'z' ? 'z' : 'position';
}

/** The first file's name with the varying numbers as {t:N} (the first) and * (the others). */
function exampleName(path: string, tokens: Token[], varying: number[]): string {
  const name = basename(path);
  let k = -1;
  return name.replace(/([A-Za-z]*[_-]?)(\d+)/g, (whole, letters: string, digits: string) => {
    k++;
    if (!varying.includes(k) || k >= tokens.length) return whole;
    return k === varying[0] ? `${letters}{t:${digits.length}}` : `${letters}*`;
  });
}

/** Unique sorted values of one axis. */
export function axisValues(layout: SeriesLayout, axis: SeriesAxis): number[] {
  return [...new Set(layout.entries.map((e) => e[axis]))].sort((a, b) => a - b);
}
