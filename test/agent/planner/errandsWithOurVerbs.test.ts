// An errand whose verb is one of ours ("pick up the dry cleaning", "clean the bathroom", "sort the post") beside a step:
// what it acts on is nothing imaged and no tool's word, so it is named in one line as not something cellpilot does,
// and the step runs as it would alone. Steps are the tools' own first examples; how-to words ("keep the defaults")
// are no errand.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const ERRANDS = ['pick up the dry cleaning', 'clean the bathroom', 'sort out the laundry', 'check the parking meter', 'collect the kids from school', 'fix the leaky tap', 'clear the garden shed', 'count the raffle tickets'];
const INPUTS = new Set(['movie', 'labels', 'tracks', 'table']);
const stepsOf = (request: string) => plan(request).steps.map((s) => [s.tool, Object.fromEntries(Object.entries(s.args).filter(([k]) => !INPUTS.has(k)))]);
const notesOf = (request: string) => plan(request).notes ?? [];

const steps = ALL_TOOLS.filter((t) => t.examples?.length && !t.role && t.domain !== 'microscope' && (t.consumes ?? []).includes('movie') && !t.readsOnly).map((t) => t.examples![0].replace(/[.?!]$/, ''));

describe('an errand whose verb is a word of ours', () => {
  it('uses verbs the tools declare', () => {
    const words = new Set(ALL_TOOLS.flatMap((t) => [...(t.words ?? []), ...(t.examples ?? [])]).flatMap((w) => w.toLowerCase().split(/\W+/)));
    expect(ERRANDS.filter((e) => words.has(e.split(' ')[0])).length).toBeGreaterThanOrEqual(3);
  });

  const cases = steps.flatMap((step, k) => [ERRANDS[k % ERRANDS.length], ERRANDS[(k + 3) % ERRANDS.length]].map((errand, j) => ({ step, errand, request: j === 0 ? `${errand} and ${step}` : `${step}, then ${errand}` })));
  it.each(cases.map((c) => [c.request, c]))('"%s" names the errand and runs the step alone', (_r, c) => {
    expect(stepsOf(c.request)).toEqual(stepsOf(c.step));
    const lines = notesOf(c.request).filter((n) => n.includes(c.errand));
    expect(lines, c.request).toHaveLength(1);
    expect(lines[0]).toMatch(/not something cellpilot does|I have no tool to/);
  });

  it('reads how the work is to be done as no errand', () => {
    for (const request of ['segment the nuclei and keep the defaults', 'track the cells, stick with the usual settings', 'segment the nuclei, nothing fancy, then plot the areas']) {
      expect(notesOf(request).join(' '), request).not.toMatch(/not something cellpilot does/);
    }
  });
});
