// Stop 42, helper A: a count over the whole movie, where a thing is in the field, which model ran, one reading of "what
// did you do?", how reliable a value is, and a unit asked "in min".
import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '../../../src/analysis/table.ts';
import { countOverTheMovieText, countsOverTheMovie } from '../../../src/agent/planner/frameSummary.ts';
import { asksPosition, namedThingPosition, orientationAnswer, placeOf, tracksAsTable } from '../../../src/agent/planner/objectPosition.ts';
import { asksForTheSteps, explainStep } from '../../../src/agent/planner/explanations.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { completedFollowUp, questionPartsOf, readQuestion, uncertaintyOfMean } from '../../../src/agent/planner/tableAnswers.ts';
import { indexFor } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const labelled = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }] as never;
const tracked = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }] as never;
const tools = (request: string, artifacts?: never) => plan(request, artifacts).steps.map((s) => s.tool);

describe('a count over the whole movie', () => {
  it('is read from the span said, not from a figure or the things followed once', () => {
    for (const q of ['how many nuclei are there over the entire movie?', 'how many cells across the full time-lapse', 'number of nuclei in total over the whole recording', 'how many cells throughout the movie?', 'how many nuclei across the movie?']) expect(countsOverTheMovie(q), q).toBe(true);
    for (const q of ['how many nuclei are there?', 'how many distinct nuclei over the whole movie?', 'how many cells divide over the whole movie?', 'how many nuclei per frame over the whole movie?', 'how many tracks span the whole movie?', 'how many cells stay for the entire movie?']) expect(countsOverTheMovie(q), q).toBe(false);
  });
  it('plans no figure and no tracking', () => {
    for (const q of ['how many nuclei are there over the entire movie?', 'how many cells across the full time-lapse?', 'how many nuclei in total over the entire movie']) {
      expect(tools(q, labelled), q).not.toContain('plot');
      expect(tools(q, labelled), q).not.toContain('track');
    }
    // ("across" is a rarer word than "over": the step the question names is still followed)
    expect(tools('number of cell divisions across the full time-lapse pls', tracked)).toEqual(['detect_divisions']);
  });
  it('is said as a range and a mean per frame, the objects of all frames together, and the tracks', () => {
    const said = countOverTheMovieText('nuclei', [4, 3, 2, 4], 1, 'labels-1');
    expect(said).toMatch(/^Over the whole movie \(4 frames\): 2 to 4 nuclei per frame, 3\.25 on average \(frame 1: 4, frame 2: 3, frame 3: 2, frame 4: 4\); 13 in all frames together/);
    expect(said).toMatch(/not tracked/);
    expect(countOverTheMovieText('cells', [5, 5], 1, 'table-1', { n: 6, source: 'tracks-1' })).toMatch(/5 cells per frame, the same in every frame.*6 tracks follow each one over time \(from tracks-1\)/);
  });
});

const objects: Table = {
  columns: ['label', 'track_id', 't', 'area_px', 'centroid_x_px', 'centroid_y_px'],
  rows: [
    { label: 1, track_id: 1, t: 0, area_px: 50, centroid_x_px: 10, centroid_y_px: 10 },
    { label: 1, track_id: 1, t: 1, area_px: 52, centroid_x_px: 12, centroid_y_px: 11 },
    { label: 2, track_id: 2, t: 0, area_px: 200, centroid_x_px: 90, centroid_y_px: 50 },
  ],
} as unknown as Table;

describe('where a thing is in the field', () => {
  it('is a question of the image, not of the files', () => {
    for (const q of ['where are the biggest nuclei?', "where's the smallest cell located?", 'where is track 3?', 'so where is it?', 'in which part of the image is the brightest cell?']) expect(asksPosition(q), q).toBe(true);
    for (const q of ['what is the biggest nucleus?', 'how many cells are there?']) expect(asksPosition(q), q).toBe(false);
  });
  it('is the centroid and the part of the field (the movie\'s size, else the objects\' spread)', () => {
    expect(placeOf([objects.rows[2]], objects, { width: 100, height: 100 })).toBe(' at x = 90, y = 50 px, in the right part of the field (100 x 100 px, x from the left, y from the top)');
    expect(placeOf([objects.rows[0], objects.rows[1]], objects)).toMatch(/at x = 11, y = 10\.5 px, its mean position over 2 frames, from \(10, 10\) to \(12, 11\) px, in the top left part of where the objects lie \(the field's size is not known here/);
  });
  it('answers a named track or object from the table, and the pronoun of a picked thing as a part of its own', () => {
    expect(namedThingPosition('where is track 1?', [{ id: 'table-1', table: objects }], { width: 100, height: 100 })).toMatch(/^Track 1 \(frames 1-2\) is at x = 11, y = 10\.5 px.*top left part of the field.*\(from table-1\)$/);
    expect(namedThingPosition('where is object 2 in frame 1?', [{ id: 'table-1', table: objects }])).toMatch(/^Object 2 in frame 1 is at x = 90, y = 50 px/);
    expect(questionPartsOf('which is the slowest cell and where is it?')).toEqual(['which is the slowest cell', 'where is it?']);
    // (no table measured: the tracks' own spots)
    const spots = tracksAsTable({ spots: [{ id: 1, t: 0, x: 4, y: 6, branchId: 1 }, { id: 2, t: 1, x: 6, y: 6, branchId: 1 }], branches: [{ id: 1, start: 0, end: 1, parent: 0, spotIds: [1, 2] }], frames: 2, pixelSizeUm: 0.5 });
    expect(namedThingPosition('where is track 1?', [{ id: 'tracks-1', table: spots }], { width: 10, height: 10 })).toMatch(/^Track 1 \(frames 1-2\) is at x = 2\.5, y = 3 µm \(5, 6 px\).*in the centre of the field/);
    expect(tools('where is the brightest nucleus?', labelled)).toEqual(['measure']);
  });
});

describe('the orientation of the objects', () => {
  it('is an axial mean of the long axes, with how aligned they are, never a plain mean', () => {
    const near90 = { columns: ['label', 'orientation_rad'], rows: [{ label: 1, orientation_rad: (89 * Math.PI) / 180 }, { label: 2, orientation_rad: (-89 * Math.PI) / 180 }] } as unknown as Table;
    expect(orientationAnswer('what is the mean orientation of the nuclei?', [{ id: 'table-1', table: near90 }])).toMatch(/^Mean orientation of the long axis: (?:-)?90° from the vertical.*alignment 1 .*strong common direction/);
    expect(orientationAnswer('are the cells migrating in one direction?', [{ id: 'table-1', table: near90 }])).toBeUndefined();
  });
});

describe('which model ran, and what was asked for', () => {
  const index = indexFor(catalogue);
  const ran: PastResult[] = [{ tool: 'segment', args: { movie: 'movie-1', method: 'model' }, ok: true, summary: 'Found 6 objects per frame by the nuclei-unet model.', values: { method: 'model', model: 'nuclei-unet', modelFolder: '/models/nuclei-unet', modelSha256: 'ab12cd' }, artifacts: [] }];
  it('names the model by its record and the method it stood in for', () => {
    const said = explainStep('which model was that?', ran, index, undefined, ['segment the nuclei with cellpose'])!;
    expect(said).toMatch(/^segment ran the model nuclei-unet \(folder \/models\/nuclei-unet, sha256 ab12cd\)\. You asked for cellpose: Cellpose is not installed here/);
  });
  it('says what was asked for where the record names no model (a plan not run)', () => {
    const planned: PastResult[] = [{ ...ran[0], values: {} }];
    expect(explainStep('what model did you use?', planned, index, undefined, ['segment the nuclei with stardist'])).toMatch(/^segment ran with method "model"; its record here names no model folder or sha256\. You asked for stardist: StarDist is not installed here/);
    const threshold: PastResult[] = [{ ...ran[0], args: { movie: 'movie-1' }, values: { method: 'otsu' } }];
    expect(explainStep('which model was that?', threshold, index)).toMatch(/^segment ran no model: method "otsu"\./);
  });
});

describe('one reading of a question about the steps', () => {
  it('is the same words in the planner and the answer', () => {
    for (const q of ['what did you do?', 'what have we done', 'give me a summary', 'can I get a quick recap?', 'summarise what you did', 'what happened?', 'what steps did you run?']) expect(asksForTheSteps(q), q).toBe(true);
    for (const q of ['summarise the mean fluorescence of the nuclei across the timecourse', 'how many cells are there?', 'give me a summary table of area per frame']) expect(asksForTheSteps(q), q).toBe(false);
  });
});

describe('how reliable a value is', () => {
  it('asks the question before again, with its uncertainty', () => {
    expect(completedFollowUp('how reliable is that?', ['what is the mean speed?'])).toBe('what is the mean speed (with its uncertainty)?');
    expect(completedFollowUp('how confident are you in that number?', ['mean area of the nuclei?'])).toBe('mean area of the nuclei (with its uncertainty)?');
    expect(readQuestion('what is the mean speed (with its uncertainty)?').uncertainty).toBe(true);
    expect([...readQuestion('what is the mean speed (with its uncertainty)?').quantity]).not.toContain('uncertainty');
    // (after a question about divisions, how sure the tracks are of each; after no question, as asked)
    expect(completedFollowUp('how reliable is that?', ['segment the nuclei'])).toBe('how reliable is that?');
  });
  it('is the standard error and the 95% interval of Student\'s t', () => {
    // (mean 2, SD 1, n 3: SE 0.5774, t(2) 4.303, half-width 2.484; as scipy.stats.t.interval(0.95, 2, 2, 0.5774))
    expect(uncertaintyOfMean([1, 2, 3], (v) => String(v))).toMatch(/^standard error 0\.5774, 95% confidence interval -0\.4841 to 4\.484 \(Student's t, 2 degrees of freedom\)/);
  });
});

describe('a unit asked "in min"', () => {
  it('is a unit, never the minimum', () => {
    expect(readQuestion('how long is each track in min').reduce).not.toBe('min');
    expect(readQuestion('what is the min area?').reduce).toBe('min');
  });
});
