import { tracksFromLinks } from '../../src/analysis/track.ts';

/**
 * Three tracks over 6 frames (0-5), by hand (the track filter's tests, of the kernel and of the tool):
 * - A (spots 1-6): frames 0-5, moves 3 px right each frame: 6 frames, displacement 15 px, total 15 px, speed 3 px/frame, straightness 1.
 * - B (spots 11-13): frames 1-3, steps (0,0) -> (3,4) -> (0,0): 3 frames, displacement 0, total 10 px, speeds 5, 5 px/frame, straightness 0.
 * - C (spot 21): frame 2 only: 1 frame, no step (no speed).
 */
export function handTracks(calibration: { pixelSizeUm?: number; frameIntervalS?: number } = {}) {
  const spots = [
    ...[0, 1, 2, 3, 4, 5].map((t) => ({ id: t + 1, t, x: 10 + 3 * t, y: 20, label: 1 })),
    { id: 11, t: 1, x: 40, y: 40, label: 2 },
    { id: 12, t: 2, x: 43, y: 44, label: 2 },
    { id: 13, t: 3, x: 40, y: 40, label: 2 },
    { id: 21, t: 2, x: 0, y: 5, label: 3 },
  ];
  const links = [
    ...[1, 2, 3, 4, 5].map((k) => ({ source: k, target: k + 1 })),
    { source: 11, target: 12 },
    { source: 12, target: 13 },
  ];
  return tracksFromLinks(spots, links, 6, calibration);
}
