// Questions that point at what is open ("what is this?") get the movie's facts; advice no method note
// holds ("when should I change the medium?") is said to be outside what cellpilot can tell, nothing run;
// advice a note holds goes to the adviser. Phrasings are generated: fillers x forms x things pointed at,
// and lab topics x ways of asking advice.
import { beforeAll, describe, expect, it } from 'vitest';
import { adviceOutsideNotes, asksAdvice } from '../../../src/agent/planner/adviceQuestions.ts';
import { pointsAtTheMovie } from '../../../src/agent/planner/recordingQuestions.ts';
import { loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const FILLERS = ['', 'so ', 'ok, ', 'hmm ', 'sorry, '];
const THINGS = ['', ' file', ' movie', ' stack', ' thing', ' data', ' recording'];
const FORMS = [(t: string) => `what is this${t}?`, (t: string) => `what's that${t}`, (t: string) => `what exactly is this${t}?`, (t: string) => `can you tell me what this${t} is`, (t: string) => `what does this${t} show?`, (t: string) => `any idea what this${t} is?`];

/** Every filler x form x thing pointed at. */
const deictic = FILLERS.flatMap((f) => FORMS.flatMap((form) => THINGS.map((t) => `${f}${form(t)}`)));

describe('a bare question pointing at what is open', () => {
  it(`reads every generated phrasing as asking what the movie is (${deictic.length})`, () => {
    expect(deictic.filter((q) => !pointsAtTheMovie(q))).toEqual([]);
  });

  it('plans the movie facts and nothing else, for a sample of them', () => {
    const sample = deictic.filter((_, i) => i % 7 === 0);
    expect(sample.filter((q) => toolsOf(q).join(',') !== 'movie_info')).toEqual([]);
  });

  it('is no pointer when the question names something in the movie or a value', () => {
    for (const q of ['what is this cell doing?', 'what is the mean area?', 'what is this number?', 'what is track 3?', 'what is this spot in frame 4?', 'what is it measured in?']) expect(pointsAtTheMovie(q), q).toBe(false);
  });
});

const LAB_TOPICS = ['change the medium', 'passage the cells', 'add the drug', 'fix the cells', 'stain with DAPI', 'transfect them', 'order more antibody', 'warm the incubator'];
const ADVICE_FORMS = [(t: string) => `when should I ${t}?`, (t: string) => `how often should we ${t}?`, (t: string) => `do you think I should ${t} today?`, (t: string) => `is it a good idea to ${t} now?`, (t: string) => `would you recommend that I ${t}?`];

describe('advice no method note holds', () => {
  const asked = LAB_TOPICS.flatMap((t) => ADVICE_FORMS.map((f) => f(t)));
  it(`is said to be outside what cellpilot can tell, nothing run (${asked.length} phrasings)`, () => {
    const wrong = asked.filter((q) => {
      const p = plan(q);
      return p.steps.length > 0 || !/outside what I do: .*not something the movie's data or my method notes can tell/.test(p.reply ?? '');
    });
    expect(wrong).toEqual([]);
  });

  it('names the topics it can advise on', () => {
    expect(adviceOutsideNotes('when should I change the medium?')).toMatch(/I can advise on .*drift/);
  });

  it('leaves advice a note holds to the adviser', () => {
    for (const q of ['which denoising method should I use?', 'should I correct bleaching before measuring?', 'what is the best way to track dividing cells?', 'how often should I image to avoid phototoxicity?', 'should I correct the drift before tracking?']) {
      expect(adviceOutsideNotes(q), q).toBeUndefined();
      expect(toolsOf(q), q).toEqual(['help']);
    }
  });

  it('is no advice when the words ask how to use cellpilot or for a step', () => {
    expect(asksAdvice('what can you do?')).toBe(false);
    expect(asksAdvice('track the nuclei and measure their speed')).toBe(false);
    // (a count of what the data holds is no advice: "how many ... do I have")
    for (const q of ['How many cells do I have in total?', 'how many tracks do we have?', 'how much drift do I have?']) expect(asksAdvice(q), q).toBe(false);
  });
});
