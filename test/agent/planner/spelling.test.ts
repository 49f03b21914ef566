// The one reader of slips, for every vocabulary: the planner's (tools' words) and the
// acquisition language's (command and channel words) read a slip by the same rules.
import { describe, expect, it } from 'vitest';
import { correctedWord, inCaseOf, isWrittenRight, vocabularyOf } from '../../../src/agent/planner/spelling.ts';

const words = (targets: string[], known: string[] = []) => vocabularyOf(targets, known);

describe('correctedWord', () => {
  it('reads a letter left out, doubled or swapped as the one nearest word', () => {
    const v = words(['exposure', 'interval', 'segment']);
    expect(correctedWord('exposre', v)).toBe('exposure');
    expect(correctedWord('intervval', v)).toBe('interval');
    expect(correctedWord('segmnet', v)).toBe('segment');
  });
  it('takes one other letter for a slip only by a neighbouring key', () => {
    expect(correctedWord('gandor', words(['gender']))).toBeUndefined();
    expect(correctedWord('gendwr', words(['gender']))).toBe('gender');
  });
  it('leaves a slip between two different words as it is, unless only one has its very letters', () => {
    expect(correctedWord('cores', words(['cones', 'codes']))).toBeUndefined();
    // ("plaen": a swap of "plane", one edit from "place" too; only "plane" has its letters)
    expect(correctedWord('plaen', words(['plane', 'place']))).toBe('plane');
  });
  it('reads forms of one word as one answer: a last letter typed twice is the word without it', () => {
    expect(correctedWord('pumpps', words(['pumps', 'pump']))).toBe('pumps');
    expect(correctedWord('intervall', words(['interval', 'intervals']))).toBe('interval');
    expect(correctedWord('framse', words(['frame', 'frames']))).toBe('frames');
  });
  it('reads a word that opens a longer known word as that word cut short, never as a slip of another', () => {
    const v = words(['excel', 'exclude', 'pause', 'pausing']);
    expect(correctedWord('excl', v)).toBeUndefined();
    expect(correctedWord('paus', v)).toBe('pause');
  });
  it('reads a word of four letters only through a swap or a last letter left off', () => {
    const v = words(['snap', 'drop', 'pause', 'frame', 'cells']);
    expect(correctedWord('cell', v)).toBeUndefined();
    expect(correctedWord('snpa', v)).toBe('snap');
    expect(correctedWord('dorp', v)).toBe('drop');
    expect(correctedWord('paus', v)).toBe('pause');
    expect(correctedWord('paue', v)).toBe('pause');
    // (a letter of a doubled pair left out is as often a word of its own, "cels")
    expect(correctedWord('cels', v)).toBeUndefined();
    // (no plural read from its singular's stem, and no other edit on a short word)
    expect(correctedWord('snep', v)).toBeUndefined();
  });
  it('never changes a word written right: known, everyday, a stop word, a regular form, or with other than letters', () => {
    const v = words(['xylen'], ['xylem']);
    expect(correctedWord('xylem', v)).toBeUndefined();
    expect(correctedWord('xylem', words(['xylen']))).toBe('xylen');
    expect(correctedWord('truck', words(['track']))).toBeUndefined();
    expect(correctedWord('there', words(['three']))).toBeUndefined();
    expect(isWrittenRight('paused', words(['pause']).known)).toBe(true);
    // (but no ending makes a word no form of it: "minutees", "paus" of "paused")
    expect(correctedWord('minutees', words(['minute', 'minutes']))).toBe('minutes');
    expect(correctedWord('paus', words(['paused', 'pause']))).toBe('pause');
    expect(correctedWord('x2lem', words(['xylem']))).toBeUndefined();
  });
});

describe('inCaseOf', () => {
  it('writes the word in the case of the slip', () => {
    expect(inCaseOf('Segemnt', 'segment')).toBe('Segment');
    expect(inCaseOf('CHANEL', 'channel')).toBe('CHANNEL');
    expect(inCaseOf('chanel', 'channel')).toBe('channel');
  });
});

describe('correctedWord, phone typing (stop 50)', () => {
  it('reads a three-letter stop word with two letters swapped, and a word written without its vowels', () => {
    const v = words(['interval', 'exposure', 'position', 'channel', 'segment']);
    expect(correctedWord('teh', v)).toBe('the');
    expect(correctedWord('adn', v)).toBe('and');
    expect(correctedWord('roi', v)).toBeUndefined();
    expect(correctedWord('intrvl', v)).toBe('interval');
    expect(correctedWord('chnl', v)).toBe('channel');
    expect(correctedWord('sgmnt', v)).toBe('segment');
    // (consonants two targets share are no answer)
    expect(correctedWord('pstn', words(['position', 'piston']))).toBeUndefined();
  });
});
