// Bright and dim nuclei touching (issue 12): the segment tool's chosen options on one movie, then each plane
// segmented with the outline steps switched off one at a time, to see which step joins two nuclei.
//   node bin/run-ts.js models/training/probe-touching.ts MOVIE.tif [show=1]
import { openMovie } from '../../src/image/index.ts';
import { chooseSegmentParameters, sampleMoviePlanes } from '../../src/analysis/seg-auto.ts';
import { segmentPlane, type SegmentOptions } from '../../src/analysis/seg-plane.ts';

const path = process.argv[2];
const show = process.argv.includes('show=1');
const movie = await openMovie(path);
const { x: width, y: height, t: frames } = movie.shape;
const samples = await sampleMoviePlanes(movie, 0, [0, frames - 1]);
const { options, chosen } = chooseSegmentParameters(samples, { method: 'auto', pixelSizeUm: movie.meta.pixelSizeUm });
console.log(JSON.stringify({ ...options, radius: chosen.objectRadiusPx }));
const variants: [string, SegmentOptions][] = [
  ['chosen', options],
  ['intensity split', { ...options, splitByIntensity: true }],
  ['no hull', { ...options, convexFill: false }],
  ['no growth', { ...options, growToNoiseSd: 0 }],
  ['no growth, no hull', { ...options, growToNoiseSd: 0, convexFill: false }],
  ['no split oversized', { ...options, splitOversized: false }],
];
for (const [name, o] of variants) {
  const counts: number[] = [];
  const rows: string[][] = [];
  for (let t = 0; t < frames; t++) {
    const plane = await movie.plane(t, 0, 0);
    const seg = segmentPlane(plane, width, height, o);
    counts.push(seg.count);
    if (show) {
      const r: string[] = [];
      for (let y = 0; y < height; y += 2) {
        let s = '';
        for (let x = 0; x < width; x++) {
          const l = seg.labels[y * width + x];
          s += l ? String.fromCharCode(64 + ((l - 1) % 26) + 1) : '.';
        }
        r.push(s);
      }
      rows.push(r);
    }
  }
  console.log(`${name}: objects per frame ${counts.join(' ')}`);
  if (show) for (let y = 0; y < rows[0].length; y++) console.log(rows.map((r) => r[y]).join('  '));
}
await movie.close();
