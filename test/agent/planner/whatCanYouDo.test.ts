// "What can you do?" in any plain words is the help tool's usage answer, never a movie's facts; "what does this
// number mean?" after an answer explains the numbers the last step reported, from its tool's declared results
// (what each is, its unit), running nothing; "what is this movie?" with no answer before still describes the movie.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { valueUnit } from '../../../src/agent/valueUnits.ts';
import { catalogue, loadAcquisitionWords, movie, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('asking what cellpilot can do', () => {
  for (const request of ['what can you do?', 'what are you able to do', 'so what else can you do', 'what kind of things can you do?', 'what are your capabilities', 'what sort of things are you capable of?']) {
    it(`plans the help tool alone: ${request}`, () => expect(toolsOf(request)).toEqual(['help']));
  }
  it('still describes the open movie for "what is this movie?"', () => expect(toolsOf('what is this movie?')).toEqual(['movie_info']));
});

/** A past result of the tool with its declared example values. */
function resultOf(tool: (typeof ALL_TOOLS)[number]): PastResult {
  const values = Object.fromEntries(Object.entries(tool.results ?? {}).filter(([, r]) => typeof r.example === 'number').map(([k, r]) => [k, r.example!]));
  return { tool: tool.name, args: {}, ok: true, summary: '', values, artifacts: [] };
}

const reporters = ALL_TOOLS.filter((t) => Object.values(t.results ?? {}).some((r) => typeof r.example === 'number' && r.unit !== undefined) && t.domain !== 'microscope');
const ASKED = ['what is this value?', 'what does this number mean', 'what do those numbers stand for?', 'hm, what does that mean?'];

describe('asking what a value just reported means', () => {
  it('has tools that declare example values', () => expect(reporters.length).toBeGreaterThan(3));
  reporters.forEach((tool, k) => {
    const request = ASKED[k % ASKED.length];
    it(`explains ${tool.name}'s numbers with what they are and their units: ${request}`, () => {
      const earlier = [resultOf(tool)];
      const p = planRequest({ request, artifactsAtStart: [movie], earlier, current: [], earlierRequests: ['do it'] }, catalogue);
      expect(p.steps).toEqual([]);
      const reply = p.reply ?? '';
      for (const [key, value] of Object.entries(earlier[0].values)) {
        const declared = tool.results![key];
        if (!declared) continue;
        expect(reply, key).toContain(declared.about);
        const unit = valueUnit(tool, key, earlier[0].values);
        if (unit) expect(reply, key).toContain(unit);
        expect(reply, key).toContain(String(value).slice(0, 3));
      }
    });
  });
});
