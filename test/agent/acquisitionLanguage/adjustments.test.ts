// A signal said wrong, then the command that says how much (brief s31/B): the complaint is the reason, the command is
// read ("the red is way too dim, triple its exposure"); a complaint alone is still asked about.
import { describe, expect, it } from 'vitest';
import { parseAdjustment } from '../../../src/agent/acquisitionLanguage/adjustments.ts';

describe('a complaint followed by a command', () => {
  it('reads the command after a comma, "so" or a dash, with the channel the complaint names', () => {
    expect(parseAdjustment('the far red is way too faint, quadruple its exposure')).toEqual([{ kind: 'exposureFactor', factor: 4, channel: 'Cy5' }]);
    expect(parseAdjustment('dapi looks really dim so double its power')).toEqual([{ kind: 'powerFactor', factor: 2, channel: 'DAPI' }]);
    expect(parseAdjustment('GFP is saturating - halve the exposure')).toEqual([{ kind: 'exposureFactor', factor: 0.5, channel: 'FITC' }]);
  });

  it('still asks how much when nothing says it', () => {
    expect(() => parseAdjustment('the far red is way too faint')).toThrow(/how much more light/i);
    expect(() => parseAdjustment('the far red is way too faint, fix it')).toThrow();
  });
});

