// Stop 50 (helper E): three general causes of failing tuned cases, each plan-only.
// - a word under "no" ("no tracking needed") chooses no value of another step (measure read it as its kind "tracks");
// - a bound followed by the verb that leaves its things out ("tracks under 8 frames discarded") keeps the others;
// - a result held already, named under a verb none of its maker's ("analyse the tracks: ..."), is read, not made again.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';
import { withoutSaidNone } from '../../../src/agent/planner/enums.ts';
import { findChannel } from '../../../src/agent/planner/extract.ts';
import { leftOutSaidAfter } from '../../../tools/leftOutAfter.ts';
import { asSaid, catalogue, loadAcquisitionWords, movie, movieAndLabels } from './planOffline.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';

beforeAll(loadAcquisitionWords);

const withTracks: KnownArtifact[] = [...movieAndLabels, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];

describe('a word said under "no"', () => {
  it('is masked when it names a step; a value turned down and a comparison are kept', () => {
    expect(withoutSaidNone('measure the area, no tracking needed', catalogue)).not.toMatch(/tracking/);
    expect(withoutSaidNone('denoise the movie; no gaussian please', catalogue)).toMatch(/gaussian/);
    expect(withoutSaidNone('no more than 5 px', catalogue)).toBe('no more than 5 px');
  });
  for (const request of ['segment the nuclei and measure their area, no tracking', 'bleach-correct, then mean intensity per nucleus. no tracking needed.']) {
    it(`chooses no kind of measure: "${request}"`, () => {
      const kind = asSaid.argsOf(request, 'measure').kind;
      expect(kind === undefined || kind === 'objects').toBe(true);
      expect(asSaid.toolsOf(request)).not.toContain('track');
    });
  }
});

describe('a bound whose things are left out after it', () => {
  it('reads the bare participle and the modal', () => {
    expect(leftOutSaidAfter(' discarded')).toBe(true);
    expect(leftOutSaidAfter(' should be removed')).toBe(true);
    expect(leftOutSaidAfter(' long can be ignored')).toBe(true);
    expect(leftOutSaidAfter(' and remove the background')).toBe(false);
    expect(leftOutSaidAfter(' without gaps')).toBe(false);
  });
  it('keeps the long tracks: "tracks shorter than 10 frames were excluded"', () => {
    const args = asSaid.argsOf('Cells were tracked and tracks shorter than 10 frames were excluded.', 'filter_tracks', movieAndLabels);
    expect(args.minFrames).toBe(10);
    expect(args.maxFrames).toBeUndefined();
  });
  it('keeps the long tracks: "track the nuclei, tracks under 8 frames discarded"', () => {
    expect(asSaid.argsOf('track the nuclei, tracks under 8 frames discarded', 'filter_tracks', movieAndLabels).minFrames).toBe(8);
  });
  it('keeps the big objects: "segment the nuclei, anything smaller than 30 px discarded"', () => {
    const args = asSaid.argsOf('segment the nuclei, anything smaller than 30 px discarded', 'segment');
    expect(args.minAreaPx).toBe(30);
    expect(args.maxAreaPx).toBeUndefined();
  });
});

describe('a held result named for another step', () => {
  for (const [request, artifacts] of [['analyse the tracks: straightness and speed', withTracks], ['look at the masks and give me their areas', movieAndLabels]] as const) {
    it(`is not made again: "${request}"`, () => {
      expect(asSaid.toolsOf(request, [...artifacts])).toEqual(['measure']);
    });
  }
  it('is made again when said with its own verb or anew', () => {
    expect(asSaid.toolsOf('track the cells again and measure their speed', withTracks)).toContain('track');
    expect(asSaid.toolsOf('redo the tracks with a max distance of 10 px and give me their speeds', withTracks)).toContain('track');
  });
});

describe('a rerun said with a complaint', () => {
  const earlier = [{ tool: 'segment', args: { movie: 'movie-1', method: 'otsu' }, ok: true, summary: 'Found 5 objects per frame.', values: { objects: 30, method: 'otsu' }, artifacts: [{ id: 'labels-1', type: 'labels' }] }];
  const followUp = (request: string) => planRequest({ request: normalisedRequest(request, catalogue), artifactsAtStart: [movie], earlier, current: [], earlierRequests: ['segment the nuclei'] } as never, catalogue);
  for (const request of ['hmm, too many are merged. use Li instead', 'make again the segmentation but with a lower threshold']) {
    it(`runs the step again once: "${request}"`, () => {
      expect(followUp(request).steps.map((s) => s.tool)).toEqual(['rerun_step']);
    });
  }
  it('names what the merged words asked and could not apply', () => {
    expect((followUp('make again the segmentation but with a lower threshold').notes ?? []).join(' ')).toMatch(/lower threshold/);
  });
});

describe('a channel said with its number abbreviated or in words', () => {
  for (const [text, channel] of [['segment channel no. 2', 2], ['for the channel number two, segment', 2], ['ch nr 3 only', 3], ['channel #1', 1]] as const) {
    it(`"${text}" is channel ${channel}`, () => {
      expect(findChannel(text)).toBe(channel);
    });
  }
  it('"channels" or a word that is no number reads none', () => {
    expect(findChannel('segment each one of them')).toBeUndefined();
  });
});

describe('a pronoun clause in the step before\'s own words', () => {
  for (const request of ['the red and green channels are misaligned, there is a shift between them', 'the GFP and mCherry channels are offset by a few pixels, register them onto each other']) {
    it(`says that step again: "${request}"`, () => {
      expect(asSaid.toolsOf(request)).toEqual(['align_channels']);
    });
  }
  it('keeps a step said of another thing', () => {
    expect(asSaid.toolsOf('correct the chromatic shift, then register the frames')).toEqual(['align_channels', 'correct_drift']);
    expect(asSaid.toolsOf('segment the nuclei and track them')).toEqual(['segment', 'track']);
  });
});
