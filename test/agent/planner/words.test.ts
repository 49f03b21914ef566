// The stemmer and thesaurus: inflections of one word meet, distinct words stay apart.
import { describe, expect, it } from 'vitest';
import { meaning, normalizeWord } from '../../../src/agent/planner/words.ts';

const same = (a: string, b: string) => meaning(normalizeWord(a)) === meaning(normalizeWord(b));

describe('thesaurus', () => {
  it('counts by tally and enumerate ("tally the nuclei in each frame")', () => {
    for (const w of ['tally', 'enumerate']) expect(same(w, 'count'), w).toBe(true);
  });
});

describe('stemmer', () => {
  it('makes inflections and agent nouns one word', () => {
    for (const [a, b] of [['track', 'tracked'], ['track', 'tracker'], ['trackers', 'tracking'], ['speed', 'speeds'], ['speed', 'speeding'], ['cluster', 'clustering'], ['segment', 'segmentation'], ['stabilise', 'stabilize'], ['colour', 'color'], ['register', 'registered'], ['bigger', 'size']]) {
      expect(same(a, b), `${a} ~ ${b}`).toBe(true);
    }
  });

  it('keeps distinct words apart', () => {
    for (const [a, b] of [['speed', 'spend'], ['speed', 'sped'], ['seed', 'sed'], ['darker', 'dark'], ['filter', 'film'], ['order', 'ord'], ['number', 'numb'], ['border', 'board'], ['laser', 'lase']]) {
      expect(same(a, b), `${a} vs ${b}`).toBe(false);
    }
    expect(normalizeWord('speed')).toBe('speed');
  });
});

describe('CamelCase names (brief R2)', () => {
  it('reads a plugin or module name in CamelCase as its words, besides the whole', async () => {
    const { tokenize } = await import('../../../src/agent/planner/words.ts');
    const words = tokenize('run IdentifyPrimaryObjects').map((t) => t.word);
    expect(words).toEqual(['run', 'identifyprimaryobjects', 'identify', 'primary', 'objects']);
    expect(tokenize('H2B-mCherry cells').filter((t) => !t.part).map((t) => t.word)).toEqual(['h2bmcherry', 'cells']);
  });
});
