// An errand from outside microscopy joined to a step of ours is named in one line as not something cellpilot does (or
// as an action no tool does, "I have no tool to pay ..."); the
// step runs exactly as it would alone (same tools, same settings, none of the errand's words taken as an option), and a
// request that is only an errand runs nothing. The steps are the tools' own declared examples.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const ERRANDS = ['order a birthday cake', 'book a table at the Thai place', 'pay the gas bill', 'renew my gym membership'];
const JOINS: [string, 'before' | 'after'][] = [[' and then ', 'before'], [', then ', 'before'], [', and after that ', 'after']];
const INPUTS = new Set(['movie', 'labels', 'tracks', 'table']);

/** The steps and their settings (inputs left out), to compare a request with the same request alone. */
const stepsOf = (request: string) => plan(request).steps.map((s) => [s.tool, Object.fromEntries(Object.entries(s.args).filter(([k]) => !INPUTS.has(k)))]);
const saidOf = (request: string) => { const p = plan(request); return [...(p.notes ?? []), p.reply ?? ''].join(' '); };

const steps = ALL_TOOLS.filter((t) => t.examples?.length && !t.role && t.domain !== 'microscope' && (t.consumes ?? []).includes('movie')).map((t) => t.examples![0].replace(/[.?!]$/, '')).slice(0, 4);

describe('an errand from elsewhere beside a step of ours', () => {
  steps.forEach((step, k) => {
    const errand = ERRANDS[k % ERRANDS.length];
    const [join, where] = JOINS[k % JOINS.length];
    const request = where === 'before' ? `${errand}${join}${step}` : `${step}${join}${errand}`;
    it(`runs only what "${step}" runs and names "${errand}" as not done`, () => {
      expect(stepsOf(request)).toEqual(stepsOf(step));
      // (in our words, or as an action no tool does, when the request's own reading named it so already)
      const lines = (plan(request).notes ?? []).filter((n) => n.includes(errand));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/not something cellpilot does|I have no tool to/);
      expect(saidOf(step)).not.toMatch(/not something cellpilot does/);
    });
  });

  it('runs nothing for an errand alone', () => {
    for (const errand of ERRANDS) expect(plan(errand).steps, errand).toEqual([]);
  });

  it('reads words of purpose and thanks as no errand', () => {
    for (const request of ['segment the nuclei, thank you so much', 'track the cells for my committee meeting', 'correct the drift and then segment, nothing fancy']) {
      expect(saidOf(request), request).not.toMatch(/not something cellpilot does/);
      expect(plan(request).steps.length, request).toBeGreaterThan(0);
    }
  });
});
