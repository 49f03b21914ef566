// The offline planner's parsing, as tables of phrases and what they must mean.
import { describe, expect, it } from 'vitest';
import { findChannel, findChannels, findDurationS, findIntervalS, findName, findOutput, findPaths } from '../../src/agent/planner/extract.ts';
import { findFrameRange, findQuantities, seconds } from '../../src/agent/planner/quantities.ts';
import { adaptArgs, matchEnum } from '../../src/agent/planner/catalogue.ts';
import { findMentions, maskNames, nextAction } from '../../src/agent/planner/planner.ts';
import { catalogueFromTools } from '../../src/agent/planner/catalogue.ts';
import { loadMicroscopeLanguage } from '../../src/agent/planner/microscopeLanguage.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { defineTool, type ToolSpec } from '../../tools/types.ts';
import { z } from 'zod';

describe('offline planner parsing', () => {
  it('reads numbers with units', () => {
    const cases: [string, number, string][] = [
      ['every 30 s', 30, 's'],
      ['a 15 pixel radius', 15, 'px'],
      ['nuclei about 10 µm across', 10, 'um'],
      ['drop the power to 5%', 5, '%'],
      ['for 12 hours', 12, 'h'],
      ['exposure of 50 ms', 50, 'ms'],
      ['twenty frames', 20, 'frame'],
      ['2.5 microns', 2.5, 'um'],
      // the fraction belongs to the number before it (it was read as "half pixels" = 0.5 px)
      ['a sigma of one and a half pixels', 1.5, 'px'],
      ['2 and a quarter µm', 2.25, 'um'],
    ];
    for (const [text, value, unit] of cases) expect(findQuantities(text)[0], text).toMatchObject({ value, unit });
    expect(findQuantities('3 slices')[0]).toMatchObject({ value: 3, kind: 'count' });
    expect(seconds(findQuantities('2 minutes')[0])).toBe(120);
  });

  it('reads intervals, durations and frame ranges', () => {
    expect(findIntervalS('image GFP every 5 minutes')).toBe(300);
    expect(findIntervalS('every minute')).toBe(60);
    expect(findDurationS('for 12 hours')).toBe(43200);
    const frames: [string, { first: number; last: number } | undefined][] = [
      ['frames 10 to 50', { first: 10, last: 50 }],
      ['frames 5-20', { first: 5, last: 20 }],
      ['from frame 7 until 3', { first: 3, last: 7 }],
      ['the first 20 frames', { first: 1, last: 20 }],
      ['between frames 2 and 9', { first: 2, last: 9 }],
      ['in frame 4 only', { first: 4, last: 4 }],
      ['all frames', undefined],
    ];
    for (const [text, range] of frames) expect(findFrameRange(text), text).toEqual(range);
  });

  it('reads channels by number, ordinal, name and laser line', () => {
    expect(findChannel('segment channel 2')).toBe(2);
    expect(findChannel('use C3')).toBe(3);
    expect(findChannel('the second channel')).toBe(2);
    expect(findChannel('the GFP channel')).toBe('GFP');
    expect(findChannel('drop the 488 laser')).toBe('FITC');
    expect(findChannels('image GFP and DAPI')).toEqual(['GFP', 'DAPI']);
  });

  it('finds paths, outputs and names', () => {
    expect(findPaths('correct drift in data/cells.tif and save')).toEqual(['data/cells.tif']);
    expect(findOutput('correct the drift in data/cells.tif')).toBeUndefined();
    expect(findOutput('save it to results/stable.tif')).toBe('results/stable.tif');
    expect(findOutput('export into the folder out/ctc')).toBe('out/ctc');
    expect(findName('save this as a pipeline called nuclei-tracking')).toBe('nuclei-tracking');
    expect(findName('store these as a recipe named Pre_Processing')).toBe('pre_processing');
  });

  it('finds the tools asked for, in order, without reading names, paths or references as requests', () => {
    const tools = (text: string) => findMentions(text).map((m) => m.tool);
    expect(tools('correct drift, then denoise and segment')).toEqual(['correct_drift', 'denoise', 'segment']);
    expect(tools('save this as a pipeline called nuclei-tracking')).toEqual(['save_pipeline']);
    expect(tools('segment the denoised one')).toEqual(['segment']);
    expect(tools('correct the photobleaching with histogram matching')).toEqual(['correct_bleach']);
    expect(tools('export those tracks for TrackMate')).toEqual(['export']);
    // a path reads as the noun for its kind, an output path as nothing
    expect(maskNames('run pipelines/seg.yaml')).toBe('run pipeline          ');
    expect(maskNames('what is in data/run3.tif')).toBe('what is in file         ');
    expect(maskNames('save it to out/x.tif')).toBe('save it to _________');
    expect(tools('draw a kymograph from (10, 40) to (200, 40)')).toEqual(['kymograph']);
    expect(tools('max projection with the tracks on top')).toEqual(['plot']);
    expect(tools('correct the photobleaching and then track the cells')).toEqual(['correct_bleach', 'track']);
  });

  it('maps canonical arguments onto a tool schema and its enums', () => {
    const info = {
      name: 'x', description: '', required: ['movie'],
      properties: { movie: { type: 'string' }, method: { type: 'string', enum: ['simple_ratio', 'exponential'] }, maxLinkingDistancePx: { type: 'integer' }, gapClosingMaxDistancePx: { type: 'number' } },
    };
    // a name found by its words and unit (the closest spelling first), an enum value fitted, the rest dropped
    expect(adaptArgs({ movie: 'movie-1', method: 'ratio', maxDistancePx: 6.4, distanceUm: 2, bogus: 1 }, info)).toEqual({ movie: 'movie-1', method: 'simple_ratio', maxLinkingDistancePx: 6 });
    expect(matchEnum('t', ['time', 'z'])).toBe('time');
    expect(matchEnum('stardist', ['otsu', 'li'])).toBeUndefined();
  });
});

describe('failure answers', () => {
  it('name the failed tool once and end the error with a full stop', async () => {
    const { failureAnswer } = await import('../../src/agent/planner/answers.ts');
    const failed = { tool: 'correct_drift', args: {}, ok: false, summary: '', values: {}, artifacts: [], error: 'correct_drift failed: z drift needs a z-stack' };
    const answer = failureAnswer(failed, []);
    expect(answer).toMatch(/^correct_drift did not work: z drift needs a z-stack\. Tell me/);
    expect(answer.match(/correct_drift/g)).toHaveLength(1);
  });
  it('add no vaguer next step to a failure that already ends with its own', async () => {
    const { failureAnswer } = await import('../../src/agent/planner/answers.ts');
    const failed = { tool: 'adjust_acquisition', args: {}, ok: false, summary: '', values: {}, artifacts: [], error: 'adjust_acquisition failed: no acquisition is running: the acquisition "a" ended at 10:02:03. Nothing was changed: say what to image to start a new acquisition' };
    expect(failureAnswer(failed, [])).toBe('adjust_acquisition did not work: no acquisition is running: the acquisition "a" ended at 10:02:03. Nothing was changed: say what to image to start a new acquisition.');
  });
});

// A tool declared here, in no other file: the planner finds it by its own words and reads its
// arguments from its schema (a number with its unit, an allowed value, the channel).
const measureCilia = defineTool({
  name: 'measure_cilia',
  summary: 'Measures the length of primary cilia in every frame.',
  words: ['cilia', 'cilium', 'ciliary', 'cilia length'],
  examples: ['measure the cilia', 'how long are the cilia?'],
  consumes: ['movie'],
  produces: ['table'],
  results: { meanLengthUm: { about: 'mean cilium length', unit: 'µm' } },
  description: 'Measures primary cilia: their length per frame, by a skeleton or a fitted ellipse.',
  schema: z.object({
    movie: z.string().describe('The movie'),
    channel: z.union([z.number().int(), z.string()]).optional().describe('Channel with the cilia marker, 1-based or a name'),
    minLengthUm: z.number().positive().optional().describe('Shortest cilium counted, µm'),
    mode: z.enum(['skeleton', 'ellipse']).default('skeleton').describe('How the length is measured'),
  }),
  async run() {
    return { summary: 'measured', artifacts: [], values: {} };
  },
}) as unknown as ToolSpec;

describe('a tool declared in one place', () => {
  it('is found by its own words and planned with the arguments its schema names', async () => {
    await loadMicroscopeLanguage();
    const catalogue = catalogueFromTools([...ALL_TOOLS, measureCilia]);
    const conversation = { request: 'measure the cilia in channel 2, only those longer than 1.5 µm, with the ellipse mode', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [], earlierRequests: [] };
    expect(nextAction(conversation, catalogue)).toEqual({ kind: 'call', tool: 'measure_cilia', args: { movie: 'movie-1', channel: 2, minLengthUm: 1.5, mode: 'ellipse' } });
    // without it, the same words plan nothing about cilia
    expect(findMentions('measure the cilia', catalogueFromTools([...ALL_TOOLS])).map((m) => m.tool)).not.toContain('measure_cilia');
  });
});
