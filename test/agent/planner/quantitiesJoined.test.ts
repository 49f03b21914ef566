// Questions naming several quantities, follow-ups that name only a scope, and quantities asked at
// a scope they have no value at (tableAnswers.questionPartsOf, completedFollowUp, answers.composeAnswer):
// each quantity asked is answered or named as not answered, a follow-up whose data exists runs
// nothing, and a table's rows are called what they are. Words of this file are in no eval file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import { composeAnswer } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';
import { namesMeasuredQuantity } from '../../../src/agent/planner/measuredWords.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { completedFollowUp, questionPartsOf, rowsAre, unitOfColumn } from '../../../src/agent/planner/tableAnswers.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const dir = mkdtempSync(join(tmpdir(), 'quantities-joined-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// two frames of objects (perimeter, circularity), a table of whole tracks, and the steps between frames
const objectsPath = join(dir, 'objects.csv');
writeTableCsv(objectsPath, {
  columns: ['label', 'track_id', 't', 'area_px', 'perimeter_px', 'circularity'],
  rows: [
    { label: 1, track_id: 1, t: 0, area_px: 50, perimeter_px: 30, circularity: 0.7 },
    { label: 2, track_id: 2, t: 0, area_px: 90, perimeter_px: 40, circularity: 0.9 },
    { label: 1, track_id: 1, t: 1, area_px: 60, perimeter_px: 32, circularity: 0.75 },
    { label: 2, track_id: 2, t: 1, area_px: 100, perimeter_px: 42, circularity: 0.85 },
  ],
  units: { t: 'frame index from 0' },
});
const tracksPath = join(dir, 'tracks.csv');
writeTableCsv(tracksPath, {
  columns: ['TRACK_ID', 'NUMBER_SPOTS', 'TRACK_DURATION', 'TRACK_MEAN_SPEED', 'CONFINEMENT_RATIO'],
  rows: [
    { TRACK_ID: 1, NUMBER_SPOTS: 2, TRACK_DURATION: 1, TRACK_MEAN_SPEED: 3, CONFINEMENT_RATIO: 1 },
    { TRACK_ID: 2, NUMBER_SPOTS: 2, TRACK_DURATION: 1, TRACK_MEAN_SPEED: 5, CONFINEMENT_RATIO: 1 },
  ],
});
const stepsPath = join(dir, 'steps.csv');
const steps = {
  columns: ['track_id', 'branch_id', 'source_spot', 'target_spot', 'kind', 't', 'frames', 'displacement_px', 'speed_px_per_frame'],
  rows: [
    { track_id: 1, branch_id: 1, source_spot: 1, target_spot: 3, kind: 'link', t: 0, frames: 1, displacement_px: 2, speed_px_per_frame: 2 },
    { track_id: 2, branch_id: 2, source_spot: 2, target_spot: 4, kind: 'link', t: 0, frames: 1, displacement_px: 5, speed_px_per_frame: 5 },
    { track_id: 1, branch_id: 1, source_spot: 3, target_spot: 5, kind: 'link', t: 1, frames: 1, displacement_px: 4, speed_px_per_frame: 4 },
    { track_id: 2, branch_id: 2, source_spot: 4, target_spot: 6, kind: 'link', t: 1, frames: 1, displacement_px: 5, speed_px_per_frame: 5 },
  ],
};
writeTableCsv(stepsPath, steps);

const ran = (tool: string, args: Record<string, unknown>, id: string, type: string, values: Record<string, unknown> = {}): PastResult => ({ tool, args, ok: true, summary: 'Done.', values, artifacts: [{ id, type }] });
const movie = { id: 'movie-1', type: 'movie', frames: 3 };
const measuredObjects = ran('measure', { kind: 'objects' }, 'table-1', 'table', { objects: 4, meanAreaPx: 75 });
const measuredTracks = ran('measure', { kind: 'tracks' }, 'table-2', 'table', { tracks: 2, lengthUnit: 'px', timeUnit: 'frame' });
const measuredSteps = ran('measure', { kind: 'links' }, 'table-3', 'table', { links: 4, meanSpeed: 4, speedUnit: 'px/frame', lengthUnit: 'px' });
const session = (request: string, earlier: PastResult[], earlierRequests: string[] = []): Conversation => ({
  request,
  artifactsAtStart: [
    movie,
    ...(earlier.includes(measuredObjects) ? [{ id: 'table-1', type: 'table', producedBy: 'measure', path: objectsPath }] : []),
    ...(earlier.includes(measuredTracks) ? [{ id: 'table-2', type: 'table', producedBy: 'measure', path: tracksPath }] : []),
    ...(earlier.includes(measuredSteps) ? [{ id: 'table-3', type: 'table', producedBy: 'measure', path: stepsPath }] : []),
  ],
  earlier,
  current: [],
  earlierRequests,
});
/** The answer to a request in a session, and the steps it planned. */
const asked = (request: string, earlier: PastResult[], earlierRequests: string[] = []) => {
  const conversation = session(completedFollowUp(request, earlierRequests), earlier, earlierRequests);
  const plan = planRequest(conversation, catalogue);
  return { steps: plan.steps.map((s) => s.tool), answer: plan.steps.length ? '' : composeAnswer(plan, conversation) };
};

describe('several quantities joined in one question', () => {
  it('are asked apart, the statistic and the scope said once kept for each', () => {
    expect(questionPartsOf('give me the perimeter & circularity of the nuclei')).toEqual(['give me the perimeter of the nuclei', 'give me the circularity of the nuclei']);
    expect(questionPartsOf('what r their average perimeter plus circularity at timepoint 2')).toEqual(['what r their average perimeter at timepoint 2', 'what r their average circularity at timepoint 2']);
    // (a second part with its own statistic: the scope said at its end is of the first too)
    expect(questionPartsOf('what is the median perimeter and the max circularity at timepoint 2?')).toEqual(['what is the median perimeter at timepoint 2?', 'the max circularity at timepoint 2?']);
  });

  it('are only names of what the tools measure: a step after "and", or two kinds of things, stay one request', () => {
    for (const request of ['outline the nuclei, quantify their circularity and graph it', 'find the blobs 8 px apart and link them', 'how many nuclei and cells are there?', 'is frame 2 and 4 brighter?', 'align the stack for shifts in x, y and z', 'quantify perimeter and circularity']) expect(questionPartsOf(request), request).toBeUndefined();
    // (a request that asks after its steps: the quantities it asks are split, never those of its steps)
    expect(questionPartsOf('quantify perimeter and circularity, then report the median perimeter and circularity')).toEqual(['quantify perimeter and circularity, then report the median perimeter', 'quantify perimeter and circularity, then report the median circularity']);
    expect(namesMeasuredQuantity('circularity')).toBe(true);
    expect(namesMeasuredQuantity('graph')).toBe(false);
    // (methods named together are steps to run, no quantities: "a PCA and a UMAP")
    expect(questionPartsOf('give me a PCA and a UMAP of the features')).toBeUndefined();
  });

  it('are each answered, and one no result holds is named as not answered, never dropped', () => {
    const both = asked('whats the mean perimeter and circularity', [measuredObjects]);
    expect(both.steps).toEqual([]);
    expect(both.answer).toMatch(/perimeter = 36 px/);
    expect(both.answer).toMatch(/circularity = 0\.8\b/);
    // a volume is in no table of a 2-D session: the perimeter, and the volume named
    const oneMissing = composeAnswer({ steps: [], question: 'whats the mean perimeter and volume' }, session('whats the mean perimeter and volume', [measuredObjects]));
    expect(oneMissing).toMatch(/perimeter = 36 px/);
    expect(oneMissing).toMatch(/^Not answered: "whats the mean volume"/m);
  });

  it('are each answered after the steps that made them, asked with "tell me" ("..., track it and tell me its X and Y")', () => {
    const request = 'outline the nucleus, follow it and tell me its perimeter and speed';
    const afterSteps = { ...session(request, [measuredObjects, measuredTracks]), earlier: [], current: [measuredObjects, measuredTracks] };
    const answer = composeAnswer({ steps: [], question: request }, afterSteps);
    expect(answer).toMatch(/perimeter = 36 px/);
    expect(answer).toMatch(/mean speed = 4 px\/frame/i);
  });
});

describe('a follow-up that names only a scope', () => {
  const before = ['outline the nuclei, follow them and give me their mean perimeter and circularity'];
  it('is the question asked after the steps before, at that scope', () => {
    expect(completedFollowUp('same for timepoint 2', before)).toBe('give me their mean perimeter and circularity in timepoint 2?');
    expect(completedFollowUp('now the same for cell 2', before)).toBe('give me their mean perimeter and circularity for cell 2?');
    expect(completedFollowUp('and at timepoint 1?', before)).toBe('give me their mean perimeter and circularity at timepoint 1?');
  });

  it('is answered from the tables there, each quantity at that frame, running nothing', () => {
    const { steps, answer } = asked('same for timepoint 2', [measuredObjects], before);
    expect(steps).toEqual([]);
    expect(answer).toMatch(/perimeter in frame 2 = 37 px/);
    expect(answer).toMatch(/circularity in frame 2 = 0\.8\b/);
  });
});

describe('a quantity of whole tracks asked at frames', () => {
  it('says it has no value at the frames asked, with its value over the movie, running nothing', () => {
    for (const request of ['typical track duration at timepoint 2?', 'how does the confinement ratio evolve from frame to frame?']) {
      const { steps, answer } = asked(request, [measuredObjects, measuredTracks]);
      expect(steps, request).toEqual([]);
      expect(answer, request).toMatch(/is a value of whole tracks \(one per track in table-2\), so it has no value in (?:frame 2|each frame); over the whole movie: .*(?:duration|confinement ratio)\b.* 1\b.*over 2 tracks/);
    }
  });

  it('is a speed or a distance, which the steps between frames have: those are measured, not refused', () => {
    const { steps } = asked('average velocity at timepoint 2', [measuredObjects, measuredTracks]);
    expect(steps.at(-1)).toBe('measure');
  });

  it('is answered by a table with frames that holds it as well (the steps between frames)', () => {
    const { steps, answer } = asked('average velocity at timepoint 1', [measuredTracks, measuredSteps]);
    expect(steps).toEqual([]);
    expect(answer).toMatch(/speed in frame 1 = 3\.5 px\/frame/);
  });
});

describe('the rows of a table', () => {
  it('are called what they are: steps between frames, never objects', () => {
    expect(rowsAre(steps)).toBe('steps');
    expect(rowsAre({ columns: ['t', 'mother', 'daughter_1', 'daughter_2'], rows: [] })).toBe('divisions');
    expect(rowsAre({ columns: ['label', 't', 'area_px'], rows: [] })).toBe('objects');
    expect(rowsAre({ columns: ['TRACK_ID', 'TRACK_DURATION'], rows: [{ TRACK_ID: 1, TRACK_DURATION: 2 }] })).toBe('tracks');
    const { answer } = asked('mean velocity in um per min', [measuredSteps]);
    expect(answer).toMatch(/= 4 px\/frame.* over 4 steps/);
    expect(answer).not.toMatch(/\bobjects?\b/);
  });

  it('ranks tracks once each, by the mean of their rows, from a table of steps', () => {
    const { answer } = asked('rank the tracks by velocity', [measuredSteps]);
    expect(answer).toMatch(/mean of each track's steps\), largest first: track 2: 5 px\/frame[^,]*, track 1: 3 px\/frame[^,]*, of 2 tracks/);
  });
});

describe('a calibration set after the tables were measured in px', () => {
  const calibrated = ran('set_calibration', { pixelSizeUm: 0.5 }, 'none', 'none');
  it('shows their lengths and areas in µm at that pixel size, and says so; px when asked', () => {
    const conversation = session('typical perimeter of the nuclei?', [measuredObjects, { ...calibrated, artifacts: [] }]);
    const answer = composeAnswer(planRequest(conversation, catalogue), conversation);
    expect(answer).toMatch(/perimeter = 18 µm .*at 0\.5 µm\/px, the pixel size set for this session/);
    expect(answer).not.toMatch(/no calibration known/);
    const inPixels = session('typical perimeter of the nuclei in pixels?', [measuredObjects, { ...calibrated, artifacts: [] }]);
    expect(composeAnswer(planRequest(inPixels, catalogue), inPixels)).toMatch(/perimeter = 36 px\b/);
  });
});

describe('the unit of a volume column', () => {
  it('is µm³ for a calibrated z-stack and voxels otherwise, each quoted with the value', () => {
    expect(unitOfColumn('volume_um3')).toBe('µm³');
    expect(unitOfColumn('volume_voxels')).toBe('voxels');
    // (the microscope's tables: a light dose, an exposure time, a power)
    expect(unitOfColumn('dose_j_per_cm2')).toBe('J/cm²');
    expect(unitOfColumn('exposure_ms')).toBe('ms');
    expect(unitOfColumn('power_percent')).toBe('%');
  });
});
