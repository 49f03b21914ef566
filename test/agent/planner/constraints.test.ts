// Constraints a request states that the step's tool does not apply are found and named.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromBoundTools } from '../../../src/agent/planner/catalogue.ts';
import { unappliedConstraints, unappliedNote, withWords } from '../../../src/agent/planner/constraints.ts';
import { indexFor } from '../../../src/agent/planner/planner.ts';

const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) })));
const index = indexFor(catalogue);

function unapplied(tool: string, clause: string, args: Record<string, unknown> = {}, notes: string[] = []) {
  return unappliedConstraints({ tool, clause, args }, catalogue, index, notes).map((u) => [u.kind, u.text]);
}

describe('constraints not applied', () => {
  it('names a method, algorithm or software the tool does not have', () => {
    // (BM3D, median and bilateral filters are stand-ins denoise declares: applied as its `insteadOf` says, and named there)
    expect(unapplied('denoise', 'denoise with CARE')).toEqual([['method', 'CARE']]);
    expect(unapplied('project', 'do a median projection')).toEqual([['method', 'median projection']]);
    expect(unapplied('segment', 'segment with a bilateral filter first')).toEqual([['method', 'bilateral filter']]);
    expect(unapplied('track', 'track the cells using the Hungarian algorithm')).toEqual([['method', 'Hungarian algorithm']]);
    expect(unapplied('track', 'link them with a Kalman filter')).toEqual([['method', 'Kalman filter']]);
  });

  it('names an output format the tool does not write', () => {
    expect(unapplied('export', 'export the tracks as an Imaris file', { format: 'csv' })).toEqual([['format', 'Imaris file']]);
    // (xlsx is export's stand-in case, said by the tool's own insteadOf line: 'I wrote CSV, which Excel opens'; peopleWords16)
    expect(unapplied('export', 'export the table as Parquet', { format: 'csv' })).toEqual([['format', 'Parquet']]);
    expect(unapplied('export', 'save the masks to HDF5', { format: 'tiff' })).toEqual([['format', 'HDF5']]);
  });

  it('names a scope the tool cannot restrict itself to', () => {
    expect(unapplied('segment', 'segment only the dividing cells')).toEqual([['scope', 'only the dividing cells']]);
    expect(unapplied('measure', 'measure the intensity per condition')).toEqual([['scope', 'per condition']]);
  });

  it('names a number with a unit that no argument took, and not one that was taken or converted', () => {
    expect(unapplied('segment', 'segment after a background subtraction of 50 px')).toContainEqual(['number', '50 px']);
    expect(unapplied('track', 'track with a max distance of 15 px', { maxLinkingDistancePx: 15 })).toEqual([]);
    expect(unapplied('segment', 'segment nuclei about 8 µm across', { objectRadiusPx: 8, target: 'nuclei' }, ['8 µm = 16 px at 0.5 µm/px'])).toEqual([]);
    expect(unapplied('project', 'sum projection of frames 3-8', { method: 'sum', frames: { first: 3, last: 8 } })).toEqual([]);
    expect(unapplied('segment', 'segment channel 2 of movie-2', { channel: 1 })).toEqual([]);
  });

  it('leaves alone what the tool applies, rejected values and words that only say how good', () => {
    expect(unapplied('segment', 'segment with Li instead of Otsu', { method: 'li' })).toEqual([]);
    expect(unapplied('segment', 'segment the nuclei with a good threshold', { target: 'nuclei' })).toEqual([]);
    expect(unapplied('project', 'make a maximum intensity projection')).toEqual([]);
    expect(unapplied('denoise', 'blur it with a gaussian, sigma 2 px', { method: 'gaussian', sigmaPx: 2 })).toEqual([]);
    expect(unapplied('segment', 'segment the nuclei but do not split touching ones with the watershed', { target: 'nuclei' })).toEqual([]);
    expect(unapplied('track', 'track the cells in the zebrafish embryo')).toEqual([]);
    expect(unapplied('export', 'export the tracks for TrackMate', { format: 'trackmate' })).toEqual([]);
  });

  it('says in one line what was not applied, what the tool offers and what ran', () => {
    const step = { tool: 'project', clause: 'do a median projection', args: { method: 'max' } };
    const note = unappliedNote(step, unappliedConstraints(step, catalogue, index), catalogue);
    expect(note).toBe('Not applied: "median projection" — `project` has no such option (it offers method: max, mean, min, sum, std, temporal_color, best_focus); I used max.');
    const scoped = { tool: 'segment', clause: 'segment only the dividing cells', args: {} };
    expect(unappliedNote(scoped, unappliedConstraints(scoped, catalogue, index), catalogue)).toMatch(/^Not applied: "only the dividing cells" — `segment` cannot restrict itself to that \(its options: .*method.*\); it ran on everything\.$/);
    expect(unappliedNote(scoped, [], catalogue)).toBeUndefined();
  });
});

describe('allowed values named but not used', () => {
  it('takes a word beside the choice the step was given as part of its phrase ("exponential fitting")', () => {
    const step = { tool: 'correct_bleach', clause: 'if so fix it with exponential fitting', args: { method: 'exponential' } };
    expect(withWords(step, [], ['fitting'], catalogue, index)).toEqual([]);
    // (a word beside no choice given is still named)
    const other = { tool: 'project', clause: 'do a median projection', args: { method: 'max' } };
    expect(withWords(other, [], ['median'], catalogue, index).map((i) => i.text)).toEqual(['median']);
  });

  it('names a value of an argument the step does not use, with the argument it belongs to', () => {
    const step = { tool: 'correct_drift', clause: 'correct the drift with the first frame as the reference', args: { reference: 'follow' } };
    const items = unappliedConstraints(step, catalogue, index);
    expect(items.map((i) => [i.text, i.arg])).toEqual([['first', 'reference']]);
    expect(unappliedNote(step, items, catalogue)).toMatch(/`correct_drift` has no such option \(it offers reference: follow, first, previous, mean\); I used follow\./);
    expect(unapplied('correct_drift', 'correct the drift with the first frame as the reference', { reference: 'first' })).toEqual([]);
  });
});

describe('more constraints named', () => {
  it('names a modifier of an allowed value, an acronym that is also a word, and a quantity listed beside one the tool measures', () => {
    expect(unapplied('correct_bleach', 'correct the bleaching with a double exponential', { method: 'exponential' })).toEqual([['method', 'double exponential']]);
    expect(unapplied('denoise', 'denoise it with CARE')).toEqual([['method', 'CARE']]);
    expect(unapplied('denoise', 'denoise it with care')).toEqual([]);
    expect(unapplied('measure', 'measure the perimeter and solidity of each nucleus')).toEqual([['method', 'solidity']]);
    expect(unapplied('measure', 'measure area, intensity and eccentricity')).toEqual([]);
  });

  it('leaves a phrase that names the argument a number went to', () => {
    expect(unapplied('track', 'track the cells with a search radius of 10 µm', { maxLinkingDistancePx: 10 })).toEqual([]);
    expect(unapplied('track', 'track the cells with a search radius of 10 µm', {})).toContainEqual(['number', '10 µm']);
  });
});

describe('ranges and values the tool chooses', () => {
  it('names a range of slices no argument took, not one that was', () => {
    expect(unapplied('project', 'make a max projection of slices 3 to 7', { method: 'max', axis: 'z' })).toEqual([['number', 'slices 3 to 7']]);
    expect(unapplied('project', 'make a sum projection of frames 3-8', { method: 'sum', frames: { first: 3, last: 8 } })).toEqual([]);
  });

  it('does not name a value of an argument the tool chooses itself', () => {
    // ("the nuclei" sets segment's target, whose default is auto: the planner's reading carries it)
    expect(unapplied('segment', 'segment the nuclei using watershed on the distance transform', { target: 'nuclei' })).toEqual([]);
  });
});

describe('what the call will carry', () => {
  it('names a number held by an argument the tool does not have, and reads no unit into a word', () => {
    expect(unapplied('correct_drift', 'correct the drift for the first 20 frames only', { reference: 'first', frames: { first: 1, last: 20 } })).toContainEqual(['number', '20 frames']);
    expect(unapplied('track', 'track all cells except the dividing ones')).toEqual([]);
    expect(unapplied('measure', 'measure the nuclei during mitosis only')).toEqual([['scope', 'during mitosis']]);
  });
});

describe('constraints of brief R', () => {
  it('names a method that opens the words ("median projection over time")', () => {
    expect(unapplied('project', 'median projection')).toEqual([['method', 'median projection']]);
  });

  it('names a stride through the frames no argument takes', () => {
    expect(unapplied('track', 'track the nuclei using only every other frame')).toEqual([['scope', 'only every other frame']]);
    expect(unapplied('segment', 'segment every 3rd frame')).toEqual([['scope', 'every 3rd frame']]);
  });

  it('reads "just" before a verb as a hedge, not a scope', () => {
    expect(unapplied('kymograph', 'could you just make a kymograph along the top row', { points: [[0, 0], [7, 0]] })).toEqual([]);
  });
});

describe('applied words are not named as dropped (brief R)', () => {
  it('says nothing of a frame range or a width the step carries', () => {
    expect(unapplied('denoise', 'denoise with N2V but only frames 1-30', { method: 'n2v', frames: { first: 1, last: 30 } })).toEqual([]);
  });
});

describe('a word of a result the step reports', () => {
  it('names nothing as not applied ("fit a diffusion coefficient": measure reports the diffusion coefficient)', async () => {
    const { said, loadAcquisitionWords } = await import('./planOffline.ts');
    await loadAcquisitionWords();
    expect(said('compute MSD for all tracks and fit a diffusion coefficient')).not.toMatch(/coefficient/);
  });
});
