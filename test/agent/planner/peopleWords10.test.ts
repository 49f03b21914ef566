// Requests in the shapes of brief R, stop 18 (issue 11): a constraint meant for a step added to make an input (the segmentation
// a tracking needs) reaches that step; asides of how it is asked ("nothing else") restrict nothing; everyday words are never
// read as slips of the tools' words ("spend" is no "speed"); words spelt as they sound ("kymograf"); things left out by a kind
// ("exclude mitotic cells") named when not applied; an operation named as a noun that no tool does; a heading that is an
// imperative on the whole ("make this a reusable pipeline: ..."), the pipeline saved last; "before all of that"; a methods
// paragraph's passive; the one input the words name made for the step; a list of values after a step; a reviewer's point as a heading.
import { beforeAll, describe, expect, it } from 'vitest';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { isOutOfScope } from '../../../src/agent/planner/outOfScope.ts';
import { soundsLike, tokenize } from '../../../src/agent/planner/words.ts';
import { argsOf, catalogue, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const tools = toolsOf;
const labels = movieAndLabels;

describe('a constraint for the step added to make an input', () => {
  it('gives a border rule said after "but skip" to the segmentation a tracking needs', () => {
    expect(tools('track the nuclei but skip the ones touching the border')).toEqual(['segment', 'track']);
    expect(argsOf('track the nuclei but skip the ones touching the border', 'segment').excludeBorder).toBe(true);
    expect(argsOf('measure nuclear area but skip objects that touch the edges of the frame', 'segment').excludeBorder).toBe(true);
  });

  it('gives a size the tracking cannot take to the added segmentation, and names nothing as not applied', () => {
    expect(argsOf('track the nuclei but ignore anything smaller than 30 px', 'segment').minAreaPx).toBe(30);
    expect(said('track the nuclei but ignore anything smaller than 30 px')).not.toMatch(/Not applied/);
  });

  it('reads an object\'s radius as the added segmentation\'s size, never as the linking distance, and names nothing (stop 18 integration)', () => {
    const request = 'track the nuclei; nuclei are about 8 px in radius';
    expect(argsOf(request, 'segment').objectRadiusPx).toBe(8);
    expect(argsOf(request, 'track').maxLinkingDistancePx).toBeUndefined();
    expect(said(request)).not.toMatch(/Not applied/);
    expect(argsOf('track the labels with a search radius of 6.5 px', 'track').maxLinkingDistancePx).toBe(6.5);
  });

  it('keeps a switch the asked step took from the words to that step alone', () => {
    expect(argsOf('track the nuclei, don\'t split them', 'track').allowSplitting).toBe(false);
    expect(argsOf('track the nuclei, don\'t split them', 'segment').splitTouching).toBeUndefined();
  });
});

describe('asides that restrict nothing', () => {
  it('reads "only, nothing else" after a frame range as emphasis', () => {
    expect(argsOf('count nuclei in frames 3-6 only, nothing else', 'segment').frames).toEqual({ first: 3, last: 6 });
    expect(said('count nuclei in frames 3-6 only, nothing else')).not.toMatch(/Not applied|no tool/);
    expect(said('segment the nuclei and that\'s it')).not.toMatch(/Not applied|no tool/);
  });
});

describe('everyday words and sounds', () => {
  const index = indexFor(catalogue);
  it('never reads an everyday word as a slip of a tool\'s word', () => {
    expect(index.meanings(tokenize('spend'))).toEqual(['spend']);
    expect(index.meanings(tokenize('truck'))[0]).not.toBe(index.meanings(tokenize('track'))[0]);
    expect(isOutOfScope('segment my customers by how much they spend', index, catalogue)).toBe(true);
    expect(tools('segment my customers by how much they spend')).toEqual([]);
    expect(tools('segment the stock market data by sector and plot it')).toEqual([]);
  });

  it('still reads slips of the tools\' words, and words spelt as they sound', () => {
    expect(soundsLike('kymograf')).toBe(soundsLike('kymograph'));
    expect(tools('kymograf along the line (0,10)-(80,10)')).toEqual(['kymograph']);
    expect(tools('segemnt the nucelei')).toEqual(['segment']);
    expect(argsOf('exprot the tracks as trakmate xml', 'export', [...labels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }]).format).toBe('trackmate');
  });
});

describe('things left out, operations we lack', () => {
  it('names a kind of objects left out that no option takes', () => {
    expect(tools('segment the nuclei and exclude mitotic cells')).toEqual(['segment']);
    expect(said('segment the nuclei and exclude mitotic cells')).toMatch(/Not applied: "exclude mitotic cells"/);
    expect(argsOf('segment the nuclei and exclude border cells', 'segment').excludeBorder).toBe(true);
  });

  it('names an operation said as a noun that no tool does, and runs the rest', () => {
    // (brief s27/C: shading is the uneven background, which we subtract; BaSiC, which we lack, is named with what ran instead)
    expect(tools('BaSiC shading correction, then segment the nuclei')).toEqual(['subtract_background', 'segment']);
    expect(said('BaSiC shading correction, then segment the nuclei')).toMatch(/BaSiC is not installed here, so I subtracted the uneven background/);
    expect(said('flat-field correction and then a max projection')).toMatch(/no tool for flat-field correction/);
  });
});

describe('order, headings and lists', () => {
  it('reads an imperative heading as its step, and saves the pipeline after the steps asked with it', () => {
    expect(tools('make this a reusable pipeline: drift correction then segmentation; name it drift_seg')).toEqual(['correct_drift', 'segment', 'save_pipeline']);
    expect(argsOf('make this a reusable pipeline: drift correction then segmentation; name it drift_seg', 'save_pipeline').name).toBe('drift_seg');
    expect(said('make this a reusable pipeline: drift correction then segmentation; name it drift_seg')).not.toMatch(/no tool/);
  });

  it('runs "before all of that" first', () => {
    expect(tools('Segment and track, but before all of that register the frames.')).toEqual(['correct_drift', 'segment', 'track']);
  });

  it('reads a methods paragraph\'s passive as steps, but not what was done already', () => {
    expect(tools('The movie was first bleach-corrected (simple ratio) and subsequently segmented using Otsu.')).toEqual(['correct_bleach', 'segment']);
    expect(argsOf('The nuclei were segmented with Otsu.', 'segment').method).toBe('otsu');
    expect(tools('The nuclei are already segmented and tracked. Plot the tracks.')).not.toContain('correct_bleach');
  });

  it('exports each format of a list after the export, and keeps the steps said before the heading', () => {
    const p = plan('segment with li, track, then export everything: CSV, TrackMate and CTC');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track', 'export', 'export', 'export']);
    expect(p.steps[0].args.method).toBe('li');
    expect(p.steps.filter((s) => s.tool === 'export').map((s) => s.args.format)).toEqual(['csv', 'trackmate', 'ctc']);
  });

  it('makes the one input the words name ("the nuclear areas as a csv" are measurements)', () => {
    expect(tools('Hi Sam, could you please get me the nuclear areas for the movie from 24/11 as a csv by Friday? Thanks, Ursula')).toEqual(['segment', 'measure', 'export']);
  });

  it('reads a reviewer\'s point opening the request as a reference, no setting', () => {
    expect(tools('Reviewer 2, point 3: please show the MSD curves for the tracked cells.', [...labels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }])).toContain('measure');
    expect(tools('Reviewer 2, point 3: please show the MSD curves for the tracked cells.', [...labels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }])).not.toContain('kymograph');
  });
});

describe('emails, shorthand and labels of which data', () => {
  it('reads what comes attached as context, and "(2 channels)" as a count, no channel', () => {
    const p = plan('Dear Dr. Klein, attached is movie 3 (2 channels). Could you register it, segment nuclei in channel 2 and send me the track table? Best, Tom');
    expect(p.steps.map((s) => s.tool).slice(0, 2)).toEqual(['correct_drift', 'segment']);
    expect(p.steps[0].args.channel).toBeUndefined();
    expect(p.steps[1].args.channel).toBe(2);
  });

  it('reads "w/" and "w/o" as with and without, and a terse setting in the next sentence as the step before\'s', () => {
    expect(argsOf('track w/o gap closing', 'track').allowGapClosing).toBe(false);
    expect(argsOf('segment w/o watershed', 'segment').splitTouching).toBe(false);
    const p = plan('denoise with gaussian, sigma 2 px. then segment w/ otsu; min size 25 px. afterwards track, max gap 2 frames');
    expect(p.steps.map((s) => s.tool)).toEqual(['denoise', 'segment', 'track']);
    expect(p.steps[1].args).toMatchObject({ method: 'otsu', minAreaPx: 25 });
  });

  it('keeps a number that labels which data out of the settings ("plate 3"), and names no label as not applied', () => {
    expect(argsOf('the 12 movies from plate 3 need drift correction', 'correct_drift').maxDriftPx).toBeUndefined();
    expect(said('For the 2025-11-30 dataset (well C3, pos 7): drift correction, then max projection')).not.toMatch(/Not applied|no tool/);
  });

  it('saves a pipeline named after "as pipeline", after the exports', () => {
    const p = plan("segment and track, export the tracks to tracks.csv and the masks to masks.tif, then save everything as pipeline 'hela_v3'");
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track', 'export', 'export', 'save_pipeline']);
    expect(p.steps.at(-1)!.args.name).toBe('hela_v3');
  });

  it('reads a step named in a methods sentence beside a calibration in brackets, in pixels at that size', () => {
    const p = plan('Nuclei were tracked using a linear assignment approach with a maximum linking distance of 15 µm (pixel size 0.5 µm).');
    expect(p.steps.map((s) => s.tool)).toEqual(['set_calibration', 'segment', 'track']);
    expect(p.steps[2].args.maxLinkingDistancePx).toBe(30);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });

  it('gives a border rule in the next sentence to the segmentation a tracking needs, and never takes a rejected value', () => {
    expect(argsOf('track the nuclei; skip anything that touches the edge of the image', 'segment').excludeBorder).toBe(true);
    expect(said('track the nuclei; skip anything that touches the edge of the image')).not.toMatch(/Not run/);
    expect(argsOf('denoise the movie; no gaussian please', 'denoise').method).not.toBe('gaussian');
    expect(argsOf('denoise the movie, but not with a gaussian', 'denoise').method).not.toBe('gaussian');
  });
});

describe('abbreviations, lists of frames, pronouns and arrows', () => {
  it('reads "max." and "Dr." as abbreviations, no sentence ends', () => {
    const p = plan('Nuclei were tracked with LAP (max. linking distance 10 px, max. gap 2 frames).');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'track']);
    expect(p.steps[1].args).toMatchObject({ maxLinkingDistancePx: 10, maxFrameGap: 2 });
    expect(tools('Dear Dr. Klein, please track the nuclei.')).toEqual(['segment', 'track']);
  });

  it('names a list of single frames that no range takes', () => {
    expect(said("I'd like the nuclear area for frames 1, 10 and 20")).toMatch(/Not applied: "frames 1, 10 and 20"/);
  });

  it('exports what "them" points at: the table the step before made', () => {
    const p = plan('measure speeds, then export them to speeds.csv and plot a histogram');
    expect(p.steps.find((s) => s.tool === 'export')?.args.table).toBeDefined();
    expect(p.steps.find((s) => s.tool === 'export')?.args.tracks).toBeUndefined();
  });

  it('writes a TIFF after "masks ->" (of two tools that read "TIFF" alike, the one taking the masks)', () => {
    const p = plan('masks -> TIFF');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'export']);
    expect(p.steps[1].args.labels).toBeDefined();
    expect(plan('Tracks -> CSV + TrackMate; masks -> TIFF').steps.filter((s) => s.tool === 'export').map((s) => s.args.format)).toEqual(['csv', 'trackmate', 'tiff']);
  });

  it('reads when the movie was made ("the overnight movie") as no condition', () => {
    expect(said('run the usual drift + bleach correction on the overnight movie')).not.toMatch(/Not applied/);
  });
});

describe('passives joined to a step, and the data described in brackets', () => {
  it('joins "and tracked" to the step said before it, not to the greeting', () => {
    const request = 'Hi, the movie from Tuesday (20x, 3 channels, 100 frames) needs to be segmented in channel 3 and tracked. Thanks!';
    expect(tools(request)).toEqual(['segment', 'track']);
    expect(argsOf(request, 'segment').channel).toBe(3);
    expect(said(request)).not.toMatch(/Not applied/);
  });
});

