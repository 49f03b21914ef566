// Frames said for a step (brief s26/C, class 1): every tool's own verb phrase with a part of the movie said in words of
// our own (none from an eval file), with the movie's length known and unknown. The frames land in the step, or in the
// step before it in its chain that takes frames (tracking runs on the masks made on those frames), or the answer names
// the words in one line. A silent drop or a wrong range fails. Counts per family are printed.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { frameScopeSaid } from '../../../src/agent/planner/frameScope.ts';
import { verbFor } from '../../../src/agent/planner/answers.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

const LENGTH = 40;
/** A part of the movie in words, with the frames it means in a movie of 40 frames. */
const SCOPES: [string, { first: number; last: number }][] = [
  ['only the last 6 frames', { first: 35, last: 40 }],
  ['from frame 3 on', { first: 3, last: 40 }],
  ['but ignore the first two frames', { first: 3, last: 40 }],
  ['for everything except the first frame', { first: 2, last: 40 }],
  ['just the first half of the movie', { first: 1, last: 20 }],
  ['leaving out the final 4 timepoints', { first: 1, last: 36 }],
  ['starting at timepoint 12', { first: 12, last: 40 }],
  ['on frames five to twelve', { first: 5, last: 12 }],
  ['skipping the last frame', { first: 1, last: 39 }],
  ['from frame 30 to the end', { first: 30, last: 40 }],
  ['for everything after frame 12', { first: 13, last: 40 }],
  ['only before frame 10', { first: 1, last: 9 }],
  ['and drop frame 1', { first: 2, last: 40 }],
  ['on all frames but the first', { first: 2, last: 40 }],
  ['from the 5th frame onwards', { first: 5, last: 40 }],
  // (a frame in the middle left out leaves two ranges: named, never run on all in silence)
  ['but skip frame 20', { first: 0, last: 0 }],
];

/** The analysis tools that work on a movie or on masks, by their declarations. */
function scopedTools() {
  return ALL_TOOLS.filter((t) => t.domain !== 'microscope' && t.examples?.length && (t.consumes ?? []).some((c) => c === 'movie' || c === 'labels') && !['help', 'undo', 'rerun', 'load_movie', 'export', 'plot', 'evaluate'].includes(t.name));
}

type Verdict = 'applied' | 'named' | 'wrong' | 'silent';

function verdict(request: string, frames: number | undefined, expected: { first: number; last: number }): Verdict {
  const artifacts = [{ id: 'movie-1', type: 'movie', ...(frames ? { frames } : {}) }];
  const plan = planRequest({ request, artifactsAtStart: artifacts, earlier: [], current: [], earlierRequests: [] }, catalogue);
  const ranges = plan.steps.map((s) => s.args.frames as { first: number; last: number } | undefined).filter(Boolean);
  const said = [plan.reply ?? '', ...(plan.notes ?? [])].join(' ').toLowerCase();
  if (ranges.some((r) => r!.first === expected.first && r!.last === expected.last)) return 'applied';
  if (plan.steps.length === 0 && plan.reply) return 'named';
  if (/\b(?:frames?|time ?points?|timepoints?|movie)\b/.test(said) && /not applied|ran on all|frames \d+-\d+/.test(said)) return ranges.length ? 'wrong' : 'named';
  return ranges.length ? 'wrong' : 'silent';
}

export function frameScopeFamily(): { counts: Record<string, Record<Verdict, number>>; misses: string[] } {
  const counts: Record<string, Record<Verdict, number>> = {};
  const misses: string[] = [];
  for (const tool of scopedTools()) {
    for (const [scope, range] of SCOPES) {
      const request = `${verbFor(tool.name)} ${scope}`;
      for (const frames of [LENGTH, undefined]) {
        const v = verdict(request, frames, range);
        const key = frames ? 'length known' : 'length unknown';
        counts[key] ??= { applied: 0, named: 0, wrong: 0, silent: 0 };
        counts[key][v]++;
        // (a tool that takes no frames, nor anything before it, names them: "named" is the answer there)
        if (v === 'silent' || v === 'wrong') misses.push(`${key}: "${request}" → ${v}`);
      }
    }
  }
  return { counts, misses };
}

beforeAll(loadAcquisitionWords);

describe('frames said for a step (brief s26/C)', () => {

  it('reads the part of the movie said, and its frames where the length is known', () => {
    expect(frameScopeSaid('track the cells but ignore the first two frames', 40)).toMatchObject({ said: 'ignore the first 2 frames', range: { first: 3, last: 40 } });
    expect(frameScopeSaid('segment everything except the first frame', 30)?.range).toEqual({ first: 2, last: 30 });
    expect(frameScopeSaid('track from frame 7 onwards', 20)?.range).toEqual({ first: 7, last: 20 });
    expect(frameScopeSaid('track from frame 7 onwards')).toEqual({ said: 'from frame 7 onwards', range: undefined });
    expect(frameScopeSaid('denoise the final ten frames', 50)?.range).toEqual({ first: 41, last: 50 });
    expect(frameScopeSaid('segment the nuclei')).toBeUndefined();
    expect(frameScopeSaid('track everything after frame 12', 40)?.range).toEqual({ first: 13, last: 40 });
    expect(frameScopeSaid('denoise all frames but the last 2', 40)?.range).toEqual({ first: 1, last: 38 });
    expect(frameScopeSaid('track them but leave out frame 7', 40)).toMatchObject({ said: 'leave out frame 7', middle: true });
  });

  it('applies or names every frame scope said with every tool that works on a movie or masks, never dropping one', () => {
    const { counts, misses } = frameScopeFamily();
    console.log('frame scopes by family', JSON.stringify(counts));
    expect(misses, misses.join('\n')).toEqual([]);
  });

  it('gives a tracking\'s frames to the segmentation its masks come from, and says so', () => {
    const plan = planRequest({ request: 'link the nuclei over time, only the last 6 frames', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 40 }], earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(plan.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(plan.steps[0].args.frames).toEqual({ first: 35, last: 40 });
    // (no line calls the frames a value no option of the tracking takes)
    expect((plan.notes ?? []).join(' ')).not.toMatch(/no option of `track`/);
  });

  it('names the frames when the masks tracked were made already and the tracking takes no range', () => {
    const plan = planRequest({ request: 'track the nuclei but ignore the first two frames', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 40 }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }], earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(plan.steps.map((s) => s.tool)).toEqual(['track']);
    expect((plan.notes ?? []).join(' ')).toMatch(/Not applied: "ignore the first 2 frames" — `track` takes no frame range/);
  });
});

describe('frames said of a step whose table a later step draws', () => {
  it('are applied where the table is made, and the plot of it is not said to have ignored them', () => {
    const request = "count the nuclei in every frame and plot the count over time; skip the first two frames, they're out of focus";
    const plan = planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 48 }], earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(plan.steps.find((s) => s.tool === 'measure')?.args.frames).toEqual({ first: 3, last: 48 });
    expect((plan.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});

describe('a span of the movie said in time', () => {
  const withMovie = (frameIntervalS?: number) => [{ id: 'movie-1', type: 'movie', frames: 48, ...(frameIntervalS ? { frameIntervalS } : {}) }];
  const planned = (request: string, frameIntervalS?: number) => planRequest({ request, artifactsAtStart: withMovie(frameIntervalS), earlier: [], current: [], earlierRequests: [] }, catalogue);
  it('is the frames taken in it, from the frame interval (the first hour at 3 min: frames 1-20)', () => {
    expect(frameScopeSaid('count the cells in the first hour', 48, 180)?.range).toEqual({ first: 1, last: 20 });
    expect(frameScopeSaid('track them over the last 2 h of the movie', 48, 180)?.range).toEqual({ first: 9, last: 48 });
    // (divisions need the links over time: the whole movie is segmented and tracked, the answer counts those frames, brief s34/A)
    const divisions = planned('how many divisions happen in the first hour?', 180);
    expect(divisions.steps[0].args.frames).toBeUndefined();
    expect((divisions.notes ?? []).join(' ')).toMatch(/whole movie; the answer counts frames 1-20/);
  });
  it('is never read as an acquisition, and is named when the frame interval is unknown', () => {
    for (const request of ['how many divisions happen in the first hour?', 'segment the nuclei in the first hour']) {
      const p = planned(request);
      expect(p.steps.map((s) => s.tool), request).toContain('segment');
      expect([...(p.notes ?? []), p.reply ?? ''].join(' '), request).toMatch(/Not applied: "the first hour" — I do not know the time between frames/);
    }
  });
});

describe('some frames of the movie written out (Make Substack)', () => {
  const planned = (request: string) => planRequest({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 48 }], earlier: [], current: [], earlierRequests: [] }, catalogue);
  it('exports those frames of the movie as TIFF, with no analysis step', () => {
    for (const request of ['make a substack of frames 10 to 30', 'save frames 1-20 as a new tif']) {
      const p = planned(request);
      expect(p.steps.map((s) => s.tool), request).toEqual(['export']);
      expect(p.steps[0].args.format, request).toBe('tiff');
      expect(p.steps[0].args.frames, request).toEqual(request.includes('10 to 30') ? { first: 10, last: 30 } : { first: 1, last: 20 });
    }
  });
});

describe('frames alone said to a crop (Fiji\'s Duplicate of a range)', () => {
  it('keeps the whole field of those frames', () => {
    const p = planRequest({ request: 'crop to frames 1-20 and save', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 48 }], earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(p.steps[0]).toMatchObject({ tool: 'crop', args: { frames: { first: 1, last: 20 } } });
    expect(p.reply).toBeUndefined();
  });
});

describe('frames one step could not take and another took', () => {
  it('are said once, as applied', () => {
    const p = planRequest({ request: 'how many nuclei are there over the final 10 min? one frame every 2 min', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 40 }], earlier: [], current: [], earlierRequests: [] }, catalogue);
    expect(p.steps.find((s) => s.tool === 'segment')?.args.frames).toEqual({ first: 36, last: 40 });
    const said = (p.notes ?? []).join(' ');
    expect(said).toMatch(/Frames 36-40 of 40, as you asked \("the final 10 min"\)/);
    expect(said).not.toMatch(/Not applied: "the final 10 min"/);
  });
});
