// A spot or blob detector people name from other tools (TrackMate's LoG and DoG detectors, a Hessian blob detector)
// runs the tool that declares a stand-in for it (segment) and the answer names the method and what ran instead;
// many phrasings built from the names, the verbs and the things found, never "not understood".
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const segment = ALL_TOOLS.find((t) => t.name === 'segment')!;

/** Each detector as people write it, with the word its stand-in line must name. */
const DETECTORS: [string, RegExp][] = [
  ['a LoG filter', /Laplacian of Gaussian \(LoG\)/],
  ['the LoG detector', /Laplacian of Gaussian \(LoG\)/],
  ["TrackMate's LoG detector", /Laplacian of Gaussian \(LoG\)/],
  ['a Laplacian of Gaussian', /Laplacian of Gaussian \(LoG\)/],
  ['laplacian-of-gaussian filtering', /Laplacian of Gaussian \(LoG\)/],
  ['difference of Gaussians', /difference of Gaussians \(DoG\)/],
  ['StarDist', /StarDist is not installed here/],
  ['the difference-of-Gaussians detector from TrackMate', /difference of Gaussians \(DoG\)/],
  ['a Hessian blob detector', /Hessian/],
  ['Hessian-based blob detection', /Hessian/],
];
const FRAMES: ((method: string) => string)[] = [
  (m) => `detect spots with ${m}`,
  (m) => `find the nuclei using ${m}`,
  (m) => `pick out the blobs with ${m}, radius 6 px`,
  (m) => `spot detection via ${m} please`,
  (m) => `I'd like the cells found by ${m} and then tracked`,
];

const cases = DETECTORS.flatMap(([method, said]) => FRAMES.map((frame) => ({ request: frame(method), said })));

describe('a spot detector of another tool, named', () => {
  it('is declared by segment as a stand-in', () => {
    for (const key of ['log', 'laplacian', 'gaussians', 'hessian']) expect(Object.keys(segment.insteadOf ?? {})).toContain(key);
  });

  it.each(cases.map((c) => [c.request, c]))('"%s" runs segment and names the detector', (_r, c) => {
    const p = plan(c.request);
    expect(p.steps.map((s) => s.tool), c.request).toContain('segment');
    expect((p.notes ?? []).join(' '), c.request).toMatch(c.said);
    expect((p.notes ?? []).join(' '), c.request).toMatch(/`segment`|segment method/);
  });

  it('keeps the size said with the detector', () => {
    expect(plan('spot detection with a LoG filter, radius 5 px').steps.find((s) => s.tool === 'segment')?.args.objectRadiusPx).toBe(5);
  });

  it('names no detector when none is said', () => {
    for (const request of ['detect the spots', 'segment the nuclei', 'find the blobs in frame 3']) {
      expect((plan(request).notes ?? []).join(' '), request).not.toMatch(/LoG|DoG|Hessian/);
    }
  });

  it('reads a log scale on a plot as no detector', () => {
    const measured = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'table-1', type: 'table' as const, producedBy: 'measure' }];
    const p = plan('plot a histogram of the areas on a log scale', measured);
    expect(p.steps.map((s) => s.tool)).not.toContain('segment');
    // (with the segmentation added to make the areas, still no detector)
    for (const request of ['plot the areas on a log scale', "what's the distribution of nuclear areas on a log scale?", 'what is the mean area, log-transformed?', 'histogram of the areas in log scale']) {
      expect((plan(request).notes ?? []).join(' '), request).not.toMatch(/LoG/);
    }
  });
});
