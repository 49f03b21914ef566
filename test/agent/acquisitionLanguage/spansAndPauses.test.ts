// How long a running acquisition goes on, and pauses, in people's own words: "let it go one more hour and then
// finish" is an end that long from now, "we only need 4 hours of imaging" the run's whole length, "halt for 5
// minutes then carry on" and "give it a 2 min pause" a pause that long (the span never dropped); none is a stop now.
import { describe, expect, it } from 'vitest';
import { parseAdjustment } from '../../../src/agent/acquisitionLanguage/index.ts';

const NOW = { intervalS: 300, durationS: 43200, positions: 2 };
const read = (said: string) => parseAdjustment(said, undefined, NOW);
const SPANS: [string, number][] = [['one more hour', 3600], ['2 more hours', 7200], ['30 more minutes', 1800]];

describe('spans and pauses of a running acquisition', () => {
  it('going on a span more, then ending, is an end that long from now; going on alone runs that much longer', () => {
    for (const [span, s] of SPANS) {
      for (const said of [`let it go ${span} and then finish`, `carry on ${span}, then we stop`]) expect(read(said), said).toEqual([{ kind: 'endIn', inS: s }]);
      for (const said of [`let the run continue ${span}`, `keep going ${span}`]) expect(read(said), said).toEqual([{ kind: 'extend', extraS: s }]);
    }
  });

  it('the span needed is the whole run', () => {
    for (const [said, s] of [['we only need 4 hours of imaging', 14400], ['I just need 6 h of data', 21600], ['we only want 90 min of imaging', 5400]] as const) expect(read(said), said).toEqual([{ kind: 'duration', durationS: s }]);
  });

  it('a pause said with its span keeps the span', () => {
    for (const [said, s] of [['halt for 5 minutes then carry on', 300], ['give it a 2 min pause', 120], ['give the cells a 10 minute pause', 600], ['halt imaging for 20 min', 1200]] as const) {
      const changes = read(said);
      expect(changes[0], said).toEqual({ kind: 'pause', forS: s });
      expect(changes.map((c) => c.kind), said).not.toContain('stop');
    }
  });

  it('a stop with no span is still a stop', () => {
    expect(read('halt').map((c) => c.kind)).toEqual(['stop']);
  });
});
