// A second way of a step, said as what to do when the first result is poor, is named as not run; the step runs as first
// asked (fallbackStep.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { fallbackCut } from '../../../src/agent/planner/fallbackStep.ts';
import { argsOf, loadAcquisitionWords, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a fallback way of a step', () => {
  it('is cut from the request in its three forms', () => {
    expect(fallbackCut('find the nuclei using triangle - if the masks come out messy, go with li')?.rest).toBe('find the nuclei using triangle');
    expect(fallbackCut('link them with 8 px max, failing that 15 px')?.said).toBe('failing that 15 px');
    expect(fallbackCut('threshold them with triangle or li in case triangle fails')?.rest).toBe('threshold them with triangle');
    expect(fallbackCut('find the nuclei with li and track them')).toBeUndefined();
  });

  it('runs the first way once and names the fallback', () => {
    expect(toolsOf('find the nuclei using triangle - if the masks come out messy, go with li')).toEqual(['segment']);
    expect(argsOf('find the nuclei using triangle - if the masks come out messy, go with li', 'segment')).toMatchObject({ method: 'triangle' });
    expect(said('find the nuclei using triangle - if the masks come out messy, go with li')).toMatch(/Not run: .*go with li/);
    // (no second way of a step: "otherwise leave it" is no fallback)
    expect(said('find the nuclei, otherwise leave it')).not.toMatch(/fallback/);
  });
});
