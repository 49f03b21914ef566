// scratch probe: the triangle objects Otsu leaves in pieces, with their pieces' shares
import { listCtcFrames } from '../../src/analysis/ctc.ts';
import { chooseSegmentParameters, sampleMoviePlanes, type SamplePlane } from '../../src/analysis/seg-auto.ts';
import { segmentPlane } from '../../src/analysis/seg-plane.ts';
import { overlaps, solidity } from '../../src/analysis/temporalRepair.ts';
import { boundingBoxes } from '../../src/analysis/watershed.ts';
import { openMovie } from '../../src/image/index.ts';
import { ctcDataset, readFrame, type DatasetName } from './real-data.ts';
const set = process.argv[2];
const n = Number(process.argv[3] ?? 0);
let samples: SamplePlane[];
if (set.endsWith('.tif')) samples = await sampleMoviePlanes(await openMovie(set), 0, [0, n - 1]);
else {
  const data = ctcDataset(set as DatasetName);
  const total = n || listCtcFrames(data.images, 't').size;
  samples = await Promise.all([0, Math.round((total - 1) / 2), total - 1].map((t) => readFrame(data, t)));
}
const { options, chosen } = chooseSegmentParameters(samples, { method: 'auto' });
console.log(chosen.method, chosen.methodReason);
for (const { plane, width, height } of samples) {
  const otsu = segmentPlane(plane, width, height, { ...options, method: 'otsu' }).labels;
  const tri = segmentPlane(plane, width, height, { ...options, method: 'triangle' }).labels;
  const area = new Map<number, number>(); for (const l of tri) if (l) area.set(l, (area.get(l) ?? 0) + 1);
  const oarea = new Map<number, number>(); for (const l of otsu) if (l) oarea.set(l, (oarea.get(l) ?? 0) + 1);
  const typ = [...area.values()].sort((a, b) => a - b)[area.size >> 1];
  const otyp = [...oarea.values()].sort((a, b) => a - b)[oarea.size >> 1];
  const ov = overlaps(tri, otsu);
  const boxes = boundingBoxes(tri, width);
  for (const [r, a] of area) {
    if (a > 1.5 * typ) continue;
    const pieces = [...(ov.get(r)?.entries() ?? [])].map(([o, v]) => ({ share: v / a, inside: v / oarea.get(o)!, rel: oarea.get(o)! / otyp }));
    const big = pieces.filter((p) => p.share >= 0.1);
    if (big.length >= 2 && !pieces.some((p) => p.share >= 0.5))
      console.log(`solidity ${solidity(tri, width, r, boxes[r]!).toFixed(3)} area ${a} (typ ${typ}, ${(a / typ).toFixed(2)}) pieces ${big.map((p) => `${p.share.toFixed(2)}/in ${p.inside.toFixed(2)}/rel ${p.rel.toFixed(2)}`).join(', ')} cover ${pieces.reduce((s, p) => s + p.share, 0).toFixed(2)}`);
  }
}
