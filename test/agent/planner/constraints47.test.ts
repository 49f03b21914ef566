// Every constraint applied or named (brief s47/C): exclusion scopes over frames read as the frames left, a bound the
// chosen step cannot take applied by the tool that can, and no "Not applied" line for words that were applied.
import { beforeAll, describe, expect, it } from 'vitest';
import { frameScopeSaid } from '../../../src/agent/planner/frameScope.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

const labels = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];

describe('frames left out', () => {
  it('reads the things left out between the verb and its frames as an exclusion, not the frames to run on', () => {
    expect(frameScopeSaid('disregard any cells during the last 4 time points', 40)?.range).toEqual({ first: 1, last: 36 });
    expect(frameScopeSaid('drop the debris in frames 1-6', 40)?.range).toEqual({ first: 7, last: 40 });
    // (after "but" the words are a step, and its frames are kept: "segment, but track in the first 5 frames")
    expect(frameScopeSaid('segment, but track in the first 5 frames', 40)?.range).toEqual({ first: 1, last: 5 });
  });

  it('reads "not counting" and its kin as leaving the frames out', () => {
    expect(frameScopeSaid('measure intensity, not including frames 1 to 3', 20)?.range).toEqual({ first: 4, last: 20 });
  });
});

describe('a bound the step cannot take, taken by the tool that selects its results', () => {
  it('adds the selection after the step that makes the things and names nothing as dropped', () => {
    const p = plan('link the nuclei over time, but discard whatever survives fewer than 7 frames', labels);
    expect(p.steps.map((s) => s.tool)).toEqual(['track', 'filter_tracks']);
    expect(p.steps[1].args).toMatchObject({ minFrames: 7 });
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('no line for words that were applied', () => {
  it('reads a bound word written in full as the one the tool declares short ("maximum intensity projection" is a max projection)', () => {
    const tracks = [...labels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
    const p = plan('draw the trajectories over a maximal projection', tracks);
    expect(p.steps.map((s) => s.tool)).toEqual(['plot']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
    // (the one the tool does not make is still named)
    expect(plan('draw the trajectories over a minimum intensity projection', tracks).notes?.join(' ')).toMatch(/Not applied: "minimum intensity projection"/);
  });
});

describe('a channel left out by its name', () => {
  it('never runs on the channel said to be left out, and names it once', () => {
    const p = plan('denoise all channels apart from mCherry');
    expect(p.steps[0].args.channel).not.toBe('mCherry');
    expect((p.notes ?? []).filter((n) => n.includes('"apart from mCherry"'))).toHaveLength(1);
  });

  it('says nothing when the channel to use is named beside the one left out', () => {
    expect((plan('find the nuclei on Hoechst, not on YFP').notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('frames left out with no step said', () => {
  it('asks which steps to run leaving them out, never on them', () => {
    const reply = plan('disregard the cells in the last 3 timepoints').reply ?? '';
    expect(reply).toMatch(/leaving out the last 3 timepoints/);
    expect(reply).not.toMatch(/run on the last 3/);
  });
});

describe('frames left out of a step said after them', () => {
  it('runs the step on the frames left ("omit the first 2 frames when you segment"), never turns the step down', () => {
    const p = plan('omit the first 2 frames when you segment', [{ id: 'movie-1', type: 'movie', frames: 12 }]);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(p.steps[0].args.frames).toEqual({ first: 3, last: 12 });
  });
});

describe('no selection that keeps everything', () => {
  it('drops a track selection with no rule whose words were the frames another step took', () => {
    const p = plan('disregard the first 4 frames while tracking the nuclei', [{ id: 'movie-1', type: 'movie', frames: 20 }]);
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(p.steps[0].args.frames).toEqual({ first: 5, last: 20 });
  });
});

describe('a rule said after the things a reading step reads', () => {
  const tracks = [...labels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
  it('selects them first ("save the trajectories lasting at least 12 frames as csv") and names nothing as dropped', () => {
    const p = plan('save the trajectories lasting at least 12 frames as csv', tracks);
    expect(p.steps.map((s) => s.tool)).toEqual(['filter_tracks', 'export']);
    expect(p.steps[0].args).toMatchObject({ minFrames: 12 });
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });

  it('selects nothing when the words after the things state no rule', () => {
    expect(plan('export the tracks of the nuclei as csv', tracks).steps.map((s) => s.tool)).toEqual(['export']);
  });
});

describe('bounds beside things left out', () => {
  it('keeps the verb of a frame scope left out for the bound joined to it ("skip the last 3 frames and anything under 40 px")', () => {
    expect(plan('find the nuclei. Skip the last 3 frames and anything under 40 px.', [{ id: 'movie-1', type: 'movie', frames: 10 }]).steps[0].args).toMatchObject({ minAreaPx: 40, frames: { first: 1, last: 7 } });
  });

  it('reads "above N px" as a size, never as an intensity threshold with no threshold left', () => {
    const args = plan('segment nuclei and throw out anything above 700 px').steps[0].args;
    expect(args).toMatchObject({ maxAreaPx: 700 });
    expect(args.method).not.toBe('manual');
  });
});

describe('a range written as a chain of comparisons', () => {
  it('gives the selector both bounds ("4 < length < 15 frames"), strict ends by one frame', () => {
    const tracks = [...labels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
    expect(plan('only tracks with 4 < length < 15 frames', tracks).steps.find((s) => s.tool === 'filter_tracks')?.args).toMatchObject({ minFrames: 5, maxFrames: 14 });
  });
});
