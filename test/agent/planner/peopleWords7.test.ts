// Requests in people's own words (brief R, stop 15): a yes/no setting said after the last step
// for a step asked earlier ("excluding those cut off at the border", "don't split nuclei that
// touch"), exclusions said with "except" / "apart from", frame scopes in number words and "up to
// frame N", lab shorthand for settings ("r=6px", "s=2.5", "minArea=25"), "but before you do that",
// and the planner's memory of texts it already read (same plan, every caller its own copy).
import { beforeAll, describe, expect, it } from 'vitest';
import { findFrames, rangeAsDigits } from '../../../src/agent/planner/extract.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { withShorthandNames } from '../../../src/agent/planner/quantities.ts';
import { tokenize } from '../../../src/agent/planner/words.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const steps = (request: string) => plan(request).steps.map((s) => ({ tool: s.tool, args: s.args }));
const notes = (request: string) => (plan(request).notes ?? []).join(' ');

describe('a switch of a step asked earlier in the sentence', () => {
  it('"..., excluding those cut off at the border of the image" after "segment and track" sets segment\'s border rule and names nothing as not applied', () => {
    const request = 'segment and track the nuclei, excluding those cut off at the border of the image';
    const s = steps(request);
    expect(s.map((x) => x.tool)).toEqual(['segment', 'track']);
    expect(s[0].args.excludeBorder).toBe(true);
    expect(notes(request)).not.toMatch(/Not applied/);
  });

  it('"don\'t split nuclei that touch" after "segment and track" turns off segment\'s splitting, not the tracker\'s divisions', () => {
    for (const request of ['segment and track the nuclei, and don\'t split nuclei that touch', 'segment and track the nuclei, don\'t split touching nuclei']) {
      const s = steps(request);
      expect(s.map((x) => x.tool), request).toEqual(['segment', 'track']);
      expect(s[0].args.splitTouching, request).toBe(false);
      expect(s[1].args.allowSplitting, request).not.toBe(false);
    }
  });

  it('still reads the tracker\'s own switch when it is named ("but don\'t allow divisions")', () => {
    expect(steps('track the nuclei but don\'t allow divisions').find((x) => x.tool === 'track')?.args.allowSplitting).toBe(false);
  });

  it('a clause that opens with another step\'s verb stays that step ("... and save the aligned stack as a tiff")', () => {
    expect(steps('correct the drift and save the aligned stack as a tiff').map((x) => x.tool)).toEqual(['correct_drift', 'export']);
  });

  it('"except the ones touching the border", "apart from those at the edges" exclude border objects', () => {
    expect(steps('label all nuclei except the ones touching the image border')[0].args.excludeBorder).toBe(true);
    expect(steps('segment every nucleus apart from those at the edges of the field')[0].args.excludeBorder).toBe(true);
  });
});

describe('frames in number words and open ranges', () => {
  it('reads number words beside frame words as numbers', () => {
    expect(findFrames('segment frame seven only')).toEqual({ first: 7, last: 7 });
    expect(findFrames('max projection from frame three through frame nine')).toEqual({ first: 3, last: 9 });
    expect(findFrames('segment frames five to twelve')).toEqual({ first: 5, last: 12 });
    expect(findFrames('denoise the first twenty frames')).toEqual({ first: 1, last: 20 });
    // ("a frame" stays a word)
    expect(rangeAsDigits('take a frame')).toBe('take a frame');
  });

  it('"up to frame 15", "until timepoint 20" start at the first frame', () => {
    expect(findFrames('denoise everything up to frame 15')).toEqual({ first: 1, last: 15 });
    expect(findFrames('segment until timepoint 20')).toEqual({ first: 1, last: 20 });
  });

  it('names no number word as an unknown method', () => {
    expect(notes('segment frames five to twelve')).not.toMatch(/twelve/);
    expect(notes('max projection from frame three through frame nine')).not.toMatch(/nine/);
  });
});

describe('lab shorthand for settings', () => {
  it('spells out r=, s=, d= and CamelCase names that are no argument\'s own', () => {
    expect(withShorthandNames('segment, r=6px')).toBe('segment, radius 6px');
    expect(withShorthandNames('blur s = 2.5')).toBe('blur sigma 2.5');
    expect(withShorthandNames('minArea=25 maxArea=500')).toBe('min area 25 max area 500');
    expect(withShorthandNames('minAreaPx=30', new Set(['minAreaPx']))).toBe('minAreaPx=30');
    // ("frames=5", a word, and "s" inside a word stay)
    expect(withShorthandNames('bursts=3 and 5 s')).toBe('bursts=3 and 5 s');
  });

  it('gives the values to the arguments', () => {
    expect(steps('segment nuclei, r=6px')[0].args.objectRadiusPx).toBe(6);
    expect(steps('gaussian denoise s=2.5')[0].args).toMatchObject({ method: 'gaussian', sigmaPx: 2.5 });
    expect(steps('segment minArea=25 maxArea=500')[0].args).toMatchObject({ minAreaPx: 25, maxAreaPx: 500 });
  });
});

describe('order', () => {
  it('"but before you do that, register the frames" runs the registration first', () => {
    expect(steps('track the nuclei, but before you do that, register the frames').map((x) => x.tool)).toEqual(['correct_drift', 'segment', 'track']);
  });

  it('a numbered protocol, "1) ... 2) ... 3) ...", is one step per number, in that order', () => {
    const s = steps('1) drift correction 2) bleach correction (exponential) 3) segmentation 4) tracking');
    expect(s.map((x) => x.tool)).toEqual(['correct_drift', 'correct_bleach', 'segment', 'track']);
    expect(s[1].args.method).toBe('exponential');
    // (a number in brackets that starts no list stays: "(channel 2)")
    expect(steps('segment the nuclei (channel 2) and track them')[0].args.channel).toBe(2);
  });

  it('"SD projection" is the standard deviation projection', () => {
    expect(steps('SD projection')[0].args.method).toBe('std');
  });
});

describe('what the planner keeps of texts it read', () => {
  it('shares tokens readonly (frozen under the tests) and gives every caller its own matches: changing them changes no later reading', () => {
    const first = tokenize('segment the nuclei');
    expect(() => {
      (first[0] as { stem: string }).stem = 'changed';
    }).toThrow(TypeError);
    expect(() => (first as unknown as unknown[]).push('changed')).toThrow(TypeError);
    expect(tokenize('segment the nuclei')[0].stem).not.toBe('changed');
    expect(tokenize('segment the nuclei')).toHaveLength(2);
    const index = indexFor(catalogue);
    const m = index.match('segment the nuclei');
    m[0].matched.push('changed');
    m[0].tool = 'changed';
    expect(index.match('segment the nuclei')[0].tool).toBe('segment');
    expect(index.match('segment the nuclei')[0].matched).not.toContain('changed');
  });

  it('plans a request the same the second time', () => {
    const request = 'correct the drift, then segment the nuclei with Li, min area 30 px, and track them';
    expect(JSON.stringify(plan(request))).toBe(JSON.stringify(plan(request)));
  });
});
