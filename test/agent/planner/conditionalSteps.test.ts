// Steps asked only if a yes/no question's answer is yes (src/agent/planner/conditionalSteps.ts), through the planner.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitAtCondition, topicOf, withConditionsDecided } from '../../../src/agent/planner/conditionalSteps.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import type { Plan } from '../../../src/agent/planner/types.ts';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('splitAtCondition', () => {
  it.each([
    ['is there photobleaching? if so correct it', 'is there photobleaching', 'correct it'],
    ['check whether the movie drifts and if it does, correct it', 'check whether the movie drifts', 'correct it'],
    ["is the signal bleaching? if that's the case, fix it", 'is the signal bleaching', 'fix it'],
    ['Is it noisy? If yes, please denoise it', 'Is it noisy', 'denoise it'],
  ])('%s', (request, asked, action) => {
    expect(splitAtCondition(request)).toEqual({ asked, action });
  });

  it('finds no condition where none hangs on a yes/no question', () => {
    expect(splitAtCondition('segment the nuclei, and if so track them')).toBeUndefined();
    expect(splitAtCondition('if so, track them')).toBeUndefined();
    expect(splitAtCondition('track the cells if they divide')).toBeUndefined();
  });
});

describe('topicOf', () => {
  it.each([
    ['is there photobleaching', 'photobleaching'],
    ['check whether the movie drifts', 'the movie drifts'],
    ['Do the nuclei move?', 'the nuclei move'],
  ])('%s -> %s', (asked, topic) => expect(topicOf(asked)).toBe(topic));
});

describe('planned', () => {
  const conditional = (request: string) => plan(request).steps.filter((s) => s.onlyIf).map((s) => s.tool);

  it('the action runs after the question, only if so', () => {
    // (the question is measured by correct_bleach itself, writing no movie; the correction is the second, conditional step)
    expect(toolsOf('is there photobleaching? if so correct it')).toEqual(['correct_bleach', 'correct_bleach']);
    expect(plan('is there photobleaching? if so correct it').steps.map((s) => s.args.writeMovie)).toEqual([false, undefined]);
    expect(toolsOf('how much did it bleach, and if so correct it')).toEqual(['correct_bleach', 'correct_bleach']);
    expect(conditional('is there photobleaching? if so correct it')).toEqual(['correct_bleach']);
    expect(conditional("is the signal bleaching? if that's the case, fix it")).toEqual(['correct_bleach']);
  });

  it("the question's own step, when it is what the action asks, runs once and unconditionally", () => {
    expect(toolsOf('check whether the movie drifts and if it does, correct it')).toEqual(['correct_drift']);
    expect(conditional('check whether the movie drifts and if it does, correct it')).toEqual([]);
  });

  it('a question answered before anything runs, that cannot tell, says so and runs the action as asked', () => {
    const p = plan('is it noisy? if so denoise it and then segment the nuclei');
    expect(p.steps.map((s) => s.tool)).toEqual(['denoise', 'segment']);
    expect(p.notes?.join(' ')).toMatch(/could not check "is it noisy".*ran as asked, not only if so/);
  });
});

describe('withConditionsDecided', () => {
  const steps: Plan['steps'] = [
    { tool: 'segment', args: {}, clause: 'is there bleaching' },
    { tool: 'measure', args: {}, clause: 'is there bleaching' },
    { tool: 'correct_bleach', args: {}, clause: 'correct it', onlyIf: 'is there bleaching?' },
  ];
  const ran = (n: number) => ({ request: '', artifactsAtStart: [], earlier: [], earlierRequests: [], current: Array.from({ length: n }, (_, i) => ({ tool: steps[i].tool, ok: true, summary: '', artifacts: [] }) as unknown as PastResult) }) as unknown as Conversation;

  it('keeps the plan until the question can be answered, and after a yes', () => {
    expect(withConditionsDecided({ steps }, ran(1), () => 'No: ...').steps).toHaveLength(3);
    expect(withConditionsDecided({ steps }, ran(2), () => 'Yes: mean intensity fell 20%').steps).toHaveLength(3);
  });

  it('drops the conditional steps after a no, or an answer that cannot tell, and says which and why', () => {
    const no = withConditionsDecided({ steps }, ran(2), () => 'No: mean intensity rose 1%');
    expect(no.steps.map((s) => s.tool)).toEqual(['segment', 'measure']);
    expect(no.notes).toEqual(['Not run: correct_bleach (asked only if so): the answer was no.']);
    expect(withConditionsDecided({ steps }, ran(2), () => 'Mean intensity = 30').notes?.[0]).toMatch(/do not say yes or no/);
  });
});

describe('a step asked in a sentence of its own after a question', () => {
  it('runs, though the question names the same step', () => {
    expect(toolsOf('is it noisy? denoise it and then segment the nuclei')).toEqual(['denoise', 'segment']);
  });
});
