// A spot's size as files name it. The tracker keeps each spot's pixel count as `area_px`
// (track.ts measureSpots), which on a z-stack counts voxels: written as "area_px" it would
// read as an area, and a radius from it as that of a disc. Files written from such tracks
// say "volume_voxels" and give RADIUS as the sphere's of that volume; reading one back gives
// `area_px` again, so the tracks stay what the tracker made.
import type { Spot } from './tracks.ts';

/** Whether tracks are 3-D (their spots have a z): then a spot's pixel count is voxels. */
export function isThreeD(spots: readonly Pick<Spot, 'z'>[]): boolean {
  return spots.some((s) => s.z !== undefined);
}

/** The spot feature that holds the object's pixel count (voxels for a 3-D spot). */
export const PIXEL_COUNT_FEATURE = 'area_px';
/** Its name in files written from 3-D tracks. */
export const VOXEL_COUNT_FEATURE = 'volume_voxels';

/** The name a file gives a spot feature: area_px of 3-D tracks is volume_voxels. */
export function fileFeatureName(feature: string, threeD: boolean): string {
  return threeD && feature === PIXEL_COUNT_FEATURE ? VOXEL_COUNT_FEATURE : feature;
}

/** Spot features read from a file, with volume_voxels of a 3-D spot back as area_px (the others unchanged). */
export function featuresFromFile(features: Record<string, number>, threeD: boolean): Record<string, number> {
  if (!threeD || features[VOXEL_COUNT_FEATURE] === undefined || features[PIXEL_COUNT_FEATURE] !== undefined) return features;
  const { [VOXEL_COUNT_FEATURE]: voxels, ...rest } = features;
  return { ...rest, [PIXEL_COUNT_FEATURE]: voxels };
}

/**
 * The radius of a spot's object in the file's length unit: of the disc of its area in 2-D
 * tracks, of the sphere of its volume in 3-D ones (voxels of `lengthPerPx` x `lengthPerPx` x
 * `lengthPerPlane`); `fallbackPx` when the spot has no pixel count.
 */
export function spotRadius(spot: Spot, threeD: boolean, lengthPerPx: number, lengthPerPlane: number, fallbackPx: number): number {
  const count = spot.features?.[PIXEL_COUNT_FEATURE];
  if (!count) return fallbackPx * lengthPerPx;
  if (!threeD) return Math.sqrt(count / Math.PI) * lengthPerPx;
  const volume = count * lengthPerPx * lengthPerPx * lengthPerPlane;
  return Math.cbrt((3 * volume) / (4 * Math.PI));
}
