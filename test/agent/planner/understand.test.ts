// The clause grammar as the planner reads it: context sentences, a problem fixed by "that",
// the aim stated before the steps, filters on the previous step, negation after "so".
import { beforeAll, describe, expect, it } from 'vitest';
import { understand } from '../../../src/agent/planner/planner.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tools = (text: string) => {
  const u = understand(text, catalogue);
  return [...u.mentions].sort((a, b) => a.order - b.order).map((m) => m.tool);
};

describe('understanding a request', () => {
  it('reads a problem described in context and fixed by "that"', () => {
    expect(tools('ok so I imaged these cells overnight and the stage drifted quite a bit, could you sort that out and then pull out the nuclei? cheers')).toEqual(['correct_drift', 'segment']);
  });

  it('keeps the steps, not the aim stated before them', () => {
    expect(tools("I'd like to follow each nucleus over time. Can you clean up the noise and then track them?")).toEqual(['denoise', 'track']);
  });

  it('reads a filter on the previous step as no step of its own', () => {
    expect(tools('segment nuclei and keep only those with circularity above 0.8')).toEqual(['segment']);
  });

  it('reads "so don\'t ..." as an exclusion and a dash as a clause break', () => {
    const u = understand("segment and track; the drift is fine so don't correct it", catalogue);
    expect(u.mentions.map((m) => m.tool)).toEqual(['segment', 'track']);
    expect(u.excluded).toEqual(['correct_drift']);
    expect(tools('it gets dimmer every frame - use the simple ratio method')).toEqual(['correct_bleach']);
  });
});

describe('scope is no step and no amount', () => {
  it('does not read "the first 10 frames" as a tool word, and reads it as the frame range', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const plan = planRequest({ request: 'I need the nuclear areas for the first 10 frames', earlier: [], current: [], artifactsAtStart: [{ id: 'movie-1', type: 'movie' }] } as never, catalogue);
    expect(plan.steps.map((s) => s.tool)).toEqual(['segment', 'measure']);
    expect(plan.steps[1].args.frames).toEqual({ first: 1, last: 10 });
    expect(plan.notes ?? []).toEqual([]);
  });

  it('does not read "frame 5" as a number of frames', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const plan = planRequest({ request: 'track the nuclei from frame 5 onwards', earlier: [], current: [], artifactsAtStart: [{ id: 'movie-1', type: 'movie' }] } as never, catalogue);
    expect(plan.steps.find((s) => s.tool === 'track')?.args.maxFrameGap).toBeUndefined();
  });

  it('does not name a value the step carries as not applied ("10x upsampling", "ch1")', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    for (const request of ['remove the xy drift using phase correlation with 10x upsampling', 'denoise with gaussian sigma=2 on ch1']) {
      const plan = planRequest({ request, earlier: [], current: [], artifactsAtStart: [{ id: 'movie-1', type: 'movie' }] } as never, catalogue);
      expect(plan.notes ?? [], request).toEqual([]);
    }
  });
});

describe('several outputs and opening results elsewhere', () => {
  const plan = async (request: string) => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const artifactsAtStart = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
    return planRequest({ request, earlier: [], current: [], artifactsAtStart } as never, catalogue);
  };

  it('exports once per format named, even when the second is joined by "and"', async () => {
    const p = await plan('export the tracks in both csv and trackmate formats');
    expect(p.steps.map((s) => [s.tool, s.args.format])).toEqual([['export', 'csv'], ['export', 'trackmate']]);
    expect(p.notes ?? []).toEqual([]);
  });

  it('reads "open these tracks in TrackMate" (no file to load) as the tool its other words name, not as tracking again', async () => {
    const p = await plan('open these tracks in trackmate');
    expect(p.steps.map((s) => [s.tool, s.args.format])).toEqual([['export', 'trackmate']]);
  });

  it('names a condition on another feature instead of reading it as a threshold', async () => {
    const p = await plan('segment nuclei and keep only those with circularity above 0.8');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect(p.steps[0].args.threshold).toBeUndefined();
    expect((p.notes ?? []).join(' ')).toMatch(/circularity/);
  });
});

describe('weak evidence', () => {
  it('adds no step on words most tools use ("keep the original file"), and names them with the step before', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const p = planRequest({ request: 'correct drift but keep the original file', earlier: [], current: [], artifactsAtStart: [{ id: 'movie-1', type: 'movie' }] } as never, catalogue);
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift']);
    expect((p.notes ?? []).join(' ')).toMatch(/original file/);
  });
});

describe('argument name words', () => {
  it('does not name the words of an argument it set as not applied ("without gap closing")', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const p = planRequest({ request: 'track without gap closing', earlier: [], current: [], artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }] } as never, catalogue);
    expect(p.steps.at(-1)?.args.allowGapClosing).toBe(false);
    expect(p.notes ?? []).toEqual([]);
  });
});

describe('excluded scope', () => {
  it('names a channel ruled out instead of running on it', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const p = planRequest({ request: 'segment everything except channel 2', earlier: [], current: [], artifactsAtStart: [{ id: 'movie-1', type: 'movie' }] } as never, catalogue);
    expect(p.steps[0].args.channel).toBeUndefined();
    expect((p.notes ?? []).join(' ')).toMatch(/except channel 2/);
  });
});

describe('argument words in a clause of their own', () => {
  it('neither excludes nor repeats the step whose argument they name', () => {
    expect(tools('track with a maximum distance of 15 px and no gap closing')).toEqual(['track']);
    expect(understand('track with a maximum distance of 15 px and no gap closing', catalogue).excluded).toEqual([]);
    expect(tools('segment the nuclei, excluding cells cut by the image border')).toEqual(['segment']);
  });
});

describe('"first" at the end of a clause', () => {
  it('runs that clause\'s step first ("..., so maybe smooth first")', () => {
    expect(tools('i want to segment my nuclei but the image is really noisy so maybe smooth first')).toEqual(['denoise', 'segment']);
    expect(tools('track the nuclei, denoise first')).toEqual(['denoise', 'track']);
    expect(tools('segment the nuclei first, then track')).toEqual(['segment', 'track']);
  });
});

describe('switches said the other way round', () => {
  const plan = async (request: string) => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    return planRequest({ request, earlier: [], current: [], artifactsAtStart: [{ id: 'movie-1', type: 'movie' }] } as never, catalogue);
  };

  it('reads "no border objects" as excluding them, and names no word of the applied phrase', async () => {
    expect((await plan('nuclei seg with min area 30px and no border objects')).steps[0].args).toMatchObject({ minAreaPx: 30, excludeBorder: true });
    expect((await plan('segment the nuclei at the border')).steps[0].args.excludeBorder).toBeUndefined();
    const edge = await plan('find the nuclei, but leave out any that touch the edge');
    expect(edge.steps[0].args.excludeBorder).toBe(true);
    expect(edge.notes ?? []).toEqual([]);
  });
});

describe('Fiji', () => {
  it('opens tracks in Fiji as TrackMate XML, masks as TIFF', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const artifactsAtStart = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
    const format = (request: string) => planRequest({ request, earlier: [], current: [], artifactsAtStart } as never, catalogue).steps.map((s) => s.args.format);
    expect(format('I want to open the tracks in Fiji')).toEqual(['trackmate']);
    expect(format('save the masks as a TIFF I can open in Fiji')).toEqual(['tiff']);
  });
});

describe('the clause grammar of brief R (people-4 requests)', () => {
  it('keeps a step whose words are its own phrase of common words ("count the nuclei"), after another step', () => {
    expect(tools('correct the bleaching, then count the nuclei in each frame')).toEqual(['correct_bleach', 'segment']);
  });

  it('reads a request in the passive with the participle after its noun ("I\'d like the nuclei segmented")', () => {
    expect(tools("I'd like the nuclei segmented, but only after you've fixed the bleaching")).toEqual(['correct_bleach', 'segment']);
  });

  it('joins steps with ">" and "as well as"', () => {
    expect(tools('denoise > segment > track')).toEqual(['denoise', 'segment', 'track']);
    expect(tools('a maximum projection as well as a standard deviation projection')).toEqual(['project', 'project']);
  });

  it('gives a number said in another tool\'s words to the step before that reads it', () => {
    expect(tools("segment the nuclei, they're about 10 µm across")).toEqual(['segment']);
    expect(tools('segment the nuclei, seeds at least 6 px apart')).toEqual(['segment']);
    expect(tools('test Granger causality between area and mean intensity, up to 5 lags')).toEqual(['analyze_timeseries']);
    expect(tools('simulate a time-lapse of moving nuclei; the drift should be 2 px')).toEqual(['simulate_movie']);
  });

  it('reads what a person did, an apology and which channel holds what as context', () => {
    expect(tools('Okay so yesterday I imaged some MDCK cells for 12 h and the signal faded a lot. Correct the bleaching please')).toEqual(['correct_bleach']);
    expect(tools('Sorry if this is a dumb question but could you make a kymograph along the middle row?')).toEqual(['kymograph']);
    expect(tools('H2B-mCherry is in channel 2. Segment the nuclei')).toEqual(['segment']);
    expect(tools('A max projection with the tracks on top please. The nuclei are already segmented and tracked.')).toEqual(['plot']);
  });

  it('keeps the steps, not what the person is doing ("we\'re comparing migration ...")', () => {
    expect(tools("We're comparing migration between conditions. For this movie: segment, track, then give me per-track speeds.")).toEqual(['segment', 'track', 'measure']);
  });
});

describe('several outputs with the verb left out (brief R)', () => {
  it('reads "export the tracks to a.csv and the masks to b.tif" as two exports', () => {
    expect(tools('export the tracks to tracks/out.csv and the masks to masks/out.tif')).toEqual(['export', 'export']);
  });
});

describe('frames left out (brief R)', () => {
  it('runs on the frames left when the movie\'s length is known, and says which', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const conversation = { request: 'project everything except the first 5 frames', artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 30 }], earlier: [], current: [], earlierRequests: [] };
    const plan = planRequest(conversation, catalogue);
    expect(plan.steps[0].args.frames).toEqual({ first: 6, last: 30 });
    expect(plan.notes?.join(' ')).toMatch(/Frames 6-30 of 30/);
    expect(plan.notes?.join(' ')).not.toMatch(/Not applied/);
  });
});

describe('switches and chatter (brief R2)', () => {
  const plan = async (request: string) => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const conversation = { request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels' }], earlier: [], current: [], earlierRequests: [] };
    return planRequest(conversation, catalogue);
  };

  it('says a switch the words turned off ("leave the divisions alone"), never off in silence', async () => {
    const p = await plan('track the nuclei and leave the divisions alone');
    const track = p.steps.find((s) => s.tool === 'track');
    expect(track?.args.allowSplitting).toBe(false);
    expect(p.notes?.join(' ')).toMatch(/Turned off[^\n]*divisions[^\n]*allowSplitting: false/);
  });

  it('does not name whom the result is for as a dropped constraint ("for lab meeting tomorrow")', async () => {
    const p = await plan('segment and track the nuclei for lab meeting tomorrow');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(p.notes?.join(' ') ?? '').not.toMatch(/meeting|tomorrow/);
  });

  it('still names a format after "for" written as a name ("for Imaris")', async () => {
    const p = await plan('export the labels for Imaris');
    expect(p.notes?.join(' ') ?? p.reply ?? '').toMatch(/Imaris/);
  });

  it('reads "for my paper figure," as a purpose, not a plot', () => {
    expect(tools('for my paper figure, do a max projection')).toEqual(['project']);
  });
});

describe('a rerun with a value set off by a comma (brief R2)', () => {
  it('reads "redo that with a bigger radius, 9 px" as the radius, and names nothing as dropped', async () => {
    const { planRequest } = await import('../../../src/agent/planner/planner.ts');
    const earlier = [{ tool: 'segment', args: { movie: 'movie-1', objectRadiusPx: 6 }, ok: true, artifacts: [{ id: 'labels-1', type: 'labels' }], values: {} }];
    const conversation = { request: 'redo that with a bigger radius, 9 px', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier, current: [], earlierRequests: ['segment the nuclei with a radius of 6 px'] } as unknown as Parameters<typeof planRequest>[0];
    const plan = planRequest(conversation, catalogue);
    expect(plan.steps[0].args).toMatchObject({ tool: 'segment', changes: { objectRadiusPx: 9 } });
    expect(plan.notes ?? []).toEqual([]);
  });
});
