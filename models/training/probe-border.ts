// Are nuclei cut by the image edge found and outlined as well as whole ones? (issue 12 item 1)
//   node bin/run-ts.js models/training/probe-border.ts [radius=20] ['{"option":...}']
// Synthetic planes: textured nuclei (a dim body with a bright chromatin spot, blurred, Gaussian noise) of one radius,
// half of them whole in the open field, half with their centres at -0.5 r .. 0.75 r from an image edge (cut to 20-90 %
// of their area), at body contrasts of 2-12 noise SD. Segmented with the segment tool's defaults (parameters chosen from
// the plane); per group: found (one object covers over half of the visible part) and the mean IoU of the found ones.
import { mulberry32 } from '../../src/random.ts';
import { chooseSegmentParameters } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { gaussianBlur } from '../../src/analysis/filters.ts';

const radius = Number(process.argv.find((a) => a.startsWith('radius='))?.slice(7) ?? 20);
const given = JSON.parse(process.argv.slice(2).find((a) => a.startsWith('{')) ?? '{}');

/** One plane: nuclei of radius r with body contrasts `contrastSd` (noise SD 1); returns the image and the truth labels. */
export function borderScene(seed: number, r: number, contrastSd: number): { plane: Float32Array; truth: Uint32Array; width: number; height: number; cut: Set<number> } {
  const width = Math.round(16 * r);
  const height = width;
  const rand = mulberry32(seed);
  const clean = new Float32Array(width * height);
  const truth = new Uint32Array(width * height);
  const cut = new Set<number>();
  const centres: [number, number, boolean][] = [];
  // interior nuclei on a grid, cut ones along the four edges
  for (let gy = 0; gy < 3; gy++) for (let gx = 0; gx < 3; gx++) centres.push([width * (0.3 + 0.2 * gx), height * (0.3 + 0.2 * gy), false]);
  const offsets = [-0.5, -0.25, 0, 0.25, 0.5, 0.75];
  offsets.forEach((d, k) => {
    const along = (0.15 + 0.14 * k) * width;
    const side = k % 4;
    const o = d * r;
    centres.push(side === 0 ? [along, o, true] : side === 1 ? [width - 1 - o, along, true] : side === 2 ? [along, height - 1 - o, true] : [o, along, true]);
  });
  centres.forEach(([cx, cy, isCut], k) => {
    const label = k + 1;
    if (isCut) cut.add(label);
    // a bright spot (chromatin) off-centre, 3x the body's contrast
    const a = rand() * 2 * Math.PI;
    const sx = cx + 0.4 * r * Math.cos(a);
    const sy = cy + 0.4 * r * Math.sin(a);
    const ex = 1 + 0.15 * (rand() - 0.5);
    for (let y = Math.max(0, Math.floor(cy - 1.2 * r)); y < Math.min(height, cy + 1.2 * r); y++)
      for (let x = Math.max(0, Math.floor(cx - 1.2 * r)); x < Math.min(width, cx + 1.2 * r); x++) {
        const dx = (x - cx) * ex;
        const dy = (y - cy) / ex;
        if (dx * dx + dy * dy > r * r) continue;
        const i = y * width + x;
        truth[i] = label;
        const spot = Math.exp(-((x - sx) ** 2 + (y - sy) ** 2) / (2 * (0.3 * r) ** 2));
        clean[i] = contrastSd * (1 + 3 * spot);
      }
  });
  const blurred = gaussianBlur(clean, width, height, 1.5);
  const plane = new Float32Array(width * height);
  for (let i = 0; i < plane.length; i++) {
    const u = Math.max(1e-12, rand());
    plane[i] = 100 + blurred[i] + Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  }
  return { plane, truth, width, height, cut };
}

function scoreGroups(labels: Uint32Array, truth: Uint32Array, cut: Set<number>): Record<'whole' | 'cut', { n: number; found: number; iouSum: number }> {
  const inter = new Map<number, Map<number, number>>();
  const areaT = new Map<number, number>();
  const areaL = new Map<number, number>();
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const l = labels[i];
    if (l) areaL.set(l, (areaL.get(l) ?? 0) + 1);
    if (!t) continue;
    areaT.set(t, (areaT.get(t) ?? 0) + 1);
    if (!l) continue;
    const row = inter.get(t) ?? new Map<number, number>();
    row.set(l, (row.get(l) ?? 0) + 1);
    inter.set(t, row);
  }
  const out = { whole: { n: 0, found: 0, iouSum: 0 }, cut: { n: 0, found: 0, iouSum: 0 } };
  for (const [t, area] of areaT) {
    const g = out[cut.has(t) ? 'cut' : 'whole'];
    g.n++;
    let best = 0;
    for (const [l, n] of inter.get(t) ?? []) {
      best = Math.max(best, n / area);
      if (n > 0.5 * area) (g.found++, (g.iouSum += n / (area + areaL.get(l)! - n)));
    }
    if (best <= 0.5 && process.env.DETAILS) console.error(`  missed ${cut.has(t) ? 'cut' : 'whole'} nucleus ${t} (visible ${area} px): best cover ${best.toFixed(2)}, covered ${[...(inter.get(t) ?? new Map()).values()].map((n) => (n / area).toFixed(2)).join('+') || 0}`);
  }
  return out;
}

if (process.argv[1]?.endsWith('probe-border.ts')) {
  const rows: string[] = ['| body contrast, noise SD | whole: found / n (IoU) | cut by the edge: found / n (IoU) | radius chosen px |', '|---|---|---|---|'];
  for (const contrast of [0.2, 0.3, 0.5, 1, 3]) {
    const tot = { whole: { n: 0, found: 0, iouSum: 0 }, cut: { n: 0, found: 0, iouSum: 0 } };
    let radii = '';
    for (const seed of [1, 2, 3]) {
      const s = borderScene(seed * 100 + contrast, radius, contrast);
      const { options, chosen } = chooseSegmentParameters([{ plane: s.plane, width: s.width, height: s.height }], { method: 'auto', ...given });
      radii += `${chosen.objectRadiusPx}${chosen.growToNoiseSd ? "g" : ""}${chosen.method[0]} `;
      const g = scoreGroups(segmentPlane(s.plane, s.width, s.height, options).labels, s.truth, s.cut);
      for (const k of ['whole', 'cut'] as const) (tot[k].n += g[k].n), (tot[k].found += g[k].found), (tot[k].iouSum += g[k].iouSum);
    }
    const f = (g: { n: number; found: number; iouSum: number }) => `${g.found} / ${g.n} (${(g.iouSum / Math.max(1, g.found)).toFixed(3)})`;
    rows.push(`| ${contrast} | ${f(tot.whole)} | ${f(tot.cut)} | ${radii.trim()} |`);
    console.error(rows[rows.length - 1]);
  }
  console.log(rows.join('\n'));
}
