// Judgement questions: a verdict no value gives ("are they healthy?", "is it in focus?", "good enough to track?")
// is answered with the measured question that stands in for it, and a line that the judgement is the person's;
// never "not understood". Phrasings: the judgement words x the ways of asking them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { judgementAsked } from '../../../src/agent/planner/judgementQuestions.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { afterMeasuring, removeMeasuredSessions } from './measuredSession.ts';
import { catalogue, loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

let session: (request: string) => Conversation;
beforeAll(async () => {
  await loadAcquisitionWords();
  session = await afterMeasuring(true);
});
afterAll(removeMeasuredSessions);

const SUBJECTS = ['these cells', 'the cells', 'they', 'my nuclei'];
const HEALTH = ['healthy', 'dying', 'alive', 'stressed', 'doing ok'];
const health = SUBJECTS.flatMap((s) => HEALTH.flatMap((h) => [`are ${s} ${h}?`, `do ${s} look ${h}?`]));
const focus = ['is the focus ok?', 'is it in focus?', 'is the movie out of focus?', 'are the images sharp enough?', 'is this blurry?', 'is the movie in focus at the end?'];
const tracking = ['is this movie good enough to track?', 'is the data ok for tracking?', 'can these cells be tracked, is the movie good enough for tracking?', 'is it suitable for following single cells?'];
const quality = ['is the image quality ok?', 'is this good enough to segment?', 'is the movie usable?', 'is it good enough for quantification?'];

describe('a judgement question', () => {
  it('is read as its judgement, whatever words ask it', () => {
    for (const q of health) expect(judgementAsked(q)?.measured, q).toMatch(/number of cells change over time/);
    for (const q of focus) expect(judgementAsked(q)?.say, q).toMatch(/in focus is yours/);
    for (const q of tracking) expect(judgementAsked(q)?.say, q).toMatch(/good enough to track is yours/);
    for (const q of quality) expect(judgementAsked(q)?.say, q).toMatch(/good enough is yours/);
  });

  it('is not a count, a value, a step asked or advice', () => {
    for (const q of ['how many cells die?', 'which cell is the healthiest?', 'segment the nuclei, are they healthy?', 'is it ok to correct the drift before tracking?', 'is it ok to measure intensities after denoising?', 'is it fine to segment on the denoised movie?', 'should I track before measuring?', 'autofocus please', 'the cells look stressed'])
      expect(judgementAsked(q), q).toBeUndefined();
  });

  it('is not a request for work worded with "do" or "could you" (the blur or sharpening is run, not judged)', () => {
    const work = ['do a gaussian blur ahead of the segmentation', 'do some denoising so it is less blurry', 'could you make the images twice as sharp with the super-resolution network?', 'can you blur it slightly before segmenting?', 'would you please sharpen the movie with the network?', 'will you make it crisper?'];
    for (const q of work) expect(judgementAsked(q), q).toBeUndefined();
    expect(toolsOf('do a gaussian blur ahead of the segmentation')).toEqual(['denoise', 'segment']);
    expect(toolsOf('could you make the images twice as sharp with the super-resolution network?')).toEqual(['super_resolve']);
    for (const q of ['could you tell me if they are healthy?', 'does it look in focus?', 'do you think the cells are dying?', 'did they stay healthy?'])
      expect(judgementAsked(q), q).toBeDefined();
  });

  it('plans the measured question in its place and says the judgement is the person\'s, never "not understood"', () => {
    for (const q of [...health.slice(0, 6), ...tracking.slice(0, 2)]) {
      const p = plan(q);
      expect(p.reply, q).toBeUndefined();
      expect(p.steps.length, q).toBeGreaterThan(0);
      expect((p.notes ?? []).join(' '), q).toMatch(/is (?:yours|your judgement)/);
    }
    expect(plan('is this movie good enough to track?').steps.map((s) => s.tool)).toContain('track');
  });

  it('focus on a fresh movie: nothing measures it, so nothing runs and one line says so (stop 42 D)', () => {
    for (const q of focus.slice(0, 3)) {
      const p = plan(q);
      expect(p.steps, q).toEqual([]);
      expect(p.reply, q).toMatch(/no tool here measures focus[\s\S]*ran nothing/);
    }
  });

  it('after measuring: answered from the tables with the count over time, nothing run', () => {
    for (const q of ['are these cells healthy?', 'are they dying?', 'is the focus ok?']) {
      const conversation = session(q);
      const p = planRequest(conversation, catalogue);
      expect(p.steps, q).toEqual([]);
      const said = composeAnswer(p, conversation);
      expect(said, q).toMatch(/frame 1: 2, .*frame 6: 3/);
      expect(said, q).toMatch(/yours|your judgement/);
    }
  });
});
