// ImageJ hyperstack metadata: the "ImageJ=..." ImageDescription (key=value lines) and the
// IJMetadata tags (per-plane labels), as written by ImageJ's TiffEncoder and tifffile.
import type { MovieMeta, Shape } from '../movie.ts';

export interface ImageJDescription {
  version: string;
  images: number;
  channels: number;
  slices: number;
  frames: number;
  hyperstack: boolean;
  /** Length unit as written (micron, nm, ...). */
  unit?: string;
  /** z spacing in `unit`. */
  spacing?: number;
  /** Frame interval in `tunit` (seconds unless stated). */
  finterval?: number;
  tunit?: string;
  channelNames?: string[];
  /** Every key as read, for MovieMeta.extra. */
  keys: Record<string, string>;
}

export function isImageJDescription(desc: string | undefined): desc is string {
  return !!desc && desc.startsWith('ImageJ=');
}

export function parseImageJDescription(desc: string): ImageJDescription {
  const keys: Record<string, string> = {};
  for (const line of desc.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    keys[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const int = (k: string): number | undefined => {
    const v = Number.parseInt(keys[k] ?? '', 10);
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const num = (k: string): number | undefined => {
    const v = Number.parseFloat(keys[k] ?? '');
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const channels = int('channels') ?? 1;
  const slices = int('slices') ?? 1;
  let frames = int('frames') ?? 1;
  const images = int('images') ?? channels * slices * frames;
  // ImageJ stacks without hyperstack keys are a plain series of `images` planes: time.
  if (channels * slices * frames === 1 && images > 1) frames = images;
  let channelNames: string[] | undefined;
  if (keys.channel_names) {
    try {
      const parsed = JSON.parse(keys.channel_names);
      if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) channelNames = parsed;
    } catch {
      // not ours: ignore
    }
  }
  return {
    version: keys.ImageJ ?? '',
    images,
    channels,
    slices,
    frames,
    hyperstack: keys.hyperstack === 'true',
    unit: keys.unit ? decodeUnit(keys.unit) : undefined,
    spacing: num('spacing'),
    finterval: num('finterval'),
    tunit: keys.tunit,
    channelNames,
    keys,
  };
}

/** ImageJ escapes µ as \u00B5. */
function decodeUnit(unit: string): string {
  return unit.replace(/\\u00[bB]5/g, 'µ');
}

const UM_PER_UNIT: Record<string, number> = {
  micron: 1, microns: 1, um: 1, 'µm': 1, 'μm': 1, micrometer: 1, micrometre: 1,
  nm: 1e-3, nanometer: 1e-3, nanometre: 1e-3,
  mm: 1e3, millimeter: 1e3, cm: 1e4, m: 1e6, meter: 1e6,
  pixel: NaN, pixels: NaN, inch: 25400,
};

/** Micrometres per `unit`, or undefined when the unit is not a length we know. */
export function umPerUnit(unit: string | undefined): number | undefined {
  if (!unit) return undefined;
  const f = UM_PER_UNIT[unit.trim().toLowerCase()] ?? UM_PER_UNIT[unit.trim()];
  return f !== undefined && Number.isFinite(f) ? f : undefined;
}

const S_PER_TUNIT: Record<string, number> = {
  s: 1, sec: 1, second: 1, seconds: 1, ms: 1e-3, msec: 1e-3, min: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hour: 3600, hours: 3600,
};

export function secondsPerTimeUnit(unit: string | undefined): number | undefined {
  if (!unit) return 1;
  return S_PER_TUNIT[unit.trim().toLowerCase()];
}

/** The ImageDescription of an ImageJ hyperstack, as ImageJ 1.x and tifffile write it. */
export function formatImageJDescription(shape: Shape, meta: MovieMeta, images = shape.t * shape.z * shape.c): string {
  const frames = Math.floor(images / (shape.c * shape.z));
  const lines = ['ImageJ=1.11a', `images=${images}`];
  if (frames >= 1) {
    if (shape.c > 1) lines.push(`channels=${shape.c}`);
    if (shape.z > 1) lines.push(`slices=${shape.z}`);
    if (frames > 1) lines.push(`frames=${frames}`);
    if (images > 1) lines.push('hyperstack=true');
  }
  lines.push('mode=grayscale');
  if (meta.pixelSizeUm || meta.zStepUm) lines.push('unit=micron');
  // rows that are not a length (a kymograph's time): Fiji shows the height in this unit, not µm
  if (meta.yUnit && meta.pixelSizeUm) lines.push(`yunit=${meta.yUnit.replace(/[\r\n=]/g, ' ')}`);
  if (meta.zStepUm) lines.push(`spacing=${meta.zStepUm}`);
  if (meta.frameIntervalS) lines.push(`finterval=${meta.frameIntervalS}`);
  if (meta.channelNames.length) lines.push(`channel_names=${JSON.stringify(meta.channelNames.map((n) => n.replace(/[\r\n]/g, ' ')))}`);
  lines.push('loop=false');
  lines.push(...extraLines(meta.extra));
  return lines.join('\n') + '\n';
}

/** Keys ImageJ or tifffile interpret, and format-specific keys that would mislead in an ImageJ file. */
const RESERVED = new Set([
  'ImageJ', 'images', 'channels', 'slices', 'frames', 'hyperstack', 'mode', 'unit', 'spacing', 'finterval', 'tunit',
  'loop', 'min', 'max', 'channel_names', 'labels', 'ranges', 'xorigin', 'yorigin', 'zorigin', 'cf', 'c0', 'c1', 'vunit',
  'fps', 'yunit', 'zunit', 'info', 'properties', 'dimensionOrder', 'omeImages', 'omeFiles',
]);

/** MovieMeta.extra as further key=value lines (provenance such as the stage position). */
function extraLines(extra: MovieMeta['extra']): string[] {
  if (!extra) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(extra)) {
    if (RESERVED.has(key) || !/^[A-Za-z_][\w.-]{0,63}$/.test(key)) continue;
    const text = String(value).replace(/[\r\n\0]/g, ' ').slice(0, 1024);
    out.push(`${key}=${text}`);
  }
  return out;
}

/** Per-plane labels from the IJMetadata tags ("labl" entries), or undefined. */
export function parseImageJLabels(byteCounts: number[] | undefined, data: Buffer | undefined, littleEndian: boolean): string[] | undefined {
  if (!byteCounts || !data || byteCounts.length < 2 || data.length < 4) return undefined;
  const u32 = (p: number) => (littleEndian ? data.readUInt32LE(p) : data.readUInt32BE(p));
  if (u32(0) !== 0x494a494a) return undefined; // "IJIJ" in the file's byte order
  const headerBytes = byteCounts[0];
  const entries: { type: number; count: number }[] = [];
  for (let p = 4; p + 8 <= headerBytes && p + 8 <= data.length; p += 8) entries.push({ type: u32(p), count: u32(p + 4) });
  let pos = headerBytes;
  let k = 1;
  for (const e of entries) {
    const isLabels = e.type === 0x6c61626c; // "labl"
    const values: string[] = [];
    for (let i = 0; i < e.count && k < byteCounts.length; i++, k++) {
      const len = byteCounts[k];
      if (isLabels && pos + len <= data.length) values.push(utf16(data.subarray(pos, pos + len), littleEndian));
      pos += len;
    }
    if (isLabels) return values;
  }
  return undefined;
}

function utf16(bytes: Buffer, le: boolean): string {
  const copy = Buffer.from(bytes);
  if (!le) copy.swap16();
  return copy.toString('utf16le');
}

/** IJMetadataByteCounts and IJMetadata (little-endian) holding one label per plane. */
export function encodeImageJLabels(labels: string[]): { byteCounts: number[]; data: Buffer } {
  const header = Buffer.alloc(12);
  header.writeUInt32LE(0x494a494a, 0);
  header.writeUInt32LE(0x6c61626c, 4);
  header.writeUInt32LE(labels.length, 8);
  const parts = labels.map((l) => Buffer.from(l, 'utf16le'));
  return { byteCounts: [header.length, ...parts.map((b) => b.length)], data: Buffer.concat([header, ...parts]) };
}
