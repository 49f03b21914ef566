// Questions answered at the scope asked, without forbidden steps (stop 53, helper Q, issue 11): the quality of the
// recording is a measured quantity's word, not a setting's; a value a step that ran declares is that step's, not the header's.
import { beforeAll, describe, expect, it } from 'vitest';
import { asksImageQuality } from '../../../src/agent/planner/imageQuality.ts';
import { isAskedForm } from '../../../src/agent/planner/tableAnswers.ts';
import { answerFromValues, composeAnswer } from '../../../src/agent/planner/answers.ts';
import { unmeasuredCountedDoing } from '../../../src/agent/planner/unmeasuredCounts.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { asSaid, catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('the quality of the recording', () => {
  it('is asked of any recording noun, before or after the word', () => {
    expect(asksImageQuality('how good is the quality of the footage?')).toBe(true);
    expect(asksImageQuality('is the data quality ok?')).toBe(true);
    expect(asksImageQuality('what quality are the time-lapse images, would you say? quality of my stacks?')).toBe(true);
  });

  it('is never a setting of a step ("quality threshold") nor a command', () => {
    expect(asksImageQuality('what image quality threshold did you use?')).toBe(false);
    expect(asksImageQuality('which quality threshold did the detector use?')).toBe(false);
    expect(asksImageQuality('improve the quality of the movie')).toBe(false);
  });

  it('runs nothing and never reads the header for it', () => {
    const p = asSaid.plan('what is the quality of this recording?', [{ id: 'movie-1', type: 'movie', frames: 30 }]);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/signal-to-noise/);
  });
});

describe('a value a step that ran declares', () => {
  const afterBestFocus = (request: string) =>
    planRequest({
      request: normalisedRequest(request, catalogue),
      artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 20, zSlices: 9 }],
      earlier: [{ tool: 'project', args: { method: 'best_focus' }, ok: true, summary: '', values: { bestSlicePerFrame: [3, 4] }, artifacts: [{ id: 'movie-2', type: 'movie' }] }],
      current: [],
      earlierRequests: ['best focus projection'],
    }, catalogue);

  it('is answered from that step, not the file header, in any word order', () => {
    expect(afterBestFocus('which z slice was the sharpest?').steps.map((s) => s.tool)).toEqual([]);
    expect(afterBestFocus('the plane in focus, which one was it?').steps.map((s) => s.tool)).toEqual([]);
  });

  it('leaves the header its own questions', () => {
    expect(afterBestFocus('how many z slices does the file have?').steps.map((s) => s.tool)).not.toContain('project');
  });
});

describe('a table laid out one column per track', () => {
  const held = [{ id: 'movie-1', type: 'movie' as const, frames: 40 }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];

  it('is an export, never a kymograph, and the wide layout is named as not applied', () => {
    const p = asSaid.plan('one column per track for GraphPad', held);
    expect(p.steps.map((s) => s.tool)).toEqual(['export']);
    expect((p.notes ?? []).join(' ')).toMatch(/Not applied: one column per track/);
    expect((asSaid.plan('export the displacements with the cells as separate columns', held).notes ?? []).join(' ')).toMatch(/tidy CSV/);
  });

  it('says nothing of a layout when none is asked', () => {
    expect((asSaid.plan('export the tracks as CSV', held).notes ?? []).join(' ')).not.toMatch(/one column per track/);
  });
});

describe('a quantity asked in a unit spelt out', () => {
  it('is a question in nanometres as in nm ("track displacement in nanometers" measures, never re-tracks)', () => {
    expect(isAskedForm('track displacement in nanometers')).toBe(true);
    expect(isAskedForm('mean displacement in nanometres')).toBe(true);
    const held = [{ id: 'movie-1', type: 'movie' as const, frames: 40, pixelSizeUm: 0.1 }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect(asSaid.plan('track displacement in nanometers', held).steps.map((s) => s.tool)).not.toContain('track');
  });
});

describe('a count asked per frame', () => {
  const conversation = (request: string) => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' as const, frames: 3 }], earlier: [], current: [], earlierRequests: ['segment the nuclei'] });
  const segmented = (values: Record<string, unknown>) => [{ tool: 'segment', args: {}, ok: true, summary: '', values, artifacts: [] }];

  it('is never the total over all frames when the step reported no count per frame', () => {
    expect(answerFromValues('how many nuclei are there in each frame?', conversation('how many nuclei are there in each frame?'), segmented({ objects: 42 }), catalogue)).toBeUndefined();
  });

  it('is the mean per frame, said as the mean, where only that was reported', () => {
    const said = answerFromValues('how many nuclei are there in each frame?', conversation('how many nuclei are there in each frame?'), segmented({ objects: 42, objectsPerFrameMean: 41.5 }), catalogue);
    expect(said).toMatch(/41\.5/);
    expect(said).toMatch(/mean/i);
    expect(said).not.toMatch(/= 42\b/);
  });

  it('is the count per frame where the step reported it', () => {
    expect(answerFromValues('how many nuclei are there in each frame?', conversation('how many nuclei are there in each frame?'), segmented({ objects: 42, objectsPerFrame: [14, 14, 14] }), catalogue)).toMatch(/frame/);
  });
});

describe('a share of the rows past a bound, their table unread', () => {
  it('says the share is not given, never only that the bound was not applied to a mean', () => {
    const measured = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: 'measure ran.', values: { meanDisplacementPx: 14.2 }, artifacts: [{ id: 'table-1', type: 'table' as const }] };
    const request = 'what percentage of tracks travel further than 5 px?';
    const said = composeAnswer({ steps: [{ tool: 'measure', args: {}, clause: request }], question: request }, { request, artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 3 }], earlier: [], current: [measured], earlierRequests: [] });
    expect(said).toMatch(/Not answered: the fraction \(%\)/);
  });
});

describe('how often the things do something no step measures', () => {
  it('is the unmeasured doing, as "how many cells <do>" is', () => {
    expect(unmeasuredCountedDoing('how many times does each cell touch its neighbours?')).toBe('touch its neighbours');
    expect(unmeasuredCountedDoing('how often do they bump into each other?')).toBe('bump into each other');
  });

  it('leaves the events a table counts to it', () => {
    expect(unmeasuredCountedDoing('how often do the cells divide?')).toBeUndefined();
  });
});

describe('nothing a reader planned is left unsaid', () => {
  it('names things counted inside other things on every path, a question of their mean count too', () => {
    expect((asSaid.plan('mean number of spots per cell?').notes ?? []).join(' ')).toMatch(/Not applied: "spots per cell"/);
    expect((asSaid.plan('how many puncta per cell on average?').notes ?? []).join(' ')).toMatch(/Not applied: "puncta per cell"/);
  });

  it('says the line an argument reader left, never keeps it in the arguments', () => {
    const p = asSaid.plan('how many puncta per cell on average?');
    expect(p.steps.every((s) => !('$note' in s.args))).toBe(true);
    expect((p.notes ?? []).join(' ')).toMatch(/not puncta/);
  });
});

describe('the quality of a result', () => {
  it('is no image-quality question ("the quality of the tracking data")', () => {
    expect(asksImageQuality('how good is the quality of the tracking data?')).toBe(false);
    expect(asksImageQuality('is the segmentation data quality ok?')).toBe(false);
  });
});
