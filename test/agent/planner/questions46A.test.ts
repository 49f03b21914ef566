// Stop 46, helper A: questions about results in people's own words (issue 11, point 5).
import { describe, expect, it } from 'vitest';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import { askedSpeedTimeUnit } from '../../../src/agent/planner/askedUnits.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';

describe('a speed in the time unit asked', () => {
  // a speed per frame, as a tracks table of an uncalibrated movie reports it
  const measured: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'Measured 20 tracks.', values: { tracks: 20, meanSpeed: 1.8 }, artifacts: [] };
  // the frame interval told in words: set_calibration was given it (its arguments), whatever values it reported
  const told: PastResult = { tool: 'set_calibration', args: { frameIntervalS: 60 }, ok: true, summary: 'Calibration set.', values: {}, artifacts: [] };
  const conversation = (request: string, ...earlier: PastResult[]): Conversation => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie', pixelSizeUm: 0.5 }], earlier, current: [], earlierRequests: [] });

  it('reads the unit of time a speed is asked in, however it is written', () => {
    expect(askedSpeedTimeUnit('mean speed in microns/hour please')).toBe('h');
    expect(askedSpeedTimeUnit('average velocity in um/s')).toBe('s');
    expect(askedSpeedTimeUnit("what's the speed in µm per min")).toBe('min');
    expect(askedSpeedTimeUnit('how many pixels an hour do they move')).toBe('h');
    expect(askedSpeedTimeUnit('what is the mean speed?')).toBeUndefined();
    expect(askedSpeedTimeUnit('speed in px per frame')).toBeUndefined();
  });

  it('converts a speed per frame with the frame interval told (set_calibration\'s arguments), into the unit asked', () => {
    expect(answerFromValues('mean speed in microns/hour please', conversation('mean speed in microns/hour please', told, measured), [told, measured])).toMatch(/^Mean speed = 54 µm\/h \(1\.8 px\/frame at 0\.5 µm\/px and 60 s per frame\)/);
    expect(answerFromValues('average velocity in um/s', conversation('average velocity in um/s', told, measured), [told, measured])).toMatch(/= 0\.015 µm\/s/);
    // no unit asked: the unit of time that reads best for the interval
    expect(answerFromValues('what is the mean speed?', conversation('what is the mean speed?', told, measured), [told, measured])).toMatch(/= 0\.9 µm\/min/);
    // no interval known: per frame, and said so
    expect(answerFromValues('what is the mean speed?', conversation('what is the mean speed?', measured), [measured])).toMatch(/0\.9 µm\/frame \(no frame interval known\)/);
  });

  it('gives a speed measured per minute in the hour asked for', () => {
    const calibrated: PastResult = { ...measured, values: { tracks: 20, meanSpeed: 0.9, speedUnit: 'µm/min' } };
    expect(answerFromValues('mean speed in microns per hour?', conversation('mean speed in microns per hour?', calibrated), [calibrated])).toMatch(/= 54 µm\/h \(0\.9 µm\/min\)/);
    expect(answerFromValues('mean speed?', conversation('mean speed?', calibrated), [calibrated])).toMatch(/= 0\.9 µm\/min/);
  });
});

describe('the frame interval told with the number left out', () => {
  it('reads "every minute" after the verb that says how the movie was recorded as one of the unit', async () => {
    const { statedCalibration } = await import('../../../src/agent/planner/quantities.ts');
    expect(statedCalibration('frames were taken every minute')).toEqual({ frameIntervalS: 60 });
    expect(statedCalibration('the movie was recorded each hour')).toEqual({ frameIntervalS: 3600 });
    expect(statedCalibration('images acquired every second')).toEqual({ frameIntervalS: 1 });
    // an ordinal, no time
    expect(statedCalibration('frames were recorded every second frame')).toEqual({});
  });
  it('sets the calibration', async () => {
    const offline = await import('./planOffline.ts');
    await offline.loadAcquisitionWords();
    expect(offline.asSaid.plan('frames were taken every minute').steps.map((s) => [s.tool, s.args.frameIntervalS])).toEqual([['set_calibration', 60]]);
  });
});

describe('a reminder asked', () => {
  it('is the question that follows, never the work done again', async () => {
    const { withoutRemindMe } = await import('../../../src/agent/planner/normalise.ts');
    expect(withoutRemindMe('remind me, how many nuclei were there?')).toBe('how many nuclei were there?');
    expect(withoutRemindMe('can you remind me what the mean area was?')).toBe('what the mean area was?');
    expect(withoutRemindMe('remind me of the mean speed')).toBe('what was the mean speed');
    expect(withoutRemindMe('ok, quick - remind me: how many tracks?')).toMatch(/^ok, quick - how many tracks\?$|^how many tracks\?$/);
    // a reminder to do something later is no question
    expect(withoutRemindMe('remind me to stop at 5 pm')).toBe('remind me to stop at 5 pm');
    const offline = await import('./planOffline.ts');
    await offline.loadAcquisitionWords();
    const labels = [offline.movie, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    expect(offline.asSaid.toolsOf('remind me, how many nuclei were there?', labels)).not.toContain('segment');
  });
});

describe('a question of how many with its "are there" left out', () => {
  it('is read with it, a question about the data, never a fault to correct', async () => {
    const { withElidedAreThere } = await import('../../../src/agent/planner/normalise.ts');
    expect(withElidedAreThere('fewer nuclei in the last frame than in the first?')).toBe('are there fewer nuclei in the last frame than in the first?');
    expect(withElidedAreThere('ok so more cells at the end?')).toBe('ok so are there more cells at the end?');
    // no question mark: a request, as said
    expect(withElidedAreThere('more contrast please')).toBe('more contrast please');
    const offline = await import('./planOffline.ts');
    await offline.loadAcquisitionWords();
    const labels = [offline.movie, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    expect(offline.asSaid.toolsOf('fewer nuclei in the last frame than in the first?', labels)).toEqual(['measure']);
  });
});

describe('distances between the objects of a frame, and how dense they lie', () => {
  it('are measured on the objects, never on tracks or the steps between frames', async () => {
    const offline = await import('./planOffline.ts');
    await offline.loadAcquisitionWords();
    const labels = [offline.movie, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    const kindOf = (request: string, artifacts = labels) => offline.asSaid.plan(request, artifacts).steps.map((s) => [s.tool, s.args.kind]);
    expect(kindOf('what is the nearest neighbour distance in the first frame')).toEqual([['measure', 'objects']]);
    expect(kindOf('how far apart are the nuclei in frame 3?')).toEqual([['measure', 'objects']]);
    expect(kindOf('average distance to the closest neighbour, last frame')).toEqual([['measure', 'objects']]);
    // linking by nearest neighbour is a way of tracking, no distance asked
    expect(offline.asSaid.toolsOf('link the nuclei by nearest neighbour', labels)).toEqual(['track']);
    expect(kindOf('mean distance to the nearest neighbor?', [offline.movie])).toEqual([['segment', undefined], ['measure', 'objects']]);
    expect(kindOf('how dense are the cells in the last frame')).toEqual([['measure', 'summary']]);
    // motion in a frame is still the steps between frames
    const tracks = [...labels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect(kindOf('how far did the cells move in frame 3?', tracks)).toEqual([['measure', 'links']]);
  });
});

describe('how a step that ran did its work', () => {
  it('is asked with any verb of it in the past, and explained, never run again', async () => {
    const { asksWhy } = await import('../../../src/agent/planner/explanations.ts');
    for (const q of ['how did you link the cells between frames?', 'how did you track the cells?', 'how were the nuclei segmented?', 'how exactly have you separated the touching nuclei?']) expect(asksWhy(q), q).toBe(true);
    // questions about the data, or how-to questions, are not
    for (const q of ['how did the cells move?', 'how did they move over time?', 'how were the nuclei distributed in the field?', 'how do I track cells?']) expect(asksWhy(q), q).toBe(false);
    const offline = await import('./planOffline.ts');
    await offline.loadAcquisitionWords();
    const tracks = [offline.movie, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect(offline.asSaid.toolsOf('how did you link the cells between frames?', tracks)).toEqual([]);
    expect(offline.asSaid.toolsOf('how did you track the cells?', tracks)).toEqual([]);
  });
});

describe('a count asked per frame', () => {
  it('is never answered by the count over the whole movie', () => {
    const measured: PastResult = { tool: 'measure', args: { kind: 'objects' }, ok: true, summary: 'Measured 1200 objects.', values: { objects: 1200, meanAreaPx: 150 }, artifacts: [] };
    const c = (request: string): Conversation => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [measured], current: [], earlierRequests: [] });
    expect(answerFromValues('nuclei count per frame', c('nuclei count per frame'), [measured]) ?? '').not.toMatch(/^Objects = 1200/);
    expect(answerFromValues('how many nuclei in each frame?', c('how many nuclei in each frame?'), [measured]) ?? '').not.toMatch(/^Objects = 1200/);
    // the whole movie's count, asked so
    expect(answerFromValues('how many objects were measured?', c('how many objects were measured?'), [measured])).toMatch(/^Objects = 1200/);
  });
});

describe('a measured quantity summarised or described', () => {
  it('asks what its values are (the answer gives the statistics), never a per-cell time-series analysis', async () => {
    const { withDescribingAsked } = await import('../../../src/agent/planner/normalise.ts');
    expect(withDescribingAsked('could you summarise the speeds - median and IQR')).toBe('what are the speeds - median and IQR');
    expect(withDescribingAsked('describe the nuclear areas')).toBe('what are the nuclear areas');
    // each cell's series summarised keeps its words
    expect(withDescribingAsked("summarise each cell's speed over time")).toBe("summarise each cell's speed over time");
    expect(withDescribingAsked('summarise the intensity traces')).toBe('summarise the intensity traces');
    const offline = await import('./planOffline.ts');
    await offline.loadAcquisitionWords();
    const tracks = [offline.movie, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect(offline.asSaid.toolsOf('could you summarise the speeds - median and IQR', tracks)).toEqual(['measure']);
    expect(offline.asSaid.toolsOf('describe the speeds: median and IQR', tracks)).toEqual(['measure']);
  });
});
