// Analysis requests in real users' words (stop 52, helper C, issue 11): a step asked as whether it can be done on the
// user's data, a sentence stating how the data is beside a step, a step named by its noun after "before", and a clause
// that only points at what the steps read.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';
import { withPossibleAsksAsPlease } from '../../../src/agent/planner/possibleAsks.ts';
import { statesWhatTheDataIs } from '../../../src/agent/planner/dataStatements.ts';
import { pointsAtTheInput } from '../../../src/agent/planner/inputPointedAt.ts';
import { withoutRejected } from '../../../src/agent/planner/enums.ts';
import { leftToTheUser } from '../../../src/agent/planner/leftToTheUser.ts';
import { supplierOfLack } from '../../../src/agent/planner/toldLacks.ts';
import { catalogue } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a step asked as whether it can be done on the data', () => {
  it('is the request, hedged or not', () => {
    expect(withPossibleAsksAsPlease('is there a way to export the tracks as csv?')).toBe('please export the tracks as csv');
    expect(withPossibleAsksAsPlease('I am wondering is it possible to track the cells in this movie? they move a lot')).toBe('please track the cells in this movie. they move a lot');
    expect(withPossibleAsksAsPlease('I was wondering if I could get the speed of each cell')).toBe('please get the speed of each cell');
    expect(asSaid.toolsOf('is there a way to have the nuclei coordinates (x, y per frame) in a table?', movieAndLabels)).toEqual(['measure', 'export']);
    expect(asSaid.toolsOf('I am wondering is it possible to do cell tracking on this live image?')).toEqual(expect.arrayContaining(['segment', 'track']));
  });

  it('stays a question asked of nothing, or of being told', () => {
    expect(withPossibleAsksAsPlease('is it possible to segment in 3D?')).toBe('is it possible to segment in 3D?');
    expect(withPossibleAsksAsPlease('is there a way to know which threshold was used?')).toBe('is there a way to know which threshold was used?');
    expect(withPossibleAsksAsPlease('I was wondering if the number of nuclei drops at any point')).toBe('I was wondering if the number of nuclei drops at any point');
  });
});

describe('a sentence stating how the data is', () => {
  it('is no step beside one that asks for a step', () => {
    expect(statesWhatTheDataIs('the slices of this stack are not connected in time')).toBe(true);
    expect(asSaid.toolsOf('the slices of this stack are not connected in time. segment each slice')).toEqual(['segment']);
  });

  it('leaves a step said passively, and an ask', () => {
    expect(statesWhatTheDataIs('the nuclei are segmented with Otsu')).toBe(false);
    expect(statesWhatTheDataIs('the tracks are needed as csv please')).toBe(false);
  });
});

describe('a step named by its noun after "before"', () => {
  it('runs after the step said first', () => {
    expect(asSaid.toolsOf('run the drift correction before the tracking of the nuclei')).toEqual(['correct_drift', 'segment', 'track']);
  });
});

describe('a clause that points at what the steps read', () => {
  it('is no step of its own', () => {
    expect(pointsAtTheInput('use it as the input')).toBe(true);
    expect(pointsAtTheInput('use the masks as input for tracking')).toBe(false);
    expect(asSaid.toolsOf('I already have a label image, use it as the input and just track', movieAndLabels)).toEqual(['track']);
  });
});

describe('"instead" after a unit', () => {
  it('swaps the unit, it runs no step again', () => {
    expect(withoutRejected('the area of each nucleus in µm² instead')).not.toMatch(/instead/);
    expect(withoutRejected('use Li instead')).toMatch(/instead/);
    expect(asSaid.toolsOf('I need the area of each nucleus in um^2 instead', movieAndLabels)).toEqual(['measure']);
  });
});

describe('a value the user works out of a result', () => {
  it('is left to the user', () => {
    expect(leftToTheUser("I'll get the speed from the slope of the traces")).toBe(true);
    expect(leftToTheUser("I'll need the speed from the tracks")).toBe(false);
    expect(asSaid.toolsOf("make a kymograph along the line from (20,50) to (200,50), I'll get the speed from the slope of the traces")).toEqual(['kymograph']);
  });
});

describe('a stain the data is told to lack', () => {
  it('is made first by the tool that declares it supplies it', () => {
    expect(supplierOfLack('we have no nuclear stain', catalogue)).toBe('predict_label');
    expect(asSaid.toolsOf('no nuclear marker in this movie - segment the nuclei')).toEqual(['predict_label', 'segment']);
  });

  it('is not told by another thing lacked, nor read for cells found on the transmitted light', () => {
    expect(supplierOfLack('I have no label image yet', catalogue)).toBeUndefined();
    expect(asSaid.toolsOf('the cells are unlabelled, segment them (they look dark)')).toEqual(['segment']);
  });
});

describe('a thing said to be worth less than another', () => {
  it('is not asked for; a bound after "than" stays', () => {
    expect(withoutRejected('exact numbers will be much more helpful than graphs')).not.toMatch(/graphs/);
    expect(withoutRejected('keep tracks longer than 10 frames')).toMatch(/10 frames/);
    const withTracks = [...movieAndLabels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect(asSaid.toolsOf('how can I export the speed of each track into csv files? exact numbers will be much more helpful than graphs', withTracks)).not.toContain('plot');
  });
});
