import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';

const RUN = [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', powerPercent: 50 }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 } } } }];
const running = (text: string, earlier: { tool: string; args: Record<string, unknown> }[] = RUN) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });

describe('a change at a moment the microscope cannot see or count (stop 41)', () => {
  it('after something the person does is asked back, nothing changed', () => {
    for (const text of ['after the drug goes in, go to every 30 s', 'once I\'ve added the nocodazole, image every minute', 'every 30 s after the washout please', 'when I add the drug, switch to every 20 s']) {
      expect(running(text)).toMatchObject({ ask: expect.stringMatching(/changed nothing/), command: true });
    }
    // (a change for a while "while I add the drug" is still made now)
    expect(running('go to every 30 s while I add the drug, about 10 min')).toMatchObject({ tool: 'adjust_acquisition', args: { forS: 600 } });
  });
  it('up to a time point by its number is counted by the acquisition (stop 46: was asked back), never read as a position or a total', () => {
    expect(running('every minute until time point 50')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 60 }], untilTimepoint: 50 } });
    expect(running('2 min interval till frame 40, then back to 5 min')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 120 }], untilTimepoint: 40 } });
    expect(running('stop at frame 100')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'loops', loops: 100 }] } });
  });
  it('every channel dropped is a stop, asked back', () => {
    for (const text of ['drop both channels', 'turn off all the channels', 'drop GFP and mCherry', 'switch off the red and the green']) {
      expect(running(text)).toMatchObject({ ask: expect.stringMatching(/stop the acquisition/), command: true });
    }
    expect(running('drop GFP')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel: 'FITC' }] } });
  });
});

describe('channels and values in one sentence (stop 41)', () => {
  it('"it" after a channel is that channel, imaged every Nth time point', () => {
    expect(running('lower GFP to 2% power and only image it every 4th time point')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 2, channel: 'FITC' }, { kind: 'acquireEvery', channel: 'FITC', every: 4 }] } });
    expect(running('image every 4th time point')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 4 }] } });
  });
  it('a bare number after a second channel is in the unit of the first', () => {
    expect(running('take the GFP laser up to 12 %, and the red down to 3')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 12, channel: 'FITC' }, { kind: 'power', powerPercent: 3, channel: 'Rhodamine' }] } });
  });
  it('a value below zero is refused with the range', () => {
    expect(running('set GFP power to -5%')).toMatchObject({ ask: expect.stringMatching(/below zero.*100 %/), command: true });
    expect(running('GFP exposure to -10 ms')).toMatchObject({ ask: expect.stringMatching(/below zero/), command: true });
  });
});

describe('going back with nothing changed (stop 41)', () => {
  it('says the setting is as it started, never read as anything else', () => {
    for (const text of ['restore the original interval', 'go back to the original interval', 'revert to the old interval']) {
      expect(running(text)).toMatchObject({ ask: expect.stringMatching(/still every 5 min/), command: true });
    }
    expect(running('restore the original settings')).toMatchObject({ ask: expect.stringMatching(/Nothing has been changed/), command: true });
    const changed = [...RUN, { tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 60 }] } }];
    expect(running('restore the original interval', changed)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 300 }] } });
  });
});

describe('a move or an objective the microscope cannot take (stop 41)', () => {
  it('a stage position beyond the travel is refused with it, nothing moved', () => {
    expect(running('go to x = 80000 µm')).toMatchObject({ ask: expect.stringMatching(/-50000 to 50000/), command: true });
    expect(running('move focus to z = 8000 um')).toMatchObject({ ask: expect.stringMatching(/travel/), command: true });
    expect(routeMicroscopeRequest('move the stage to x = 80 mm', { acquisitionRunning: false })).toMatchObject({ ask: expect.stringMatching(/travel/) });
    expect(running('move the focus up 2 µm')).toMatchObject({ tool: 'adjust_acquisition' });
  });
  it('an objective it does not have is refused with those it has; "3x faster" is no objective', () => {
    expect(running('switch to the 60x objective')).toMatchObject({ ask: expect.stringMatching(/10X, 20X and 40X/), command: true });
    expect(running('go to 40x')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'objective', objective: '40X' }] } });
    expect(running('go 3x faster')).toMatchObject({ tool: 'adjust_acquisition' });
  });
  it('two relative changes of two channels, and a factor at one position', () => {
    expect(running('cut mCherry exposure by a quarter and up GFP power by 5%')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposureFactor', factor: 0.75, channel: 'Rhodamine' }, { kind: 'powerFactor', factor: 1.05, channel: 'FITC' }] } });
  });
});

describe('one channel not wanted any more (stop 41)', () => {
  it('is that channel dropped, never the run stopped', () => {
    for (const [text, channel] of [['I\'m done with mCherry', 'Rhodamine'], ['mCherry can stop now', 'Rhodamine'], ['we don\'t need the red anymore', 'Rhodamine'], ['GFP is bleached, stop it', 'FITC']]) {
      expect(running(text)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropChannel', channel }] } });
    }
    expect(running('we don\'t need the red anymore, stop')).toMatchObject({ ask: expect.stringMatching(/on its own/), command: true });
  });
});

describe('"by half" up or down, "plus" between two changes (stop 41)', () => {
  it('"increase ... by half" is half as much again, "cut ... by half" half', () => {
    expect(running('increase the interval by half')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 1.5 }] } });
    expect(running('cut the interval by half')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 0.5 }] } });
    expect(running('increase the GFP power by half')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'powerFactor', factor: 1.5, channel: 'FITC' }] } });
  });
  it('"plus" joins two commands', () => {
    expect(running('every 2 min plus drop mCherry')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 120 }, { kind: 'dropChannel', channel: 'Rhodamine' }] } });
  });
});
