// Microscope commands by kinds of sentence (brief s36/B): one stage position paused ("pause position 2 for an hour",
// "suspend the third field") is that position left out, for a while when a span is said, never the whole run paused; an
// ordinal in digits names a position as its word does ("the 2nd position"); a new length of the whole run said beside a
// word of stopping ("cut it short: 50 time points in total") is that length, never a stop nor a question about one; a
// position left out for a while comes back by itself (the microscope sets the positions back).
import { describe, expect, it } from 'vitest';
import { withOrdinalsInWords } from '../../../src/agent/planner/normalise.ts';
import { undoOf } from '../../../src/microscope/temporaryChange.ts';
import { route, start } from './runningAcquisition.ts';

const threePositions = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 600, durationS: 21600 }, stagePositions: [0, 1, 2].map((i) => ({ name: `Pos${i}`, xUm: i * 3000, yUm: 0 })) });
const argsOf = (words: string) => {
  const r = route(words, threePositions);
  expect(r?.tool, `${words} → ${JSON.stringify(r)}`).toBe('adjust_acquisition');
  return (r as unknown as { args: { changes: unknown[]; forS?: number } }).args;
};

describe('one position paused', () => {
  it('is that position left out for the span said, the run going on', () => {
    expect(argsOf('pause position 1 for an hour, the rest should carry on')).toEqual({ changes: [{ kind: 'dropPosition', position: '1' }], forS: 3600 });
    expect(argsOf('suspend the third field for 30 min')).toEqual({ changes: [{ kind: 'dropPosition', position: '3' }], forS: 1800 });
    expect(argsOf('could you put position 2 on hold for 20 minutes')).toEqual({ changes: [{ kind: 'dropPosition', position: '2' }], forS: 1200 });
  });

  it('is left out until said otherwise when no span is said', () => {
    expect(argsOf('pause position 2')).toEqual({ changes: [{ kind: 'dropPosition', position: '2' }] });
  });

  it('never pauses the whole run, which a pause with no position still does', () => {
    expect(route('pause position 2 for 10 min', threePositions)?.tool).not.toBe('pause_acquisition');
    expect(route('pause for 10 min', threePositions)?.tool).toBe('pause_acquisition');
  });
});

describe('an ordinal in digits before a position', () => {
  it('is its word', () => {
    expect(withOrdinalsInWords('drop the 2nd position')).toBe('drop the second position');
    expect(withOrdinalsInWords('skip the 3rd field of view')).toBe('skip the third field of view');
    expect(withOrdinalsInWords('pause the 6th stage position')).toBe('pause the sixth stage position');
    // (a stride stays as said)
    expect(withOrdinalsInWords('every 2nd position')).toBe('every 2nd position');
  });
});

describe('a new length of the whole run beside a word of stopping', () => {
  it('is that length', () => {
    expect(argsOf('cut it short: 50 timepoints in total will do').changes).toEqual([{ kind: 'loops', loops: 50 }]);
    expect(argsOf('stop it at 6 hours in total').changes).toEqual([{ kind: 'duration', durationS: 21600 }]);
    expect(argsOf('end the run at 100 frames in total').changes).toEqual([{ kind: 'loops', loops: 100 }]);
  });

  it('leaves a stop with no length a stop', () => {
    expect(route('stop the acquisition', threePositions)?.tool).toBe('stop_acquisition');
  });
});

describe('a position left out for a while', () => {
  it('is set back to the positions imaged before', () => {
    const positions = [0, 1, 2].map((i) => ({ name: `Pos${i}`, xUm: i * 100, yUm: 0, zUm: 0 }));
    expect(undoOf({ kind: 'dropPosition', position: '2' }, { intervalS: 60, channels: [], positions }, () => undefined)).toEqual([{ kind: 'positions', positions }]);
    expect(typeof undoOf({ kind: 'dropPosition', position: '1' }, { intervalS: 60, channels: [] }, () => undefined)).toBe('string');
  });
});
