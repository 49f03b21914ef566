// What no tool offers is named in one line (brief s51/C): a statistical test asked by name makes no step of a tool that
// runs none (untestedDifference.ts namedTests), a vector figure or array file no tool writes is named (fileKinds.ts), a
// condition said through a linking verb in a count ("how many of the cells are multinucleated?", unapplied.ts), and a file
// written for a program says it was written for it, not opened there (tools/track.ts formatForProgram). Plan-only.
import { beforeAll, describe, expect, it } from 'vitest';
import { namedTests } from '../../../src/agent/planner/untestedDifference.ts';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

const ARTIFACTS = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }] as never;
const tell = (request: string) => {
  const p = asSaid.plan(request, ARTIFACTS);
  return { tools: p.steps.map((s) => s.tool), said: [...(p.notes ?? []), p.reply ?? ''].join(' ') };
};

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a statistical test asked by name (untestedDifference.ts namedTests)', () => {
  it('reads the test\'s name before the noun "test", never "test" as a verb', () => {
    expect(namedTests('then a Kruskal-Wallis test across wells').map((t) => t.words)).toEqual(['Kruskal-Wallis test']);
    expect(namedTests('and an unpaired two-sided t-test').map((t) => t.words)).toEqual(['unpaired two-sided t-test']);
    expect(namedTests('Please test the tracking on frame 3')).toEqual([]);
  });
  it('makes no step of a tool that runs no test, and names the test beside the steps that ran', () => {
    const { tools, said } = tell('measure the area of each nucleus, then compare top vs bottom with a Kolmogorov-Smirnov test');
    expect(tools).toContain('measure');
    expect(tools).not.toContain('evaluate');
    expect(said).toMatch(/Kolmogorov-Smirnov test/);
  });
});

describe('file kinds no tool writes (fileKinds.ts)', () => {
  it('names a vector figure or an array file by the word said', () => {
    expect(tell('histogram of the nucleus areas, then save it as svg').said).toMatch(/"svg" — no tool here writes SVG/);
    expect(tell('save the label image as npz').said).toMatch(/"npz"/);
  });
});

describe('a condition said through a linking verb in a count (unapplied.ts)', () => {
  it('names "binucleated" of "how many of the cells are binucleated", never context outside a count', () => {
    // (the movie alone: the cells are found first, and the count of all of them is no count of the binucleated ones)
    const said = (r: string) => [...(asSaid.plan(r).notes ?? []), asSaid.plan(r).reply ?? ''].join(' ');
    expect(said('how many of the cells are binucleated?')).toMatch(/"binucleated"/);
    expect(said('the cells are confluent, count them please')).not.toMatch(/"confluent"/);
  });
});

describe('a file written for a program (tools/track.ts formatForProgram)', () => {
  it('says the file was written for the program, never that the program was opened', () => {
    expect(tell('open the masks in QuPath').said).toMatch(/as GeoJSON, which QuPath opens; I do not open QuPath myself/);
  });
});

describe('a kind of the things said after their noun, or by a marker\'s sign (constraints.ts statedKinds, qualifiedObjects)', () => {
  it('names "cells that are mCherry positive" and "the EdU+ nuclei", never a kind the step applies', () => {
    expect(tell('measure the intensity of cells that are mCherry positive').said).toMatch(/"cells that are mCherry positive"/);
    expect(tell('count the EdU+ nuclei').said).toMatch(/"EdU\+ nuclei"/);
    expect(tell('measure the area of cells that are in frame 3').said).not.toMatch(/cells that are/);
  });
});

describe('a method of the field named beside a word of ours is in scope (outOfScope.ts)', () => {
  it('tracks "with kalman and gap closing", naming kalman, never refusing the request', () => {
    const { tools, said } = tell('track with kalman and gap closing');
    expect(tools).toEqual(['track']);
    expect(said).toMatch(/"kalman"/);
  });
});

describe('a polite letter around the request (clauses.ts THANKS, unapplied.ts HEDGE)', () => {
  it('reads thanks for past help as no step, and "it would be great if" as how it is asked', () => {
    const p = asSaid.plan('dear Tom, thanks so much for your help yesterday. could you segment the nuclei? it would be great if you could use Omnipose. cheers, Ana');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    const said = [...(p.notes ?? []), p.reply ?? ''].join(' ');
    expect(said).toMatch(/Omnipose/);
    expect(said).not.toMatch(/"great"/);
  });
});
