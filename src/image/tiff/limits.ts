// Resource limits checked against what a file declares, before anything is allocated:
// a damaged or hostile header must fail with one line, never exhaust memory.

/** Default ceiling for one decoded plane (16k x 16k uint16); CELLPILOT_MAX_PLANE_MB raises it. */
const DEFAULT_PLANE_BUDGET_MB = 512;

/** The most bytes one decoded plane may occupy. */
export function planeBudgetBytes(): number {
  const mb = Number(process.env.CELLPILOT_MAX_PLANE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_PLANE_BUDGET_MB) * 2 ** 20;
}

/** Planes up to this size skip the compression-ratio check (a blank tiny plane may compress without limit). */
export const TINY_PLANE_BYTES = 1 << 20;

/**
 * The smallest image directory a plane needs: a count, three tags (width, height, strip
 * offsets) and the next pointer (classic TIFF: 2 + 3 x 12 + 4 bytes). A file of N bytes
 * can hold at most N / 42 planes, whatever its header claims.
 */
export const MIN_IFD_BYTES = 42;

/** How many planes `fileBytes` of TIFF can possibly hold as separate images. */
export function maxPlanesIn(fileBytes: number): number {
  return Math.floor(fileBytes / MIN_IFD_BYTES);
}
