// Stop 50 (helper F): microscope leftovers, each by its general cause, plan-only (no movie read, no run).
// - an end said as a part of a day with no hour is asked, never read as another tool's number;
// - the light dose of one channel named by its laser line or its exposure is the microscope's ledger;
// - "each", "every", "per" that share pictures out among channels are no rate; "two pictures" of two channels are two snaps;
// - a focus move with its direction before the distance, joined by any small word ("more up of 1.5 µm");
// - a how-to question followed by "do it for me" is the thing itself, asked as a command.
import { beforeAll, describe, expect, it } from 'vitest';
import { dayPartEndQuestion } from '../../../src/agent/acquisitionLanguage/clockTimes.ts';
import { picturesOfEachChannel, withoutSharedOut } from '../../../src/agent/acquisitionLanguage/snapEach.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { DEMO_CONFIG } from '../../../src/microscope/config.ts';
import { withHowToDoneAsCommand } from '../../../src/agent/planner/howToThenDoIt.ts';
import { asksHowToUse } from '../../../src/agent/planner/helpPlea.ts';
import { loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const routed = (s: string) => routeMicroscopeRequest(s, {}) as Record<string, unknown> | undefined;

describe('an end at a part of a day with no hour', () => {
  it('is asked, naming the words, and nothing is started', () => {
    for (const s of ['GFP every 10 min until tomorrow morning', 'image every 5 min till the end of the day', 'record brightfield every minute until lunchtime']) {
      const r = routed(s);
      expect(r?.tool, s).toBeUndefined();
      expect(String(r?.ask), s).toMatch(/no hour/);
    }
  });
  it('leaves an hour said with it, and no end at all, alone', () => {
    expect(dayPartEndQuestion('image GFP until tomorrow morning at 9')).toBeUndefined();
    expect(dayPartEndQuestion('image GFP until 9 tomorrow morning')).toBeUndefined();
    expect(dayPartEndQuestion('segment the nuclei this morning')).toBeUndefined();
    expect(dayPartEndQuestion('track the cells until tonight')).toBeUndefined();
    expect(dayPartEndQuestion('keep going until tonight', true)).toMatch(/tonight/);
  });
});

describe('the dose of one channel named by its laser line', () => {
  for (const s of ['how much 488 light did they get', 'how much 561 exposure have the cells had so far?', 'dose of 488 at position 3?']) {
    it(`is the dose report, sure: "${s}"`, () => {
      const r = routed(s);
      expect(r?.tool).toBe('dose_report');
      expect(r?.sure).toBe(true);
    });
  }
});

describe('pictures shared out among channels', () => {
  it('takes out "each", "every", "per" of channels, keeps a rate', () => {
    expect(withoutSharedOut('take one image each of dapi and gfp')).not.toMatch(/\beach\b/);
    expect(withoutSharedOut('a frame for every channel')).not.toMatch(/\bevery\b/);
    expect(withoutSharedOut('gfp every 5 min')).toMatch(/every 5 min/);
    expect(withoutSharedOut('one image each hour')).toMatch(/each hour/);
    expect(withoutSharedOut('a brightfield image each time')).toMatch(/each time/);
  });
  it('counts pictures as the channels named', () => {
    expect(picturesOfEachChannel('take two pictures, first dapi then gfp', DEMO_CONFIG)).toBe(true);
    expect(picturesOfEachChannel('take two pictures of gfp', DEMO_CONFIG)).toBe(false);
  });
  it('snaps each channel with its own exposure', () => {
    for (const s of ['take one image each of DAPI 50 ms and GFP 300 ms', 'take two pictures, first DAPI with 50 ms then GFP with 300 ms']) {
      const r = routed(s) as { tool?: string; args?: Record<string, unknown>; then?: { args: Record<string, unknown> }[] };
      expect(r?.tool, s).toBe('snap');
      expect(r.args).toMatchObject({ channel: 'DAPI', exposureMs: 50 });
      expect(r.then?.[0]?.args).toMatchObject({ channel: 'FITC', exposureMs: 300 });
    }
  });
});

describe('a focus move with its direction before the distance', () => {
  for (const [s, z] of [['please make the focus more up of 1.5 micrometer', 1.5], ['make focus more down of 2 um please', -2], ['raise z of 4 microns', 4], ['move the objective down of 2 um', -2]] as const) {
    it(`moves z ${z}: "${s}"`, () => expect(routed(s)).toMatchObject({ tool: 'move_stage', args: { zUm: z, relative: true } }));
  }
});

describe('a how-to question followed by "do it"', () => {
  it('is the thing itself', () => {
    expect(withHowToDoneAsCommand('how do I take a single picture in GFP? can you do it for me')).toBe('take a single picture in GFP');
    expect(withHowToDoneAsCommand("what's the way to focus up 2 microns? just do it for me pls")).toBe('focus up 2 microns');
  });
  it('leaves a question alone, and a question with other words after it', () => {
    expect(withHowToDoneAsCommand('how do I correct bleaching?')).toBe('how do I correct bleaching?');
    expect(withHowToDoneAsCommand('how do I snap GFP? and what exposure?')).toBe('how do I snap GFP? and what exposure?');
  });
  it('"do it" is no plea for help of its own', () => {
    expect(asksHowToUse('can you do it for me')).toBe(false);
    expect(asksHowToUse('what can you do')).toBe(true);
  });
});
