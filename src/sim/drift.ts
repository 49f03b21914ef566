// Stage drift: the sample's displacement from frame 0 in pixels, a smooth sub-pixel
// random walk on top of a linear trend (thermal drift of a stage), scaled so that its
// largest excursion equals the requested amplitude. Sign convention (as in drift.csv):
// a point at (x, y) in frame 0 appears at (x + dx, y + dy) in frame t, so shifting
// frame t by (-dx, -dy) corrects it.
import { Rng } from './random.ts';

export interface DriftRow {
  t: number;
  dxPx: number;
  dyPx: number;
}

export function driftPath(frames: number, maxPx: number, seed: number): DriftRow[] {
  const rows: DriftRow[] = [{ t: 0, dxPx: 0, dyPx: 0 }];
  if (frames <= 1) return rows;
  const rng = new Rng(seed, 'drift');
  const angle = rng.range(0, 2 * Math.PI);
  const trendX = Math.cos(angle);
  const trendY = Math.sin(angle);
  let walkX = 0;
  let walkY = 0;
  let velocityX = 0;
  let velocityY = 0;
  const raw: [number, number][] = [[0, 0]];
  for (let t = 1; t < frames; t++) {
    // A smoothed walk (random velocity with memory), so drift changes gradually.
    velocityX = 0.8 * velocityX + rng.normal();
    velocityY = 0.8 * velocityY + rng.normal();
    walkX += velocityX;
    walkY += velocityY;
    const along = t / (frames - 1);
    raw.push([along * trendX + 0.15 * walkX / Math.sqrt(frames), along * trendY + 0.15 * walkY / Math.sqrt(frames)]);
  }
  const largest = Math.max(...raw.map(([x, y]) => Math.hypot(x, y)));
  const scale = maxPx > 0 && largest > 0 ? maxPx / largest : 0;
  for (let t = 1; t < frames; t++) rows.push({ t, dxPx: raw[t][0] * scale, dyPx: raw[t][1] * scale });
  return rows;
}
