import { beforeAll, describe, expect, it } from 'vitest';
import { unwrittenFileKinds } from '../../../src/agent/planner/fileKinds.ts';
import { argsOf, catalogue, loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a kind of file no tool writes (stop 39, helper C)', () => {
  it('is found by its name, never one a tool\'s format offers', () => {
    expect(unwrittenFileKinds('then a pdf of the corrected stack', catalogue).map((k) => k.word)).toEqual(['pdf']);
    // (stop 46: a kind a tool declares as its own word, plot's "gif", is that tool's to make or to decline in its own line)
    expect(unwrittenFileKinds('then a gif of the corrected stack', catalogue)).toEqual([]);
    expect(unwrittenFileKinds('save it as a tiff and the tracks as csv', catalogue)).toEqual([]);
  });

  it('makes no step of another tool\'s output, and is named with the formats there are', () => {
    expect(toolsOf('correct the drift, then a gif of the corrected stack')).toEqual(['correct_drift']);
    expect(toolsOf('fix the drift and then an animated gif please')).toEqual(['correct_drift']);
    expect(said('correct the drift, then a gif of the corrected stack')).toMatch(/Not done: "GIF" — no tool here writes a GIF file[^]*format "png"/);
    expect(said('correct the drift, then a pdf of the corrected stack')).toMatch(/Not done: "pdf" — no tool here writes PDF files[^.]*tiff/);
    expect(said('segment the nuclei and then an mp4 for the lab meeting').match(/Not done/g)).toHaveLength(1);
  });
});

describe('an ordinal that picks frames inside a tool\'s phrase (stop 39, helper C)', () => {
  it('"a grid of every 5th frame" is a montage of every 5th frame, the stride applied', () => {
    expect(plan('make a grid of every 5th frame').steps).toMatchObject([{ tool: 'montage', args: { increment: 5 } }]);
    expect(toolsOf('denoise and then a grid of every 5th frame')).toEqual(['denoise', 'montage']);
    expect(said('a montage of every 5th frame')).not.toMatch(/Not applied/);
    // (a step with no stride of its own still says it ran on every frame)
    expect(said('segment every 5th frame')).toMatch(/Not applied: "every 5th frame"/);
  });
});

describe('a question after the steps that needs a step of its own (stop 39, helper C, second task)', () => {
  it('runs no step planned only for the question\'s first reading', () => {
    expect(toolsOf('segment and track the nuclei, and is the drift more than 3 px?')).toEqual(['segment', 'track', 'correct_drift']);
    expect(toolsOf('segment and measure the nuclei, and is the drift more than 3 px?')).toEqual(['segment', 'measure', 'correct_drift']);
  });

  it('"did" is a verb, not the membrane dye DiD, unless said as a dye', () => {
    expect(argsOf('segment and track the nuclei, and how much did the stage drift?', 'segment')).not.toHaveProperty('membraneStain');
    expect(argsOf('segment the cells, stained with DiD', 'segment')).toMatchObject({ membraneStain: true });
  });
});
