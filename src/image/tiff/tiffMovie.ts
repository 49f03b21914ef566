// A Movie backed by one TIFF file (plain, ImageJ hyperstack or OME-TIFF). It keeps the
// open file handle and the IFD offsets found so far; planes are read on demand.
import { existsSync, statSync } from 'node:fs';
import { InputError } from '../../errors.ts';
import { IfdChain } from './ifdChain.ts';
import {
  checkPlaneIndex,
  defaultChannelNames,
  planeIndex,
  type DType,
  type Movie,
  type MovieMeta,
  type MovieSource,
  type PlaneData,
  type Shape,
} from '../movie.ts';
import { isImageJDescription, parseImageJDescription, parseImageJLabels, secondsPerTimeUnit, umPerUnit, type ImageJDescription } from './imagej.ts';
import { isOmeXml, parseOmeXml } from './ome.ts';
import { COMPRESSION_NAMES, contiguousStart, planeBytes, readContiguousPlane, readLayout, readPlane, type PlaneLayout } from './planes.ts';
import { maxPlanesIn } from './limits.ts';
import { Tag, TiffFile, type Ifd, type TiffOpenOptions } from './tiffFile.ts';

/** How plane k (ImageJ order) is found in the file. */
type PlaneMap =
  | { kind: 'contiguous'; start: number; planeBytes: number }
  | { kind: 'ifd'; ifdOf: (k: number) => { file: number; ifd: number } };

export async function openTiffMovie(path: string, options: TiffOpenOptions = {}): Promise<TiffMovie> {
  const file = await TiffFile.open(path, options);
  try {
    return await describe(file);
  } catch (err) {
    await file.close();
    throw asInputError(err, path, 'cannot be opened');
  }
}

/** Any failure while parsing a file becomes one line naming the file (a safety net under the explicit checks). */
function asInputError(err: unknown, path: string, what: string): InputError {
  if (err instanceof InputError) return err;
  const msg = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  return new InputError(`${path} ${what}: the file looks corrupted (${msg})`);
}

async function describe(file: TiffFile): Promise<TiffMovie> {
  const ifd0 = await file.readIfd(file.firstIfdOffset);
  const layout0 = await readLayout(file, ifd0, 'image 1');
  const description = await file.text(ifd0, Tag.ImageDescription);
  const source: MovieSource = {
    path: file.path,
    format: 'tiff',
    compression: COMPRESSION_NAMES[layout0.compression] ?? String(layout0.compression),
    byteOrder: file.littleEndian ? 'little' : 'big',
    bigTiff: file.bigTiff,
  };
  const yx = { y: layout0.height, x: layout0.width };
  const movie = (shape: Omit<Shape, 'y' | 'x'>, meta: MovieMeta, map: PlaneMap, otherFiles: string[] = []) =>
    new TiffMovie(file, { ...shape, ...yx }, layout0, meta, source, map, ifd0, otherFiles);

  if (isOmeXml(description)) {
    const ome = parseOmeXml(description, file.path, (files) => maxPlanesIn(files.reduce((sum, f) => sum + (f === file.path ? file.size : sizeOrZero(f)), 0)));
    if (ome.shape.y !== yx.y || ome.shape.x !== yx.x) {
      throw new InputError(`${file.path}: OME-XML says ${ome.shape.x}x${ome.shape.y} pixels but the first image is ${yx.x}x${yx.y}`);
    }
    source.format = 'ome-tiff';
    const missing = ome.planeIfds.indexOf(-1);
    if (missing >= 0) throw new InputError(`${file.path}: OME-XML TiffData does not place plane ${missing + 1}`);
    const { planeIfds, planeFiles } = ome;
    // Only the first OME image (series) is read; say how many there are.
    if (ome.images > 1) ome.meta.extra = { ...ome.meta.extra, omeImages: ome.images };
    let otherFiles = ome.files.slice(1);
    // The XML names only one other file, which is not there: this file was renamed.
    if (otherFiles.length === 1 && !ome.namesSelf && !existsSync(otherFiles[0])) {
      otherFiles = [];
      planeFiles.fill(0);
    }
    for (const f of otherFiles) {
      if (!existsSync(f)) throw new InputError(`${file.path}: multi-file OME-TIFF, but its companion file ${f} is missing`);
    }
    if (otherFiles.length) ome.meta.extra = { ...ome.meta.extra, omeFiles: ome.files.length };
    return movie(ome.shape, ome.meta, { kind: 'ifd', ifdOf: (k) => ({ file: planeFiles[k], ifd: planeIfds[k] }) }, otherFiles);
  }

  if (isImageJDescription(description)) {
    const ij = parseImageJDescription(description);
    source.format = 'imagej';
    const shape = imagejShape(ij);
    // ImageJ files over 4 GiB keep only the first IFD: planes then need only their bytes.
    checkPlaneCount(file, shape, 'ImageJ description', Math.floor(file.size / planeBytes(layout0)));
    const meta = await imagejMeta(file, ifd0, ij, shape.c);
    const map = await imagejPlaneMap(file, ifd0, layout0, shape.t * shape.z * shape.c);
    return movie(shape, meta, map);
  }

  // Plain TIFF: every full-resolution page is a time point unless tifffile's
  // "shaped" description names the axes. A shaped description gives the page count, so
  // the IFD chain is walked lazily; otherwise it is walked once here to count pages.
  const meta: MovieMeta = { channelNames: [], ...(await resolutionMeta(file, ifd0, undefined)) };
  const plainMap: PlaneMap = { kind: 'ifd', ifdOf: (k) => ({ file: 0, ifd: k }) };
  const declared = shapedAxes(description);
  if (declared) {
    checkPlaneCount(file, declared, 'tifffile shape description');
    meta.channelNames = defaultChannelNames(declared.c);
    return movie(declared, meta, plainMap);
  }
  const pages = await listPages(file, ifd0);
  const shape = { t: pages.length, z: 1, c: 1 };
  meta.channelNames = defaultChannelNames(1);
  return movie(shape, meta, plainMap).withIfdOffsets(pages);
}

function sizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** A description that claims more planes than the file could hold is refused before use. */
function checkPlaneCount(file: TiffFile, shape: { t: number; z: number; c: number }, what: string, contiguousCapacity = 0): void {
  const n = shape.t * shape.z * shape.c;
  const capacity = Math.max(maxPlanesIn(file.size), contiguousCapacity);
  if (n > capacity) {
    throw new InputError(`${file.path} is corrupted: its ${what} declares ${n} planes but a file of ${file.size} bytes can hold at most ${capacity}`);
  }
}

function imagejShape(ij: ImageJDescription): { t: number; z: number; c: number } {
  if (ij.channels * ij.slices * ij.frames === ij.images) return { t: ij.frames, z: ij.slices, c: ij.channels };
  // Counts that disagree: ImageJ itself then shows `images` planes as one stack.
  return { t: ij.images, z: 1, c: 1 };
}

async function imagejMeta(file: TiffFile, ifd0: Ifd, ij: ImageJDescription, c: number): Promise<MovieMeta> {
  const meta: MovieMeta = { channelNames: defaultChannelNames(c), ...(await resolutionMeta(file, ifd0, ij.unit, ij.keys.yunit)) };
  const um = isPrintUnit(ij.unit) ? undefined : umPerUnit(ij.unit);
  if (ij.spacing && um) meta.zStepUm = ij.spacing * um;
  const s = secondsPerTimeUnit(ij.tunit);
  if (ij.finterval && s) meta.frameIntervalS = ij.finterval * s;
  if (ij.channelNames?.length === c) {
    meta.channelNames = ij.channelNames;
  } else {
    const byteCounts = await file.numbers(ifd0, Tag.IJMetadataByteCounts);
    const entry = ifd0.entries.get(Tag.IJMetadata);
    const data = entry ? await file.rawValue(entry) : undefined;
    const labels = parseImageJLabels(byteCounts, data, file.littleEndian);
    // Slice labels are channel names only when they repeat with the channel index
    // (as Micro-Manager and our writer store them); otherwise they label single planes.
    const repeats = labels && labels.length >= c && labels.slice(0, c).every((l) => l.trim()) && labels.every((l, k) => l === labels[k % c]);
    if (labels && repeats) meta.channelNames = labels.slice(0, c).map((l) => l.trim());
  }
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(ij.keys)) if (k !== 'channel_names') extra[k] = v;
  meta.extra = extra;
  return meta;
}

/**
 * An ImageJ unit of inches is the print resolution of the TIFF ImageJ opened (it takes a file's dots per
 * inch as its calibration): 300 dpi would read as 84.7 µm pixels, no microscope's. Read as print DPI, as
 * a plain TIFF's resolution in inches is.
 */
function isPrintUnit(unit: string | undefined): boolean {
  return unit !== undefined && /^(inch|inches|in)$/i.test(unit.trim());
}

/** Pixel size from XResolution/YResolution (pixels per unit). */
async function resolutionMeta(file: TiffFile, ifd0: Ifd, imagejUnit: string | undefined, yunit?: string): Promise<Partial<MovieMeta>> {
  const xres = await file.number(ifd0, Tag.XResolution);
  const yres = await file.number(ifd0, Tag.YResolution);
  const resUnit = (await file.number(ifd0, Tag.ResolutionUnit)) ?? 2;
  // ImageJ's unit wins; otherwise only centimetres are trusted (inch values are usually print DPI).
  const inInches = imagejUnit !== undefined ? isPrintUnit(imagejUnit) : resUnit === 2;
  const um = inInches ? undefined : imagejUnit !== undefined ? umPerUnit(imagejUnit) : resUnit === 3 ? 1e4 : undefined;
  if (!xres || !(xres > 0) || !Number.isFinite(xres)) return {};
  // kept so that `info` can say why a file with 300 dpi has no pixel size
  if (!um) return inInches ? { printDpi: xres } : {};
  const out: Partial<MovieMeta> = { pixelSizeUm: um / xres };
  // ImageJ's yunit (a kymograph's rows in time): a row height in that unit, not in µm
  if (yunit !== undefined && yunit !== imagejUnit && umPerUnit(yunit) === undefined) {
    if (yres && yres > 0) Object.assign(out, { pixelSizeYUm: 1 / yres, yUnit: yunit });
    return out;
  }
  if (yres && yres > 0 && Math.abs(yres - xres) > 1e-9 * xres) out.pixelSizeYUm = um / yres;
  return out;
}

/**
 * ImageJ stores hyperstack planes contiguously from the first strip offset and ignores
 * later IFDs (files over 4 GiB have only the first). Use that when the file agrees;
 * otherwise (compressed, or written by other tools with gaps) follow the IFD chain.
 */
async function imagejPlaneMap(file: TiffFile, ifd0: Ifd, layout0: PlaneLayout, n: number): Promise<PlaneMap> {
  const start = contiguousStart(layout0);
  const bytes = planeBytes(layout0);
  if (start === undefined || n === 1) return { kind: 'ifd', ifdOf: (k) => ({ file: 0, ifd: k }) };
  if (ifd0.nextOffset !== 0) {
    file.checkRange(ifd0.nextOffset, 2, 'second image directory');
    const ifd1 = await file.readIfd(ifd0.nextOffset);
    const layout1 = await readLayout(file, ifd1, 'image 2');
    if (contiguousStart(layout1) !== start + bytes) return { kind: 'ifd', ifdOf: (k) => ({ file: 0, ifd: k }) };
  }
  const needed = start + n * bytes;
  if (needed > file.size) {
    const present = Math.max(0, Math.floor((file.size - start) / bytes));
    throw new InputError(`${file.path} is truncated: its ImageJ description says ${n} planes but the file holds only ${present} (${file.size} of ${needed} bytes)`);
  }
  return { kind: 'contiguous', start, planeBytes: bytes };
}

/** Offsets of the full-resolution pages (reduced-resolution and thumbnail pages skipped). */
async function listPages(file: TiffFile, ifd0: Ifd): Promise<number[]> {
  const pages = [ifd0.offset];
  const seen = new Set(pages);
  let next = ifd0.nextOffset;
  while (next !== 0) {
    if (seen.has(next)) throw new InputError(`${file.path} is corrupted: its image directories form a loop`);
    seen.add(next);
    file.checkRange(next, 2, `image directory ${seen.size}`);
    const ifd = await file.readIfd(next);
    const subfile = (await file.number(ifd, Tag.NewSubfileType)) ?? 0;
    if ((subfile & 1) === 0) pages.push(next);
    next = ifd.nextOffset;
  }
  return pages;
}

/** tifffile writes {"shape": [...]} (and sometimes "axes") into plain files. */
function shapedAxes(description: string | undefined): { t: number; z: number; c: number } | undefined {
  if (!description || !description.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(description) as { shape?: unknown; axes?: unknown };
    const shape = parsed.shape;
    if (!Array.isArray(shape) || shape.length < 3 || !shape.every((v) => Number.isInteger(v) && v >= 1)) return undefined;
    const lead = shape.slice(0, -2) as number[];
    if (lead.reduce((a, b) => a * b, 1) > 1e8) return undefined;
    const axes = typeof parsed.axes === 'string' && parsed.axes.length === shape.length ? parsed.axes.toUpperCase().slice(0, -2) : undefined;
    if (!axes) return lead.length === 1 ? { t: lead[0], z: 1, c: 1 } : undefined;
    const get = (a: string) => (axes.includes(a) ? lead[axes.indexOf(a)] : 1);
    // Only orders that match ImageJ's plane order (T slowest, then Z, then C) map directly.
    if (!['TZC', 'TZ', 'TC', 'ZC', 'T', 'Z', 'C'].includes(axes)) return undefined;
    return { t: get('T'), z: get('Z'), c: get('C') };
  } catch {
    return undefined;
  }
}

export class TiffMovie implements Movie {
  private readonly mainChain: IfdChain;
  /** IFD chains of OME companion files (file index >= 1), opened on demand. */
  private readonly companions = new Map<number, Promise<IfdChain>>();
  private closed = false;

  constructor(
    private readonly file: TiffFile,
    readonly shape: Shape,
    private readonly layout0: PlaneLayout,
    readonly meta: MovieMeta,
    readonly source: MovieSource,
    private readonly map: PlaneMap,
    ifd0: Ifd,
    private readonly otherFiles: string[] = [],
  ) {
    this.mainChain = new IfdChain(file, ifd0);
  }

  get dtype(): DType {
    return this.layout0.dtype;
  }

  withIfdOffsets(offsets: number[]): this {
    this.mainChain.setOffsets(offsets);
    return this;
  }

  async plane(t: number, z: number, c: number, into?: PlaneData): Promise<PlaneData> {
    checkPlaneIndex(this, t, z, c);
    if (this.closed) throw new InputError(`${this.file.path}: the movie was closed`);
    const what = `plane t=${t + 1} z=${z + 1} c=${c + 1}`;
    try {
      const k = planeIndex(this.shape, t, z, c);
      if (this.map.kind === 'contiguous') {
        // One synchronous pread: nothing to serialise.
        const n = this.shape.y * this.shape.x;
        return await readContiguousPlane(this.file, this.map.start + k * this.map.planeBytes, this.dtype, n, what, into);
      }
      // Decoding uses the file's scratch buffers: one plane at a time per file.
      return await this.file.serial(() => this.readPlaneAt(k, what, into));
    } catch (err) {
      throw asInputError(err, this.file.path, what);
    }
  }

  private async readPlaneAt(k: number, what: string, into: PlaneData | undefined): Promise<PlaneData> {
    if (this.map.kind === 'contiguous') throw new Error('contiguous planes are read directly');
    const { file: fileIndex, ifd: ifdIndex } = this.map.ifdOf(k);
    const chain = await this.chain(fileIndex);
    const ifd = await chain.ifd(ifdIndex, what);
    // the first image's layout was read (and checked) when the file was opened: a frame of a
    // file-per-frame series is that image alone
    const layout = fileIndex === 0 && ifd === this.mainChain.first ? this.layout0 : await readLayout(chain.file, ifd, what);
    if (layout.width !== this.shape.x || layout.height !== this.shape.y || layout.dtype !== this.dtype) {
      throw new InputError(
        `${chain.file.path}: ${what} is ${layout.width}x${layout.height} ${layout.dtype}, but the movie is ${this.shape.x}x${this.shape.y} ${this.dtype}; planes of different sizes are not supported`,
      );
    }
    if (chain.file !== this.file) return chain.file.serial(() => readPlane(chain.file, layout, what, into));
    return readPlane(chain.file, layout, what, into);
  }

  private chain(index: number): Promise<IfdChain> {
    if (index === 0) return Promise.resolve(this.mainChain);
    let chain = this.companions.get(index);
    if (!chain) {
      chain = (async () => {
        const file = await TiffFile.open(this.otherFiles[index - 1], { observed: this.file.observed });
        return new IfdChain(file, await file.readIfd(file.firstIfdOffset));
      })();
      this.companions.set(index, chain);
    }
    return chain;
  }

  /**
   * Closes the file but keeps its description, for resume(); false (nothing done) for a movie
   * spread over several files (OME companions).
   */
  suspend(): boolean {
    if (this.closed || this.otherFiles.length > 0) return false;
    this.file.suspend();
    return true;
  }

  /** Opens a suspended movie's file again: false when it has changed or is gone (open it afresh). */
  resume(): boolean {
    return !this.closed && this.file.resume();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.file.close();
    await Promise.all([...this.companions.values()].map((c) => c.then((x) => x.file.close(), () => {})));
  }
}
