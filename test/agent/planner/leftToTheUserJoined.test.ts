// Steps the user will do themselves, said as several joined by "and", said ahead of who does them, or in the passive
// ("the measurements will be done by me"), are not run and are named as not run (leftToTheUser.ts, clauses.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { leftToTheUser } from '../../../src/agent/planner/leftToTheUser.ts';
import { loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('steps left to the user', () => {
  it('reads the things first, the user or the passive after', () => {
    expect(leftToTheUser('stats and graphs we will make ourselves in R')).toBe(true);
    expect(leftToTheUser('the figures are going to be made by us')).toBe(true);
    expect(leftToTheUser('we would rather compute the areas by hand')).toBe(true);
    // (a result the user will use is asked for)
    expect(leftToTheUser('the plots we will look at later')).toBe(false);
    expect(leftToTheUser('the tracks will be shown')).toBe(false);
  });

  it('turns down every step joined in the part left to the user, and names them', () => {
    expect(toolsOf('follow the nuclei; we will do the measuring and the plotting ourselves')).toEqual(['segment', 'track']);
    expect(said('follow the nuclei; we will do the measuring and the plotting ourselves')).toMatch(/Not run, as you asked: measure, plot/);
    // (a step asked after a word of contrast is still asked)
    expect(toolsOf('we will do the plots by hand, just find the nuclei')).toEqual(['segment']);
  });
});
