// Requests in styles the earlier sets did not use (brief R, stop 16): numbers said in words before a unit or after
// "channel", lists marked "Step 1:", "a)", "i.", pipes between steps, a bound said with its exclusion verb or in the
// passive ("objects below 40 px were discarded"), values of one meaning told apart as written ("outline every nucleus"
// is no whole-cell outline), the other of two values when one is rejected, "after which", "ahead of the segmentation",
// a title sentence, participles that describe the recording, hedges, actions no tool does, and requests from elsewhere.
import { beforeAll, describe, expect, it } from 'vitest';
import { numberWordsAsDigits } from '../../../src/agent/planner/quantities.ts';
import { splitClauses, withoutListMarkers } from '../../../src/agent/planner/clauses.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tools = (request: string, artifacts?: Parameters<typeof plan>[1]) => plan(request, artifacts).steps.map((s) => s.tool);
const argsOf = (request: string, tool: string, artifacts?: Parameters<typeof plan>[1]) => plan(request, artifacts).steps.find((s) => s.tool === tool)?.args ?? {};
const said = (request: string, artifacts?: Parameters<typeof plan>[1]) => { const p = plan(request, artifacts); return [...(p.notes ?? []), p.reply ?? ''].join(' '); };
const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
const tracks = [...labels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];

describe('numbers said in words', () => {
  it('become digits before a unit or after an index word, and stay words elsewhere', () => {
    expect(numberWordsAsDigits('the frames are thirty seconds apart')).toBe('the frames are 30 seconds apart');
    expect(numberWordsAsDigits('pixel size zero point six five microns')).toBe('pixel size 0.65 microns');
    expect(numberWordsAsDigits('a linking distance of twenty-five pixels')).toBe('a linking distance of 25 pixels');
    expect(numberWordsAsDigits('segment channel three')).toBe('segment channel 3');
    expect(numberWordsAsDigits('one of the cells, two projections')).toBe('one of the cells, two projections');
    expect(numberWordsAsDigits('one frame every two minutes')).toBe('one frame every 2 minutes');
  });

  it('reach the arguments: calibration, channel, linking distance', () => {
    expect(argsOf('the frames are thirty seconds apart', 'set_calibration').frameIntervalS).toBe(30);
    expect(argsOf('one frame every two minutes, pixel size zero point five microns', 'set_calibration')).toMatchObject({ frameIntervalS: 120, pixelSizeUm: 0.5 });
    expect(argsOf('segment the nuclei in channel three', 'segment').channel).toBe(3);
    expect(argsOf('track with a linking distance of twelve pixels', 'track', labels).maxLinkingDistancePx).toBe(12);
  });
});

describe('lists and shorthand', () => {
  it('reads "Step 1: ... Step 2: ...", "a) b) c)", "i. ii. iii." and "1. 2. 3." as one step per item, the markers no numbers of the steps', () => {
    expect(tools('Step 1: remove the noise with N2V Step 2: segment nuclei (triangle) Step 3: track Step 4: save tracks as csv')).toEqual(['denoise', 'segment', 'track', 'export']);
    expect(argsOf('Step 1: remove the noise with N2V Step 2: segment nuclei (triangle) Step 3: track', 'segment').objectRadiusPx).toBeUndefined();
    expect(tools('a) correct bleaching (simple ratio) b) segment c) measure intensity')).toEqual(['correct_bleach', 'segment', 'measure']);
    expect(tools('i. drift correction against the previous frame; ii. nuclear segmentation; iii. lineage tracking')).toEqual(['correct_drift', 'segment', 'track']);
    expect(tools('1. denoise (non local means) 2. otsu 3. export masks as tiff')).toEqual(['denoise', 'segment', 'export']);
    expect(withoutListMarkers('Step 1: segment Step 2: track')).toBe('        segment         track');
    expect(withoutListMarkers('Step 2: segment Step 3: track')).toBe('Step 2: segment Step 3: track');
  });

  it('reads pipes between steps as arrows', () => {
    expect(tools('drift | seg | trk | msd')).toEqual(['correct_drift', 'segment', 'track', 'measure']);
    expect(splitClauses('a | b').length).toBe(2);
  });

  it('"no ws" turns the watershed off', () => {
    expect(argsOf('segm, minA 60, maxA 2000, no ws', 'segment')).toMatchObject({ splitTouching: false, minAreaPx: 60, maxAreaPx: 2000 });
  });
});

describe('bounds, exclusions and values', () => {
  it('a bound with its exclusion verb before it, or said in the passive after it, is a lower bound', () => {
    expect(argsOf('segment and throw away anything smaller than 10 px', 'segment')).toMatchObject({ minAreaPx: 10 });
    expect(argsOf('segment; objects below 40 pixels were discarded', 'segment')).toMatchObject({ minAreaPx: 40 });
    expect(argsOf('segment, drop anything larger than 400 px', 'segment')).toMatchObject({ maxAreaPx: 400 });
    expect(argsOf('drop the first frame, keep nuclei bigger than 50 px', 'segment').maxAreaPx).toBeUndefined();
  });

  it('"disregard those clipped by the edge", "not to take the ones in the border" and "not separate ... touching" set the switches', () => {
    expect(argsOf('segment the nuclei and disregard those clipped by the edge of the frame', 'segment').excludeBorder).toBe(true);
    expect(argsOf('please do the segmentation of the nucleus and not to take the ones in the border', 'segment').excludeBorder).toBe(true);
    expect(argsOf('segment but not separate the nucleus which are touching together', 'segment').splitTouching).toBe(false);
  });

  it('tells nuclei and cells apart as written, and takes the other of two values when one is rejected', () => {
    expect(argsOf('please get rid of any wobble in the stage, then outline every nucleus', 'segment').target).toBe('nuclei');
    expect(argsOf('Outline the cells but skip any stuck on the image border', 'segment')).toMatchObject({ target: 'cells', excludeBorder: true });
    expect(said('Outline the cells but skip any stuck on the image border')).not.toMatch(/Not applied/);
    expect(argsOf('segment the cells, not the nuclei', 'segment').target).toBe('cells');
    expect(argsOf('segment the nuclei, not the cells', 'segment').target).toBe('nuclei');
  });

  it('a bare number counting a thing of its own is no setting ("using 8 threads"), and is named', () => {
    expect(argsOf('segment all nuclei using 8 threads', 'segment').objectRadiusPx).toBeUndefined();
    expect(said('segment all nuclei using 8 threads')).toMatch(/threads/);
  });

  it('"both the min and the max projection" is two projections', () => {
    expect(plan('I need both the min and the max projection').steps.map((s) => [s.tool, s.args.method])).toEqual([['project', 'min'], ['project', 'max']]);
  });
});

describe('order', () => {
  it('"after which" keeps the written order; "ahead of the segmentation" adds the segmentation after', () => {
    expect(tools('Photobleaching was corrected by fitting an exponential decay, after which mean nuclear intensities were quantified for every frame.', labels)).toEqual(['correct_bleach', 'measure']);
    expect(tools('do a gaussian blur ahead of the segmentation')).toEqual(['denoise', 'segment']);
    expect(tools('do a gaussian blur before the segmentation')).toEqual(['denoise', 'segment']);
  });

  it('the gerunds joined to an "after" go with it', () => {
    expect(tools('export the tracks as csv at the end, after segmenting and tracking the nuclei')).toEqual(['segment', 'track', 'export']);
    expect(tools('segment after correcting the drift and track the nuclei')).toEqual(['correct_drift', 'segment', 'track']);
  });
});

describe('context, titles and hedges', () => {
  it('a title sentence heads a methods section, no step; a participle describes the recording (its interval is the calibration), no acquisition', () => {
    expect(tools('Image analysis. Time-lapse stacks were corrected for lateral drift by cross-correlation. Nuclei were segmented by Otsu thresholding.')).toEqual(['correct_drift', 'segment']);
    const steps = tools('These are HeLa H2B-GFP cells imaged every 5 minutes overnight. The stage drifted a little towards the end. Could you correct that and then segment the nuclei?');
    expect(steps).not.toContain('start_acquisition');
    expect(steps).toEqual(expect.arrayContaining(['correct_drift', 'segment']));
    expect(tools('I need you follow each cell in the film and give me the table with the velocity')).toEqual(expect.arrayContaining(['segment', 'track', 'measure']));
  });

  it('"for the figure in the paper" is a purpose, and "nothing fancy" a hedge: neither is a plot or a condition', () => {
    expect(tools('For the figure in the paper we just need a nice max projection of the whole movie, nothing fancy.')).toEqual(['project']);
    expect(said('For the figure in the paper we just need a nice max projection of the whole movie, nothing fancy.')).not.toMatch(/Not applied/);
  });
});

describe('what no tool does, and requests from elsewhere', () => {
  it('reads an action with a preposition before its object ("crop to the upper half"), and runs the rest on its result', () => {
    expect(tools('crop to the upper half and make a mean projection')).toEqual(['crop', 'project']);
  });

  it('runs nothing for a thing from elsewhere qualified by a word in -ing or with its own code', () => {
    expect(tools('track my running pace over the last month')).toEqual([]);
    expect(tools('can you track flight LH400 for me')).toEqual([]);
    expect(tools('track cell 5', tracks.slice(0, 2))).toContain('track');
  });

  it('a filter said as "only for tracks that last ..." is applied by the track filter before the step, never a new tracking', () => {
    const p = plan('measure speeds, but only for tracks that last at least 10 frames', tracks);
    expect(p.steps.map((s) => s.tool)).toEqual(['filter_tracks', 'measure']);
    expect((p.notes ?? []).join(' ')).toMatch(/at least 10 frames/);
  });
});

describe('more constraints applied or named', () => {
  it('numbers said in words after a setting\'s name or with "point"/"hundred"', () => {
    expect(argsOf('segment with a threshold of two hundred', 'segment')).toMatchObject({ method: 'manual', threshold: 200 });
    expect(argsOf('denoise with sigma one point five', 'denoise').sigmaPx).toBe(1.5);
    expect(argsOf('segment the nuclei assuming a diameter of 20 px and with a smoothing of 2', 'segment')).toMatchObject({ objectRadiusPx: 10, sigmaPx: 2 });
  });

  it('frames left out with "exclude" are no frames to use; an open range with no frame count known is named', () => {
    expect(argsOf('track them but exclude the first five frames', 'segment').frames).toBeUndefined();
    expect(said('track them but exclude the first five frames')).toMatch(/exclude the first 5 frames/);
    expect(said('segment frames 20 onwards')).toMatch(/Not applied: "frames 20 onwards" — I do not know how many frames/);
    expect(said('I only care about frames 20 onwards - segment and track')).not.toMatch(/care about/);
  });

  it('"get rid of" removes; "train it first" runs first; "and after do the tracking" is afterwards', () => {
    expect(said('threshold with triangle and get rid of debris smaller than 30 px')).not.toMatch(/"rid"/);
    expect(tools('denoise using N2V, train it first on this movie')).toEqual(['train_n2v', 'denoise']);
    expect(tools('Kindly perform the segmentation of nuclei and after do the tracking of them')).toEqual(['segment', 'track']);
  });

  it('a switch of the step that makes the input, said after the step that needs it, is that one step\'s, run first', () => {
    expect(plan('track the nuclei, ignoring those touching the edge').steps.map((s) => [s.tool, s.args.excludeBorder])).toEqual([['segment', true], ['track', undefined]]);
    expect(argsOf('Tracking: LAP, max distance 15 px, no splitting, gaps up to 3 frames', 'segment').splitTouching).toBeUndefined();
    expect(argsOf('Tracking: LAP, max distance 15 px, no splitting, gaps up to 3 frames', 'track')).toMatchObject({ allowSplitting: false, maxLinkingDistancePx: 15, maxFrameGap: 3 });
  });

  it('several channels named for a one-channel step make one step each', () => {
    expect(plan('denoise channels 1 and 3').steps.map((s) => [s.tool, s.args.channel])).toEqual([['denoise', 1], ['denoise', 3]]);
    expect(plan('measure intensity in channels 1 and 2', labels).steps.map((s) => s.args.channel)).toEqual([1, 2]);
    expect(plan('measure the mean intensity in both channels', labels).steps.map((s) => s.args.channel)).toEqual([undefined]);
  });

  it('"tracks csv" with tracks at hand exports them, and a comparison whose number was applied is not named', () => {
    expect(tools('tracks csv pls', tracks)).toEqual(['export']);
    expect(tools('my PI needs the tracks in TrackMate format before the lab meeting on monday', tracks)).toEqual(['export']);
    expect(said('track the nuclei, but only link objects closer than 10 px and ignore gaps longer than 2 frames', labels)).not.toMatch(/Not applied/);
  });

  it('"the measurements as csv" measures first; "write tracks.csv and masks.tif" writes two files', () => {
    expect(tools('segment the nuclei, save the label image as tiff and the measurements as csv')).toEqual(['segment', 'export', 'measure', 'export']);
    expect(plan('write tracks.csv and masks.tif', tracks).steps.map((s) => s.args.format)).toEqual(['csv', 'tiff']);
  });

  it('a region of the field is named once, and "the middle frames" is no region', () => {
    // (a region a rectangle can be made of is cut out first and said so; the ROI, which none can, is named once)
    expect(said('segment only the cells in the centre of the image')).toMatch(/Cut to the central half of the image first, as you asked \("in the centre of the image"\)/);
    expect(said('segment only the nuclei in the ROI').match(/Not applied/g)?.length).toBe(1);
    expect(said('segment the nuclei in the middle frames')).not.toMatch(/region/);
  });
});

describe('several files named in one request', () => {
  it('"save masks to masks.tif, tracks to tracks.xml and the speeds to speeds.csv": one export per file, the speeds measured first', () => {
    const p = plan('segment and track, then save masks to masks.tif, tracks to tracks.xml and the speeds to speeds.csv');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track', 'export', 'export', 'measure', 'export']);
    expect(p.steps.filter((s) => s.tool === 'export').map((s) => [s.args.output, s.args.format])).toEqual([['masks.tif', 'tiff'], ['tracks.xml', 'trackmate'], ['speeds.csv', 'csv']]);
  });

  it('a file after the verb ("write tracks.csv") and a file alone after "and" are outputs', () => {
    expect(plan('write tracks.csv and masks.tif', tracks).steps.map((s) => s.args.output)).toEqual(['tracks.csv', 'masks.tif']);
  });
});
