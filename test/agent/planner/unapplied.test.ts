// How a request is asked ("if it's not too much trouble", "if you don't mind") is no action left undone: the steps run as
// they would without it, and no line says "I have no tool to if". Steps are the tools' own first examples.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { withoutHedges } from '../../../src/agent/planner/unapplied.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const HEDGES = ["if it's not too much trouble", "if you don't mind", 'if at all possible', 'if you get a chance', "if that's alright", 'if it is not a bother'];
const INPUTS = new Set(['movie', 'labels', 'tracks', 'table']);
const stepsOf = (request: string) => plan(request).steps.map((s) => [s.tool, Object.fromEntries(Object.entries(s.args).filter(([k]) => !INPUTS.has(k)))]);
const steps = ALL_TOOLS.filter((t) => t.examples?.length && !t.role && t.domain !== 'microscope' && (t.consumes ?? []).includes('movie') && !t.readsOnly).map((t) => t.examples![0].replace(/[.?!]$/, ''));

describe('a polite hedge around a request', () => {
  it('is blanked whole', () => {
    for (const h of HEDGES) expect(withoutHedges(h).trim(), h).toBe('');
  });

  const cases = steps.map((step, k) => {
    const hedge = HEDGES[k % HEDGES.length];
    return { step, request: k % 2 ? `${hedge}, ${step}` : `can you please, ${hedge}, ${step}` };
  });
  it.each(cases.map((c) => [c.request, c]))('"%s" runs as the step alone, nothing named', (_r, c) => {
    expect(stepsOf(c.request)).toEqual(stepsOf(c.step));
    expect((plan(c.request).notes ?? []).join(' ')).not.toMatch(/no tool to (?:if|it)\b/);
  });
});
