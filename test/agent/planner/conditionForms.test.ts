import { beforeAll, describe, expect, it } from 'vitest';
import { comparedDeclaredResult } from '../../../src/agent/planner/declaredResults.ts';
import { comparedNumberAt } from '../../../src/agent/planner/comparedValue.ts';
import { asQuestion, conditionAsQuestion } from '../../../src/agent/planner/conditionForms.ts';
import { findTool } from '../../../src/agent/allTools.ts';
import { isAskedForm } from '../../../src/agent/planner/tableAnswers.ts';
import { argsOf, loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a condition said as a yes/no question', () => {
  it('inverts a copula, "there is" and a plain verb', () => {
    expect(asQuestion('the movie is noisy')).toBe('is the movie noisy?');
    expect(asQuestion("there's drift")).toBe('is there drift?');
    expect(asQuestion('the cells drift')).toBe('do the cells drift?');
    expect(asQuestion('the movie drifts')).toBe('does the movie drift?');
    expect(asQuestion('whether the signal fades')).toBe('does the signal fade?');
  });

  it('reads a condition before or after its action as "Q? if so, A", and leaves filters, numbers and embedded questions alone', () => {
    const none = () => undefined;
    expect(conditionAsQuestion('if the cells drift, correct it', none)?.request).toBe('do the cells drift? if so, correct it');
    // (a condition's scope is its own clause: the steps said after it run whatever the answer)
    expect(conditionAsQuestion('denoise only if the movie is noisy, then segment', none)).toMatchObject({ request: 'is the movie noisy? if so, denoise', then: 'then segment' });
    expect(conditionAsQuestion("if it's a z-stack, do a max projection first, then segment", none)).toMatchObject({ request: 'is it a z-stack? if so, do a max projection first', then: 'then segment' });
    expect(conditionAsQuestion('check whether it bleaches and if so correct it', none)?.request).toBe('does it bleach? if so, correct it');
    // a number is the step's setting; the objects one by one are a filter; "tell me if" asks
    expect(conditionAsQuestion('correct drift only if it is more than 2 px', none)).toBeUndefined();
    expect(conditionAsQuestion('measure the cells if they are round', none)).toBeUndefined();
    expect(conditionAsQuestion('segment the nuclei and tell me if the cells divide', none)).toBeUndefined();
    // "if" inside a word ("tif") and a question's own "if" are no condition
    expect(conditionAsQuestion('save the masks as tif and the tracks as trackmate xml', none)).toBeUndefined();
    expect(conditionAsQuestion('which bleach correction method should I use if I want to measure intensities?', none)).toBeUndefined();
  });
});

describe('conditions on a step, planned', () => {
  it('a threshold on the drift is the least drift to correct, never the search limit', () => {
    expect(argsOf("correct drift only if it's more than 2 pixels", 'correct_drift')).toMatchObject({ minDriftPx: 2 });
    const exceeds = argsOf('only correct the drift when it exceeds 3 px', 'correct_drift');
    expect(exceeds).toMatchObject({ minDriftPx: 3 });
    expect(exceeds.maxDriftPx).toBeUndefined();
    expect(said("correct drift only if it's more than 2 pixels")).not.toMatch(/Not applied/);
    // the action turned down under a number, or "unless": the same least drift, on the other side of the number
    expect(argsOf('skip drift correction if the drift is under 1 px', 'correct_drift')).toMatchObject({ minDriftPx: 1 });
    expect(argsOf("correct the drift unless it's below 2 px", 'correct_drift')).toMatchObject({ minDriftPx: 2 });
    expect(toolsOf("don't correct the drift if it is less than 0.5 px, then segment")).toEqual(['correct_drift', 'segment']);
  });

  it('"if needed" with a step that decides it by itself runs the step and says how it decides', () => {
    expect(toolsOf('correct drift if necessary, then segment')).toEqual(['correct_drift', 'segment']);
    expect(said('correct drift if necessary, then segment')).toMatch(/`correct_drift` decides it by itself/);
    expect(said('register the frames only if needed')).not.toMatch(/Not applied: "needed"/);
  });

  it('"if needed" with a step that cannot tell runs it and says so; one with a question that tells asks it first', () => {
    expect(toolsOf('denoise it if needed')).toEqual(['denoise']);
    expect(said('denoise it if needed')).toMatch(/could not check whether `denoise` is needed/);
    const bleach = plan('correct bleaching if needed');
    // (the question measures first, correct_bleach writing no movie; the correction runs only if so)
    expect(bleach.steps.find((s) => s.tool === 'correct_bleach' && s.args.writeMovie !== false)?.onlyIf).toBeTruthy();
    expect(bleach.steps[0]).toMatchObject({ tool: 'correct_bleach', args: { writeMovie: false } });
    expect(bleach.steps[0].onlyIf).toBeUndefined();
  });

  it('a condition before its action with a pronoun runs the action the pronoun names', () => {
    expect(toolsOf('if the cells drift, correct it')).toEqual(['correct_drift']);
    expect(said('if the cells drift, correct it')).not.toMatch(/no tool to correct/);
    expect(toolsOf("if there's drift, fix it and then track the nuclei")).toEqual(['correct_drift', 'segment', 'track']);
    expect(said('check whether the movie is noisy, and if so, denoise it')).toMatch(/could not check "is the movie noisy"/);
    // the question's own step does the action: it corrects (before, it only measured), and at the number asked
    expect(argsOf('is there drift? if so correct it', 'correct_drift').writeMovie).toBeUndefined();
    expect(argsOf('is the drift more than 2 px? if so, correct it', 'correct_drift')).toMatchObject({ minDriftPx: 2 });
  });

  it('a condition that cannot be planned as a question is named in one line, never dropped', () => {
    expect(toolsOf('track the cells, but only if the segmentation looks good')).toEqual(['segment', 'track']);
    expect(said('track the cells, but only if the segmentation looks good')).toMatch(/Not applied: the condition "if the segmentation looks good" — I could not check it/);
  });

  it('steps said after a condition\'s clause run whatever the answer, on the newest movie', () => {
    const tools = plan('correct for photobleaching if there is any, then measure intensity').steps.map((s) => `${s.tool}${s.onlyIf ? '?' : ''}`);
    expect(tools.slice(tools.indexOf('correct_bleach?'))).toEqual(['correct_bleach?', 'segment', 'measure']);
    expect(plan("if it's a z-stack, do a max projection first, then segment").steps.map((s) => `${s.tool}${s.onlyIf ? '?' : ''}`)).toEqual(['movie_info', 'project?', 'segment']);
  });

  it('a step turned down on a condition with no number is the step where needed, the condition named', () => {
    const denoise = plan('skip the denoising if the movie is clean, then segment the nuclei');
    expect(denoise.steps.map((s) => s.tool)).toEqual(['denoise', 'segment']);
    expect(denoise.notes?.join(' ')).toMatch(/could not check "is the movie clean"/);
    const drift = plan("don't bother with drift correction if there's no drift, just track the nuclei");
    expect(drift.steps.map((s) => s.tool)).toEqual(['correct_drift', 'segment', 'track']);
    expect(drift.notes?.join(' ')).toMatch(/decides it by itself/);
  });
});

describe('a yes/no question comparing one measured value with a number', () => {
  const drift = { tool: 'correct_drift', ok: true, args: {}, summary: '', values: { maxDriftPx: 26.6, finalDxPx: -10.1, finalDyPx: -23.9, cellMotionPxPerFrame: 1.2 } };
  const declaring = (tool: string) => findTool(tool);

  it('answers from the declared value in the number\'s unit, with the verdict', () => {
    expect(comparedDeclaredResult('is the drift more than 2 px?', [drift as never], declaring)).toBe('Yes: the largest drift of any frame is 26.6 px, more than 2 px (from correct_drift)');
    expect(comparedDeclaredResult('was the drift under 20 pixels?', [drift as never], declaring)).toMatch(/^No: the largest drift of any frame is 26.6 px, not less than 20 px/);
  });

  it('says a length in µm cannot be compared with one in px without a pixel size, and leaves counted things to the tables', () => {
    expect(comparedDeclaredResult('is the drift bigger than 5 µm?', [drift as never], declaring)).toMatch(/^I cannot compare it with 5 µm: .* 26.6 px/);
    expect(comparedDeclaredResult('are any cells bigger than 300 px?', [drift as never], declaring)).toBeUndefined();
  });

  it('the compared number is the question\'s: no setting, no line of a value not applied', () => {
    expect(comparedNumberAt('is the drift more than 2 px?')).toBe('is the drift more than '.length);
    expect(comparedNumberAt('correct the drift, max 50 px')).toBe(-1);
    // (a question closing a request of steps, its clause read without its question mark)
    expect(comparedNumberAt('and track the nuclei, and is the drift more than 3 px')).toBe('and track the nuclei, and is the drift more than '.length);
    expect(argsOf('was the drift under 50 pixels?', 'correct_drift').maxDriftPx).toBeUndefined();
    expect(said('is the drift more than 2 px?')).not.toMatch(/Not applied/);
  });
});

describe('a request put politely is no question', () => {
  it('"I was wondering if you could ..." asks for a step; "I was wondering if the cells divide" asks a question', () => {
    expect(isAskedForm('I was wondering if you could measure the nuclear intensity in channel 2')).toBe(false);
    expect(isAskedForm('I was wondering whether you could outline the nuclei in frames 10 to 20 for me')).toBe(false);
    expect(isAskedForm('I was wondering if the cells divide')).toBe(true);
  });
});

describe('a question asked after the steps, answered by a step of its own', () => {
  it('runs that step too, only to measure, and never reads the objects\' table for it', () => {
    const p = plan('segment and track the nuclei, and is the drift more than 3 px?');
    expect(p.steps.map((s) => s.tool).slice(0, 2)).toEqual(['segment', 'track']);
    expect(p.steps.at(-1)).toMatchObject({ tool: 'correct_drift', args: { writeMovie: false } });
    expect(p.question).toBe('is the drift more than 3 px?');
    // (a question about the steps' own results plans nothing more)
    expect(plan('segment the nuclei and tell me how many there are').steps.map((s) => s.tool)).not.toContain('correct_drift');
  });
});

describe('a condition said in an aside (stop 46, helper C)', () => {
  it('ends where the brackets or dashes close, and politeness there (with the method after it) is no condition', () => {
    const none = () => undefined;
    // (before: "possible) then track" was the condition, asked as "do possible) then track?", and StarDist went unnamed)
    expect(conditionAsQuestion('segment the nuclei (StarDist if possible) then track', none)).toBeUndefined();
    expect(conditionAsQuestion('find them - with cellpose if you have it - and count', none)).toBeUndefined();
    expect(conditionAsQuestion('segment the nuclei, if you can with cellpose', none)).toBeUndefined();
    expect(conditionAsQuestion('denoise (only if the movie is noisy), then segment', none)).toMatchObject({ request: 'is the movie noisy? if so, denoise', then: 'then segment' });
  });

  it('names the method asked for in the aside and plans the step after it', () => {
    expect(toolsOf('segment the nuclei (StarDist if possible) then track')).toEqual(['segment', 'track']);
    expect(said('segment the nuclei (StarDist if possible) then track')).toMatch(/StarDist/);
    expect(said('find the nuclei, if you can with cellpose')).toMatch(/Cellpose/i);
  });
});
