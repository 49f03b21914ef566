// A change asked as how to make it, or as help to make it, is the change (brief s53/M, issue 11): never the run's status,
// a dose report or a question back; a how-to about something else stays a question.
import { describe, expect, it } from 'vitest';
import { howToAsCommand } from '../../../src/agent/acquisitionLanguage/howToAsked.ts';
import { changes, threeChannels, toolOf } from './runningAcquisition.ts';

describe('howToAsCommand', () => {
  it('reads the command after words of asking how or for help', () => {
    expect(howToAsCommand('how do I lower the 561 to 5%?')).toBe('lower the 561 to 5%?');
    expect(howToAsCommand('what do we need to do to extend the run by 2 h')).toBe('extend the run by 2 h');
    expect(howToAsCommand('could you help me with reducing the frame rate')).toBe('reduce the frame rate');
    expect(howToAsCommand('how to get rid of the far red channel?')).toBe('get rid of the far red channel?');
    expect(howToAsCommand('I need to drop DAPI, how?')).toBe('I need to drop DAPI');
  });

  it('leaves a how-to that asks for no command to the microscope', () => {
    expect(howToAsCommand('how do I know the focus is right?')).toBe('how do I know the focus is right?');
    expect(howToAsCommand('how can I see the latest image?')).toBe('how can I see the latest image?');
    expect(howToAsCommand('I need to add the drug')).toBe('I need to add the drug');
    expect(howToAsCommand('could I drop DAPI without losing the segmentation?')).toBe('could I drop DAPI without losing the segmentation?');
  });
});

describe('a how-to while imaging routes to the change', () => {
  it('changes the interval, the exposure and the power, and drops a channel', () => {
    expect(changes('how do I change the interval to 2 min?')).toContainEqual({ kind: 'interval', intervalS: 120 });
    expect(changes('how can I set the DAPI exposure to 50 ms')).toContainEqual({ kind: 'exposure', channel: 'DAPI', exposureMs: 50 });
    expect(changes('what do I do to lower the 488 power to 10%?')).toContainEqual({ kind: 'power', channel: 'FITC', powerPercent: 10 });
    expect(changes('how do I get rid of the DAPI channel for the rest of the run?')).toContainEqual({ kind: 'dropChannel', channel: 'DAPI' });
    expect(changes('how can I extend the experiment by 2 hours?')).toContainEqual({ kind: 'extend', extraS: 7200 });
  });

  it('a how-to of stopping asks for the stop (which waits for a person\'s yes)', () => {
    expect(toolOf('how do I stop the acquisition?', threeChannels)).toBe('stop_acquisition');
  });
});
