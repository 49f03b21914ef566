// Requests of brief R, stop 22 (issue 11): sentence ends and abbreviations, the object of a verb decides the scope,
// a result turned down is the switch that writes it, bullets are steps, a name given is the `name` argument, a shorthand
// at a sentence's end is a word, a kymograph is sized by the movie it is drawn on, and measure's own words.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { withAbbreviationStopsBlanked } from '../../../src/agent/planner/clauses.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const withTracks: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
const withTable: KnownArtifact[] = [...movieAndLabels, { id: 'table-1', type: 'table', producedBy: 'measure' }];

describe('full stops: a sentence ends at one before a capital or at the end', () => {
  it('reads a word that ends a sentence as a word, not as a shorthand of another tool\'s value ("... hier.")', () => {
    expect(toolsOf('segment nuclei with otsu method and then make tracking of them, gaps also allowed hier.')).toEqual(['segment', 'track']);
    // (with the rest of its phrase after the stop it is the shorthand)
    expect(argsOf('hier. clustering, average linkage, 6 clusters', 'embed', withTable)).toMatchObject({ cluster: 'hierarchical', linkage: 'average', k: 6 });
  });

  it('reads the number after an abbreviation\'s stop as that setting\'s ("max dist. 10 px")', () => {
    expect(withAbbreviationStopsBlanked('max dist. 10 px')).toBe('max dist  10 px');
    expect(withAbbreviationStopsBlanked('see Fig. The end.')).toBe('see Fig. The end.');
    expect(argsOf('track the nuclei, max dist. 10 px', 'track', movieAndLabels).maxLinkingDistancePx).toBe(10);
    expect(toolsOf('Segment the nuclei (see Fig. 2). Then track them.')).toEqual(['segment', 'track']);
  });
});

describe('the object of a verb decides whether a request is ours', () => {
  it('runs nothing for a thing from elsewhere, by the head of the object or its owner', () => {
    expect(toolsOf('plan next year\'s lab budget')).toEqual([]);
    expect(toolsOf('plot the Apple stock price over 2023')).toEqual([]);
    expect(toolsOf('sort my holiday photos')).toEqual([]);
  });

  it('still runs a methods sentence whose step is the subject of a passive', () => {
    expect(toolsOf('Tracking was performed in cellpilot and results were exported as TrackMate XML.', movieAndLabels)).toEqual(['track', 'export']);
  });
});

describe('measure\'s features, from its own words', () => {
  it('measures the perimeter and names solidity as not available', () => {
    expect(toolsOf('measure the perimeter and solidity', movieAndLabels)).toEqual(['measure']);
    expect(said('measure the perimeter and solidity', movieAndLabels)).toMatch(/Not applied: "solidity"/);
  });
});

describe('a result turned down', () => {
  it('turns off the switch that writes it and names the tool that ran, never load_movie', () => {
    const p = plan('correct the drift, no new movie');
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift']);
    expect(p.steps[0].args.writeMovie).toBe(false);
    const notes = (p.notes ?? []).join(' ');
    expect(notes).not.toMatch(/load_movie/);
    expect(notes).toMatch(/`correct_drift` writeMovie: false/);
  });

  it('keeps the step just asked when what it always makes is turned down, and names the words', () => {
    expect(toolsOf('segment the nuclei, no label image')).toEqual(['segment']);
    expect(said('segment the nuclei, no label image')).toMatch(/Not applied: "no label image"/);
  });
});

describe('bullets', () => {
  it('makes each "*" or "•" line a step, and sets no calibration that was not stated', () => {
    expect(toolsOf('* correct drift\n* max projection')).toEqual(['correct_drift', 'project']);
    expect(toolsOf('• subtract background\n• segment with li')).toEqual(['subtract_background', 'segment']);
    expect(toolsOf('* segment nuclei, radius 5 px\n* track them\n* plot the tracks')).toEqual(['segment', 'track', 'plot']);
  });
});

describe('words of a step\'s own arguments and values', () => {
  it('reads a value in lab shorthand ("prev frame")', () => {
    expect(argsOf('drift corr, ch2, prev frame', 'correct_drift')).toMatchObject({ channel: 2, reference: 'previous' });
  });

  it('keeps an argument word another tool shares to the tool whose own word is said ("the MSD up to lag 15")', () => {
    expect(toolsOf('calcualte the MSD up to lag 15', withTracks)).toEqual(['measure']);
    expect(argsOf('calcualte the MSD up to lag 15', 'measure', withTracks)).toMatchObject({ kind: 'msd', maxLagFrames: 15 });
  });

  it('reads a length said as the most per frame as the linking distance ("max 5 µm per frame"), a gap in frames not', () => {
    expect(argsOf('track them (max 5 µm per frame)', 'track', movieAndLabels).maxLinkingDistancePx).toBe(5);
    const gap = argsOf('track, max gap 2 frames', 'track', movieAndLabels);
    expect(gap.maxFrameGap).toBe(2);
    expect(gap.maxLinkingDistancePx).toBeUndefined();
  });

  it('prefers a value named in more words ("speeds per step": links)', () => {
    expect(argsOf('speeds per step', 'measure', withTracks).kind).toBe('links');
  });

  it('gives a name said with "call it" to the `name` argument, and reads it as no step', () => {
    const request = 'please train a Noise2Void model on this movie for 50 epochs and call it n2v-hela';
    expect(toolsOf(request)).toEqual(['train_n2v']);
    expect(argsOf(request, 'train_n2v')).toMatchObject({ epochs: 50, name: 'n2v-hela' });
  });

  it('reads a verb said again ("realign") as that verb', () => {
    expect(argsOf('realign the frames to the mean image so the cells stay centred', 'correct_drift').reference).toBe('mean');
  });

  it('writes the file asked for in "in format of X", without making the tracks again', () => {
    expect(toolsOf('give me the tracks in format of trackmate', withTracks)).toEqual(['export']);
  });
});

describe('a kymograph line said in words', () => {
  it('is placed on the movie it is drawn on (several frames), not on the latest projection', () => {
    const artifacts = [
      { id: 'movie-1', type: 'movie', frames: 20, width: 100, height: 60 },
      { id: 'movie-2', type: 'movie', producedBy: 'project', frames: 1, width: 200, height: 120 },
    ] as KnownArtifact[];
    expect(argsOf('kymograph along a horizontal line through the middle', 'kymograph', artifacts).points).toEqual([[0, 30], [99, 30]]);
  });
});

describe('a scope the microscope can take', () => {
  it('zooms on a cell of the position said', () => {
    const p = plan('zoom into cell 3 at position 2');
    expect(p.steps[0].args.changes).toEqual([{ kind: 'zoom', cell: 3, position: '2' }]);
  });
});
