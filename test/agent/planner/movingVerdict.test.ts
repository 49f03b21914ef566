// Whether the things move, from the mean net displacement a step reported (movingVerdict.ts).
import { describe, expect, it } from 'vitest';
import { movingVerdictFromMean } from '../../../src/agent/planner/movingVerdict.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';

const measured = (meanDisplacement: number) => ({ tool: 'measure', ok: true, args: { kind: 'tracks' }, values: { meanDisplacement }, artifacts: [], summary: '' }) as unknown as PastResult;

describe('are the cells moving', () => {
  it('is yes with the mean net displacement over a centroid jitter', () => {
    expect(movingVerdictFromMean('are the cells moving?', [measured(14.2)])).toMatch(/^Yes, they move: .*14\.2 px \(no calibration known\)/);
    expect(movingVerdictFromMean('are the cells moving?', [measured(14.2)], 0.5)).toMatch(/7\.1 µm \(14\.2 px at 0\.5 µm\/px\)/);
  });
  it('is no within the jitter, and the verdict turns for a question of staying put', () => {
    expect(movingVerdictFromMean('do the nuclei migrate?', [measured(1.2)])).toMatch(/^No, they stay put/);
    expect(movingVerdictFromMean('are the nuclei stationary?', [measured(1.2)])).toMatch(/^Yes, they stay put/);
    expect(movingVerdictFromMean('are the nuclei stationary?', [measured(14)])).toMatch(/^No, they move/);
  });
  it('answers no quantity asked of the motion', () => {
    expect(movingVerdictFromMean('how far do the cells move?', [measured(14.2)])).toBeUndefined();
  });
});

describe('motion asked as a noun (stop 55)', () => {
  it('"is there any movement?" is whether the things move', () => {
    expect(movingVerdictFromMean('is there any movement?', [measured(14.2)])).toMatch(/^Yes, they move: .*14\.2 px/);
    expect(movingVerdictFromMean('any migration at all?', [measured(1)])).toMatch(/^No, they stay put/);
  });
  it('is no verdict for a quantity of the motion', () => {
    expect(movingVerdictFromMean('how much movement is there?', [measured(14.2)])).toBeUndefined();
  });
});

