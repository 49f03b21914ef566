// Requests about the whole field per frame (confluence, the share of the image covered, a per-frame summary table)
// plan measure kind "summary" and draw its column; the other senses of the same words keep their steps.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('the per-frame summary of the objects (measure kind "summary")', () => {
  it.each([
    'plot the confluence over time',
    'how confluent are the cells?',
    'what fraction of the image is covered by cells?',
    'what fraction of the field is covered by nuclei in each frame?',
    'save a per-frame summary table as csv',
  ])('"%s" summarises the frames', (request) => {
    expect(argsOf(request, 'measure', movieAndLabels).kind).toBe('summary');
  });

  it('draws the share of the field covered when the confluence is plotted', () => {
    expect(argsOf('plot the confluence over time', 'plot', movieAndLabels).feature).toBe('area_fraction_percent');
  });

  it('keeps "distance covered" a distance of the tracks, and a remark on confluent cells outside what it does', () => {
    expect(plan('distance covered by each cell?', [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }]).steps.find((s) => s.tool === 'measure')?.args.kind).toBe('tracks');
    expect(toolsOf('when should I passage my HeLa cells, they look confluent')).toEqual([]);
    expect(said('when should I passage my HeLa cells, they look confluent')).toMatch(/outside what I do/);
  });

  it('leaves words that are spelt close to its own to their meaning ("confident", "percentile", a summary of each cell)', () => {
    expect(toolsOf('how confident are you in the segmentation?', movieAndLabels)).not.toContain('measure');
    expect(said('segment the nuclei and keep only the ones brighter than the 90th percentile')).toMatch(/percentile|brighter/);
    expect(toolsOf("summarise each cell's behaviour over time with CellPhe-style features", [...movieAndLabels, { id: 'table-1', type: 'table', producedBy: 'measure' }])).toEqual(['analyze_timeseries']);
  });
});
