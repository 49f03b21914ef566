// The segment tool's spot route (method "log"): TrackMate's Laplacian of Gaussian detector (src/analysis/spots.ts) on
// every plane, each spot a disc of its radius in the label movie. The spot radius is the one given (TrackMate's
// "estimated blob diameter" is twice it); else a nucleus or cell size measured on the movie where the objects were said
// to be nuclei or cells; else a diffraction-limited spot's (DIFFRACTION_LIMITED_RADIUS_UM) where the movie records
// its pixel size; else the LoG scale of the movie's strongest small peaks. The result says which, and the threshold.
import { basename } from 'node:path';
import type { Movie } from '../src/image/movie.ts';
import type { SamplePlane } from '../src/analysis/seg-auto.ts';
import { DIFFRACTION_LIMITED_RADIUS_UM, MAX_MEASURED_SPOT_RADIUS_PX, MIN_SPOT_RADIUS_PX, QUALITY_NOISE_FACTOR, detectSpotsInMovie, spotRadiusOfPlanes } from '../src/analysis/spots.ts';
import { channelFact, channelName } from './common.ts';
import { counted } from './counted.ts';
import { formatNumber } from './requestWords.ts';
import type { ToolContext } from './types.ts';

/** The arguments of segment the spot route reads. */
export interface SpotArgs {
  objectRadiusPx?: number;
  qualityThreshold?: number;
  target: 'auto' | 'nuclei' | 'cells';
  objects: 'auto' | 'bright' | 'dark';
}

/** Radius used when the movie shows no peak to measure and says no pixel size, px. */
const FALLBACK_RADIUS_PX = 2;

/** The spot radius in px and how it was chosen, in words. */
export function spotRadiusFor(args: SpotArgs, pixelSizeUm: number | undefined, samples: SamplePlane[], measuredObjectRadius: () => number): { radiusPx: number; how: string } {
  if (args.objectRadiusPx !== undefined) return { radiusPx: args.objectRadiusPx, how: `given (a blob diameter of ${formatNumber(2 * args.objectRadiusPx)} px, as TrackMate's estimated diameter)` };
  if (args.target !== 'auto') {
    const r = measuredObjectRadius();
    return { radiusPx: r, how: `the ${args.target === 'nuclei' ? 'nucleus' : 'cell'} size measured on the movie, as the objects were said to be ${args.target}` };
  }
  if (pixelSizeUm && pixelSizeUm > 0) {
    const r = DIFFRACTION_LIMITED_RADIUS_UM / pixelSizeUm;
    if (r >= MIN_SPOT_RADIUS_PX) return { radiusPx: +r.toFixed(2), how: `a diffraction-limited spot assumed (about ${DIFFRACTION_LIMITED_RADIUS_UM} µm in radius, a high-NA objective in visible light) at the movie's ${+pixelSizeUm.toPrecision(3)} µm/px; give the spot radius or diameter to set another` };
    return { radiusPx: MIN_SPOT_RADIUS_PX, how: `a diffraction-limited spot (about ${DIFFRACTION_LIMITED_RADIUS_UM} µm in radius) is under a pixel at the movie's ${+pixelSizeUm.toPrecision(3)} µm/px, so the smallest scale, ${MIN_SPOT_RADIUS_PX} px; give the spot radius to set another` };
  }
  const measured = spotRadiusOfPlanes(samples);
  if (measured === undefined) return { radiusPx: FALLBACK_RADIUS_PX, how: `a default: the movie records no pixel size and showed no peak to measure; give the spot radius or diameter to set another` };
  return { radiusPx: +measured.toFixed(2), how: `the LoG scale of the movie's strongest small peaks (radii ${MIN_SPOT_RADIUS_PX}-${MAX_MEASURED_SPOT_RADIUS_PX} px searched, ${counted(samples.length, 'sample frame')}), as the movie records no pixel size; give the spot radius or diameter to set another` };
}

/** Arguments of the threshold pipeline that the LoG detector has no use for, named so the answer says so. */
export function notForSpots(args: Record<string, unknown>): string[] {
  return ['sigmaPx', 'threshold', 'minAreaPx', 'maxAreaPx', 'minTypicalShare', 'maxTypicalShare', 'minMean', 'minSeedDistancePx', 'minSeedDepthPx', 'splitBy', 'membraneStain'].filter((k) => args[k] !== undefined);
}

/** Runs the spot route and returns segment's result. */
export async function segmentSpots(movie: Movie, args: SpotArgs & Record<string, unknown>, ctx: ToolContext, channel: number, frames: [number, number], outputPath: string, samples: SamplePlane[], measuredObjectRadius: () => number) {
  const { radiusPx, how } = spotRadiusFor(args, movie.meta.pixelSizeUm, samples, measuredObjectRadius);
  const dark = args.objects === 'dark';
  const result = await detectSpotsInMovie(movie, { channel, frames, outputPath, radiusPx, quality: args.qualityThreshold, dark, signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total, 'planes') });
  const counts = result.objectsPerFrame;
  const total = counts.reduce((a, b) => a + b, 0);
  const mean = counts.length ? +(total / counts.length).toFixed(2) : 0;
  const slices = movie.shape.z;
  const finite = result.thresholds.filter(Number.isFinite);
  const threshold = finite.length ? +(finite.reduce((a, b) => a + b, 0) / finite.length).toPrecision(4) : Number.NaN;
  const thresholdHow = args.qualityThreshold !== undefined
    ? `quality threshold ${formatNumber(args.qualityThreshold)} (given)`
    : `quality threshold ${formatNumber(threshold)} grey levels on average (${QUALITY_NOISE_FACTOR} times the noise of the LoG response, its median absolute deviation over each plane; not TrackMate's Otsu on the qualities, which splits a plane of noise maxima in two)`;
  const radiusUm = movie.meta.pixelSizeUm ? ` (${+(radiusPx * movie.meta.pixelSizeUm).toPrecision(3)} µm)` : '';
  const ref = ctx.addArtifact('labels', result.path, `${channelName(movie, channel)} spots of ${basename(movie.source.path)} (LoG detector, radius ${formatNumber(radiusPx)} px)`, { channel: channelFact(movie, channel) });
  const where = slices > 1 ? ` x ${slices} z slices (each slice's spots joined with those they overlap in the next, so a spot seen in several slices counts once)` : '';
  const unused = notForSpots(args);
  const found = `Found ${counted(mean, 'spot')} per frame on average (${Math.min(...counts)} to ${Math.max(...counts)}) in ${counted(counts.length, 'frame')}${where}`;
  return {
    summary:
      `${found} of channel ${channelName(movie, channel)} by a Laplacian of Gaussian (LoG) spot detector, as TrackMate's${dark ? ' (on the inverted image: dark spots)' : ''}; labels saved as ${ref.id}, each spot a disc of its radius. ` +
      `Spot radius ${formatNumber(radiusPx)} px${radiusUm}: ${how}; ${thresholdHow}.` +
      (unused.length ? ` Not applied: ${unused.join(', ')} (the LoG detector blurs at the spot radius over sqrt 2 and keeps the maxima above its quality threshold: no intensity threshold, splitting or area bounds).` : ''),
    artifacts: [ref],
    values: {
      details: `Method: log (Laplacian of Gaussian at sigma ${formatNumber(radiusPx / Math.SQRT2)} px, local maxima one per spot radius, sub-pixel positions). Spot radius ${formatNumber(radiusPx)} px: ${how}. ${thresholdHow}.`,
      objects: total,
      objectsPerFrameMean: mean,
      objectsPerFrame: counts,
      thresholdPerFrame: result.thresholds.map((v) => +v.toPrecision(6)),
      qualityThreshold: args.qualityThreshold ?? threshold,
      frames: counts.length,
      method: 'log',
      methodReason: 'asked for (a spot detector)',
      target: 'spots',
      objectRadiusPx: radiusPx,
      spotRadiusHow: how,
      objectPolarity: dark ? 'dark' : 'bright',
      parameters: { radiusPx, sigmaPx: +(radiusPx / Math.SQRT2).toFixed(3), qualityThreshold: args.qualityThreshold ?? threshold },
      ...(unused.length ? { notApplied: unused } : {}),
      path: result.path,
    },
  };
}
