import { beforeAll, describe, expect, it } from 'vitest';
import { isContext } from '../../../src/agent/planner/clauses.ts';
import { statesObjectMotion } from '../../../src/agent/planner/propertyQuestions.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('constraints and context in analysis requests (stop 39)', () => {
  it('a size range of things in pixels is their area', () => {
    for (const text of ['segment, keep objects between 30 and 800 pixels', 'segment, only objects between 30 and 800 pixels', 'segment, objects from 30 to 800 px']) {
      expect(argsOf(text, 'segment')).toMatchObject({ minAreaPx: 30, maxAreaPx: 800 });
    }
  });
  it('a leaving-out switch asked to keep is no unknown word', () => {
    const p = plan('segment, keep the cells on the border too');
    expect(p.steps[0].args.excludeBorder).toBeUndefined();
    expect(said('segment, keep the cells on the border too')).not.toMatch(/Not applied/);
  });
  it('how far the objects move is the linking distance, no step of its own', () => {
    expect(statesObjectMotion('hardly any cell moves more than 12 px per frame')).toBe(true);
    expect(statesObjectMotion('I doubt anything moves more than 10 pixels between frames')).toBe(true);
    expect(statesObjectMotion('measure how far the cells move per frame')).toBe(false);
    expect(statesObjectMotion('which cells move more than 10 px per frame?')).toBe(false);
    for (const [text, px] of [['hardly any cell moves more than 12 px per frame; track them', 12], ['I doubt anything moves more than 10 pixels between frames, so please track them', 10], ['track them; cells rarely move more than 6 px between frames', 6]] as const) {
      const p = plan(text, movieAndLabels);
      expect(p.steps.map((s) => s.tool)).toEqual(['track']);
      expect(p.steps[0].args.maxLinkingDistancePx).toBe(px);
    }
  });
  it('a sentence of context about the sample adds no step', () => {
    expect(isContext('cells spread over a large area in this dish')).toBe(true);
    expect(isContext('the intensity dropped a bit')).toBe(true);
    expect(toolsOf('cells spread over a large area in this dish; just segment them')).toEqual(['segment']);
    expect(toolsOf('these were imaged overnight after the drug went in and the intensity dropped a bit; track the cells', movieAndLabels)).toEqual(['track']);
    expect(toolsOf('The HeLa cells were treated with nocodazole and imaged every 10 min. Please segment the nuclei.')).not.toContain('project');
    expect(said('we imaged these overnight after drug treatment, track the cells', movieAndLabels)).not.toMatch(/no tool/);
  });
});
