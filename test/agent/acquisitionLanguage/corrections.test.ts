import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { afterCorrection } from '../../../src/agent/acquisitionLanguage/route.ts';
import { durationsIn, exposureMs } from '../../../src/agent/acquisitionLanguage/words.ts';

const changesOf = (text: string) => {
  const route = routeMicroscopeRequest(text, { acquisitionRunning: true });
  return route && 'args' in route ? (route.args as { changes?: unknown[] }).changes : undefined;
};

describe('a correction said in passing', () => {
  const cases: [string, string][] = [
    // a value alone replaces the last value of its kind in the words before it
    ['GFP to 10%... scratch that, 5%', 'GFP to 5%'],
    ['set the interval to 2 min... no wait, I meant 4 min', 'set the interval to 4 min'],
    ['GFP exposure 100 ms, no wait, I meant 50 ms', 'GFP exposure 50 ms'],
    // a channel alone replaces the last channel
    ['drop DAPI, no wait, mCherry', 'drop mCherry'],
    ['set the 561 to 5%... sorry, I meant the 640', 'set the 640 to 5%'],
    // a correction that says more stands alone
    ['set GFP... no wait, DAPI to 5%', 'DAPI to 5%'],
    ['drop DAPI, sorry I mean drop mCherry', 'drop mCherry'],
    // a correction of a kind the words before do not have stands alone (nothing to put it in)
    ['drop DAPI, no wait, 5%', '5%'],
    // an apology alone is no words to drop
    ['sorry, I meant 1%', 'sorry, I meant 1%'],
  ];
  for (const [said, read] of cases) it(`"${said}" is "${read}"`, () => expect(afterCorrection(said)).toBe(read));

  it('changes what the corrected words say, never what was withdrawn', () => {
    expect(changesOf('GFP to 10%... scratch that, 5%')).toEqual([{ kind: 'power', powerPercent: 5, channel: 'FITC' }]);
    expect(changesOf('set the interval to 2 min... no wait, I meant 4 min')).toEqual([{ kind: 'interval', intervalS: 240 }]);
    expect(changesOf('drop DAPI, no wait, mCherry')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
  });
});

describe('numbers as people say them', () => {
  it('reads a whole number and a half or a quarter before the unit', () => {
    expect(durationsIn('for 4 and a half hours').map((d) => d.seconds)).toEqual([16200]);
    expect(durationsIn('over two and a quarter days').map((d) => d.seconds)).toEqual([2.25 * 86400]);
  });
  it('reads an exposure in seconds with what it is of between the word and the value', () => {
    expect(exposureMs('exposure for mCherry 0.3 s')).toBe(300);
    expect(exposureMs('exposure on the 561 channel: 1 s')).toBe(1000);
    expect(changesOf('exposure for mCherry 0.3 s')).toEqual([{ kind: 'exposure', exposureMs: 300, channel: 'Rhodamine' }]);
  });
});

describe('questions about the state of a part of the run change nothing', () => {
  for (const q of ['is the 561 still on?', 'is DAPI still being imaged?', 'are both lasers active', 'is the z-stack off?']) {
    it(q, () => {
      const route = routeMicroscopeRequest(q, { acquisitionRunning: true });
      expect(route && 'tool' in route ? route.tool : undefined).toBe('microscope_status');
    });
  }
  it('while a command with the same words still changes it', () => {
    expect(changesOf('turn the 561 off')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
  });
});

describe('the stage moving by itself is about the images, not a place to move to', () => {
  for (const text of ['get rid of any wobble in the stage', 'the stage drifted a lot overnight', 'the stage is shaky']) {
    it(text, () => {
      expect(routeMicroscopeRequest(text, { acquisitionRunning: false })).toBeUndefined();
    });
  }
  it('while a stage move is still a move', () => {
    expect(routeMicroscopeRequest('move the stage 100 µm to the left')).toMatchObject({ tool: 'move_stage', args: { xUm: -100, relative: true } });
  });
});

describe('words people use that are no slips', () => {
  it('keeps a command word with a regular ending ("acquired" is not "acquire")', () => {
    const route = routeMicroscopeRequest('how many frames have been acquired?', { acquisitionRunning: true });
    expect(route && 'tool' in route ? route.tool : undefined).toBe('microscope_status');
  });
  it('reads a wavelength in nm that names a light source as the channel, not as a distance left unread', () => {
    expect(routeMicroscopeRequest('acquire GFP (488 nm, 10 % power, 80 ms) every 2 min for 2 h')).toMatchObject({ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', exposureMs: 80, powerPercent: 10 }] } } });
  });
  it('reads a z step said with "to", and the z-stack taken out', () => {
    expect(changesOf('change the z step to 0.5 µm, 21 planes')).toEqual([{ kind: 'zPlan', zPlan: { rangeUm: 10, stepUm: 0.5 } }]);
    expect(changesOf('take the z-stack out')).toEqual([{ kind: 'zPlan', zPlan: null }]);
  });
  it('reads "no, make it ..." as a correction', () => {
    expect(changesOf('every 3 min, no, make it every 4 min')).toEqual([{ kind: 'interval', intervalS: 240 }]);
  });
});

describe('a channel named with a digit, a percentage of a channel, a command after a remark', () => {
  it('"Cy5 time-lapse" names Cy5 (only a bare wavelength before a count word is a number)', () => {
    expect(routeMicroscopeRequest('DAPI and Cy5 time-lapse, 30 min interval, 72 h')).toMatchObject({ args: { plan: { channels: [{ config: 'DAPI' }, { config: 'Cy5' }] } } });
  });
  it('"GFP: 30 ms, 4%" sets both', () => {
    expect(changesOf('GFP: 30 ms, 4%')).toEqual([{ kind: 'power', powerPercent: 4, channel: 'FITC' }, { kind: 'exposure', exposureMs: 30, channel: 'FITC' }]);
  });
  it('"GFP is photobleaching badly, turn it off" drops GFP (a question about bleaching would only report)', () => {
    expect(changesOf('GFP is photobleaching badly, turn it off')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    expect(routeMicroscopeRequest('is GFP photobleaching?', { acquisitionRunning: true })).toMatchObject({ tool: 'dose_report' });
  });
  it('"take a 15 minute break" pauses for 15 min; "actually no, 2 min" corrects', () => {
    expect(routeMicroscopeRequest('take a 15 minute break', { acquisitionRunning: true })).toEqual({ tool: 'pause_acquisition', args: { forS: 900 } });
    expect(changesOf('set the interval to 90 s... actually no, 2 min')).toEqual([{ kind: 'interval', intervalS: 120 }]);
  });
});

describe('a channel by its number and a bare factor for light; holding off', () => {
  it('changes the light of the channel numbered, never of every channel', () => {
    expect(changesOf('change exposure of channel 2 to 40 ms')).toEqual([{ kind: 'exposure', exposureMs: 40, channel: '2' }]);
    expect(changesOf('ch3 power to 6%')).toEqual([{ kind: 'power', powerPercent: 6, channel: '3' }]);
  });
  it('reads "488 power 2x" and "GFP exposure 0.5x" as factors', () => {
    expect(changesOf('488 power 2x')).toEqual([{ kind: 'powerFactor', factor: 2, channel: 'FITC' }]);
    expect(changesOf('GFP exposure 0.5x')).toEqual([{ kind: 'exposureFactor', factor: 0.5, channel: 'FITC' }]);
  });
  it('pauses for the time said with "hold off" and "wait ... before the next time point"', () => {
    expect(routeMicroscopeRequest('hold off imaging for 30 min', { acquisitionRunning: true })).toEqual({ tool: 'pause_acquisition', args: { forS: 1800 } });
    expect(routeMicroscopeRequest('wait 20 minutes before the next time point', { acquisitionRunning: true })).toEqual({ tool: 'pause_acquisition', args: { forS: 1200 } });
  });
});

describe('a plan to start holds what was said, and only that', () => {
  const start = (text: string) => routeMicroscopeRequest(text);
  it('leaves out a channel said not to be imaged', () => {
    expect(start('image GFP but not DAPI every 5 min for 2 h')).toMatchObject({ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC' }] } } });
    expect(start('acquire mCherry and brightfield, no DAPI, every 10 min for 4 h')).toMatchObject({ args: { plan: { channels: [{ config: 'Rhodamine' }, { config: 'Brightfield' }] } } });
    expect(start('image GFP and mCherry except DAPI every 5 min for 2 h')).toMatchObject({ args: { plan: { channels: [{ config: 'FITC' }, { config: 'Rhodamine' }] } } });
  });
  for (const [text, part] of [
    ['image GFP every 5 min for 2 h except at night', 'except at night'],
    ['image GFP every 5 min for 2 h, only at position 2', 'only at position 2'],
    ['image GFP every 5 min for 12 h with perfect focus on', 'perfect focus on'],
    ['time-lapse of GFP every 10 min for 24 h, but pause every night', 'pause every night'],
    ['image GFP every 5 min for 2 h unless the cells die', 'unless the cells die'],
  ]) {
    it(`asks about "${part}" and starts nothing`, () => {
      const route = start(text);
      expect(route && 'ask' in route ? route.ask : undefined).toContain(`not "${part}"`);
    });
  }
  it('a z-stack said to be left out is no exception to ask about', () => {
    expect(start('image GFP every 5 min for 2 h, without the z-stack')).toMatchObject({ tool: 'start_acquisition' });
  });
});

describe('a condition and its action is no question', async () => {
  const { isAskedForm } = await import('../../../src/agent/planner/tableAnswers.ts');
  it('"when a cell divides, image every 30 s" is a rule; "when are there the fewest cells?" a question', () => {
    expect(isAskedForm('when a cell divides, image every 30 s for 5 min')).toBe(false);
    expect(isAskedForm('when the cell count goes above 300 then stop')).toBe(false);
    expect(isAskedForm('when are there the fewest cells?')).toBe(true);
    expect(isAskedForm('when, roughly, did the cells divide?')).toBe(true);
  });
});
