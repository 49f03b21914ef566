// A distributive scope ("per track", "of each track") over a measured quantity names the rows of a table, no tracks file.
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutRowScope } from '../../../src/agent/planner/rowScope.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { loadAcquisitionWords, movie, movieAndLabels, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tracked: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('withoutRowScope', () => {
  it('blanks "per track", "of each track", "per-nucleus", keeping the length', () => {
    for (const text of ['the speed per track', 'the speed of each track', 'per-nucleus intensity', "each cell's area"]) {
      const out = withoutRowScope(text);
      expect(out, text).toHaveLength(text.length);
      expect(out, text).not.toMatch(/track|nucle|cell/);
    }
    expect(withoutRowScope('export the tracks as CSV')).toBe('export the tracks as CSV');
  });
});

describe('planning', () => {
  it('measures the tracks before exporting a quantity said per track, and exports plain tracks as they are', () => {
    for (const request of ['export the speeds per track as CSV', 'export per-track speed as CSV', 'export the speed of each track as CSV']) expect(toolsOf(request, tracked), request).toEqual(['measure', 'export']);
    expect(toolsOf('export the tracks as CSV', tracked)).toEqual(['export']);
    expect(toolsOf('segment the cells, track them and export per-track speed as CSV', [movie])).toEqual(['segment', 'track', 'measure', 'export']);
  });
});
