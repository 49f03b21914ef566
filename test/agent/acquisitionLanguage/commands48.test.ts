// Stop 48 (helper B): kinds of steering earlier stops did not cover: a question about a plan before it starts (answered,
// nothing started), a plan for a day to come and a regret about the frames taken (said, nothing done), a question and a
// command in one message (both done), and a trouble seen with what the run follows (asked back with what would help).
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { planAsked } from '../../../src/agent/acquisitionLanguage/planQuestions.ts';
import { dayToCome, regretSaid } from '../../../src/agent/acquisitionLanguage/tense.ts';
import { troubleAsked } from '../../../src/agent/acquisitionLanguage/observedTrouble.ts';
import { asked, changes, route, start } from './runningAcquisition.ts';

const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false });
const gfp = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('a question about a plan before it starts', () => {
  it('is answered with what the plan would be, nothing started', () => {
    const r = idle('if I image GFP and mCherry every 5 min for 12 h, how many images will that be?');
    expect(r?.tool).toBeUndefined();
    expect((r as { ask: string }).ask).toMatch(/^Nothing was started: .*145 time points and 290 images/);
    expect((idle('how much disk space would GFP every 2 min for 24 h at 10 positions need?') as { ask: string }).ask).toMatch(/about 3\.8 GB on disk/);
    expect((idle('GFP every 5 min, 200 time points: how long will that take?') as { ask: string }).ask).toMatch(/would be about 16 h 35 min long/);
    expect((idle('what would the light dose be for GFP every 1 min for 10 h at 20% laser?') as { ask: string }).ask).toMatch(/would be about 60 J\/cm² of light per position/);
  });
  it('leaves a plan said without a question, and a question with no plan, to the other readers', () => {
    expect(idle('image GFP every 5 min for 12 h')?.tool).toBe('start_acquisition');
    expect(planAsked('image GFP every 5 min for 12 h')).toEqual([]);
    expect(planAsked('how long will that take?')).toEqual(['duration']);
    expect(idle('how long will that take?')?.tool).not.toBe('start_acquisition');
    // (a question about a recording made, or about its cells, is the data's)
    expect(planAsked('we imaged GFP every 5 min for 12 h, how long do the cells take to divide?')).toEqual([]);
    expect(planAsked('GFP every 5 min for 12 h: how long do the cells take to divide?')).toEqual([]);
  });
});

describe('a plan or a change in another tense', () => {
  it('a plan for a day to come is not started now, and the day is named', () => {
    const r = idle("tomorrow I'll image mCherry every 5 min for 8 h, can you set that up?");
    expect(r?.tool).toBeUndefined();
    expect((r as { ask: string }).ask).toMatch(/Nothing was started: the plan is for tomorrow.*image Rhodamine every 5 min for 8 h/);
    expect(dayToCome('next week I want to run DAPI every 15 min for 48 h')).toBe('next week');
    expect(dayToCome('image GFP every 5 min until tomorrow morning')).toBeUndefined();
    expect(dayToCome('image GFP every 5 min for the next week')).toBeUndefined();
  });
  it('a regret about the frames taken changes nothing and says the change it would be', () => {
    expect(asked('I should have used 10 s intervals', gfp)).toMatch(/nothing was changed.*from now on, image every 10 s/);
    expect(regretSaid("damn, I wish I'd gone with 1 min")).toBe("wish i'd");
    expect(route('use 10 s intervals', gfp)?.tool).toBe('adjust_acquisition');
    // ("that should have been Cy5 instead of GFP" corrects the plan: a change)
    expect(regretSaid('that should have been Cy5 instead of GFP')).toBeUndefined();
  });
});

describe('a question and a command in one message', () => {
  it('the part of the plan a question names is what the command\'s pronoun points at', () => {
    expect(changes("what's the exposure at right now? double it", gfp)).toEqual([{ kind: 'status', about: 'all' }, { kind: 'exposureFactor', factor: 2 }]);
    expect(changes('what is the DAPI exposure now? halve it')).toContainEqual({ kind: 'exposureFactor', factor: 0.5, channel: 'DAPI' });
  });
});

describe('a trouble seen with what the run follows', () => {
  it('is asked back with the changes that would help, never unanswered', () => {
    expect(asked("I'm missing the fast events", gfp)).toMatch(/shorter interval.*nothing was changed/);
    expect(asked('the cells keep wandering out of the field of view', gfp)).toMatch(/tile each position.*lower objective/);
    expect(troubleAsked('the divisions happen between frames')).toMatch(/shorter interval/);
    expect(troubleAsked('the cells drifted out of focus')).toBeUndefined();
  });
});

describe('several changes in one line, and a graceful stop at a position', () => {
  const two = start({ channels: [{ config: 'FITC' }, { config: 'DAPI' }], timePlan: { intervalS: 300, durationS: 21600 } });
  it('a spaced slash parts commands as a semicolon does', () => {
    expect(changes('interval 10 min / DAPI off / GFP 3%', two)).toEqual([{ kind: 'interval', intervalS: 600 }, { kind: 'dropChannel', channel: 'DAPI' }, { kind: 'power', powerPercent: 3, channel: 'FITC' }]);
  });
  it('after a time, "and" with a light setting\'s name begins that setting (its number is never the time\'s)', () => {
    expect(changes('set the time interval to 00:02:00 and exposure to 80', gfp)).toEqual([{ kind: 'interval', intervalS: 120 }, { kind: 'exposure', exposureMs: 80 }]);
    expect(changes('interval 2 min and exposure to 80', gfp)).toEqual([{ kind: 'interval', intervalS: 120 }, { kind: 'exposure', exposureMs: 80 }]);
  });
  it('a stop once the position being imaged is done is the stop after the current time point, said', () => {
    const r = route("stop once it's done with the position it's on", gfp) as { tool: string; args: Record<string, unknown>; notApplied?: string[] };
    expect(r.tool).toBe('stop_acquisition');
    expect(r.args).toEqual({ finishTimepoint: true });
    expect(r.notApplied?.[0]).toMatch(/after its current time point/);
  });
});
