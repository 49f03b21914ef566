// A size across asked with no row to read: the diameter of the circle of the mean area a step reported (sizeAcross.ts).
import { describe, expect, it } from 'vitest';
import { sizeAcrossFromMeanArea } from '../../../src/agent/planner/sizeAcross.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';

const measured = { tool: 'measure', ok: true, args: {}, values: { objects: 1200, meanAreaPx: 152.3 }, artifacts: [], summary: '' } as unknown as PastResult;

describe('a diameter asked from a mean area', () => {
  it('is that of the circle of the mean area, in µm at a known pixel size', () => {
    expect(sizeAcrossFromMeanArea('whats the typical nucleus diameter here', [measured], 0.65)).toMatch(/^Equivalent diameter = 9\.0\d? µm \(13\.9 px at 0\.65 µm\/px\)/);
    expect(sizeAcrossFromMeanArea('mean radius of the nuclei?', [measured], undefined)).toMatch(/^Equivalent radius = 6\.96 px \(no calibration known\)/);
  });
  it('answers no other question', () => {
    expect(sizeAcrossFromMeanArea('what is the mean area?', [measured], 0.65)).toBeUndefined();
  });
});
