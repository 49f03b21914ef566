// Per-object features of a label movie: one table row per object per frame (and z plane),
// with shape (regionprops.ts) and, given an intensity movie, intensity statistics per
// channel. Column names carry their units: area_px, area_um2, perimeter_px, centroid_x_px,
// mean_intensity_c1 (channel 1-based, as in Fiji). t is the 0-based frame index as in Tracks,
// in the movie the labels were made from when they were cut from part of it (image/frameOrigin.ts)
// (the CSV header says "t (frame index from 0)": frame 1 of the answers is t = 0; and "z (planes)" for a z-stack). circularity is 4πA/P² from
// area_px and perimeter_px, clamped at 1 (small objects on a pixel grid exceed it; regionprops.ts says why).
// touches_edge is 1 when any pixel of the object lies on the image's outermost row or column (the object may be cut by
// the edge: Fiji's Analyze Particles "exclude on edges", CellProfiler's border objects), else 0.
import { sourceFirstFrame } from '../image/frameOrigin.ts';
import type { Movie, PlaneData } from '../image/movie.ts';
import { groupPixels, intensityStats, regionShapes, type PixelGroups } from './regionprops.ts';
import { FRAME_INDEX_UNIT, type Cell, type Table } from './table.ts';

export interface MeasureOptions {
  /** 0-based inclusive frame range; default all. */
  frames?: [number, number];
  /** 0-based intensity channels to measure; default all. */
  channels?: number[];
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export const INTENSITY_STATS = ['mean', 'median', 'min', 'max', 'std', 'sum'] as const;

/** Column holding a statistic of a channel, e.g. intensityColumn('mean', 0) = "mean_intensity_c1". */
export function intensityColumn(stat: (typeof INTENSITY_STATS)[number], channel: number): string {
  return `${stat}_intensity_c${channel + 1}`;
}

function checkInputs(labels: Movie, intensity: Movie | undefined, options: MeasureOptions): { first: number; last: number; channels: number[] } {
  const [first, last] = options.frames ?? [0, labels.shape.t - 1];
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last >= labels.shape.t || first > last) {
    throw new RangeError(`frames ${first}..${last} are outside the label movie's 0..${labels.shape.t - 1}`);
  }
  if (!intensity) return { first, last, channels: [] };
  const { shape: a } = labels;
  const { shape: b } = intensity;
  // the intensity frames the label frames were made from (both may be cut from the same longer movie)
  const shift = sourceFirstFrame(labels.meta) - sourceFirstFrame(intensity.meta);
  if (a.x !== b.x || a.y !== b.y || a.z !== b.z || shift < 0 || b.t < a.t + shift) {
    throw new RangeError(`labels (${a.x}x${a.y}, ${a.z} z, ${a.t} frames) and intensity movie (${b.x}x${b.y}, ${b.z} z, ${b.t} frames) don't line up`);
  }
  const channels = options.channels ?? Array.from({ length: b.c }, (_, c) => c);
  for (const c of channels) if (!Number.isInteger(c) || c < 0 || c >= b.c) throw new RangeError(`channel ${c + 1} does not exist (the movie has ${b.c})`);
  return { first, last, channels };
}

function tableColumns(labels: Movie, channels: number[]): string[] {
  const { pixelSizeUm, frameIntervalS } = labels.meta;
  const columns = ['label', 't', ...(frameIntervalS ? ['time_s'] : []), ...(labels.shape.z > 1 ? ['z'] : [])];
  columns.push('area_px', ...(pixelSizeUm ? ['area_um2'] : []), 'perimeter_px', ...(pixelSizeUm ? ['perimeter_um'] : []));
  columns.push('circularity', 'centroid_x_px', 'centroid_y_px', ...(pixelSizeUm ? ['centroid_x_um', 'centroid_y_um'] : []));
  columns.push('major_axis_px', 'minor_axis_px', 'orientation_rad', 'eccentricity', 'nearest_neighbour_px', ...(pixelSizeUm ? ['nearest_neighbour_um'] : []), TOUCHES_EDGE);
  for (const c of channels) for (const s of INTENSITY_STATS) columns.push(intensityColumn(s, c));
  return columns;
}

/** The column that says whether an object touches the image edge (1) or not (0). */
export const TOUCHES_EDGE = 'touches_edge';

/** Whether any of the pixels (indices into a width x height plane) lies on the plane's outermost row or column. */
export function touchesEdge(pixels: ArrayLike<number>, width: number, height: number): boolean {
  const lastRow = (height - 1) * width;
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i];
    const x = p % width;
    if (x === 0 || x === width - 1 || p < width || p >= lastRow) return true;
  }
  return false;
}

/** Calls `visit` with each label plane of frames first..last (0-based) and its pixels grouped by label, checking for cancellation. */
async function eachLabelPlane(
  labels: Movie,
  [first, last]: [number, number],
  signal: AbortSignal | undefined,
  visit: (t: number, z: number, plane: PlaneData, groups: PixelGroups) => Promise<void> | void,
): Promise<void> {
  for (let t = first; t <= last; t++)
    for (let z = 0; z < labels.shape.z; z++) {
      if (signal?.aborted) throw new Error('measurement cancelled');
      const plane = await labels.plane(t, z, 0);
      await visit(t, z, plane, groupPixels(plane));
    }
}

/**
 * Each object's distance to the nearest other object of the same plane, centroid to centroid, in pixels (null for an
 * object alone in its plane): the nearest-neighbour distance of spatial statistics (Fiji's "Nnd" plugin, CellProfiler's
 * MeasureObjectNeighbors "NearestNeighborDistance"). With anisotropic pixels the µm column scales it by the geometric
 * mean of the pixel sizes (an approximation, as the perimeter).
 */
export function nearestNeighbourDistancesPx(shapes: readonly { centroidX: number; centroidY: number }[]): (number | null)[] {
  return shapes.map((a, i) => {
    let best = Infinity;
    for (let j = 0; j < shapes.length; j++) if (j !== i) best = Math.min(best, Math.hypot(shapes[j].centroidX - a.centroidX, shapes[j].centroidY - a.centroidY));
    return Number.isFinite(best) ? best : null;
  });
}

/** The rows of measureObjects for one label plane: shape, and intensity statistics of each channel's plane in `intensityPlanes`. */
function objectRows(labels: Movie, t: number, z: number, plane: PlaneData, groups: PixelGroups, channels: number[], intensityPlanes: PlaneData[]): Record<string, Cell>[] {
  const { x: width, y: height, z: depth } = labels.shape;
  const { pixelSizeUm, frameIntervalS } = labels.meta;
  const frame = t + sourceFirstFrame(labels.meta);
  const shapes = regionShapes(plane, width, height, groups);
  const nearest = nearestNeighbourDistancesPx(shapes);
  return shapes.map((s, i) => {
    const row: Record<string, Cell> = { label: s.label, t: frame };
    if (frameIntervalS) row.time_s = frame * frameIntervalS;
    if (depth > 1) row.z = z;
    row.area_px = s.areaPx;
    row.perimeter_px = s.perimeterPx;
    if (pixelSizeUm) {
      const pixelSizeYUm = labels.meta.pixelSizeYUm ?? pixelSizeUm;
      row.area_um2 = s.areaPx * pixelSizeUm * pixelSizeYUm;
      // With anisotropic pixels the perimeter is scaled by the geometric mean (an approximation).
      row.perimeter_um = s.perimeterPx * Math.sqrt(pixelSizeUm * pixelSizeYUm);
      row.centroid_x_um = s.centroidX * pixelSizeUm;
      row.centroid_y_um = s.centroidY * pixelSizeYUm;
      row.nearest_neighbour_um = nearest[i] === null ? null : nearest[i]! * Math.sqrt(pixelSizeUm * pixelSizeYUm);
    }
    Object.assign(row, {
      circularity: s.circularity,
      centroid_x_px: s.centroidX,
      centroid_y_px: s.centroidY,
      major_axis_px: s.majorAxisPx,
      minor_axis_px: s.minorAxisPx,
      orientation_rad: s.orientationRad,
      eccentricity: s.eccentricity,
      nearest_neighbour_px: nearest[i],
    });
    const pixels = groups.order.subarray(groups.start[s.label], groups.start[s.label + 1]);
    row[TOUCHES_EDGE] = touchesEdge(pixels, width, height) ? 1 : 0;
    channels.forEach((c, k) => {
      const stats = intensityStats(intensityPlanes[k], pixels);
      for (const name of INTENSITY_STATS) row[intensityColumn(name, c)] = stats[name];
    });
    return row;
  });
}

/**
 * Measures every object of a label movie (labels read from channel 0). With an intensity
 * movie of the same size, adds per-channel intensity statistics of each object's pixels.
 */
export async function measureObjects(labels: Movie, intensity?: Movie, options: MeasureOptions = {}): Promise<Table> {
  return (await measureObjectsAndVolumes(labels, intensity, { ...options, volumes: false })).objects;
}

export interface ObjectsAndVolumes {
  objects: Table;
  /** The 3-D objects' volumes (measureVolumes), for a z-stack label movie when asked for. */
  volumes?: Volumes;
}

/**
 * measureObjects and, on a z-stack label movie, measureVolumes in one pass over the label planes
 * (each plane read and grouped once). `volumes: false` leaves the volumes out.
 */
export async function measureObjectsAndVolumes(labels: Movie, intensity: Movie | undefined, options: MeasureOptions & VolumeOptions & { volumes?: boolean } = {}): Promise<ObjectsAndVolumes> {
  const { first, last, channels } = checkInputs(labels, intensity, options);
  const columns = tableColumns(labels, channels);
  // the intensity frame each label frame was made from (both may be cut from the same longer movie)
  const intensityShift = intensity ? sourceFirstFrame(labels.meta) - sourceFirstFrame(intensity.meta) : 0;
  const counter = options.volumes !== false && labels.shape.z > 1 ? new VolumeCounter(labels, options) : undefined;
  const rows: Record<string, Cell>[] = [];
  const total = (last - first + 1) * labels.shape.z;
  let done = 0;
  await eachLabelPlane(labels, [first, last], options.signal, async (t, z, plane, groups) => {
    const intensityPlanes: PlaneData[] = [];
    for (const c of channels) intensityPlanes.push(await intensity!.plane(t + intensityShift, z, c));
    rows.push(...objectRows(labels, t, z, plane, groups, channels, intensityPlanes));
    counter?.add(t, groups);
    options.onProgress?.(++done, total);
  });
  // the header says the unit of the frame and plane indices, whose names do not ("t (frame index from 0)", "z (planes)"), as the tracks CSV does
  const objects: Table = { columns, rows, units: { t: FRAME_INDEX_UNIT, ...(labels.shape.z > 1 ? { z: 'planes' } : {}) } };
  return counter ? { objects, volumes: counter.result() } : { objects };
}

export interface VolumeOptions extends Pick<MeasureOptions, 'frames' | 'signal'> {
  /** Calibration to use where the label movie carries none (e.g. the session's); the movie's own wins. */
  pixelSizeUm?: number;
  zStepUm?: number;
}

export interface Volumes {
  table: Table;
  /** The voxel's size, x by y by z, when the pixel size and the z step are both known (then the table has volume_um3). */
  voxelSizeUm?: { x: number; y: number; z: number };
  /** What a volume in µm³ lacks when voxelSizeUm is absent: "pixel size", "z step" or both. */
  missing: string[];
}

/** Counts each 3-D object's voxels and z slices per frame, plane by plane; `result` is measureVolumes' table. */
class VolumeCounter {
  private readonly rows: Record<string, Cell>[] = [];
  private frame = -1;
  private voxels = new Map<number, number>();
  private slices = new Map<number, number>();
  private readonly voxelSizeUm?: { x: number; y: number; z: number };
  private readonly missing: string[];

  constructor(private readonly labels: Movie, calibration: Pick<VolumeOptions, 'pixelSizeUm' | 'zStepUm'>) {
    const pixelSizeUm = labels.meta.pixelSizeUm ?? calibration.pixelSizeUm;
    const zStepUm = labels.meta.zStepUm ?? calibration.zStepUm;
    this.missing = [...(pixelSizeUm ? [] : ['pixel size']), ...(zStepUm ? [] : ['z step'])];
    if (pixelSizeUm && zStepUm) this.voxelSizeUm = { x: pixelSizeUm, y: labels.meta.pixelSizeYUm ?? pixelSizeUm, z: zStepUm };
  }

  /** Adds one z plane of 0-based label frame t (planes of a frame in a row, frames in order). */
  add(t: number, groups: PixelGroups): void {
    if (t !== this.frame) this.endFrame();
    this.frame = t;
    for (const l of groups.ids) {
      this.voxels.set(l, (this.voxels.get(l) ?? 0) + groups.start[l + 1] - groups.start[l]);
      this.slices.set(l, (this.slices.get(l) ?? 0) + 1);
    }
  }

  private endFrame(): void {
    if (this.frame < 0) return;
    // the frame's number in the movie the labels were made from, as measureObjects gives it
    const frame = this.frame + sourceFirstFrame(this.labels.meta);
    const { frameIntervalS } = this.labels.meta;
    const v = this.voxelSizeUm;
    for (const l of [...this.voxels.keys()].sort((a, b) => a - b)) {
      const row: Record<string, Cell> = { label: l, t: frame };
      if (frameIntervalS) row.time_s = frame * frameIntervalS;
      row.z_slices = this.slices.get(l)!;
      row.volume_voxels = this.voxels.get(l)!;
      if (v) row.volume_um3 = this.voxels.get(l)! * v.x * v.y * v.z;
      this.rows.push(row);
    }
    this.voxels = new Map();
    this.slices = new Map();
  }

  result(): Volumes {
    this.endFrame();
    this.frame = -1;
    const columns = ['label', 't', ...(this.labels.meta.frameIntervalS ? ['time_s'] : []), 'z_slices', 'volume_voxels', ...(this.voxelSizeUm ? ['volume_um3'] : [])];
    const table: Table = { columns, rows: this.rows, units: { t: FRAME_INDEX_UNIT } };
    return this.voxelSizeUm ? { table, voxelSizeUm: this.voxelSizeUm, missing: [] } : { table, missing: this.missing };
  }
}

/**
 * The volume of every 3-D object of a z-stack label movie, per frame: segment gives an object one label
 * through its z slices (seg-zlink.ts), so its volume is its voxel count x pixel area x z step. Columns:
 * label, t (the frame in the movie the labels were made from, as measureObjects numbers it), z_slices
 * (how many it lies in), volume_voxels, and volume_um3 when both the pixel size and the z step are known
 * (otherwise none: a volume in µm³ from a guessed z step would look measured).
 */
export async function measureVolumes(labels: Movie, options: VolumeOptions = {}): Promise<Volumes> {
  const { first, last } = checkInputs(labels, undefined, options);
  const { z: depth } = labels.shape;
  if (depth < 2) throw new RangeError(`volumes need a z-stack, but the label movie has ${depth} z slice: measure areas instead`);
  const counter = new VolumeCounter(labels, options);
  await eachLabelPlane(labels, [first, last], options.signal, (t, _z, _plane, groups) => counter.add(t, groups));
  return counter.result();
}
