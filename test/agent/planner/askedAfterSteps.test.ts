// A request that names steps and then asks for a measured quantity in words of its own: the
// quantity is measured after the steps (it was answered from another value of the steps,
// "Frames = 48 frames", or dropped behind "Done"); a request worded as a question runs its step alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { askedPart } from '../../../src/agent/planner/tableAnswers.ts';
import { loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const tools = (request: string) => plan(request).steps.map((s) => s.tool);

describe('a quantity asked after the steps named', () => {
  it('is measured after them, and the asking words are no setting of the steps before', () => {
    const p = plan('segment the nuclei with Li and give me the median area');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'measure']);
    expect(p.steps[0].args.method).toBe('li');
    expect(p.question).toBeDefined();
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied: "(?:tell|give|Li)"/);
    expect(tools('Segment the nuclei with the triangle method. What is the median area?')).toEqual(['segment', 'measure']);
    expect(tools('track the nuclei and tell me the mean speed')).toEqual(['segment', 'track', 'measure']);
  });

  it('a request worded as a question, or naming no quantity, runs the steps alone', () => {
    expect(tools('can you segment the nuclei with Li?')).toEqual(['segment']);
    expect(tools('segment the nuclei')).toEqual(['segment']);
  });
});

describe('a frame at an extreme, asked after the steps', () => {
  it('is read as the question after the steps', () => {
    expect(askedPart('segment the nuclei and tell me the frame with the fewest')?.text).toBe('the frame with the fewest');
    expect(askedPart('find the cells and give me the timepoint where the count peaks')?.text).toBe('the timepoint where the count peaks');
    // (a frame named with no extreme is no question: "segment and show me the frame with the cells" asks nothing to count)
    expect(askedPart('segment them and tell me the frame number 3')).toBeUndefined();
  });

  it('names none of its words as a setting the step did not apply', () => {
    for (const request of ['could u count nuclei per frame and tell me the frame with the fewest', 'segment the nuclei, keep ones bigger than 50 px and tell me the frame with the fewest']) {
      expect(toolsOf(request)[0], request).toBe('segment');
      expect(said(request), request).not.toMatch(/Not applied/);
    }
  });

  it('still names a setting said before the question that the step cannot apply', () => {
    expect(said('segment the nuclei with the foobarizer and tell me the frame with the fewest')).toMatch(/Not applied: .*foobarizer/);
  });
});
