// A table's column said in words: every answer names the quantity as people say it, never the raw column name.
import { describe, expect, it } from 'vitest';
import { TRACK_FEATURES } from '../../../src/analysis/trackFeatures.ts';
import { INTENSITY_STATS, intensityColumn } from '../../../src/analysis/features.ts';
import { columnInWords } from '../../../src/agent/planner/columnWords.ts';

describe('a column in words', () => {
  it('says TrackMate\'s track features in lower-case words, British spelling, no underscores', () => {
    expect(columnInWords('TOTAL_DISTANCE_TRAVELED')).toBe('total distance travelled');
    expect(columnInWords('TRACK_MEAN_SPEED')).toBe('mean speed');
    expect(columnInWords('TRACK_DISPLACEMENT')).toMatch(/^net displacement/);
    expect(columnInWords('NUMBER_SPLITS')).toBe('number of divisions');
    for (const feature of TRACK_FEATURES) {
      const words = columnInWords(feature);
      expect(words, feature).not.toMatch(/_|[A-Z]{2,}/);
      expect(words.length, feature).toBeGreaterThan(2);
    }
  });
  it('leaves the unit out of the words (the answer quotes it beside the value) and names the channel', () => {
    expect(columnInWords('area_um2')).toBe('area');
    expect(columnInWords('area_px')).toBe('area');
    expect(columnInWords('perimeter_px')).toBe('perimeter');
    expect(columnInWords('speed_um_per_min')).toBe('speed');
    for (const stat of INTENSITY_STATS) for (const channel of [0, 2]) {
      const words = columnInWords(intensityColumn(stat, channel));
      expect(words).toMatch(new RegExp(`intensity \\(channel ${channel + 1}\\)$`));
      expect(words).not.toMatch(/_/);
    }
  });
  it('keeps words that are words already', () => {
    expect(columnInWords('circularity')).toBe('circularity');
    expect(columnInWords('mean speed (mean of each track\'s frames)')).toBe('mean speed (mean of each track\'s frames)');
  });
});
