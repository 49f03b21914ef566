// Questions of stop 51 (helper E): the order of the steps asked yes/no, ranks by ordinal, units asked again, out of scope.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromBoundTools } from '../../../src/agent/planner/catalogue.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { explainStep } from '../../../src/agent/planner/explanations.ts';
import { indexFor } from '../../../src/agent/planner/planner.ts';

const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) })));
const index = indexFor(catalogue);
const step = (tool: string): PastResult => ({ tool, args: {}, ok: true, summary: `${tool} done.`, values: {}, artifacts: [] });

describe('a step asked yes/no against another step ("did you X before Y?")', () => {
  it('answers from the order of the record, never Yes for a step that did not run', () => {
    const noDrift = [step('segment'), step('track')];
    expect(explainStep('did you correct for drift before tracking?', noDrift, index)).toMatch(/^No: correct_drift has not run/);
    const drifted = [step('correct_drift'), step('segment'), step('track')];
    expect(explainStep('did you correct for drift before tracking?', drifted, index)).toMatch(/^Yes: correct_drift ran before track/);
    const late = [step('segment'), step('track'), step('correct_drift')];
    expect(explainStep('have you denoised the movie before segmenting?', late, index)).toMatch(/^No: denoise has not run/);
    expect(explainStep('did you correct the drift before tracking?', late, index)).toMatch(/^No: correct_drift ran after track/);
  });
});

describe('a speed asked with a unit of time alone', () => {
  it('reads the time unit of "avg speed per hour?" (its length the movie\'s own), not of a count per hour', async () => {
    const { askedSpeedTimeUnit } = await import('../../../src/agent/planner/askedUnits.ts');
    expect(askedSpeedTimeUnit('avg speed per hour?')).toBe('h');
    expect(askedSpeedTimeUnit('how fast do they go, per minute?')).toBe('min');
    expect(askedSpeedTimeUnit('mean velocity per second')).toBe('s');
    expect(askedSpeedTimeUnit('how quickly do they divide, in hours?')).toBeUndefined();
    expect(askedSpeedTimeUnit('how many divisions per hour?')).toBeUndefined();
    expect(askedSpeedTimeUnit('µm/min')).toBe('min');
  });
});

describe('one place of a ranking asked by its ordinal ("the second biggest")', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rank-51e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'objects.csv');
  writeTableCsv(path, { columns: ['t', 'label', 'area_px'], rows: [{ t: 0, label: 1, area_px: 50 }, { t: 0, label: 2, area_px: 90 }, { t: 0, label: 3, area_px: 70 }, { t: 0, label: 4, area_px: 20 }] });
  const measured: Conversation = {
    request: '',
    artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 1 }, { id: 'table-1', type: 'table', producedBy: 'measure', path }],
    earlier: [{ tool: 'measure', args: { labels: 'labels-1' }, ok: true, summary: '', values: { objects: 4 }, artifacts: [{ id: 'table-1', type: 'table' }] }],
    current: [],
    earlierRequests: [],
  };

  it('reads the ordinal before an extreme, never an ordinal of a frame or a half', () => {
    expect(readQuestion('whats the second biggest nucleus')).toMatchObject({ rank: 2, top: 2, reduce: 'max' });
    expect(readQuestion('the 3rd smallest cell?')).toMatchObject({ rank: 3, reduce: 'min' });
    expect(readQuestion('mean area in the second frame?').rank).toBeUndefined();
    expect(readQuestion('biggest nucleus in the second half?').rank).toBeUndefined();
  });

  it('answers that row, with the ones above it, not the extreme', () => {
    const second = answerFromTable('whats the second biggest nucleus', measured)!;
    expect(second).toMatch(/^The 2nd largest .*object 3.*70 px²/);
    expect(second).toMatch(/above it: object 2.*90 px²/);
    expect(answerFromTable('which is the 2nd smallest nucleus?', measured)).toMatch(/^The 2nd smallest .*object 1.*50 px²/);
  });
});

describe('a follow-up naming another channel ("now the same for channel 2")', () => {
  it('asks the question before in that channel, never the channel as a quantity', async () => {
    const { completedFollowUp } = await import('../../../src/agent/planner/tableAnswers.ts');
    expect(completedFollowUp('now the same for channel 2', ['average intensity of the nuclei in channel 1'])).toBe('average intensity of the nuclei in channel 2?');
    expect(completedFollowUp('same for channel 2?', ['mean intensity in frame 3 in channel 1?'])).toBe('mean intensity in frame 3 in channel 2?');
    expect(completedFollowUp('same for the area', ['mean intensity in channel 1?'])).toMatch(/area/);
  });
});

describe('a filter a step chose, asked as a choice', () => {
  it('reads "what minimum size did you keep?" and "the min area cutoff" as about the record, not the data', async () => {
    const { asksWhy } = await import('../../../src/agent/planner/explanations.ts');
    for (const q of ['what minimum size did you keep?', 'what was the min area cutoff?', 'what size cut-off did you filter with?']) expect(asksWhy(q), q).toBe(true);
    for (const q of ['what is the mean size of the nuclei?', 'what was the mean area in frame 3?']) expect(asksWhy(q), q).toBe(false);
  });
});

describe('follow-ups by ellipsis', () => {
  it('reads a statistic "of that" as the statistic of the value just answered', async () => {
    const { completedFollowUp } = await import('../../../src/agent/planner/tableAnswers.ts');
    expect(completedFollowUp('whats the median of that', ['mean area?'])).toBe(completedFollowUp('and the median?', ['mean area?']));
    expect(completedFollowUp('the SD of those values?', ['mean speed?'])).toMatch(/SD.*speed/);
  });

  it('reads a number alone as another of the frame or track the question before named', async () => {
    const { completedFollowUp } = await import('../../../src/agent/planner/tableAnswers.ts');
    expect(completedFollowUp('and 20?', ['how many cells in frame 10'])).toBe('how many cells in frame 20?');
    expect(completedFollowUp('and in 20?', ['how many cells in frame 10'])).toBe('how many cells in frame 20?');
    expect(completedFollowUp('and 5?', ['mean speed of track 3?'])).toMatch(/track 5/);
    // (no frame or track named before: the number is no scope of it)
    expect(completedFollowUp('and 20?', ['mean area?'])).not.toMatch(/frame 20|track 20/);
  });
});

describe('PBS, the buffer, is no cluster', () => {
  it('reads a scheduler only with its own words', async () => {
    const { asksForACluster } = await import('../../../src/agent/snakemake.ts');
    expect(asksForACluster('how do I make PBS?')).toBe(false);
    expect(asksForACluster('the cells were washed in PBS, then segment them')).toBe(false);
    expect(asksForACluster('submit it as a PBS job')).toBe(true);
    expect(asksForACluster('run it on our cluster with PBS Pro')).toBe(true);
    expect(asksForACluster('export it for snakemake')).toBe(true);
  });
});

describe('a calibration told with this turn\'s question', () => {
  it('is applied to the answer, in the time unit asked ("in minutes pls, frames are 5 min apart")', async () => {
    const { answerFromValues } = await import('../../../src/agent/planner/answers.ts');
    const measured: PastResult = { tool: 'measure', args: { tracks: 'tracks-1', kind: 'tracks' }, ok: true, summary: 'Measured 37 tracks.', values: { tracks: 37, meanDuration: 24.5 }, artifacts: [] };
    const asked = (request: string, question: string) => answerFromValues(question, { request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [measured], current: [], earlierRequests: ['mean track duration?'] }, [measured])!;
    expect(asked('in minutes pls, frames are 5 min apart', 'mean track duration?')).toMatch(/122\.5 min \(24\.5 frames at 5 min per frame\)/);
    expect(asked('mean track duration? frames are 10 min apart', 'mean track duration?')).toMatch(/4\.083 h/);
    // (nothing told: the frames stay frames, said so)
    expect(asked('mean track duration?', 'mean track duration?')).toMatch(/24\.5 frames/);
  });
});

describe('work on a document or a language from elsewhere', () => {
  it('is outside what it does; translating an image stays a shift', async () => {
    const { isOutOfScope } = await import('../../../src/agent/planner/outOfScope.ts');
    for (const r of ['translate cell division into German pls', 'summarise this paper for me', 'can you proofread my thesis chapter on mitosis?']) expect(isOutOfScope(r, index, catalogue), r).toBe(true);
    for (const r of ['translate the frames by 5 px', 'review the tracks and drop the short ones']) expect(isOutOfScope(r, index, catalogue), r).toBe(false);
  });
});
