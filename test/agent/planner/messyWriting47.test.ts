// How people write (stop 47, helper E): chat shorthand and a learner's ask said in full, an apology for asking and the
// letter around a request no part of it, what someone else did or what the result is worth told as context, and
// "before" closing a clause as "beforehand". Plan-only.
import { beforeAll, describe, expect, it } from 'vitest';
import { isContext } from '../../../src/agent/planner/clauses.ts';
import { withLetterFormsBlanked, withoutApologyAsides } from '../../../src/agent/planner/letterForms.ts';
import { withChatShorthandSpelledOut, withWishToKnowAsTellMe } from '../../../src/agent/planner/normalise.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('chat shorthand and a learner\'s ask', () => {
  it('are said in full', () => {
    expect(withChatShorthandSpelledOut('correct drift b4')).toBe('correct drift before');
    expect(withChatShorthandSpelledOut('seg fr 10-20 only')).toBe('seg frames 10-20 only');
    expect(withChatShorthandSpelledOut('track frs 3 to 9')).toBe('track frames 3 to 9');
    expect(withChatShorthandSpelledOut('is possible to make the tracking?')).toBe('is it possible to make the tracking?');
    expect(withChatShorthandSpelledOut('I want that you count the nuclei')).toBe('please count the nuclei');
    expect(withChatShorthandSpelledOut('segment and after make the tracking')).toBe('segment and then tracking');
    expect(withChatShorthandSpelledOut('please make the segmentation of nuclei')).toBe('please segmentation of nuclei');
    expect(withChatShorthandSpelledOut('do the tracking to the cells')).toBe('tracking to the cells');
  });
  it('leaves words that only look alike', () => {
    for (const t of ['the frame rate is 10 fps', 'a free range', 'after tracking, measure the speed', 'is it possible to segment?', 'make a movie of the tracks', 'run the experiment', 'do a max projection', 'please do the following: 1) track']) expect(withChatShorthandSpelledOut(t)).toBe(t);
  });
  it('plans what the full words ask', () => {
    expect(asSaid.toolsOf('track the nuclei, correct drift b4')).toEqual(['correct_drift', 'segment', 'track']);
    expect(asSaid.argsOf('seg fr 10-20 only', 'segment').frames).toEqual({ first: 10, last: 20 });
    expect(asSaid.toolsOf('segment and after make the tracking')).toEqual(['segment', 'track']);
    expect(asSaid.toolsOf('correct the drift and then do the tracking')).toEqual(['correct_drift', 'segment', 'track']);
    expect(asSaid.toolsOf('is possible to make correction of the drift and after make the tracking?').slice(0, 3)).toEqual(['correct_drift', 'segment', 'track']);
  });
});

describe('"before" closing a clause', () => {
  it('runs that clause first, as "beforehand" does', () => {
    expect(asSaid.toolsOf('track the nuclei, correct drift before')).toEqual(['correct_drift', 'segment', 'track']);
    expect(asSaid.toolsOf('segment the nuclei, subtract the background before.')).toEqual(['subtract_background', 'segment']);
  });
});

describe('the letter around a request', () => {
  it('an apology for asking is left out, its "if" no condition', () => {
    expect(withoutApologyAsides("I'm new to this so apologies if this is a silly question. Segment the cells")).toBe("I'm new to this. Segment the cells");
    expect(asSaid.said('Apologies if this is a silly question. Could you denoise the movie?')).not.toMatch(/silly|condition/);
    expect(withoutApologyAsides('sorry if this is a dumb question but could you track them?')).toBe('but could you track them?');
  });
  it('a sign-off with a title and a name is no errand', () => {
    const request = 'Would it be possible to segment the cells and export the masks as a TIFF? Best wishes, Prof. Ahmed';
    expect(withLetterFormsBlanked(request)).toHaveLength(request.length);
    expect(asSaid.toolsOf(request)).toEqual(['segment', 'export']);
    expect(asSaid.said(request)).not.toMatch(/Ahmed|wishes/);
  });
});

describe('context told in a letter', () => {
  it('what someone else of the lab did is a fact about the data', () => {
    for (const t of ['my student acquired this timelapse last week on the spinning disk', 'our postdoc imaged them overnight', 'My PhD student has already stained the cells']) expect(isContext(t), t).toBe(true);
    expect(asSaid.toolsOf('Dear cellpilot, my student acquired this timelapse last week on the spinning disk. Could you segment the nuclei?')).toEqual(['segment']);
  });
  it('what the result would be worth to the person asks nothing', () => {
    for (const t of ['That would be really helpful for my lab meeting tomorrow.', "it'd be a huge help", 'this would be super useful for our paper']) expect(isContext(t), t).toBe(true);
    for (const t of ['it would be great to segment the cells', 'that would be great if you could track them']) expect(isContext(t), t).toBe(false);
    expect(asSaid.toolsOf('Could you denoise the movie? That would be really helpful for my lab meeting tomorrow.')).toEqual(['denoise']);
  });
});

describe('a wish to know before a question', () => {
  it('is the plain ask "tell me"', () => {
    expect(withWishToKnowAsTellMe('I would like to know how many cells there are in each frame')).toBe('tell me how many cells there are in each frame');
    expect(withWishToKnowAsTellMe("we'd love to know which track is the longest")).toBe('tell me which track is the longest');
    expect(withWishToKnowAsTellMe('I want to know whether they divide')).toBe('tell me whether they divide');
    for (const t of ['I would like to segment the nuclei', 'I want to know more about denoising methods']) expect(withWishToKnowAsTellMe(t)).toBe(t);
  });
  it('plans the question, with no "know how" setting', () => {
    expect(asSaid.toolsOf('I would like to know how many cells there are in each frame of my movie.')).toEqual(['segment', 'measure']);
    expect(asSaid.said("I'd like to know how many tracks there are")).not.toMatch(/know how/);
  });
});

describe('sentences of context before a question', () => {
  it('leave the question as asked, with its scope', () => {
    expect(asSaid.toolsOf("I'm new to image analysis. I would like to know how many cells there are in each frame of my movie.")).toEqual(['segment', 'measure']);
    expect(asSaid.toolsOf('I have a movie of HeLa cells. how many cells are there in each frame?')).toEqual(['segment', 'measure']);
  });
  it('keep a sentence that tells a number', () => {
    expect(asSaid.toolsOf('We imaged every 5 min. What is the mean speed?')[0]).toBe('set_calibration');
  });
});
