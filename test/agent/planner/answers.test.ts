// Answers from the values earlier steps reported quote their unit, in µm when the movie's pixel size is known.
import { describe, expect, it } from 'vitest';
import { answerFromValues, composeAnswer, notUnderstood, verbFor, withRelativeChange, withVerdict } from '../../../src/agent/planner/answers.ts';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';

const measured: PastResult = { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'Measured 10 objects.', values: { objects: 10, meanAreaPx: 100 }, artifacts: [] };
const conversation = (pixelSizeUm?: number): Conversation => ({
  request: '',
  artifactsAtStart: [{ id: 'movie-1', type: 'movie', ...(pixelSizeUm ? { pixelSizeUm } : {}) }],
  earlier: [measured],
  current: [],
  earlierRequests: [],
});

describe('answers from values', () => {
  it('converts pixels to µm with the pixel size the movie records, and says when none is known', () => {
    expect(answerFromValues('what is the mean area?', conversation(0.5), [measured])).toMatch(/^Mean area = 25 µm² \(100 px² at 0\.5 µm\/px\)/);
    expect(answerFromValues('what is the mean area?', conversation(), [measured])).toMatch(/100 px² \(no calibration known\)/);
  });
});

describe('a setting made for later steps', () => {
  const calibrated: PastResult = { tool: 'set_calibration', args: { pixelSizeUm: 0.65, frameIntervalS: 300 }, ok: true, summary: 'Calibration set.', values: { pixelSizeUm: 0.65, frameIntervalS: 300, lengthUnit: 'µm', timeUnit: 'min' }, artifacts: [] };
  const after = (...earlier: PastResult[]): Conversation => ({ ...conversation(), earlier });
  it('never answers a question about a measured quantity (area is no pixel size)', () => {
    for (const q of ['what is the mean area?', 'mean area in µm²', 'how big are the nuclei?', 'average nucleus size?']) expect(answerFromValues(q, after(calibrated), [calibrated]), q).toBeUndefined();
    expect(answerFromValues('what is the mean area?', after(calibrated, measured), [calibrated, measured])).toMatch(/^Mean area = /);
  });
  it('answers a question in its own words', () => {
    expect(answerFromValues('what pixel size did you set?', after(calibrated), [calibrated])).toMatch(/Pixel size \(µm\) = 0\.65 µm/);
    expect(answerFromValues('what is the frame interval?', after(calibrated), [calibrated])).toMatch(/300 s/);
  });
});

describe('a value of a step is chosen by its own words, not by the words of its tool', () => {
  const tracked: PastResult = { tool: 'track', args: {}, ok: true, summary: 'Tracked 655 objects into 20 tracks (1 division).', values: { tracks: 20, divisions: 1, divisionsProposed: 7 }, artifacts: [] };
  it('answers the divisions kept before those the tracker proposed ("tracker" in a description is no reason)', () => {
    const c: Conversation = { ...conversation(), earlier: [tracked] };
    expect(answerFromValues('how many tracks end in a division?', c, [tracked])).toMatch(/^Divisions = 1\b/);
    expect(answerFromValues('how many tracks?', c, [tracked])).toMatch(/^Tracks = 20\b/);
  });
});

describe('a significance question', () => {
  it('is answered by the test, not by the direction of the change', () => {
    const compared = (verdict: string) => `mean speed: 1.78 px/frame in the first half vs 1.92 px/frame in the second half (+7.8%): higher in the second half (from tracks-1; means; Welch's two-sided t-test of the values (n = 268 and 354): t = 1.25, p = 0.214, ${verdict} at the 5% level)`;
    expect(withVerdict('is that significant?', compared('not significant'))).toMatch(/^No: /);
    expect(withVerdict('is the increase significant?', compared('significant'))).toMatch(/^Yes: /);
  });
});

describe('values per frame and events at the scope asked', () => {
  const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found 4 objects per frame.', values: { objects: 16, objectsPerFrameMean: 4, objectsPerFrame: [3, 4, 4, 5] }, artifacts: [] };
  const divisions: PastResult = { tool: 'detect_divisions', args: {}, ok: true, summary: 'Found 2 divisions.', values: { divisions: 2, framesOneBased: [7, 3] }, artifacts: [] };
  const withSteps = (...earlier: PastResult[]): Conversation => ({ ...conversation(), earlier });
  it('answers a count in one frame, per frame, over frames a-b and at both ends from a value per frame', () => {
    const c = withSteps(segmented);
    expect(answerFromValues('how many cells are there per frame', c, [segmented])).toMatch(/^Objects per frame mean = 4; by frame: frame 1: 3, frame 2: 4, frame 3: 4, frame 4: 5; up from 3 to 5/);
    expect(answerFromValues('how many nuclei in frame 2?', c, [segmented])).toMatch(/in frame 2 = 4/);
    expect(answerFromValues('how many nuclei at the last time point?', c, [segmented])).toMatch(/in frame 4 = 5/);
    expect(answerFromValues('how many nuclei in frames 2-3?', c, [segmented])).toMatch(/in frames 2-3: mean 4/);
    expect(answerFromValues('are there more cells at the end than at the start?', c, [segmented])).toMatch(/3 in frame 1 vs 5 in frame 4 \(\+66\.7%\)/);
  });
  it('answers a count in the channel the step ran on from its values; another channel is left to the tables', () => {
    const inChannel2: PastResult = { ...segmented, args: { channel: 2 } };
    const c = withSteps(inChannel2);
    expect(answerFromValues('segment the nuclei in channel 2 and count them per frame', c, [inChannel2])).toMatch(/^Objects per frame mean = 4; by frame: frame 1: 3/);
    expect(answerFromValues('how many nuclei in channel 2 in frame 2?', c, [inChannel2])).toMatch(/in frame 2 = 4/);
    expect(answerFromValues('how many nuclei in channel 1 per frame?', c, [inChannel2])).toBeUndefined();
  });
  it('answers "when" with the frames of the events, never with their number', () => {
    expect(answerFromValues('when did the first division happen?', withSteps(divisions), [divisions])).toMatch(/frames of the divisions: 7, 3; the first at frame 3/i);
    const none: PastResult = { ...divisions, values: { divisions: 0, framesOneBased: [] } };
    expect(answerFromValues('when did the cells divide?', withSteps(none), [none])).toMatch(/^None/);
  });
});

describe('values that do not answer', () => {
  it('never answers a named quantity with another that only shares "mean"', () => {
    expect(answerFromValues('how far did the cells go on average?', conversation(0.5), [measured])).toBeUndefined();
    expect(answerFromValues('what is the average area?', conversation(0.5), [measured])).toMatch(/^Mean area = 25 µm²/);
  });
});

describe('values a step could not find', () => {
  it('says a declared value is unknown instead of answering with another', () => {
    const info: PastResult = { tool: 'movie_info', args: {}, ok: true, summary: '12 frames.', values: { frames: 12, channels: 1, pixelSizeUm: 0.4, frameIntervalS: null }, artifacts: [] };
    expect(answerFromValues('whats the frame interval?', { ...conversation(), earlier: [info] }, [info])).toMatch(/^Frame interval \(s\) unknown \(time between frames is not recorded/);
  });
});

describe('requests nothing can do', () => {
  it('names the method or program asked for that no tool offers', () => {
    expect(notUnderstood('use BM3D', new Map())).toMatch(/No tool of mine offers "BM3D", so I ran nothing\./);
    expect(notUnderstood('deconvolve it with Richardson-Lucy', new Map())).toContain('"Richardson-Lucy"');
    expect(notUnderstood('hello there', new Map())).not.toMatch(/No tool of mine/);
  });
});

describe('yes/no questions answered with the verdict first', () => {
  it('reads a change in the direction asked, either way round', () => {
    const ends = 'Objects per frame: 5 in frame 1 vs 7 in frame 6 (+40%) (from segment)';
    expect(withVerdict('are there more nuclei in the last frame than in the first?', ends)).toBe(`Yes: ${ends}`);
    expect(withVerdict('are there more cells at the start than at the end?', ends)).toBe(`No: ${ends}`);
    expect(withVerdict('is the number of nuclei going down?', ends)).toBe(`No: ${ends}`);
    expect(withVerdict('did the number of cells change?', 'Objects per frame: 5 in frame 1 vs 5 in frame 6 (+0%) (from segment)')).toMatch(/^No: /);
    expect(withVerdict('does the nuclear area decrease over time?', 'mean area per frame (µm²): frame 1: 91, frame 2: 93; up from 91 in frame 1 to 93 in frame 2 (from table-1)')).toMatch(/^No: /);
  });

  it('reads a condition some rows meet, or all', () => {
    const some = '2 of 4 tracks (50%) have TRACK_MEAN_SPEED > 0.5 µm/min (from table-1)';
    expect(withVerdict('are any cells faster than 0.5 µm/min?', some)).toBe(`Yes: ${some}`);
    expect(withVerdict('are all cells faster than 0.5 µm/min?', some)).toBe(`No: ${some}`);
    expect(withVerdict('are any cells faster than 5 µm/min?', '0 of 4 tracks (0%) have TRACK_MEAN_SPEED > 5 µm/min (from table-1)')).toMatch(/^No: /);
  });

  it('reads whether there is any at all, and leaves an answer it cannot judge as it is', () => {
    expect(withVerdict('are there any divisions?', 'Divisions = 1 (from track)')).toBe('Yes: Divisions = 1 (from track)');
    expect(withVerdict('do the cells divide?', 'Divisions = 0 (from track)')).toBe('No: Divisions = 0 (from track)');
    expect(withVerdict('is the mean area large?', 'Mean area = 25 µm² (from measure)')).toBe('Mean area = 25 µm² (from measure)');
    expect(withVerdict('are the cells dividing?', 'Divisions = 5 (from detect_divisions)')).toBe('Yes: Divisions = 5 (from detect_divisions)');
  });
});

describe('values of a step run on some frames only (brief s15/Q)', () => {
  // "how many nuclei in frame 3?" segments frame 3 alone: its one value per frame is frame 3's
  const segmentedFrame3: PastResult = { tool: 'segment', args: { frames: { first: 3, last: 3 } }, ok: true, summary: 'Found 5 objects.', values: { objects: 5, objectsPerFrameMean: 5, objectsPerFrame: [5] }, artifacts: [] };
  const c: Conversation = { ...conversation(), earlier: [segmentedFrame3] };
  it('numbers the values by the frames the step ran on', () => {
    expect(answerFromValues('how many nuclei in frame 3?', c, [segmentedFrame3])).toMatch(/in frame 3 = 5/);
    expect(answerFromValues('how many in the last frame?', c, [segmentedFrame3])).toMatch(/in frame 3 = 5/);
    expect(answerFromValues('how many nuclei in frame 1?', c, [segmentedFrame3])).toMatch(/^There is no frame 1 in what was measured: .* covers frame 3/);
  });
  it('reads the second half as the later part of a comparison', () => {
    expect(withVerdict('Do the cells move quicker in the first half of the film than in the second half?', 'mean speed: 1 µm/min in frames 1-4 vs 3 µm/min in frames 5-8 (+200%): higher later (from table-1)')).toMatch(/^No\b/);
  });
});

describe('the mean squared displacement', () => {
  const tracked: PastResult = { tool: 'track', args: {}, ok: true, summary: 'Tracked.', values: { tracks: 6, maxLinkingDistancePx: 10.9 }, artifacts: [] };
  const msd: PastResult = { tool: 'measure', args: { kind: 'msd' }, ok: true, summary: 'Ensemble MSD over 8 branches: exponent α 1.61, well above 1: the motion is directed (super-diffusive), not diffusive, so the fitted slope D = 0.01 µm²/s (MSD = 4Dτ + offset over the first 4 lags) is an effective rate over those lags, not a diffusion coefficient. Table saved as table-2.', values: { diffusionCoefficient: 0.01, diffusionUnit: 'µm²/s', alpha: 1.61 }, artifacts: [] };
  it('is answered by an MSD step only, with what its fit says about the motion', () => {
    expect(answerFromValues('what is the mean squared displacement?', conversation(), [tracked])).toBeUndefined();
    expect(answerFromValues("what's the MSD?", conversation(), [tracked, msd])).toBe('Ensemble MSD over 8 branches: exponent α 1.61, well above 1: the motion is directed (super-diffusive), not diffusive, so the fitted slope D = 0.01 µm²/s (MSD = 4Dτ + offset over the first 4 lags) is an effective rate over those lags, not a diffusion coefficient (from measure, kind msd)');
  });
});

describe('one verdict per answer (brief s24/W, item 3)', () => {
  it('keeps the verdict an answer already gives, never a second one', () => {
    const moved = 'Yes: 2 of 5 tracks moved (net displacement over 2 px; from track)';
    expect(withVerdict('do any of the cells migrate? how fast, in um per hour?', moved)).toBe(moved);
    expect(withVerdict('is any nucleus dividing?', 'No: 0 of 7 tracks divide')).toBe('No: 0 of 7 tracks divide');
    // (an answer with no verdict of its own still gets one)
    expect(withVerdict('does it move at all?', 'tracks = 3')).toBe('Yes: tracks = 3');
  });
});

describe('a step that doubted its own result', () => {
  const doubted: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Unsure which parts are the cells: ... Found 255 objects per frame.', values: { objects: 765, objectsPerFrameMean: 255, objectsPerFrame: [255, 255, 255], doubt: 'unsure which parts are the cells (bright ones segmented; say objects "dark" or "bright")' }, artifacts: [] };
  const sure: PastResult = { ...doubted, values: { objects: 12, objectsPerFrameMean: 4, objectsPerFrame: [4, 4, 4] } };
  const asked = (step: PastResult): Conversation => ({ ...conversation(), request: 'how many cells per frame?', earlier: [], current: [step] });
  it('says so in the answer beside the numbers drawn from it, not only on its card', () => {
    const said = composeAnswer({ steps: [{ tool: 'segment', args: {}, clause: 'segment' }], question: 'how many cells per frame?' }, asked(doubted));
    expect(said).toMatch(/255/);
    expect(said).toMatch(/^Check segment's result: unsure which parts are the cells/m);
    expect(composeAnswer({ steps: [{ tool: 'segment', args: {}, clause: 'segment' }], question: 'how many cells per frame?' }, asked(sure))).not.toMatch(/Check segment/);
  });
});

describe('the frames asked are where, not what', () => {
  it('never answers "how many divisions in frames 1-10?" with the objects per frame', () => {
    const segmented: PastResult = { tool: 'segment', args: {}, ok: true, summary: 'Found 10.2 objects per frame.', values: { objectsPerFrame: [10, 10, 11, 10, 10, 10, 10, 11, 10, 10], objectsPerFrameMean: 10.2 }, artifacts: [] };
    const divided: PastResult = { tool: 'detect_divisions', args: {}, ok: true, summary: 'Found no divisions.', values: { divisions: 0, framesOneBased: [] }, artifacts: [] };
    expect(answerFromValues('how many divisions happen in frames 1-10?', conversation(), [segmented, divided]) ?? '').not.toMatch(/objects per frame/i);
    // (the objects per frame still answer a count of the objects at those frames)
    expect(answerFromValues('how many cells are there in frames 1-5?', conversation(), [segmented])).toMatch(/frames 1-5: mean 10\b/);
  });
});

describe('the verb phrase a step is named by in "Done: ..."', () => {
  it('never ends on a preposition, conjunction or article cut from the rest of its summary', () => {
    const dangling = ALL_TOOLS.map((t) => [t.name, verbFor(t.name)]).filter(([, verb]) => /\s(?:a|an|the|to|of|on|in|at|against|between|across|onto|under|below|above|along|per|each|every|or|and)$/i.test(verb));
    expect(dangling).toEqual([]);
  });
  it('keeps the object of the verb ("score tracks or masks", not "... against")', () => {
    expect(verbFor('evaluate')).toBe('score tracks or masks');
  });
});

describe('a figure drawn for a question', () => {
  it('is named once when the answer is the drawing step\'s own summary', () => {
    const plotted: PastResult = { tool: 'plot', args: { kind: 'tracks' }, ok: true, summary: 'Plotted the paths of 20 tracks in px; PNG /x/plot-tracks.png.', values: {}, artifacts: [{ id: 'plot-1', type: 'plot' } as PastResult['artifacts'][number]] };
    const asked: Conversation = { ...conversation(), request: 'can you show me where the cells go?', earlier: [], current: [plotted] };
    const said = composeAnswer({ steps: [{ tool: 'plot', args: {}, clause: 'show me where the cells go' }], question: 'can you show me where the cells go?' }, asked);
    expect(said.split('Plotted the paths').length - 1).toBe(1);
  });
});

describe('a trend quotes its relative change (stop 55)', () => {
  it('says the fall or rise from the first to the last value in %', () => {
    expect(withRelativeChange('mean intensity per frame: frame 1: 909.3, frame 6: 610.8; down from 909.3 in frame 1 to 610.8 in frame 6 (from table-1)')).toBe('mean intensity per frame: frame 1: 909.3, frame 6: 610.8; down from 909.3 in frame 1 to 610.8 in frame 6, a fall of 32.8% (from table-1)');
    expect(withRelativeChange('objects per frame: ...; up from 10 in frame 1 to 15 in frame 4')).toMatch(/, a rise of 50%$/);
  });
  it('leaves an answer with a % of its own, or a series from zero, as it is', () => {
    for (const a of ['x; down from 10 in frame 1 to 5 in frame 2 (-50%)', 'x; up from 0 in frame 1 to 5 in frame 2', 'Mean area = 12 px²']) expect(withRelativeChange(a)).toBe(a);
  });
});

describe('a value per channel of one channel, a % asked (stop 55)', () => {
  const bleach: PastResult = { tool: 'correct_bleach', args: { writeMovie: false }, ok: true, summary: 'Bleaching found.', values: { bleaching: true, intensityLossPercent: [17.5], halfLifeFrames: [7.6] }, artifacts: [] };
  const drift: PastResult = { tool: 'correct_drift', args: {}, ok: true, summary: 'No common motion found.', values: { removedMotion: 'none', maxDriftPx: 1.2 }, artifacts: [] };
  const after = (earlier: PastResult[]): Conversation => ({ ...conversation(), earlier, earlierRequests: [] });
  it('reads the one number of a list per channel, and a value in % for a percentage asked', () => {
    expect(answerFromValues('give me the percentage drop', after([drift, bleach]), [drift, bleach])).toMatch(/^Intensity loss percent = 17\.5 ?%/);
  });
});

