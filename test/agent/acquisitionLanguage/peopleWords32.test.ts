// Microscope commands in people's own words (brief s32/B): "wrap the run up in 45 min" is an end time, a phrasal verb
// with its object between its words, never a stop now.
import { describe, expect, it } from 'vitest';
import { changes, fourPositions, route } from './runningAcquisition.ts';

describe('wrapping a run up', () => {
  it('ends it that long from now, the object between the verb and "up" or not', () => {
    for (const words of ['wrap the run up in 45 min', 'wrap it up in 45 min', 'wrap up the acquisition in 45 min', 'wrap this experiment up in 45 minutes']) {
      expect(changes(words, fourPositions), words).toEqual([{ kind: 'endIn', inS: 2700 }]);
    }
  });

  it('finishes after the current time point when no time is said', () => {
    expect(route('wrap the run up now', fourPositions)).toMatchObject({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
  });
});
