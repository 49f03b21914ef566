// Requests in styles and shapes the earlier sets did not cover (brief R, stop 17): a sentence of context that says what the
// stage or the microscope did ("the stage wandered overnight", "we imaged with a 40x objective at 488 nm"), "fix it" after it,
// "seg+track" without spaces, actions no tool does that a tool knows a word of ("turn the movie upside down", "rotate by 45
// degrees", "make a 3D rendering"), a one-word value misspelt ("tirangle"), a one-word value that is a word of a
// hyphenated name ("frame" of "frame-to-frame"), "leave out"/"skip" before a switch, "mean and std projections", a length in
// µm for a ...Px argument, a stretch of the movie said in minutes, a kind of the objects picked out by "only", a number of
// the named tool over the words of another, and a pipeline name with an underscore.
import { beforeAll, describe, expect, it } from 'vitest';
import { findEnumValue } from '../../../src/agent/planner/enums.ts';
import { timesInFrames } from '../../../src/agent/planner/quantities.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tools = toolsOf;
const labels = movieAndLabels;
const calibrated = [{ id: 'movie-1', type: 'movie' as const, pixelSizeUm: 0.5 }];

describe('context about the stage or the microscope, then an analysis', () => {
  it('reads what the stage did as context, never a stage move or a status report', () => {
    expect(tools('the stage wandered a bit during the overnight run, could you register the frames to each other first and then find the nuclei?')).toEqual(['correct_drift', 'segment']);
    expect(tools('the stage drifted while the Nikon was imaging overnight; fix it in the movie and segment the nuclei')).toEqual(['correct_drift', 'segment']);
  });

  it('reads the objective and the wavelength of what was imaged as context, never a stage move', () => {
    expect(tools('we imaged on the spinning disk with a 40x objective at 488 nm; please segment the nuclei')).toEqual(['segment']);
  });
});

describe('shorthand and slips', () => {
  it('reads "seg+track" as two steps, as "seg + track"', () => {
    expect(tools('seg+track pls')).toEqual(['segment', 'track']);
  });

  it('reads a one-word value misspelt by one edit, but not a word the tools write for something else', () => {
    expect(argsOf('segmnet with tirangle', 'segment').method).toBe('triangle');
    expect(findEnumValue('correct_bleach', 'method', 'exponetial fit', catalogue)).toBe('exponential');
    expect(findEnumValue('track', 'method', 'overlay', catalogue)).toBeUndefined();
  });

  it('does not take one word of a hyphenated value for the value ("frame" is no "frame-to-frame")', () => {
    expect(findEnumValue('measure', 'kind', "what's the brightest frame?", catalogue)).toBeUndefined();
    expect(findEnumValue('measure', 'kind', 'frame-to-frame speeds', catalogue)).toBe('links');
  });

  it('keeps a pipeline name as said, underscore and all', () => {
    expect(argsOf('seg + track, then save it all as a pipeline named h2b_basic', 'save_pipeline').name).toBe('h2b_basic');
  });
});

describe('actions no tool does, inside a request we can do', () => {
  it('names them and runs the rest', () => {
    expect(tools('turn the movie upside down and then count nuclei')).toEqual(['segment']);
    expect(said('turn the movie upside down and then count nuclei')).toMatch(/upside down/);
    expect(said('rotate by 45 degrees, then do a max projection')).toMatch(/no tool to rotate/);
    expect(said('make a 3D rendering and then a z max projection')).toMatch(/3D rendering/);
    expect(tools('track them, then count the divisions', labels)).toEqual(['track', 'detect_divisions']);
  });
});

describe('switches, values and numbers', () => {
  it('turns a switch off after "leave out", "skip" or "omit"', () => {
    expect(argsOf('track, and leave out gap closing', 'track', labels).allowGapClosing).toBe(false);
    expect(argsOf('track the nuclei, skip the gap closing', 'track', labels).allowGapClosing).toBe(false);
  });

  it('makes one step per value said before a shared noun ("mean and std projections")', () => {
    expect(plan('mean and std projections please').steps.map((s) => s.args.method)).toEqual(['mean', 'std']);
  });

  it('counts a length said in µm in pixels for an argument in pixels, and says so; without a pixel size it says the µm were used as px', () => {
    expect(argsOf('gaussian blur with sigma 0.5 µm', 'denoise', calibrated).sigmaPx).toBe(1);
    expect(said('gaussian blur with sigma 0.5 µm', calibrated)).toMatch(/0\.5 µm is 1 px/);
    expect(said('gaussian blur with sigma 0.5 µm')).toMatch(/does not record its pixel size/);
  });

  it('gives a number to the tool named, whose reading takes it, over a tool whose words only describe it', () => {
    expect(tools('track with a max displacement of 6 microns per frame', labels)).toEqual(['track']);
  });
});

describe('scope', () => {
  it('reads a stretch said in minutes as frames when the frame interval is known, and says which', () => {
    expect(timesInFrames('segment the first 20 minutes', 60).text).toBe('segment the first 20 frames');
    expect(timesInFrames('between minute 10 and minute 30', 300).text).toBe('frames 3 to 7');
    expect(timesInFrames('the first 30 minutes', undefined).text).toBe('the first 30 minutes');
    expect(tools('one frame per minute; track the nuclei during the first 20 minutes')).toEqual(['set_calibration', 'segment', 'track']);
    expect(argsOf('one frame per minute; track the nuclei during the first 20 minutes', 'segment').frames).toEqual({ first: 1, last: 20 });
    expect(said('segment the nuclei in the first 30 minutes')).toMatch(/30 minutes/);
  });

  it('names a kind of the objects picked out by "only" that the tool cannot pick out, but not one it applies as a value', () => {
    expect(said('track only the dividing cells', labels)).toMatch(/only the dividing cells/);
    expect(said('segment only the bright nuclei')).not.toMatch(/Not applied/);
    expect(said('segment only the nuclei')).not.toMatch(/Not applied/);
  });

  it('names a filter said after "that"/"which" that the step cannot apply, but not one it applies as a switch or a number', () => {
    // (stop 43: tracks that leave the field are dropped by filter_tracks after the tracking, and said)
    expect(said('track, and discard tracks that leave the field of view', labels)).toMatch(/Tracks kept: never touching the image border/);
    expect(said('segment the nuclei and discard nuclei that touch the border')).not.toMatch(/Not applied/);
    expect(said('segment and drop nuclei that are smaller than 50 px')).not.toMatch(/Not applied/);
  });
});

describe('numbers that are no settings', () => {
  it('leaves a reference to a document in an aside out ("(Reviewer 1, point 4)", "(see Fig. 2b)")', () => {
    expect(tools('Please quantify how many cells divide during the experiment (Reviewer 1, point 4).', labels)).not.toContain('kymograph');
    expect(plan('segment the nuclei as in the paper (see Fig. 2b) with li').steps.map((s) => s.args)).toEqual([expect.objectContaining({ method: 'li' })]);
    expect(argsOf('segment the nuclei as in the paper (see Fig. 2b) with li', 'segment').channel).toBeUndefined();
  });

  it('leaves labels of which data out ("experiment 12", "day 3", "well B4"), but a well to image stays the microscope\'s', () => {
    expect(tools('for experiment 12 (day 3), track the nuclei')).toEqual(['segment', 'track']);
    expect(argsOf('Experiment 3, day 2, well B4: segment and track the nuclei', 'segment')).toEqual({ movie: expect.anything(), target: 'nuclei' });
    expect(tools('image well B4 every 5 min for 2 h')).not.toContain('segment');
  });
});

