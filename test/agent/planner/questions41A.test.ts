// Stop 41, helper A: a verb said of the things a question asks about, a calibration told beside a question, parts of the
// movie compared, tracks asked about by when they start or end.
import { beforeAll, describe, expect, it } from 'vitest';
import { toldCalibrationWords, withoutToldCalibration } from '../../../src/agent/planner/askedUnits.ts';
import { trackEndsAnswer, trackEndsAsked } from '../../../src/agent/planner/trackSpans.ts';
import { completedFollowUp, readQuestion, significanceAskedAlone, welchTest } from '../../../src/agent/planner/tableAnswers.ts';
import { asksCountPerRegion } from '../../../src/agent/planner/regionCounts.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tracked = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }] as never;
const labelled = [{ id: 'movie-1', type: 'movie', frames: 8 }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }] as never;
const tools = (request: string, artifacts?: never) => plan(request, artifacts).steps.map((s) => s.tool);

describe('a microscope verb said of the things a question asks about', () => {
  it('gives way to the tool the clause names next: no tracking again, nothing stopped', () => {
    for (const q of ['how many tracks end in a division?', 'how many tracks finish in a division?']) expect(tools(q, tracked)).toEqual(['detect_divisions']);
  });
  it('nor does a time span of the question ("during the experiment") name a microscope step', () => {
    for (const q of ['how many cells divide during the experiment?', 'how many mitoses over the whole experiment?']) {
      const steps = tools(q);
      expect(steps, q).toContain('detect_divisions');
      expect(steps.some((t) => /acquisition|microscope|kymograph/.test(t)), q).toBe(false);
    }
  });
  it('never to a step whose results the session holds', () => {
    expect(tools('when does track 2 start?', tracked)).not.toContain('track');
  });
});

describe('a calibration told beside a request', () => {
  it('is left out of what the question readers read, and set first', () => {
    expect(withoutToldCalibration('pixel size is 0.65 um - how far did the stage drift?')).toBe('how far did the stage drift?');
    expect(withoutToldCalibration('frames are 5 min apart; how much did the sample drift, in microns?')).toBe('how much did the sample drift, in microns?');
    expect(toldCalibrationWords('quantify the drift in um, pixel size 0.5 um')).toBe('pixel size 0.5 um');
    expect(toldCalibrationWords('the pixel size is 0.5 um and frames are 2 min apart, what is the speed?')).toBe('the pixel size is 0.5 um, frames are 2 min apart');
    for (const request of ['quantify the drift in um, pixel size 0.5 um', 'pixel size is 0.65 um - how far did the stage drift?', 'quantify stage drift (pixel size 0.65 um) in microns']) {
      const steps = plan(request).steps;
      expect(steps.map((s) => s.tool), request).toEqual(['set_calibration', 'correct_drift']);
      expect(steps[1].args.writeMovie, request).toBe(false);
    }
  });
});

describe('parts of the movie a question compares', () => {
  it('are the answer\'s scope, not the frames the measuring step runs on', () => {
    for (const q of ['is the mean area bigger in the second half of the movie than in the first half?', 'is the mean area larger in the first half of the movie or the second?']) {
      const steps = plan(q, labelled).steps;
      expect(steps.map((s) => s.tool)).toEqual(['measure']);
      expect(steps[0].args.frames, q).toBeUndefined();
    }
    // (two stretches of frames compared: the answer takes each from the whole movie's table)
    for (const q of ['compare the mean area in frames 1-2 with frames 7-8', 'is the mean area bigger in the first 3 frames than in the last 3?']) expect(plan(q, labelled).steps[0].args.frames, q).toBeUndefined();
    expect(readQuestion('what is the mean speed in the first 3 frames vs the last 3?').compareRanges).toEqual([{ first: 3 }, { last: 3 }]);
    expect(readQuestion('compare the mean area in frames 1-2 with frames 7-8').compareRanges).toEqual([{ from: 1, to: 2 }, { from: 7, to: 8 }]);
    expect(readQuestion('mean area in frames 2-5?').compareRanges).toBeUndefined();
    // (one range asked still runs on those frames)
    expect(plan('how many nuclei in frames 2-5?', labelled).steps[0].args.frames).toEqual({ first: 2, last: 5 });
  });
});

describe('tracks asked about by when they start or end', () => {
  it('are read as counts by a frame or as the earliest and latest', () => {
    expect(trackEndsAsked('how many tracks start after frame 1?')).toEqual({ event: 'start', kind: 'count', frame: 1 });
    expect(trackEndsAsked('how many tracks stop before the last frame?')).toEqual({ event: 'stop', kind: 'count' });
    expect(trackEndsAsked('what fraction of cells appear later in the movie?')).toEqual({ event: 'start', kind: 'count' });
    expect(trackEndsAsked('which track ends first?')).toEqual({ event: 'stop', kind: 'which', order: 'first' });
    expect(trackEndsAsked('which cell appears last?')).toEqual({ event: 'start', kind: 'which', order: 'last' });
    // (a division, the field's border, a track by its number, or things found in a frame are other questions)
    for (const q of ['how many tracks end in a division?', 'how many cells leave the field of view?', 'when does track 2 start?', 'how many cells appear in frame 3?', 'how many tracks end?']) expect(trackEndsAsked(q), q).toBeUndefined();
  });
  it('are answered from the tracks\' first and last frames', () => {
    const table = { columns: ['TRACK_ID', 'TRACK_START', 'TRACK_STOP'], rows: [{ TRACK_ID: 1, TRACK_START: 0, TRACK_STOP: 7 }, { TRACK_ID: 2, TRACK_START: 2, TRACK_STOP: 7 }, { TRACK_ID: 3, TRACK_START: 0, TRACK_STOP: 4 }] };
    const tables = [{ table, id: 'table-1' }];
    expect(trackEndsAnswer({ event: 'start', kind: 'count' }, false, tables)).toMatch(/^1 of 3 tracks start after frame 1, the first \(in frame 3\)/);
    expect(trackEndsAnswer({ event: 'stop', kind: 'count' }, true, tables)).toMatch(/^1 of 3 tracks end before frame 8.*\(in frame 5\) \(33\.3%\)/);
    expect(trackEndsAnswer({ event: 'stop', kind: 'which', order: 'first' }, false, tables)).toMatch(/^Track 3 ends first, in frame 5; the latest ends in frame 8/);
    expect(trackEndsAnswer({ event: 'start', kind: 'count', frame: 2 }, false, tables)).toMatch(/^1 of 3 tracks start after frame 2 \(in frame 3\)/);
  });
  it('plan the table of whole tracks, and no range of frames from the frame they are counted by', () => {
    for (const q of ['which track ends first?', 'how many tracks start after frame 1?']) {
      const steps = plan(q, tracked).steps;
      expect(steps.map((s) => s.tool), q).toEqual(['measure']);
      expect(steps[0].args.kind, q).toBe('tracks');
      expect(steps[0].args.frames, q).toBeUndefined();
    }
  });
});

describe('follow-ups on the answer before', () => {
  it('"what about the last frame?" asks the count before in that frame, of the things it named', () => {
    expect(completedFollowUp('what about the last frame?', ['how many nuclei in frame 2?', 'and in frame 6?'])).toBe('how many nuclei in the last frame?');
    expect(completedFollowUp('how about the first frame?', ['how many nuclei in frame 2?'])).toBe('how many nuclei in the first frame?');
  });
  it('"is that significant?" is the comparison before, tested; a comparison of single values or none is said so', () => {
    expect(completedFollowUp('is that significant?', ['do the cells move faster at the end than at the start?'])).toBe('do the cells move faster at the end than at the start (tested for significance)?');
    expect(completedFollowUp('p value?', ['are there more nuclei in the second half than in the first half?'])).toMatch(/\(tested for significance\)\?$/);
    expect(significanceAskedAlone('is that significant?', ['do the cells move faster at the end than at the start?'])).toBeUndefined();
    expect(significanceAskedAlone('is that significant?', ['how many nuclei in the first frame vs the last?'])).toMatch(/one value on each side/);
    expect(significanceAskedAlone('is that significant?', ['segment the nuclei'])).toMatch(/no comparison just before/);
  });
  it('"how sure are you?" after a question about divisions is when each happened, with its confidence', () => {
    expect(completedFollowUp('how sure are you?', ['how many divisions are there?'])).toBe('when do the divisions happen, and how sure are you?');
    expect(completedFollowUp('are you sure about that?', ['when do the cells divide?'])).toBe('when do the cells divide, and how sure are you?');
    // (stop 42: after a value from a table, how sure it is is that question again with its uncertainty, questions42A.test.ts)
    expect(completedFollowUp('how sure are you?', ['what is the mean speed?'])).toBe('what is the mean speed (with its uncertainty)?');
  });
  it('Welch\'s t-test gives the two-sided p of the difference of means', () => {
    // (scipy.stats.ttest_ind([1,2,3,4], [3,4,5,6], equal_var=False): t = -2.191 (first minus second; ours is the second minus the first), p = 0.0710)
    const test = welchTest([1, 2, 3, 4], [3, 4, 5, 6])!;
    expect(test.t).toBeCloseTo(2.191, 3);
    expect(test.p).toBeCloseTo(0.071, 3);
    expect(welchTest([1], [2, 3])).toBeUndefined();
    expect(welchTest([1, 1], [1, 1])).toBeUndefined();
  });
});

describe('things seen in a frame', () => {
  it('are the things there: no segmentation again, no figure', () => {
    for (const q of ['how many cells appear in frame 3?', 'how many cells show up in frame 3?', 'how many nuclei can you see in the last frame?']) {
      expect(tools(q, labelled), q).toEqual(['measure']);
    }
  });
});

describe('the mean count per frame with labels made', () => {
  it('is counted from the objects of those labels, never a segmentation run again', () => {
    for (const q of ['how many nuclei per frame on average?', 'average number of nuclei per frame?']) expect(tools(q, labelled), q).toEqual(['measure']);
    // (with none, the segmentation's own count answers, as before)
    expect(tools('how many nuclei per frame on average?')).toEqual(['segment']);
  });
});

describe('"top speed", "peak intensity"', () => {
  it('ask the largest value', () => {
    expect(readQuestion('top speed in um/h?').reduce).toBe('max');
    expect(readQuestion("what's the peak speed?").reduce).toBe('max');
    expect(readQuestion('how many cells in the top half?').reduce).not.toBe('max');
  });
});

describe('a count in one part of the field', () => {
  it('is a count per part, answered from the objects\' centroids: nothing cropped', () => {
    for (const q of ['how many cells in the top half?', 'how many nuclei in the bottom left corner?', 'number of cells in the right half of the image?']) {
      expect(asksCountPerRegion(q), q).toBe(true);
      expect(tools(q, labelled), q).not.toContain('crop');
    }
    // (a step asked on a part still cuts it out)
    expect(asksCountPerRegion('segment only the top left quarter')).toBe(false);
  });
});
