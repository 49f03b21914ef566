// Every part of a request accounted for (brief s23/R): methods named, negations, things to make
// that no tool makes, list numbers, names' parts and living things, in words of no eval file.
import { beforeAll, describe, expect, it } from 'vitest';
import { namedMethods, unknownThings } from '../../../src/agent/planner/accounted.ts';
import { withListNumbersBlanked } from '../../../src/agent/planner/planner.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('method names', () => {
  it('reads a name written as one after "with", "via", "using", and the field\'s known names anywhere', () => {
    expect(namedMethods('link them via HungarianX, then denoise with ZetaNet').map((m) => m.name)).toEqual(['HungarianX', 'ZetaNet']);
    expect(namedMethods('reduce the features to two axes, a t-SNE please').map((m) => m.name)).toEqual(['t-SNE']);
    // (a channel is no method; a lower-case "li" is a word, not Li's method)
    expect(namedMethods('segment with DAPI and li')).toEqual([]);
  });

  it('gives a value of a step\'s own choice said in another clause to that step', () => {
    expect(argsOf('group the cells by phenotype, and I want to see it as a t-SNE', 'embed', movieAndLabels)).toMatchObject({ method: 'tsne' });
  });

  it('never reads a part of a name as a value ("DistNet" is no distance)', () => {
    expect(argsOf('segment the nuclei using the DistNet model', 'segment')).not.toHaveProperty('splitBy');
    expect(said('segment the nuclei using the DistNet model')).toMatch(/DistNet/);
  });
});

describe('negations', () => {
  it('turns off the one switch a negated verb names and says so', () => {
    const p = plan('fix the stage drift, but do not save another copy');
    expect(p.steps.find((s) => s.tool === 'correct_drift')?.args.writeMovie).toBe(false);
    expect((p.notes ?? []).join(' ')).toMatch(/writeMovie: false/);
  });
});

describe('things no tool makes', () => {
  it('finds the thing asked to be made that no tool knows, not things under the microscope', () => {
    const index = indexFor(catalogue);
    expect(unknownThings('render a sunburst chart of the intensities', index, () => false).map((t) => t.phrase)).toEqual(['sunburst chart']);
    expect(unknownThings('show the fibroblasts', index, (w) => /fibroblast/.test(w))).toEqual([]);
    expect(unknownThings('make a histogram of the areas', index, () => false)).toEqual([]);
  });

  it('runs nothing when that thing is all the request asks, and names it beside other steps', () => {
    const alone = plan('please plot a dendrogram', movieAndLabels);
    expect(alone.steps).toEqual([]);
    expect(alone.reply).toMatch(/dendrogram/);
    expect(said('find the nuclei and draw a sunburst chart of their sizes', movieAndLabels)).toMatch(/did not apply "sunburst chart"/);
  });
});

describe('lists and living things', () => {
  it('blanks a list\'s line number after a bullet or at a line start, never a number in a sentence', () => {
    expect(withListNumbersBlanked('denoise it\n- 3. segment the cells')).toBe('denoise it\n-    segment the cells');
    expect(withListNumbersBlanked('radius 3. Then track')).toBe('radius 3. Then track');
    expect(argsOf('denoise it\n- 3. segment the cells', 'segment')).not.toHaveProperty('objectRadiusPx');
  });

  it('reads words formed as living things\' names as things imaged ("melanophores", "keratinocytes")', () => {
    expect(toolsOf('follow the Xenopus melanophores')).toContain('track');
    expect(toolsOf('segment the keratinocytes')).toEqual(['segment']);
    expect(plan('track my parcel from the post office').steps).toEqual([]);
  });
});

describe('numbers with units', () => {
  it('names a time, a length or a share that no step took, never one a step took', () => {
    expect(said('find the nuclei. I expect roughly 15% of them to be out of focus.', movieAndLabels)).toMatch(/"15%"/);
    expect(said('link the nuclei with a search radius of 9 px', movieAndLabels)).not.toMatch(/did not apply/);
  });
});

describe('a microscope command', () => {
  it('is read whole by the acquisition language: its words are no things to make ("make the grid 4x4")', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const started = { tool: 'start_acquisition', args: {}, ok: true, summary: 'Started.', values: { state: 'running' }, artifacts: [] };
    const conversation = { request: 'make the grid 4x4 instead', artifactsAtStart: [], earlier: [started], current: [], earlierRequests: ['image mCherry every 20 min for 6 h on a 2x2 grid'] };
    const planned = planRequest(conversation, catalogue);
    expect(planned.reply ?? '').not.toMatch(/no tool that makes/);
    expect(planned.steps.map((s) => s.tool)).toContain('adjust_acquisition');
  });
});

describe('a verb said alone before another joined to it', () => {
  it('shares that verb\'s object: "segment and track the nuclei" segments nuclei, not what the movie looks like', () => {
    expect(argsOf('segment and track all nuclei in channel 1', 'segment')).toMatchObject({ target: 'nuclei' });
    expect(argsOf('segment and track the cells', 'segment')).not.toHaveProperty('target', 'nuclei');
  });
});

describe('a step run again with a method named', () => {
  // the session after a segmentation: "try it again with triangle" runs it again with that method, which is applied
  // (never "a method of segment, which this request did not run"), and the question after it is no setting
  const afterSegment = (request: string) =>
    planRequest(
      { request, artifactsAtStart: movieAndLabels, earlier: [{ tool: 'segment', args: { movie: 'movie-1' }, ok: true, summary: 'Found 5 objects per frame.', values: { objects: 30, method: 'otsu' }, artifacts: [{ id: 'labels-1', type: 'labels' }] }], current: [], earlierRequests: ['segment the nuclei'] },
      catalogue,
    );
  it('applies the method to the step run again and names nothing as not applied', () => {
    for (const request of ['try it again with triangle, do we get more or fewer nuclei?', 'redo the segmentation with Li and compare the counts']) {
      const p = afterSegment(request);
      const words = [...(p.notes ?? []), p.reply ?? ''].join(' ');
      const runAgain = p.steps.find((s) => s.tool === 'rerun_step' || s.tool === 'segment');
      expect(runAgain, request).toBeDefined();
      expect(JSON.stringify(runAgain!.args), request).toMatch(/triangle|"li"/);
      expect(words, request).not.toMatch(/did not apply|Not applied|no tool to compare|nothing was done/i);
    }
  });
});
