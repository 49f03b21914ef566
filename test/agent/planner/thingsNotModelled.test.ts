// A step named with things the segmenter has no rules for ("track the mitochondria") runs, and the answer names them
// in one line; nuclei or cells named beside them, or the things turned down, say nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('things that are neither nuclei nor cells', () => {
  it('are found as bright objects, and named', () => {
    expect(toolsOf('track the mitochondria')).toEqual(['segment', 'track']);
    expect(said('track the mitochondria')).toMatch(/"mitochondria": `segment` is made for nuclei and whole cells/);
    expect(said('follow the vesicles over time')).toMatch(/not vesicles/);
  });
  it('say nothing beside nuclei named, or turned down', () => {
    expect(said('segment the nuclei but not the nucleoli')).not.toMatch(/made for nuclei/);
    expect(said('count the foci in each nucleus')).not.toMatch(/made for nuclei/);
  });
});
