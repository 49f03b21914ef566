// The run as the subject of what should happen to it is the command its predicate says, while imaging (brief s54/M).
import { describe, expect, it } from 'vitest';
import { runAsSubject } from '../../../src/agent/acquisitionLanguage/runAsSubject.ts';
import { changes, start } from './runningAcquisition.ts';

const gfp = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('the run as a subject', () => {
  it('says the predicate as the command', () => {
    expect(runAsSubject('the movie should be 3 h longer')).toBe('3 h longer');
    expect(runAsSubject('the recording needs 2 more hours')).toBe('2 more hours');
    expect(runAsSubject('the time lapse should go on for another hour')).toBe('for another hour');
  });
  it('leaves a state with no amount, and other subjects', () => {
    expect(runAsSubject('the run should be fine')).toBe('the run should be fine');
    expect(runAsSubject('the cells should be 3 h older')).toBe('the cells should be 3 h older');
  });
  it('routes it while imaging', () => {
    expect(changes('the movie should be 3 h longer', gfp)).toEqual([{ kind: 'extend', extraS: 10800 }]);
  });
});
