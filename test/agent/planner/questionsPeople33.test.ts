// Kinds of questions from tuning-questions-people-21 (brief s33/A), each test failing when the mechanism behind a
// kind breaks, whatever sentence asks it:
// - a person as the object of a verb ("register me for the conference") and a piece of prose asked for ("write my
//   essay on mitosis") are out of scope, whatever words of ours they contain;
// - "could you tell me whether ...", "would you be able to tell me if ..." ask a value, not for a step;
// - a yes/no question about a change in a measured mean within ±5% is "no clear change", with the figure quoted;
// - "their X" in a short question after a question with a condition is X of the rows that condition kept;
// - a comparison of halves or a series per frame is given in the unit asked ("µm/h"), as a single value is;
// - lab shorthand "n tracks ...", "# nuclei", "bg subtract" is "number of" and "background";
// - "with which method have you ..." asks about a step's choice (explained from its record);
// - an adjective the question reader reads as a quantity ("from longest to shortest") is no word from elsewhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation, KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, completedFollowUp } from '../../../src/agent/planner/tableAnswers.ts';
import { withVerdict } from '../../../src/agent/planner/answers.ts';
import { asksWhy } from '../../../src/agent/planner/explanations.ts';
import { asksAValue } from '../../../src/agent/planner/propertyQuestions.ts';
import { argsOf, loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('out of scope', () => {
  it('a person put down for something runs nothing', () => {
    for (const r of ['Could you register me for the EMBO microscopy conference in Heidelberg, please?', 'sign us up for the confocal training next week']) {
      expect(toolsOf(r), r).toEqual([]);
      expect(said(r), r).toMatch(/outside what I do/);
    }
  });

  it('a piece of prose asked for runs nothing, whatever its topic', () => {
    for (const r of ['can u write my cell bio essay on mitosis lol', 'compose a short poem on nuclei dividing']) expect(toolsOf(r), r).toEqual([]);
  });

  it('keeps registration of a movie and asking to be shown a result', () => {
    expect(toolsOf('register the movie to the first frame')).toEqual(['correct_drift']);
    expect(toolsOf('show me for each frame the number of nuclei')).not.toEqual([]);
  });
});

describe('asking to be told', () => {
  it('asks a value', () => {
    for (const q of ['could you tell me whether the fluorescence is fading?', 'Would you be able to tell me if the signal fades?', 'can you let me know whether it bleaches?']) expect(asksAValue(q), q).toBe(true);
    expect(asksAValue('could you correct the bleaching?')).toBe(false);
  });

  it('runs no correction to answer it', () => {
    // (correct_bleach may measure, writing no movie: stop 43)
    for (const q of ['Would you be able to tell me whether the fluorescence is fading over the course of the movie?', 'could you tell me if the signal is bleaching?']) expect(plan(q).steps.filter((s) => s.tool === 'correct_bleach' && s.args.writeMovie !== false), q).toEqual([]);
  });
});

describe('a change within the tolerance', () => {
  const small = 'mean intensity (channel 1): 906.7 grey levels in frame 1 vs 893.5 grey levels in frame 6 (-1.5%): higher earlier (from table-1; means, no statistical test)';
  const large = small.replace('(-1.5%)', '(-12.5%)');
  it('is no clear change, the figure quoted', () => {
    const answer = withVerdict('is intensity lost?', small);
    expect(answer).toMatch(/^No clear change/);
    expect(answer).toMatch(/-1\.5%/);
    expect(answer).toMatch(/±5%/);
  });

  it('keeps the verdict of a larger change and of a count', () => {
    expect(withVerdict('is intensity lost?', large)).toMatch(/^Yes/);
    expect(withVerdict('are there more nuclei in the last frame?', 'objects per frame: 20 in frame 1 vs 20.5 in frame 6 (+2.5%): higher later (from table-1)')).toMatch(/^Yes/);
  });
});

describe('"their" after a question with a condition', () => {
  it('is the rows that condition kept', () => {
    expect(completedFollowUp('nice, and their mean speed?', ['how many tracks are faster than 0.5 µm/min?'])).toBe('nice, and the mean speed of the tracks faster than 0.5 µm/min?');
    expect(completedFollowUp('ok and their average intensity?', ['how many nuclei are larger than 20 µm²?'])).toBe('ok and the average intensity of the nuclei larger than 20 µm²?');
  });

  it('stays as said with no condition before, or in a long question', () => {
    expect(completedFollowUp('and their mean speed?', ['how many tracks are there?'])).toBe('and their mean speed?');
    const long = 'and could you also tell me what their mean speed was over the whole movie?';
    expect(completedFollowUp(long, ['how many tracks are faster than 0.5 µm/min?'])).toBe(long);
  });
});

describe('a comparison in the unit asked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'people-33-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'steps.csv');
  // speeds of 1 µm/min in frames 1-2 and 2 µm/min in frames 3-4
  writeTableCsv(path, { columns: ['TRACK_ID', 't', 'SPEED'], rows: [0, 1, 2, 3].map((t) => ({ TRACK_ID: 1, t, SPEED: t < 2 ? 1 : 2 })) });
  const table: KnownArtifact = { id: 'table-1', type: 'table', producedBy: 'measure', path };
  const asked = (request: string): Conversation => ({
    request,
    artifactsAtStart: [table],
    earlier: [{ tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: { lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [{ id: 'table-1', type: 'table' }] }],
    current: [],
    earlierRequests: [],
  });

  it('converts both halves', () => {
    const q = 'mean speed in the first half vs the second half, in µm/h?';
    const answer = answerFromTable(q, asked(q));
    expect(answer).toMatch(/60 µm\/h[\s\S]*120 µm\/h/);
  });

  it('keeps the unit of the table when none is asked', () => {
    const q = 'mean speed in the first half vs the second half?';
    expect(answerFromTable(q, asked(q))).toMatch(/1 µm\/min[\s\S]*2 µm\/min/);
  });
});

describe('lab shorthand', () => {
  const atHand: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, { id: 'table-1', type: 'table', producedBy: 'measure' }];
  it('"bg" before or after subtracting is the background', () => {
    const r = 'bg subtract r=20px; segment (li); measure area+intensity; csv out. no tracking';
    expect(toolsOf(r)).toContain('subtract_background');
    expect(argsOf(r, 'subtract_background').radiusPx).toBe(20);
    expect(toolsOf('subtract the bg, then segment')).toContain('subtract_background');
  });

  it('"n" before the things counted is "number of", asked of the tracks at hand', () => {
    expect(toolsOf('n tracks longer than 3 frames?', atHand)).not.toContain('track');
  });
});

describe('a choice asked with a preposition first', () => {
  it('asks why a step chose it', () => {
    for (const q of ['Explain to me with which method you have separated the nuclei from the background.', 'using what threshold did you segment them?', 'by which algorithm were they linked?']) expect(asksWhy(q), q).toBe(true);
    expect(asksWhy('with which software can I open the tracks?')).toBe(false);
  });
});

describe('a ranking in adjectives', () => {
  const atHand: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
  it('is in scope', () => {
    expect(said('rank the tracks from longest to shortest', atHand)).not.toMatch(/outside what I do/);
    expect(toolsOf('rank the tracks from longest to shortest', atHand)).not.toContain('track');
  });
});
