// Constraints in people's words (brief s33/B): an ordinal in digits before a channel is that channel, and an ordinal
// of a scope the step took is never named as a method not applied; a clause that only says which of the things the
// step before works on ("only tracks longer than 10 frames") is that step's restriction, applied or named, never a
// step of its own; a value named after a verb that says no value ("smooth the traces, Savitzky Golay") is how that
// one step runs, never the step again.
import { beforeAll, describe, expect, it } from 'vitest';
import { findChannel } from '../../../src/agent/planner/extract.ts';
import { withOrdinalsInWords } from '../../../src/agent/planner/normalise.ts';
import { argsOf, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const withTracks = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
const withTable = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'table-1', type: 'table' as const, producedBy: 'measure' }];

describe('an ordinal in digits before a channel', () => {
  it('is that channel', () => {
    expect(findChannel('the 2nd channel')).toBe(2);
    expect(findChannel('on the 3rd channel')).toBe(3);
    expect(withOrdinalsInWords('the 2nd channel and the 3rd frame')).toBe('the second channel and the third frame');
    expect(withOrdinalsInWords('every 3rd frame')).toBe('every 3rd frame');
    expect(argsOf('correct the drift using the 2nd channel', 'correct_drift')).toMatchObject({ channel: 2 });
    expect(argsOf('segment using the 2nd channel', 'segment')).toMatchObject({ channel: 2 });
  });

  it('is no method left unapplied when the step took it', () => {
    for (const words of ['correct the drift using the second channel', 'correct the drift using the 2nd channel']) {
      expect(said(words), words).not.toMatch(/Not applied/);
    }
  });
});

describe('a clause that only says which things', () => {
  it('restricts the step before, and is named when it cannot', () => {
    // (stop 43: a rule on the tracks is applied by filter_tracks before the export, and said)
    for (const words of ['export the tracks as csv, only tracks longer than 10 frames', 'export the tracks as csv but only tracks longer than 10 frames']) {
      expect(toolsOf(words, withTracks), words).toEqual(['filter_tracks', 'export']);
      expect(said(words, withTracks), words).toMatch(/Tracks kept: at least 11 frames long/);
    }
  });
});

describe('a value named after a verb that says none', () => {
  it('is how the one step runs', () => {
    const words = 'smooth the traces, Savitzky Golay, window 5 timepoints, polynomial order 2';
    expect(toolsOf(words, withTable)).toEqual(['analyze_timeseries']);
    expect(argsOf(words, 'analyze_timeseries', withTable)).toMatchObject({ smooth: 'savitzky_golay', windowFrames: 5, polyorder: 2 });
  });

  it('still reads a list of values said as values as the step again', () => {
    expect(toolsOf('export as CSV and TrackMate XML', withTracks)).toEqual(['export', 'export']);
  });
});
