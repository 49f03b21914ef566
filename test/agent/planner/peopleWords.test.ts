// Requests in people's own words (brief D, issue 11 items 2-4): headings over listed steps,
// exclusions said as "I don't want X", negated words of the step just asked, sentences of
// context, lines said in words for a kymograph, values that need their negation said, and
// numbers that belong to no argument named as not applied rather than given to the wrong one.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitClauses } from '../../../src/agent/planner/clauses.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { findEnumValue } from '../../../src/agent/planner/enums.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tools = (request: string, artifacts?: KnownArtifact[]) => plan(request, artifacts).steps.map((s) => s.tool);
const args = (request: string, tool: string, artifacts?: KnownArtifact[]) => plan(request, artifacts).steps.find((s) => s.tool === tool)?.args ?? {};

describe('clauses', () => {
  it('numbers the clause after a sentence end with the next sentence', () => {
    expect(splitClauses('Correct the drift. Then segment.').map((c) => c.sentence)).toEqual([0, 1]);
    expect(splitClauses('I have HeLa cells. I want them segmented and tracked').map((c) => c.sentence)).toEqual([0, 1, 1]);
  });

  it('marks the words before a colon as a heading', () => {
    expect(splitClauses('the usual pipeline except tracking: drift, segment').map((c) => !!c.heading)).toEqual([true, true, false, false]);
  });
});

describe('a setting of a step asked earlier in the sentence', () => {
  it('", ignoring cells that touch the edge" after "segment and track" sets segment\'s border rule, with no second segment after the tracking', () => {
    const p = plan('segment and track the nuclei, ignoring cells that touch the edge');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(p.steps[0].args.excludeBorder).toBe(true);
  });
});

describe('units of speed', () => {
  it('"in um/min" is a unit of the speed asked, no min or mean projection', () => {
    for (const unit of ['um/min', 'µm per minute', 'px/frame']) {
      const steps = tools(`track the nuclei, then give me the mean speed in ${unit}`);
      expect(steps, unit).toContain('measure');
      expect(steps, unit).not.toContain('project');
    }
  });
});

describe('steps and exclusions', () => {
  it('reads a heading over listed steps as no step of its own', () => {
    expect(tools('full pipeline: drift, bleach, denoise, segment')).toEqual(['correct_drift', 'correct_bleach', 'denoise', 'segment']);
    expect(tools('do the usual pipeline except tracking: drift, denoise, segment')).toEqual(['correct_drift', 'denoise', 'segment']);
  });

  it('excludes what the person does not want, said as a wish', () => {
    expect(tools("I don't want drift correction, just segment")).toEqual(['segment']);
    expect(tools("segment and track, we don't need any denoising")).toEqual(['segment', 'track']);
  });

  it('excludes what the person says to leave out or omit, with or without "the"', () => {
    expect(tools('follow the cells but leave out division detection, then give me mean speed')).not.toContain('detect_divisions');
    expect(tools('segment and track, omitting drift correction')).not.toContain('correct_drift');
  });

  it('reads a negated word of the step just asked as how it runs', () => {
    expect(args('segmentation w/ triangle, no watershed', 'segment')).toMatchObject({ method: 'triangle', splitTouching: false });
    expect(plan("segment the nuclei but don't split the touching ones").notes ?? []).not.toContainEqual(expect.stringMatching(/^Not run/));
  });

  it('reads no arguments of a step from the words that exclude another', () => {
    expect(tools('stabilize, then bleach-correct, then segment and measure intensities, no tracking please')).toEqual(['correct_drift', 'correct_bleach', 'segment', 'measure']);
  });

  it('keeps a step named by a word of its tool name after another step', () => {
    expect(tools('track them, then count the divisions')).toEqual(['segment', 'track', 'detect_divisions']);
  });

  it('reads a phrasal verb by its object', () => {
    expect(tools('normalise out the photobleaching')).toEqual(['correct_bleach']);
    expect(tools('generate the in-between frames')).toEqual(['interpolate_frames']);
    expect(tools('figure out how fast the cells move: track them')).not.toContain('plot');
  });

  it('projects the recording when the words point at it, never snaps', () => {
    expect(tools('collapse the time series into a single image')).toEqual(['project']);
  });

  it('reads the channel of the sentence that asks, not of the context before it', () => {
    expect(args("Hi there, I've got a 2-channel time-lapse of HeLa cells (H2B-mCherry and a GFP reporter). I'd like to segment the nuclei in the mCherry channel.", 'segment')).toMatchObject({ channel: 'mCherry' });
  });

  it('exports what the step before made when the words name no input', () => {
    const steps = plan('measure nuclear area and perimeter then export as csv').steps;
    expect(steps.map((s) => s.tool)).toEqual(['segment', 'measure', 'export']);
    expect(steps[2].args.table).toBeDefined();
  });

  it('gives an output path only to the step that writes it', () => {
    const steps = plan('save the tracks to results/tracks.csv').steps;
    expect(steps.filter((s) => s.args.output !== undefined).map((s) => s.tool)).toEqual(['export']);
  });
});

describe('values and numbers', () => {
  it('draws a kymograph along a line said in words, from the movie size, and says where', () => {
    const sized: KnownArtifact = { id: 'movie-1', type: 'movie', frames: 10, width: 100, height: 60 };
    const p = plan('make a kymograph along a horizontal line through the middle', [sized]);
    expect(p.steps[0].args.points).toEqual([[0, 30], [99, 30]]);
    expect(p.notes?.join(' ')).toMatch(/\(0, 30\) to \(99, 30\)/);
    expect(args('kymograph down the left edge', 'kymograph', [sized]).points).toEqual([[0, 0], [0, 59]]);
    expect(args('draw a kymo along the diagonal', 'kymograph', [sized]).points).toEqual([[0, 0], [99, 59]]);
    // without the movie's size it asks
    expect(plan('make a kymograph along a horizontal line through the middle').reply).toMatch(/end points/);
  });

  it('needs the negation of a negated value name said', () => {
    expect(findEnumValue('embed', 'cluster', 'cluster the cells into 3 groups', catalogue)).not.toBe('none');
    expect(findEnumValue('embed', 'cluster', 'umap, no clustering', catalogue)).toBe('none');
    expect(findEnumValue('super_resolve', 'method', 'upsample with no deep learning', catalogue)).toBe('bicubic');
  });

  it('names a condition on measured values whole, never as a pixel threshold', () => {
    const p = plan('segment nuclei and keep only those with mean intensity above 300');
    expect(p.steps[0].args.threshold).toBeUndefined();
    expect(p.notes?.join(' ')).toMatch(/mean intensity above 300/);
  });

  it('gives a number to no argument whose words are not said', () => {
    expect(args('filter tracks shorter than 5 frames', 'track').maxFrameGap).toBeUndefined();
    expect(args('track but skip the first 3 frames', 'track').maxFrameGap).toBeUndefined();
    expect(args('upsample the movie 2x', 'super_resolve').channel).toBeUndefined();
    expect(args('link with gaps of at most 3 frames', 'track').maxFrameGap).toBe(3);
  });

  it('reads the first frame as a frame range', () => {
    expect(args('segment only the first frame', 'segment').frames).toEqual({ first: 1, last: 1 });
  });
});

describe('shorthand steps, scopes and stand-in methods (brief R, stop 14)', () => {
  const movie40: KnownArtifact = { id: 'movie-1', type: 'movie', frames: 40 };

  it('reads steps written with slashes, each part a tool\'s telling word', () => {
    expect(tools('seg/trk/csv')).toEqual(['segment', 'track', 'export']);
    expect(tools('dc/seg/trk')).toEqual(['correct_drift', 'segment', 'track']);
    expect(tools('bleach corr / seg / measure')).toEqual(['correct_bleach', 'segment', 'measure']);
  });

  it('leaves a rate or a ratio with a slash alone', async () => {
    const { slashedSteps } = await import('../../../src/agent/planner/planner.ts');
    expect(slashedSteps('report the speed in µm/min', catalogue)).toBe('report the speed in µm/min');
    expect(slashedSteps('normalise to dF/F0', catalogue)).toBe('normalise to dF/F0');
    expect(slashedSteps('seg/trk', catalogue)).toBe('seg→trk');
  });

  it('sets the frames of a part of the movie said as a fraction, in the step or in a clause of its own', () => {
    expect(args('max projection of the second half of the movie', 'project', [movie40]).frames).toEqual({ first: 21, last: 40 });
    expect(args('only the first half of the movie: segment the nuclei', 'segment', [movie40]).frames).toEqual({ first: 1, last: 20 });
    expect(plan('only the first half of the movie: segment the nuclei', [movie40]).notes ?? []).toEqual([]);
  });

  it('names a fraction of a movie whose length is unknown as not applied', () => {
    expect((plan('max projection of the second half of the movie').notes ?? []).join(' ')).toMatch(/second half of the movie.*how many frames/);
  });

  it('names StackReg and TurboReg and what registered the frames instead', () => {
    expect((plan('align the frames with StackReg').notes ?? []).join(' ')).toMatch(/StackReg.*phase correlation/);
    expect((plan('TurboReg rigid body registration please').notes ?? []).join(' ')).toMatch(/TurboReg.*phase correlation/);
  });
});

describe('requests around chatter, polite forms and conditions (brief R, stop 14)', () => {
  const withTracks: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

  it('reads who asks and when it is due as no part of the request', () => {
    expect(tools('my boss wants the tracks as a CSV by tomorrow morning', withTracks)).toEqual(['export']);
    expect(tools('we\'re submitting next week so I need the max projection for figure 2')).toEqual(['project']);
    expect(tools('ugh, the scope was acting up all night. anyway, can you correct the drift')).toEqual(['correct_drift']);
  });

  it('gives a heading\'s values to its own listed step', () => {
    expect(args('my boss wants the tracks as CSV by friday: segment, track, export', 'export').format).toBe('csv');
    expect(plan('my boss wants the tracks as CSV by friday: segment, track, export').notes ?? []).toEqual([]);
  });

  it('reads a request in the passive or as "might I ask for" as a step, not a question about the data', () => {
    expect(tools('the image looks really grainy, can it be made smoother somehow?')).toEqual(['denoise']);
    expect(tools('Might I ask for a kymograph along the line from (5,5) to (60,5)?')).toEqual(['kymograph']);
  });

  it('reads a bound whose exclusion is said after the number', () => {
    expect(args('segment the nuclei; if some are really tiny (under 20 px) throw them out', 'segment').minAreaPx).toBe(20);
  });

  it('adds the writer for a file format the step has no choice of, on what the step made', () => {
    const steps = plan('for the rebuttal we need the mean speed of each track as a csv', withTracks).steps;
    expect(steps.map((s) => s.tool)).toEqual(['measure', 'export']);
    expect(steps[1].args.table).toBeDefined();
    expect(tools('do a Z Project with Average Intensity like in Fiji')).toEqual(['project']);
  });

  it('names no input by the step\'s own product, nor by what is rejected', () => {
    expect(args('Is it possible to have the average projection rather than the max one?', 'project').movie).toEqual({ $ref: 'movie', mode: 'chain' });
  });

  it('drops a step named only by words many tools use when a telling one is said beside it', () => {
    expect(tools('my PI wants a picture of all the frames stacked on top of each other, keeping the brightest pixel')).toEqual(['project']);
  });
});

describe('protocol-style requests (brief R, stop 14)', () => {
  it('reads the settings listed after a heading that names a step as that step\'s', () => {
    expect(plan('Registration: phase correlation, reference = first frame, bicubic interpolation.').steps.map((s) => [s.tool, s.args.reference, s.args.interpolation])).toEqual([['correct_drift', 'first', 'bicubic']]);
    expect(tools('the usual, with Li threshold: drift, segment, track')).toEqual(['correct_drift', 'segment', 'track']);
  });

  it('reads what a result is for ("for segmentation QC") as no step, and a hyphenated word of known parts as known', () => {
    const labelled: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];
    expect(tools('For segmentation QC, export the label image as a TIFF.', labelled)).toEqual(['export']);
    expect(plan('the reviewers asked for a drift-corrected version of the movie as a supplementary TIFF').notes ?? []).toEqual([]);
  });

  it('reads the watershed on the distance map as splitBy distance', () => {
    expect(args('Nuclei, seeded watershed on the distance map, min seed distance 6 px.', 'segment')).toMatchObject({ splitBy: 'distance', minSeedDistancePx: 6 });
  });
});

describe('a second step said with its own telling word, and a channel chosen by its look (brief R, stop 14)', () => {
  const labelled: KnownArtifact[] = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }];
  it('adds the plot named by a word of its own after the step before ("drawn over the movie")', () => {
    expect(plan('track them and give me a picture of the paths drawn over the movie', labelled).steps.map((s) => [s.tool, s.args.kind])).toEqual([['track', undefined], ['plot', 'projection']]);
    expect(tools('measure area and intensity', labelled)).toEqual(['measure']);
  });

  it('names a channel chosen by how it looks as not applied', () => {
    expect((plan('segment the nuclei in whichever channel is brightest').notes ?? []).join(' ')).toMatch(/whichever channel is brightest.*name the channel/);
    expect(plan('segment the nuclei in channel 2').notes ?? []).toEqual([]);
  });
});
