// Stop 47 (helper B): steering in words earlier stops did not cover: other makers' names for the time plan (NIS "period",
// ZEN "cycles", "XY points"), non-native forms ("each 10 minute", "more slow"), a count of time points said as the run,
// a new run asked while one images, the next position said alone, a place kept ("mark this spot"), a dose cap quoted.
import { describe, expect, it } from 'vitest';
import { labShorthand } from '../../../src/agent/acquisitionLanguage/words.ts';
import { doseCapRefusal } from '../../../src/agent/acquisitionLanguage/lightLimits.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { asked, changes, fourPositions, route, start } from './runningAcquisition.ts';

describe('other makers\' and speakers\' words for the time plan', () => {
  it('NIS "period" and ZEN "cycle time" are the interval; "for a period of" stays a span', () => {
    expect(changes('change the period to 15 min')).toEqual([{ kind: 'interval', intervalS: 900 }]);
    expect(changes('set the cycle time to 2 min')).toEqual([{ kind: 'interval', intervalS: 120 }]);
    expect(labShorthand('image for a period of 2 h')).toBe('image for a period of 2 h');
  });
  it('cycles and XY points counted are time points and positions', () => {
    expect(changes('reduce the number of cycles to 50')).toEqual([{ kind: 'loops', loops: 50 }]);
    expect(labShorthand('6 XY points')).toBe('6 positions');
    expect(labShorthand('two cell cycles')).toBe('two cell cycles');
  });
  it('"each 10 minute" is every 10 minutes; "more slow" is slower', () => {
    expect(changes('please make the acquisition more slow, each 10 minute')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(labShorthand('each channel more fast')).toBe('each channel faster');
  });
  it('a count of time points said as what the run is: the total', () => {
    expect(changes('make it 200 cycles')).toEqual([{ kind: 'loops', loops: 200 }]);
    expect(changes('set the run to 50 frames')).toEqual([{ kind: 'loops', loops: 50 }]);
    expect(changes('make it 30 frames per minute')).toEqual([{ kind: 'interval', intervalS: 2 }]);
  });
});

describe('a new run asked while one images', () => {
  it('is asked about, naming both runs; never a start, a change or a stop', () => {
    expect(asked('can we kick off a second experiment on the other dish, brightfield every 15 min overnight?')).toMatch(/already running \(FITC, DAPI, Rhodamine every 5 min\).*\(image Brightfield every 15 min for 12 h\) was not started/);
    expect(asked('meanwhile set off a fresh acquisition: gfp every 30 s for 10 min')).toMatch(/not started and the running one was not changed/);
  });
  it('leaves a change of the running one alone', () => {
    expect(route('from now on image every 2 min')?.tool).toBe('adjust_acquisition');
  });
});

describe('positions', () => {
  it('"next position please" said alone visits the next position', () => {
    expect(route('next position please', fourPositions)).toMatchObject({ tool: 'move_stage', args: { position: 'next' } });
    expect(route('ok, previous field', fourPositions)).toMatchObject({ tool: 'move_stage', args: { position: 'previous' } });
  });
  it('a place kept ("mark this spot", "bookmark here") is the place added, and "image it too" is that same addition', () => {
    expect(changes('mark this spot')).toEqual([{ kind: 'addPosition' }]);
    expect(changes('bookmark here please')).toEqual([{ kind: 'addPosition' }]);
    expect(changes('mark this spot and image it too')).toEqual([{ kind: 'addPosition' }]);
    expect(route('save the images')?.tool).not.toBe('adjust_acquisition');
    // (keeping "this" with no place named is no place: a pipeline or a protocol saved)
    expect(route('keep this as a protocol named n2v-otsu')).toBeUndefined();
    expect(route('great, save this as a pipeline called counting')).toBeUndefined();
  });
});

describe('a dose cap', () => {
  it('is refused with the value asked quoted', () => {
    expect(doseCapRefusal('keep the total light under 5 j/cm2')).toMatch(/limit of 5 J\/cm²/);
    expect(routeMicroscopeRequest('keep the total light under 5 J/cm2', { acquisitionRunning: true, earlier: [] })).toMatchObject({ ask: expect.stringMatching(/5 J\/cm²/) });
  });
});

describe('a run described by what it is to follow', () => {
  const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false, earlier: [] });
  it('takes the interval from the pace of what is watched where none is said, and says it', () => {
    expect(idle('I want to watch mitosis in my H2B-GFP cells for 12 h')).toMatchObject({ tool: 'start_acquisition', args: { plan: { timePlan: { intervalS: 180, durationS: 43200 } } }, notApplied: [expect.stringMatching(/no interval was said: every 3 min.*mitosis/)] });
    expect(idle('image GFP fast enough to follow the vesicles, for 5 minutes')).toMatchObject({ args: { plan: { timePlan: { intervalS: 1, durationS: 300 } } } });
  });
  it('says back a wish to spare the cells, and starts nothing from a goal without a verb that makes images', () => {
    expect(idle('we want to follow cell migration of the mNeonGreen line over a day without frying them')).toMatchObject({ args: { plan: { timePlan: { intervalS: 600 } } }, notApplied: [expect.stringMatching(/migration/), expect.stringMatching(/without frying.*less light/)] });
    expect(idle('follow the dividing nuclei in GFP over 12 h')).toBeUndefined();
  });
  it('an interval said wins over the pace', () => {
    expect(idle('watch mitosis in GFP every 10 min for 12 h')).toMatchObject({ args: { plan: { timePlan: { intervalS: 600 } } } });
  });
});

describe('time points added, and divisions ceasing', () => {
  it('"add 20 more time points", "extend by 10 loops": the run made that many intervals longer', () => {
    expect(changes('add 20 more time points')).toEqual([{ kind: 'extend', extraS: 6000 }]);
    expect(changes('extend by 10 loops')).toEqual([{ kind: 'extend', extraS: 3000 }]);
    expect(changes('change the cycle count to 80')).toEqual([{ kind: 'loops', loops: 80 }]);
  });
  it('a rule on divisions stopping is named, never a rule that fires on a division', () => {
    expect(asked('if they stop dividing, stop the acquisition')).toMatch(/cannot watch for divisions stopping \("stop dividing"\)/);
    expect(asked('when the cells no longer divide, slow down to every 20 min')).toMatch(/nothing was set up/);
    expect(route('when a cell divides, image every 30 s')?.tool).toBe('add_rule');
  });
});

describe('parts the acquisition sets by itself, a snap with its objective, another sample while imaging', () => {
  const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false, earlier: [] });
  it('the shutter, the lamps and LEDs, the filter cube are named with what sets them; a channel named with one is read', () => {
    expect(asked('open the shutter')).toMatch(/the shutter is no setting here/);
    expect(asked('turn the halogen lamp off')).toMatch(/lamps and LEDs are switched on only during each exposure/);
    // (a run that images brightfield: a channel the run does not image is said back, stop 49)
    expect(route('switch off the transmitted LED', start({ channels: [{ config: 'FITC' }, { config: 'Brightfield' }], timePlan: { intervalS: 300, durationS: 21600 } }))).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'Brightfield' }] } });
    expect(idle('switch the filter cube to TRITC and take a picture')).toMatchObject({ tool: 'snap', args: { channel: 'Rhodamine' } });
    expect(route('close the shutter and pause')).toMatchObject({ tool: 'pause_acquisition', notApplied: [expect.stringMatching(/shutter/)] });
  });
  it('an objective said with a snap is switched first', () => {
    expect(idle('switch to the 10x and snap a brightfield image')).toMatchObject({ tool: 'move_stage', args: { objective: '10X' }, then: [{ tool: 'snap', args: { channel: 'Brightfield' } }] });
  });
  it('another sample asked while one images is asked about, a question about it is a status', () => {
    expect(asked('I want to image another dish now')).toMatch(/already running.*not started/);
    expect(route('when can I start another experiment?')?.tool).toBe('microscope_status');
  });
});

describe('a hardware focus lock asked with nothing running', () => {
  it('is named with how a plan gets its software autofocus', () => {
    expect(routeMicroscopeRequest('turn on the perfect focus system', { acquisitionRunning: false, earlier: [] })).toMatchObject({ ask: expect.stringMatching(/no hardware focus lock.*nothing was started.*autofocus every time point/), start: true });
  });
});
