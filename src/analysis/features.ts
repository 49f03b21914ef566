// Per-object features of a label movie: one table row per object per frame (and z plane),
// with shape (regionprops.ts) and, given an intensity movie, intensity statistics per
// channel. Column names carry their units: area_px, area_um2, perimeter_px, centroid_x_px,
// mean_intensity_c1 (channel 1-based, as in Fiji). t is the 0-based frame index as in Tracks,
// in the movie the labels were made from when they were cut from part of it (image/frameOrigin.ts)
// (the CSV header says "t (frame)", and "z (planes)" for a z-stack).
import { sourceFirstFrame } from '../image/frameOrigin.ts';
import type { Movie, PlaneData } from '../image/movie.ts';
import { groupPixels, intensityStats, regionShapes } from './regionprops.ts';
import type { Cell, Table } from './table.ts';

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
  columns.push('major_axis_px', 'minor_axis_px', 'orientation_rad', 'eccentricity');
  for (const c of channels) for (const s of INTENSITY_STATS) columns.push(intensityColumn(s, c));
  return columns;
}

/**
 * Measures every object of a label movie (labels read from channel 0). With an intensity
 * movie of the same size, adds per-channel intensity statistics of each object's pixels.
 */
export async function measureObjects(labels: Movie, intensity?: Movie, options: MeasureOptions = {}): Promise<Table> {
  const { first, last, channels } = checkInputs(labels, intensity, options);
  const { x: width, y: height, z: depth } = labels.shape;
  const { pixelSizeUm, frameIntervalS } = labels.meta;
  const columns = tableColumns(labels, channels);
  // frame numbers of the movie the labels were made from, and the intensity frame of each
  const labelsFirst = sourceFirstFrame(labels.meta);
  const intensityShift = intensity ? labelsFirst - sourceFirstFrame(intensity.meta) : 0;
  const rows: Record<string, Cell>[] = [];
  const total = (last - first + 1) * depth;
  let done = 0;
  for (let t = first; t <= last; t++) {
    for (let z = 0; z < depth; z++) {
      if (options.signal?.aborted) throw new Error('measurement cancelled');
      const plane = await labels.plane(t, z, 0);
      const shapes = regionShapes(plane, width, height);
      const groups = channels.length ? groupPixels(plane) : undefined;
      const intensityPlanes: PlaneData[] = [];
      for (const c of channels) intensityPlanes.push(await intensity!.plane(t + intensityShift, z, c));
      for (const s of shapes) {
        const row: Record<string, Cell> = { label: s.label, t: t + labelsFirst };
        if (frameIntervalS) row.time_s = (t + labelsFirst) * frameIntervalS;
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
        }
        Object.assign(row, {
          circularity: s.circularity,
          centroid_x_px: s.centroidX,
          centroid_y_px: s.centroidY,
          major_axis_px: s.majorAxisPx,
          minor_axis_px: s.minorAxisPx,
          orientation_rad: s.orientationRad,
          eccentricity: s.eccentricity,
        });
        if (groups) {
          const pixels = groups.order.subarray(groups.start[s.label], groups.start[s.label + 1]);
          channels.forEach((c, k) => {
            const stats = intensityStats(intensityPlanes[k], pixels);
            for (const name of INTENSITY_STATS) row[intensityColumn(name, c)] = stats[name];
          });
        }
        rows.push(row);
      }
      options.onProgress?.(++done, total);
    }
  }
  // the header says the unit of the frame and plane indices, whose names do not ("t (frame)", "z (planes)"), as the tracks CSV does
  return { columns, rows, units: { t: 'frame', ...(depth > 1 ? { z: 'planes' } : {}) } };
}

export interface VolumeOptions extends Pick<MeasureOptions, 'frames' | 'signal'> {
  /** Calibration to use where the label movie carries none (e.g. the session's); the movie's own wins. */
  pixelSizeUm?: number;
  zStepUm?: number;
}

/**
 * The volume of every 3-D object of a z-stack label movie, per frame: segment gives an object one label
 * through its z slices (seg-zlink.ts), so its volume is its voxel count x pixel area x z step. Columns:
 * label, t, z_slices (how many it lies in), volume_voxels, and volume_um3 when both the pixel size and the
 * z step are known (otherwise none: a volume in µm³ from a guessed z step would look measured).
 */
export async function measureVolumes(labels: Movie, options: VolumeOptions = {}): Promise<Table> {
  const { first, last } = checkInputs(labels, undefined, options);
  const { z: depth } = labels.shape;
  if (depth < 2) throw new RangeError(`volumes need a z-stack, but the label movie has ${depth} z slice: measure areas instead`);
  const pixelSizeUm = labels.meta.pixelSizeUm ?? options.pixelSizeUm;
  const pixelSizeYUm = labels.meta.pixelSizeYUm ?? pixelSizeUm;
  const zStepUm = labels.meta.zStepUm ?? options.zStepUm;
  const voxelUm3 = pixelSizeUm && pixelSizeYUm && zStepUm ? pixelSizeUm * pixelSizeYUm * zStepUm : undefined;
  const { frameIntervalS } = labels.meta;
  const columns = ['label', 't', ...(frameIntervalS ? ['time_s'] : []), 'z_slices', 'volume_voxels', ...(voxelUm3 ? ['volume_um3'] : [])];
  const rows: Record<string, Cell>[] = [];
  for (let t = first; t <= last; t++) {
    const voxels = new Map<number, number>();
    const planes = new Map<number, number>();
    for (let z = 0; z < depth; z++) {
      if (options.signal?.aborted) throw new Error('measurement cancelled');
      const { ids, start } = groupPixels(await labels.plane(t, z, 0));
      for (const l of ids) {
        voxels.set(l, (voxels.get(l) ?? 0) + start[l + 1] - start[l]);
        planes.set(l, (planes.get(l) ?? 0) + 1);
      }
    }
    for (const l of [...voxels.keys()].sort((a, b) => a - b)) {
      const row: Record<string, Cell> = { label: l, t };
      if (frameIntervalS) row.time_s = t * frameIntervalS;
      row.z_slices = planes.get(l)!;
      row.volume_voxels = voxels.get(l)!;
      if (voxelUm3) row.volume_um3 = voxels.get(l)! * voxelUm3;
      rows.push(row);
    }
  }
  return { columns, rows, units: { t: 'frame' } };
}
