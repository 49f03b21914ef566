// "only the dividing cells" after a step that cannot pick out a kind of cell is named as not applied, even where a step
// added to feed it sets a setting of the same word at its default (tracking detects divisions anyway: that restricts
// nothing). Steps are the first examples of the tools that read results (tables, tracks); the kinds are plain words.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const KINDS = ['dividing', 'round', 'elongated', 'dim'];
const steps = ALL_TOOLS.filter((t) => t.examples?.length && !t.role && t.domain !== 'microscope' && ['table', 'tracks'].includes((t.consumes ?? [])[0]) && !t.writesCopies).map((t) => t.examples![0].replace(/[.?!]$/, ''));

describe('a kind of cell picked out that no step can pick', () => {
  const cases = steps.flatMap((step, k) => [KINDS[k % KINDS.length], KINDS[(k + 1) % KINDS.length]].map((kind) => ({ request: `${step}, but only for the ${kind} cells`, phrase: `only for the ${kind} cells` })));
  it('has cases from the declarations', () => expect(cases.length).toBeGreaterThan(4));

  it.each(cases.map((c) => [c.request, c]))('"%s" names the subset', (_r, c) => {
    const p = plan(c.request);
    if (p.steps.length === 0) return expect(p.reply ?? '').not.toBe('');
    expect([...(p.notes ?? []), p.reply ?? ''].join(' '), c.request).toMatch(/only (?:for )?the \w+ cells/);
  });

  it('names "only the dividing cells" of a plot whose tracking was added', () => {
    const p = plan('plot the speed of only the dividing cells');
    expect(p.steps.map((s) => s.tool)).toContain('track');
    expect((p.notes ?? []).join(' ')).toMatch(/Not applied: "only the dividing cells"/);
  });
});
