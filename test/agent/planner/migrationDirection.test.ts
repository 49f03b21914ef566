// "Are the cells moving in any particular direction?": answered from the tracks' net displacement directions with a
// Rayleigh test (src/analysis/directionality.ts), not from a distance or a turning rate; yes/no only when asked so.
import { describe, expect, it } from 'vitest';
import { tracksFromLinks } from '../../../src/analysis/track.ts';
import { asksMigrationDirection, migrationDirectionAnswer } from '../../../src/agent/planner/migrationDirection.ts';

/** Six straight 5-frame tracks, each stepping (dx, dy) per frame; calibrated at 0.5 µm/px. */
function tracksStepping(steps: [number, number][]) {
  const spots = steps.flatMap(([dx, dy], k) => [0, 1, 2, 3, 4].map((t) => ({ id: 10 * k + t + 1, t, x: 50 + 20 * k + dx * t, y: 50 + dy * t, label: k + 1 })));
  const links = steps.flatMap((_, k) => [1, 2, 3, 4].map((t) => ({ source: 10 * k + t, target: 10 * k + t + 1 })));
  return { artifact: { id: 'tracks-1' }, tracks: tracksFromLinks(spots, links, 5, { pixelSizeUm: 0.5 }) };
}

describe('migration direction questions', () => {
  it('reads questions about where cells head, not the stage drift, a turning rate or the nuclei orientation', () => {
    for (const q of ['are the cells moving in any particular direction?', 'which way do the cells go?', 'is there any chemotaxis here', 'do the nuclei all head the same way?', 'is there directed migration towards the wound?', 'do they have a preferred direction'])
      expect(asksMigrationDirection(q), q).toBe(true);
    for (const q of ['in which direction is the stage drifting?', 'what is the mean directional change rate?', 'what is the orientation of the nuclei?', 'how fast do the cells move?'])
      expect(asksMigrationDirection(q), q).toBe(false);
  });

  it('says yes with the direction in words, R and the Rayleigh p where cells go one way', () => {
    const answer = migrationDirectionAnswer('do the cells move in one direction?', () => tracksStepping([[2, 1], [3, 1], [2, 0], [2, 1], [4, 1], [3, 2]]))!;
    expect(answer).toMatch(/^Yes: the cells move in a preferred direction: the mean direction is right \(\d+° clockwise/);
    expect(answer).toMatch(/Rayleigh test p = (?:< 0\.001|0\.0\d+)/);
    expect(answer).toMatch(/centre of mass moved [\d.]+ µm along x/);
  });

  it('says no clear direction where they go every way, and nothing for another question or without tracks', () => {
    expect(migrationDirectionAnswer('which way do the cells go?', () => tracksStepping([[2, 0], [0, 2], [-2, 0], [0, -2], [1, 1], [-1, -1]]))).toMatch(/^No clear preferred direction: mean resultant length R = 0 /);
    expect(migrationDirectionAnswer('how fast are they?', () => tracksStepping([[2, 0], [2, 0], [2, 0]]))).toBeUndefined();
    expect(migrationDirectionAnswer('which way do the cells go?', () => undefined)).toBeUndefined();
  });
});
