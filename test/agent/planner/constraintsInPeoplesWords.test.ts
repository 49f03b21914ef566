// Constraints in people's words (brief s29/B), in forms of no eval file: an area range whose unit is said once
// after its second end (µm² or px², never a radius); a lower bound on motion that is no largest move; an intensity
// floor said with its noun; things left out by a quality no step applies, named; a negation before the things
// left out at the edge; a setting a step used never answers a question about the things measured.
import { beforeAll, describe, expect, it } from 'vitest';
import { areasInPixels } from '../../../src/agent/planner/quantities.ts';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, said } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const calibrated = [{ id: 'movie-1', type: 'movie' as const, pixelSizeUm: 0.25 }];

describe('an area range with its unit after the second end', () => {
  it('converts both ends from µm²', () => {
    expect(areasInPixels('nuclei of 5 to 25 square microns', 0.5).text).toBe('nuclei of 20 px² to 100 px²');
  });
  it('bounds the area, never the radius', () => {
    expect(argsOf('segment the cells, 2-10 µm2 please', 'segment', calibrated)).toMatchObject({ minAreaPx: 32, maxAreaPx: 160 });
    const px = argsOf('find nuclei 60-900 px^2', 'segment');
    expect(px).toMatchObject({ minAreaPx: 60, maxAreaPx: 900 });
    expect(px).not.toHaveProperty('objectRadiusPx');
  });
});

describe('a lower bound on how things move', () => {
  it('is no largest move of the tracker, and is named', () => {
    const args = argsOf('link the nuclei, keeping only the ones quicker than 3 px a frame', 'track', movieAndLabels);
    expect(args).not.toHaveProperty('maxLinkingDistancePx');
    expect(args).not.toHaveProperty('gapClosingMaxDistancePx');
    expect(said('link the nuclei, keeping only the ones quicker than 3 px a frame', movieAndLabels)).toMatch(/3 px/);
    // (an upper bound still is)
    expect(argsOf('link the nuclei, none of them moves more than 9 px', 'track', movieAndLabels)).toMatchObject({ maxLinkingDistancePx: 9 });
  });
});

describe('an intensity floor with its noun', () => {
  it('is the threshold', () => {
    expect(argsOf('segment whatever is brighter than a grey level of 450', 'segment')).toMatchObject({ method: 'manual', threshold: 450 });
  });
});

describe('things left out by a quality', () => {
  it('are named when no step leaves them out', () => {
    expect(said('measure the cells apart from the ones near the border', movieAndLabels)).toMatch(/did not apply "apart from the ones near the border"/);
  });
  it('are left out when a step can', () => {
    expect(argsOf('segment the nuclei, but without any nuclei on the image border', 'segment')).toMatchObject({ excludeBorder: true });
  });
});

describe('what a part of the image is called', () => {
  it('names no method: "the cells are the dark regions" sets dark objects and nothing is said to be not applied', () => {
    const request = "segment the cells (they're outlined by the membrane stain, so the cells are the dark regions) and tell me the mean cell area";
    expect(argsOf(request, 'segment')).toMatchObject({ objects: 'dark' });
    expect(said(request)).not.toMatch(/Not applied/);
    const segmented = { tool: 'segment', args: { movie: 'movie-1', objects: 'dark', target: 'cells' }, ok: true, summary: 'Found 24 objects', values: {}, artifacts: [{ id: 'labels-1', type: 'labels', producedBy: 'segment' }] };
    const measured = { tool: 'measure', args: { kind: 'objects', labels: 'labels-1', movie: 'movie-1' }, ok: true, summary: 'Measured 123 objects', values: { objects: 123, meanAreaPx: 1466 }, artifacts: [{ id: 'table-1', type: 'table', producedBy: 'measure' }] };
    const answer = nextAction({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [segmented, measured], earlierRequests: [] }, catalogue);
    expect(answer.kind).toBe('answer');
    expect((answer as { text: string }).text).not.toMatch(/Not applied/);
  });
});
