// A thing a step makes, asked to be shown ("show me the tracks on a plot"), is a figure, no question needing a table.
import { beforeAll, describe, expect, it } from 'vitest';
import { showsAMadeThing } from '../../../src/agent/planner/thingShown.ts';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a made thing shown', () => {
  it('is read from a verb of showing and a bare thing, maybe with where to show it', () => {
    expect(showsAMadeThing(' and show me', 'the tracks on a plot')).toBe(true);
    expect(showsAMadeThing(', show us', 'the masks')).toBe(true);
    expect(showsAMadeThing(' and show me', 'the tracks that move fastest')).toBe(false);
    expect(showsAMadeThing(' and show me', 'the mean area')).toBe(false);
    expect(showsAMadeThing(' and tell me', 'the tracks')).toBe(false);
  });
  it('draws the tracks without measuring them, and asks no question', () => {
    const p = plan('track the cells and show me the tracks on a plot');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track', 'plot']);
    expect(p.question).toBeUndefined();
    expect(toolsOf('track the cells and show me their mean speed')).toContain('track');
  });
});
