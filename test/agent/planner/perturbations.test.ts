// Rewordings that keep a request's meaning: each family changes only the surface it names.
import { describe, expect, it } from 'vitest';
import { PERTURBATION_FAMILIES, perturb } from '../../../src/agent/planner/perturbations.ts';
import { plainWords } from '../../../src/agent/planner/words.ts';

describe('perturb', () => {
  it('is the same for the same seed and returns undefined when a family has nothing to change', () => {
    const text = 'Please outline every bacterium and follow them over time.';
    for (const family of PERTURBATION_FAMILIES) expect(perturb(text, family, 7)).toBe(perturb(text, family, 7));
    expect(perturb('blur it', 'units', 3)).toBeUndefined();
    expect(perturb('blur it', 'typo', 3)).toBeUndefined();
  });

  it('makes one typo in one lower-case word of five letters or more, never in a name or file', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = perturb('Outline Golgi bodies in stack.tif', 'typo', seed)!;
      const changed = out.split(' ').filter((w, i) => w !== 'Outline Golgi bodies in stack.tif'.split(' ')[i]);
      expect(changed).toHaveLength(1);
      expect(changed[0][0]).toBe('b');
    }
  });

  it('swaps British and American spellings, leaving words whose -ise is no spelling', () => {
    expect(perturb('normalize the grey colour', 'spelling', 1)).toBe('normalise the grey colour');
    expect(perturb('normalise the grey colour', 'spelling', 1)).toBe('normalize the gray color');
    expect(perturb('lower the noise and advise me', 'spelling', 1)).toBeUndefined();
  });

  it('recases words but not files, ids or unit symbols', () => {
    expect(perturb('Blur movie-3 by 2 µm, save as Out.tif', 'upperCase', 1)).toBe('BLUR movie-3 BY 2 µm, SAVE AS Out.tif');
    expect(perturb('Blur movie-3 by 2 µm', 'lowerCase', 1)).toBe('blur movie-3 by 2 µm');
  });

  it('drops commas, question marks and the final stop, keeping decimals', () => {
    expect(perturb('Blur by 1.5 px, then sharpen.', 'punctuation', 1)).toBe('Blur by 1.5 px then sharpen');
    expect(perturb('is it 0.5?', 'punctuation', 1)).toBe('is it 0.5');
  });

  it('frames a request politely, and a question as a question', () => {
    const outs = [1, 2, 3, 4, 5, 6].map((s) => perturb('Rotate the image', 'polite', s)!);
    expect(outs.every((o) => /rotate the image/i.test(o))).toBe(true);
    expect(outs.some((o) => o !== 'Rotate the image')).toBe(true);
    expect([1, 2, 3, 4].map((s) => perturb('how bright is it?', 'polite', s)!).every((o) => !/could you please how/i.test(o))).toBe(true);
  });

  it('contracts spelt-out forms, or spells out contractions', () => {
    expect(perturb('do not rotate it', 'contractions', 1)).toMatch(/^don['’]t rotate it$/);
    expect(perturb("what's the angle?", 'contractions', 1)).toBe('what is the angle?');
  });

  it('writes a unit another way after its number, and a small count as its word', () => {
    expect(perturb('crop 12 µm', 'units', 1)).toMatch(/^crop 12(?:um| microns| micrometres| micrometers|µm)$/);
    expect(perturb('wait 30 s', 'units', 2)).toMatch(/^wait 30 (?:sec|secs|seconds)$/);
    expect(perturb('average 4 planes', 'numberWords', 1)).toBe('average four planes');
    expect(perturb('rows 4-9 and item-4 at 4.5', 'numberWords', 1)).toBeUndefined();
  });

  it('writes hyphenated words apart or joined, and compounds hyphenated', () => {
    expect(['a time lapse', 'a timelapse']).toContain(perturb('a time-lapse', 'hyphens', 1));
    expect(perturb('a bright field image', 'hyphens', 1)).toBe('a bright-field image');
  });
});

describe('perturb runOn', () => {
  it('writes the request as one run-on clause: no punctuation, no joiner between two steps', () => {
    expect(perturb('Blur the stack, then sharpen it. Save it as out.tif.', 'runOn', 1)).toBe('Blur the stack sharpen it save it as out.tif');
    expect(perturb('Crop it and rotate the result; after that invert it!', 'runOn', 1)).toBe('Crop it rotate the result invert it');
  });

  it('keeps an "and" between two things, decimals, coordinates, an acronym and a quoted name', () => {
    expect(perturb('Average rows 3 and 4 at 0.5 px, then go to (12, 8).', 'runOn', 1)).toBe('Average rows 3 and 4 at 0.5 px go to (12, 8)');
    expect(perturb('Rotate it. GFP only, call it "a, b"', 'runOn', 1)).toBe('Rotate it GFP only call it "a, b"');
    expect(perturb('rotate', 'runOn', 1)).toBeUndefined();
  });
});

describe('plainWords', () => {
  it('finds words of letters only, with where they start', () => {
    expect(plainWords('Save cells.tif (movie-2) now.').map((w) => [w[0], w.index])).toEqual([
      ['Save', 0],
      ['now', 25],
    ]);
  });
});

describe('perturb keeps what a rewording must not touch', () => {
  it('keeps a comma between numbers, a quoted name and a name with a two-letter part', () => {
    expect(perturb('go to (120, 80), then snap.', 'punctuation', 1)).toBe('go to (120, 80) then snap');
    expect(perturb('call it "ab-cde" and save the cell-cycle table', 'hyphens', 1)).toMatch(/^call it "ab-cde" and save the cell ?cycle table$/);
    expect(perturb('save as "my-colour-set" now', 'spelling', 1)).toBeUndefined();
  });

  it('asks "can you" only before a verb', () => {
    for (let seed = 0; seed < 12; seed++) expect(perturb('if it overheats, pause', 'polite', seed)).not.toMatch(/(?:can you|could you please|like you to) if/);
  });
});

describe('perturb hurried, question, wish and bareLower', () => {
  it('puts words of hurry around a request, and keeps a question a question', () => {
    const outs = [1, 2, 3, 4, 5, 6].map((s) => perturb('Segment the nuclei.', 'hurried', s)!);
    expect(outs.every((o) => /segment the nuclei/.test(o) && !/\.$/.test(o))).toBe(true);
    expect(outs.some((o) => /\b(?:pls|plz|asap|quick|urgent|need to)\b/.test(o))).toBe(true);
    expect(perturb('how many cells?', 'hurried', 1)).toMatch(/how many cells\?$/);
  });

  it('asks a request opening with a verb as a question or says it as a wish; nothing else', () => {
    expect(perturb('Segment the nuclei.', 'question', 1)).toMatch(/^(?:can you|could you|would it be possible to|is it possible to|could you please|would you mind to) segment the nuclei\?$/i);
    expect(perturb('Segment the nuclei.', 'wish', 1)).toMatch(/^(?:I'd|I’d|I|I would|we) (?:like|need|want)(?: you)? to segment the nuclei/);
    for (const text of ['how many cells?', 'if it drifts, refocus', 'GFP only please', 'here is the protocol', 'mean intensity per frame'])
      for (const family of ['question', 'wish'] as const) expect(perturb(text, family, 1)).toBeUndefined();
  });

  it('writes all in lower case without punctuation', () => {
    expect(perturb('Segment the Nuclei, then track them.', 'bareLower', 1)).toBe('segment the nuclei then track them');
  });
});
