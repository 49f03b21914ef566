// How the person would do it, or usually does it, told beside a direct ask, is context.
import { beforeAll, describe, expect, it } from 'vitest';
import { sentencesOfOwnWay, tellsOwnWay } from '../../../src/agent/planner/ownWayElsewhere.ts';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe("the person's own way", () => {
  it('is a conditional that is no wish, or a habit, asking nothing itself', () => {
    expect(tellsOwnWay("In Fiji I'd use TrackMate for this")).toBe(true);
    expect(tellsOwnWay("Normally I'd do this in TrackMate and export the spots")).toBe(true);
    expect(tellsOwnWay('usually we threshold with Otsu')).toBe(true);
    expect(tellsOwnWay("I'd like the tracks as csv")).toBe(false);
    expect(tellsOwnWay("I'd rather not export anything")).toBe(false);
    expect(tellsOwnWay("I'd use TrackMate, could you do that?")).toBe(false);
  });
  it('is context only beside another sentence that asks', () => {
    expect([...sentencesOfOwnWay(new Map([[0, "In Fiji I'd use TrackMate for this"], [1, 'Can you do the tracking here']]))]).toEqual([0]);
    expect([...sentencesOfOwnWay(new Map([[0, "In Fiji I'd use TrackMate for this"]]))]).toEqual([]);
  });
  it('runs no export the person would do elsewhere', () => {
    expect(toolsOf("Normally I'd do this in TrackMate and export the spots. Could you just track the cells here?")).toEqual(['segment', 'track']);
    expect(toolsOf("In Fiji I'd use TrackMate for this. Can you do the tracking here, with gap closing?")).toEqual(['segment', 'track']);
  });
});
