// Messages of several sentences (an observation first, the command last, a pronoun pointing
// back), and the everyday forms of issue 11's people-4 set: unusual relative changes, amounts
// said without a number, camera settings the tools cannot set, questions, indirect stops,
// corrections by a bare number. Each expectation failed before the mechanism it tests.
import { describe, expect, it } from 'vitest';
import { parseAcquisitionRequest, parseAdjustment, parseRule, routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { commandOfSentences, observationOf, sentencesOf, withStageMotionNamed } from '../../../src/agent/acquisitionLanguage/sentences.ts';

const running = (text: string, earlier?: { tool: string; args: Record<string, unknown> }[]) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });
const changesOf = (text: string) => {
  const r = running(text);
  return r && r.tool === 'adjust_acquisition' ? r.args.changes : r;
};

describe('sentences', () => {
  it('splits at a full stop, ! or ? followed by a space, never inside a number', () => {
    expect(sentencesOf('The 488 is too strong. Halve it.')).toEqual(['The 488 is too strong.', 'Halve it.']);
    expect(sentencesOf('a 0.5 µm step. Then stop?')).toEqual(['a 0.5 µm step.', 'Then stop?']);
  });
  it('an observation has a subject and a telling verb; a command or a question is none', () => {
    expect(observationOf('The far red is not working.')).toEqual({ subject: 'The far red' });
    expect(observationOf("GFP's done.")).toEqual({ subject: 'GFP' });
    expect(observationOf('Position 2 has floated off.')).toEqual({ subject: 'Position 2' });
    expect(observationOf('Halve it.')).toBeUndefined();
    expect(observationOf('is the 561 still on?')).toBeUndefined();
    expect(observationOf('Drop the FITC from the MDA')).toBeUndefined();
  });
  it('a pronoun in the command is the part of the plan the observation was about; the observation is dropped', () => {
    expect(commandOfSentences('The 488 is too strong. Halve it.')).toBe('Halve The 488.');
    expect(commandOfSentences('Exposure on mCherry is too long. Halve it.')).toBe('Halve Exposure on mCherry.');
    expect(commandOfSentences('Position 3 is out of focus and has no cells anyway. Get rid of it.')).toBe('Get rid of Position 3.');
    expect(commandOfSentences('So the drug went in at 2pm. Things look fine so far. Could you make the interval 2 minutes for now?')).toBe('Could you make the interval 2 minutes for now?');
    // a command that names its own object keeps it; one sentence, or observations only, stay as they are
    expect(commandOfSentences('GFP is dim. Raise the 561 to 5%.')).toBe('Raise the 561 to 5%.');
    expect(commandOfSentences('The GFP is bleaching.')).toBe('The GFP is bleaching.');
    expect(commandOfSentences('Everything looks fine. Just checking: which channels are on?')).toBe('which channels are on?');
    // a plan to start that names no channel images the channels the observation told
    expect(commandOfSentences('These are H2B-GFP cells. Can you image every 5 min for 2 h?')).toBe('These are H2B-GFP cells. Can you image every 5 min for 2 h?');
    expect(commandOfSentences('The GFP looks dim. I think we are cooking them. Halve the 488 power.')).toBe('Halve the 488 power.');
  });
  it('routes the command of the message, never the observation as a change', () => {
    expect(changesOf('The 488 is too strong. Halve it.')).toEqual([{ kind: 'powerFactor', factor: 0.5, channel: 'FITC' }]);
    expect(changesOf('DAPI is really toxic for these cells. Stop imaging it.')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
    expect(changesOf('The z-stack is overkill. Get rid of it.')).toEqual([{ kind: 'zPlan', zPlan: null }]);
    expect(changesOf('The grid is taking too long. Turn it off.')).toEqual([{ kind: 'grid', grid: null }]);
    expect(changesOf('The interval is too short for these cells. Double it.')).toEqual([{ kind: 'intervalFactor', factor: 2 }]);
    expect(changesOf('mCherry looks saturated. Bring it down to 20%.')).toEqual([{ kind: 'power', powerPercent: 20, channel: 'Rhodamine' }]);
  });
  it('motion of the stage told in a sentence of its own is the drift the command is about', () => {
    expect(withStageMotionNamed('the stage keeps creeping. clean that up')).toBe('correct the drift');
    expect(withStageMotionNamed('The XY stage wandered overnight. Please correct for it, then segment the nuclei.')).toBe('Please correct the drift, then segment the nuclei.');
    // a cell's motion is no drift; one sentence stays as it is
    expect(withStageMotionNamed('The cells move a lot. Track them.')).toBe('The cells move a lot. Track them.');
    // a pronoun after another verb is the movie ("segment it"), and the words stay as they are
    expect(withStageMotionNamed('The stage drifted a bit. Segment it.')).toBe('The stage drifted a bit. Segment it.');
    expect(withStageMotionNamed('Focus is fine but the sample shifts sideways. Align the frames.')).toBe('Align the frames.');
    expect(withStageMotionNamed('my stage was a bit shaky during the time-lapse, please fix the movement')).toBe('please correct the drift');
    expect(withStageMotionNamed('the stage was wobbling the whole time, can you clean that up before segmenting?')).toBe('can you correct the drift before segmenting?');
    expect(withStageMotionNamed('the stage drifted and the cells divide, track them')).toBe('the stage drifted and the cells divide, track them');
  });
});

describe('people-4 forms', () => {
  it('relative changes: "knock off 20%", "50% longer", "to a quarter", "go to 1 min" in a rule', () => {
    expect(parseAdjustment('GFP exposure: knock off 20%')).toEqual([{ kind: 'exposureFactor', factor: 0.8, channel: 'FITC' }]);
    expect(parseAdjustment('make the mCherry exposure 50% longer')).toEqual([{ kind: 'exposureFactor', factor: 1.5, channel: 'Rhodamine' }]);
    expect(parseAdjustment('make the interval 50% longer')).toEqual([{ kind: 'intervalFactor', factor: 1.5 }]);
    expect(parseAdjustment('cut the 405 to a quarter of what it is now')).toEqual([{ kind: 'powerFactor', factor: 0.25, channel: 'DAPI' }]);
    const rule = parseRule('once the cells round up, go to 1 min');
    expect([rule.trigger.kind, rule.action]).toEqual(['division', { kind: 'setInterval', intervalS: 60 }]);
  });
  it('an amount without a number is asked, never guessed', () => {
    for (const text of ['image slightly more often', 'a notch down on the 561 please', 'a tad brighter on the far red']) {
      expect(running(text)).toMatchObject({ ask: expect.stringMatching(/^How much/) });
    }
  });
  it('camera settings are named, nothing changed or started', () => {
    expect(running('switch to 2x2 binning to save light')).toMatchObject({ ask: expect.stringMatching(/camera's binning.*nothing was changed/i) });
    expect(running('EM gain up to 200')).toMatchObject({ ask: expect.stringMatching(/camera's EM gain/) });
    expect(() => parseAcquisitionRequest('image DAPI every 15 min for 12 h, ROI 512x512 in the centre')).toThrow(/region of interest.*nothing was started/);
    expect(() => parseAcquisitionRequest('start a timelapse with Perfect Focus on: GFP every 10 min for 24 h')).toThrow(/"perfect focus on".*nothing was started/i);
    expect(running('keep the hardware autofocus on for the rest of the run')).toHaveProperty('ask');
  });
  it('a question never changes the run; a request worded as one does', () => {
    for (const text of ['is 5% on the 488 too much?', 'what would happen if I went to every minute?', 'did the autofocus run at the last time point?', 'could I drop DAPI without losing the segmentation?']) {
      expect(['microscope_status', 'dose_report']).toContain(running(text)?.tool);
    }
    expect(running('Am I frying my cells? How much 488 have they had?')?.tool).toBe('dose_report');
    expect(changesOf('can we image twice as often?')).toEqual([{ kind: 'intervalFactor', factor: 0.5 }]);
    expect(changesOf('how about every 2 minutes?')).toEqual([{ kind: 'interval', intervalS: 120 }]);
  });
  it('stops said indirectly end the run; a light said on a channel drops only it', () => {
    expect(running("let's call it a night")?.tool).toBe('stop_acquisition');
    expect(running('you can stop now, thanks')?.tool).toBe('stop_acquisition');
    expect(changesOf('quit shining 405 on them')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }]);
  });
  it('a correction by a bare number takes the unit of the value it corrects', () => {
    expect(changesOf('interval 4 min - no, make it 6')).toEqual([{ kind: 'interval', intervalS: 360 }]);
    expect(changesOf('set GFP to 8%. Sorry - 6%.')).toEqual([{ kind: 'power', powerPercent: 6, channel: 'FITC' }]);
    const earlier = [{ tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposure', exposureMs: 80, channel: 'FITC' }] } }];
    expect(running('oops, I meant 60', earlier)).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposure', exposureMs: 60, channel: 'FITC' }] } });
    // a wavelength is a channel, never a value
    expect(changesOf('lower the 488 to 5%, no sorry, the 561')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'Rhodamine' }]);
  });
});

describe('people-4, second batch', () => {
  it('"its" points back too; a question before a command does not make the command a question', () => {
    expect(changesOf('The mCherry signal is too dim. Double its exposure.')).toEqual([{ kind: 'exposureFactor', factor: 2, channel: 'Rhodamine' }]);
    expect(changesOf('How long is left? Extend it by 2 h.')).toEqual([{ kind: 'status', about: 'time' }, { kind: 'extend', extraS: 7200 }]);
  });
  it('a pronoun in the next turn is the channel just changed; "undo that" undoes a change of channels', () => {
    const dropped = [{ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'DAPI' }] } }];
    expect(running('actually, put it back', dropped)).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'addChannel', channel: 'DAPI' }] } });
    expect(running('undo that', dropped)).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'addChannel', channel: 'DAPI' }] } });
    // (a stop word on "it" is never read as the channel: it is asked)
    expect(running('stop it', dropped)).toHaveProperty('ask');
    const power = [{ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'FITC' }] } }];
    expect(running('undo that', power)).toMatchObject({ ask: expect.stringMatching(/nothing was changed/) });
  });
  it('a day is asked, a time of day ends the run that span from now (said), "..., then stop" after a span too', () => {
    // (stop 37: a time of day is read by this computer's clock, and the answer names it)
    expect(running('stop the run at 6 pm')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'endIn' }] }, notApplied: [expect.stringMatching(/^18:00/)] });
    expect(running('keep going until tomorrow morning')).toMatchObject({ ask: expect.stringMatching(/not by a clock time/) });
    // (settled in session 16: the run ends 90 min from now, as "I only need 2 more hours" does)
    expect(changesOf('image for another 90 minutes, then stop')).toEqual([{ kind: 'endIn', inS: 5400 }]);
  });
  it('relative words: back off, ten-fold less, the imaging frequency halved; an XY point at a bare pair', () => {
    expect(changesOf('back off the 561 power by 30%')).toEqual([{ kind: 'powerFactor', factor: 0.7, channel: 'Rhodamine' }]);
    expect(changesOf('ten-fold less light on DAPI')).toEqual([{ kind: 'powerFactor', factor: 0.1, channel: 'DAPI' }]);
    expect(changesOf('halve the imaging frequency')).toEqual([{ kind: 'intervalFactor', factor: 2 }]);
    expect(changesOf('add an XY point at 3000, 2000')).toEqual([{ kind: 'addPosition', xUm: 3000, yUm: 2000 }]);
  });
  it('a question about the run that names nothing else is answered by its report', () => {
    expect(running('is anything wrong with the run?')).toMatchObject({ tool: 'microscope_status' });
  });
});

describe('everyday wording of run control', () => {
  it('indirect stops, with a remark or thanks around them', () => {
    for (const text of ["that's it for today, thanks", 'alright, we can finish here', 'I think we have enough data now, stop', 'stop!!', 'pls stop']) expect(running(text)?.tool).toBe('stop_acquisition');
    expect(running('give the cells a rest for half an hour')).toEqual({ tool: 'pause_acquisition', args: { forS: 1800 } });
  });
  it('a hedge before a number is no part of it; a pause for a number without its unit is asked', () => {
    expect(running('can you pause it for like 20 min')).toEqual({ tool: 'pause_acquisition', args: { forS: 1200 } });
    expect(running('hold on for 10')).toMatchObject({ ask: expect.stringMatching(/10 what\?/) });
    expect(routeMicroscopeRequest('acquire DAPI roughly every 10 min for ~6 h')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 600, durationS: 21600 } } } });
  });
  it('"go back to imaging" resumes; "can the interval be 3 min" sets it; a z-stack on its own schedule is asked', () => {
    expect(running('go back to imaging')?.tool).toBe('resume_acquisition');
    expect(changesOf('can the interval be 3 min')).toEqual([{ kind: 'interval', intervalS: 180 }]);
    expect(running('take a z-stack every hour')).toMatchObject({ ask: expect.stringMatching(/schedule of its own/) });
  });
});

describe('a change proposed as a question, or after "help" called out (brief s54/M)', () => {
  it('is the change asked for', () => {
    expect(changesOf('any chance of dropping the mCherry for the rest of the movie?')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(changesOf('what if we image the DAPI only every third frame?')).toEqual([{ kind: 'acquireEvery', channel: 'DAPI', every: 3 }]);
    expect(changesOf("why don't we drop the mCherry")).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(running('I need help stopping the time-lapse for a few minutes')?.tool).toBe('pause_acquisition');
    expect(changesOf('help me: GFP to 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]);
  });
});

describe('a need or a want before a command to the run (stop 55)', () => {
  it('is the command', () => {
    const tool = (t: string) => routeMicroscopeRequest(t, { acquisitionRunning: true, earlier: [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } } } }] })?.tool;
    expect(tool('I need to stop now')).toBe('stop_acquisition');
    expect(tool('we have to pause now')).toBe('pause_acquisition');
  });
});
