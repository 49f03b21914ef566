// Spots, puncta, foci and particles, or a LoG / DoG / blob detector named, plan segment's LoG spot detector (method
// "log", TrackMate's estimated blob diameter being twice its radius); nuclei and cells stay on the threshold pipeline;
// an acronym closing on one capital ("LoG", "DoG") is one word, so the phrases a tool declares with it match.
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/agent/planner/words.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const segmentArgs = (request: string) => plan(request).steps.find((s) => s.tool === 'segment')?.args;

describe('spot detection by LoG (stop 52, helper F)', () => {
  it('reads "LoG" and "DoG" as one word each, no pieces', () => {
    expect(tokenize('LoG detector').map((t) => t.word)).toEqual(['log', 'detector']);
    expect(tokenize('a DoG filter').some((t) => t.part)).toBe(false);
    expect(tokenize('minA 60').map((t) => t.word)).toContain('min');
  });

  it('plans the LoG detector with the blob diameter as twice the radius', () => {
    expect(segmentArgs('LoG detector with a blob diameter of 10 px')).toMatchObject({ method: 'log', objectRadiusPx: 5 });
    expect(segmentArgs('detect particles w/ a DoG detector, radius 3 px')).toMatchObject({ method: 'log', objectRadiusPx: 3 });
  });

  it('plans the LoG detector for things called spots, puncta, foci or particles', () => {
    for (const request of ['detect the spots', 'detect the puncta', 'count the GFP foci in every frame', 'track the particles']) expect(segmentArgs(request)?.method, request).toBe('log');
  });

  it('keeps nuclei, cells and Analyze Particles on the threshold pipeline', () => {
    for (const request of ['segment the nuclei', 'track the cells, TrackMate calls them spots', 'run analyze particles', 'pick out the blobs']) expect(segmentArgs(request)?.method, request).not.toBe('log');
  });

  it('takes a threshold said with the detector as its quality threshold', () => {
    expect(segmentArgs('LoG detector, blob diameter 6 px, threshold 40')).toMatchObject({ method: 'log', objectRadiusPx: 3, qualityThreshold: 40 });
  });

  it('reads a program named before "with" and a detector after it as the program\'s step on the detector\'s result', () => {
    const p = plan('StackReg then TrackMate with the LoG detector');
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift', 'segment', 'track']);
    expect(p.steps[1].args.method).toBe('log');
  });
});
