// OME-TIFF: the OME-XML in the first ImageDescription gives the axes sizes, their order
// in the IFD sequence (DimensionOrder, TiffData), the calibration and the channel names.
// Only the first Image (series) is read.
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';
import { InputError } from '../../errors.ts';
import type { MovieMeta, Shape } from '../movie.ts';
import { secondsPerTimeUnit, umPerUnit } from './imagej.ts';

export interface OmeLayout {
  shape: Omit<Shape, 'y' | 'x'> & { y: number; x: number };
  dimensionOrder: string;
  meta: MovieMeta;
  /** IFD index of each plane in ImageJ order (planeIndex), -1 where missing. */
  planeIfds: Int32Array;
  /** Index into `files` of each plane's file. */
  planeFiles: Int32Array;
  /** Files holding planes: [this file, companion files...] (absolute or relative to cwd). */
  files: string[];
  /** Whether some TiffData names this file (false: the file may have been renamed). */
  namesSelf: boolean;
  images: number;
}

export function isOmeXml(desc: string | undefined): desc is string {
  return !!desc && /<OME[\s>]/.test(desc.slice(0, 4096));
}

type XmlNode = Record<string, unknown>;

let parser: XMLParser | undefined;

/** The XML parser, loaded on first use: most movies are not OME-TIFF, and every command start-up pays for what it imports. */
function xmlParser(): XMLParser {
  if (!parser) {
    const { XMLParser: Parser } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
    parser = new Parser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      parseAttributeValue: false,
      processEntities: true,
      isArray: (name) => ['Image', 'Channel', 'TiffData', 'Plane'].includes(name),
    });
  }
  return parser;
}

/**
 * Parses the OME-XML of `path`. `planeCapacity(files)` says how many planes the named
 * files can hold at most (see limits.ts); a header that claims more is refused before
 * its plane table is allocated.
 */
export function parseOmeXml(xml: string, path: string, planeCapacity: (files: string[]) => number = () => Infinity): OmeLayout {
  let doc: XmlNode;
  try {
    doc = xmlParser().parse(xml) as XmlNode;
  } catch (err) {
    throw new InputError(`${path}: its OME-XML metadata is malformed (${(err as Error).message.split('\n')[0]})`);
  }
  const ome = doc.OME as XmlNode | undefined;
  const image = (ome?.Image as XmlNode[] | undefined)?.[0];
  const pixels = image?.Pixels as XmlNode | undefined;
  if (!pixels) {
    const binaryOnly = ome?.BinaryOnly as XmlNode | undefined;
    if (binaryOnly && typeof binaryOnly.MetadataFile === 'string') {
      throw new InputError(`${path} is one part of a multi-file OME-TIFF; open ${join(dirname(path), binaryOnly.MetadataFile)} instead`);
    }
    throw new InputError(`${path}: its OME-XML has no Image/Pixels element`);
  }
  const size = (k: string): number => {
    const v = Number(pixels[k] ?? 1);
    if (!Number.isInteger(v) || v < 1) throw new InputError(`${path}: OME-XML ${k}="${pixels[k]}" is not a positive integer`);
    return v;
  };
  const shape = { t: size('SizeT'), z: size('SizeZ'), c: size('SizeC'), y: size('SizeY'), x: size('SizeX') };
  const order = String(pixels.DimensionOrder ?? 'XYZCT').toUpperCase();
  if (!/^XY(ZCT|ZTC|CZT|CTZ|TZC|TCZ)$/.test(order)) throw new InputError(`${path}: OME-XML DimensionOrder "${order}" is not valid`);
  const channels = (pixels.Channel as XmlNode[] | undefined) ?? [];
  if (channels.some((ch) => Number(ch.SamplesPerPixel ?? 1) > 1)) {
    throw new InputError(`${path}: OME-TIFF with RGB (SamplesPerPixel > 1) channels is not supported; split the channels first`);
  }
  const { planeIfds, planeFiles, files, namesSelf } = mapTiffData(pixels, shape, order, path, planeCapacity);
  const images = ((ome?.Image as XmlNode[]) ?? []).length;
  return {
    planeFiles,
    files,
    namesSelf, shape, dimensionOrder: order, meta: omeMeta(pixels, channels, shape, image!), planeIfds, images };
}

function omeMeta(pixels: XmlNode, channels: XmlNode[], shape: Shape, image: XmlNode): MovieMeta {
  const length = (k: string): number | undefined => {
    const v = Number(pixels[k]);
    if (!(v > 0) || !Number.isFinite(v)) return undefined;
    const f = umPerUnit(String(pixels[`${k}Unit`] ?? 'µm'));
    return f === undefined ? undefined : v * f;
  };
  const names = Array.from({ length: shape.c }, (_, i) => {
    const n = channels[i]?.Name;
    return typeof n === 'string' && n.trim() ? n.trim() : `C${i + 1}`;
  });
  const meta: MovieMeta = { channelNames: names };
  const px = length('PhysicalSizeX');
  const py = length('PhysicalSizeY');
  if (px) meta.pixelSizeUm = px;
  if (py && px && Math.abs(py - px) > 1e-9 * px) meta.pixelSizeYUm = py;
  const dz = length('PhysicalSizeZ');
  if (dz) meta.zStepUm = dz;
  const dt = frameInterval(pixels, shape);
  if (dt) meta.frameIntervalS = dt;
  const extra: Record<string, string | number> = { dimensionOrder: String(pixels.DimensionOrder ?? '') };
  if (typeof image.Name === 'string') extra.imageName = image.Name;
  if (typeof image.AcquisitionDate === 'string') extra.acquisitionDate = image.AcquisitionDate;
  meta.extra = extra;
  return meta;
}

/** TimeIncrement, or the mean DeltaT step between the first and last time points. */
function frameInterval(pixels: XmlNode, shape: Shape): number | undefined {
  const inc = Number(pixels.TimeIncrement);
  const f = secondsPerTimeUnit(typeof pixels.TimeIncrementUnit === 'string' ? pixels.TimeIncrementUnit : 's');
  if (inc > 0 && f) return inc * f;
  if (shape.t < 2) return undefined;
  const planes = (pixels.Plane as XmlNode[] | undefined) ?? [];
  const at = (t: number) => planes.find((p) => Number(p.TheT) === t && Number(p.TheZ ?? 0) === 0 && Number(p.TheC ?? 0) === 0);
  const first = at(0);
  const last = at(shape.t - 1);
  if (!first || !last) return undefined;
  const fd = secondsPerTimeUnit(typeof first.DeltaTUnit === 'string' ? first.DeltaTUnit : 's') ?? 1;
  const d = (Number(last.DeltaT) - Number(first.DeltaT)) * fd / (shape.t - 1);
  return d > 0 && Number.isFinite(d) ? d : undefined;
}

/** Plane (t,z,c) of the n-th plane in DimensionOrder. */
function planeAt(n: number, shape: Shape, order: string): { t: number; z: number; c: number } {
  const pos: Record<string, number> = {};
  let rest = n;
  for (const axis of order.slice(2)) {
    const s = axis === 'Z' ? shape.z : axis === 'C' ? shape.c : shape.t;
    pos[axis] = rest % s;
    rest = Math.floor(rest / s);
  }
  return { t: pos.T, z: pos.Z, c: pos.C };
}

function orderIndex(t: number, z: number, c: number, shape: Shape, order: string): number {
  let idx = 0;
  let stride = 1;
  for (const axis of order.slice(2)) {
    const v = axis === 'Z' ? z : axis === 'C' ? c : t;
    const s = axis === 'Z' ? shape.z : axis === 'C' ? shape.c : shape.t;
    idx += v * stride;
    stride *= s;
  }
  return idx;
}

/**
 * Where each plane lives: TiffData elements map runs of planes (in DimensionOrder from
 * FirstT/Z/C) to IFDs, in this file or, by UUID FileName, in a companion file of the same
 * folder (Micro-Manager and Bio-Formats split large acquisitions this way).
 */
function mapTiffData(
  pixels: XmlNode,
  shape: Shape,
  order: string,
  path: string,
  planeCapacity: (files: string[]) => number,
): { planeIfds: Int32Array; planeFiles: Int32Array; files: string[]; namesSelf: boolean } {
  const n = shape.t * shape.z * shape.c;
  const files = [path];
  const imagejIndex = (p: { t: number; z: number; c: number }) => (p.t * shape.z + p.z) * shape.c + p.c;
  const tiffData = (pixels.TiffData as XmlNode[] | undefined) ?? [];
  const self = basename(path);
  // Every file the TiffData name, before anything the size of the plane count is allocated.
  for (const td of tiffData) {
    const name = uuidFileName(td);
    if (name && basename(name) !== self && !files.includes(join(dirname(path), basename(name)))) files.push(join(dirname(path), basename(name)));
  }
  const capacity = planeCapacity(files);
  if (n > capacity) {
    throw new InputError(`${path} is corrupted: its OME-XML declares ${n} planes (SizeT=${shape.t} SizeZ=${shape.z} SizeC=${shape.c}) but its file${files.length > 1 ? 's' : ''} can hold at most ${capacity}`);
  }
  const planeIfds = new Int32Array(n).fill(-1);
  const planeFiles = new Int32Array(n);
  if (tiffData.length === 0) {
    for (let i = 0; i < n; i++) planeIfds[imagejIndex(planeAt(i, shape, order))] = i;
    return { planeIfds, planeFiles, files, namesSelf: true };
  }
  files.length = 1;
  let namesSelf = false;
  const fileIndex = (td: XmlNode): number => {
    const name = uuidFileName(td);
    if (name === undefined) return 0;
    if (basename(name) === self) {
      namesSelf = true;
      return 0;
    }
    const full = join(dirname(path), basename(name));
    const i = files.indexOf(full);
    if (i >= 0) return i;
    files.push(full);
    return files.length - 1;
  };
  for (const td of tiffData) {
    const ifd = Number(td.IFD ?? 0);
    const start = orderIndex(Number(td.FirstT ?? 0), Number(td.FirstZ ?? 0), Number(td.FirstC ?? 0), shape, order);
    const count = td.PlaneCount !== undefined ? Number(td.PlaneCount) : tiffData.length === 1 ? n - start : 1;
    if (![ifd, start, count].every((v) => Number.isInteger(v) && v >= 0)) {
      throw new InputError(`${path}: OME-XML TiffData has invalid IFD/First*/PlaneCount values`);
    }
    const f = fileIndex(td);
    for (let k = 0; k < count && start + k < n; k++) {
      const plane = imagejIndex(planeAt(start + k, shape, order));
      planeIfds[plane] = ifd + k;
      planeFiles[plane] = f;
    }
  }
  return { planeIfds, planeFiles, files, namesSelf };
}

/** The file a TiffData element names through its UUID FileName attribute, if any. */
function uuidFileName(td: XmlNode): string | undefined {
  const uuid = td.UUID as XmlNode | string | undefined;
  const name = typeof uuid === 'object' && uuid ? uuid.FileName : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
