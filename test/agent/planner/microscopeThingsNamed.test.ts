// The safety net of a turn said to a running acquisition (brief s55/M, issue 11): words about the run that no microscope
// reader took are asked back; a plan with a microscope step, a question for a fact, or words the microscope heard stay.
import { describe, expect, it } from 'vitest';
import { type RunTurnReaders, withRunThingsAskedBack } from '../../../src/agent/planner/microscopeThingsNamed.ts';
import type { Plan } from '../../../src/agent/planner/types.ts';

const readers = (over: Partial<RunTurnReaders> = {}): RunTurnReaders => ({
  isMicroscopeTool: (tool) => tool.endsWith('_acquisition'),
  heardByTheMicroscope: () => false,
  microscopeAsks: () => undefined,
  askBack: (words) => (/488|interval/.test(words) ? 'what to change?' : undefined),
  commandApart: () => undefined,
  replan: () => ({ steps: [] }),
  ...over,
});
const crop: Plan = { steps: [], reply: 'Which part of the image should I crop?' };

describe('withRunThingsAskedBack', () => {
  it('asks back in place of another reader\'s line when the words name the run things', () => {
    expect(withRunThingsAskedBack(crop, 'the 488 channel', readers()).reply).toBe('what to change?');
  });

  it('keeps a microscope step, a fact question, words the microscope heard, and words naming nothing of the run', () => {
    const change: Plan = { steps: [{ tool: 'adjust_acquisition', args: {}, clause: '' }] };
    expect(withRunThingsAskedBack(change, 'the 488 to 5%', readers())).toBe(change);
    expect(withRunThingsAskedBack(crop, 'what is the interval?', readers())).toBe(crop);
    expect(withRunThingsAskedBack(crop, 'the 488 channel', readers({ heardByTheMicroscope: () => true }))).toBe(crop);
    expect(withRunThingsAskedBack(crop, 'the top left', readers())).toBe(crop);
  });

  it('reads a command run on after a remark apart, and a remark the microscope asks about in place of a step on the movie', () => {
    const stop: Plan = { steps: [{ tool: 'stop_acquisition', args: {}, clause: '' }] };
    expect(withRunThingsAskedBack(crop, "we're done shut it down", readers({ commandApart: () => "we're done. shut it down", replan: () => stop }))).toBe(stop);
    const bleach: Plan = { steps: [{ tool: 'correct_bleach', args: {}, clause: '' }] };
    expect(withRunThingsAskedBack(bleach, 'the GFP is bleaching a lot', readers({ microscopeAsks: () => 'How much less light on FITC?' })).reply).toBe('How much less light on FITC?');
    expect(withRunThingsAskedBack(bleach, 'correct the bleaching', readers({ microscopeAsks: () => 'How much less light on FITC?' }))).toBe(bleach);
  });
});
