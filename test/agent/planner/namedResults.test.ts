// A clause that asks for a kind of result by its noun ("..., then give me a table", "and make a plot") runs a step that
// makes it, after any step of ours; it was dropped as a weak step when its other words were ones many tools share.
// Steps before are the tools' own first examples; the types are the artifact types' nouns.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { namesWhatItMakes } from '../../../src/agent/planner/namedResults.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const ASKS = [
  { type: 'table', words: ['then make a table of the results', 'and give me a table', 'and produce a table of their areas'] },
  { type: 'plot', words: ['then give me a plot of the areas', 'and make a graph of their areas'] },
];
const makers = (type: string) => ALL_TOOLS.filter((t) => (t.produces ?? []).includes(type as never)).map((t) => t.name);
const steps = ALL_TOOLS.filter((t) => t.examples?.length && !t.role && t.domain !== 'microscope' && ['movie', 'labels'].includes((t.consumes ?? [])[0] as string) && ['labels', 'tracks'].includes((t.produces ?? [])[0] as string)).map((t) => t.examples![0].replace(/[.?!]$/, ''));

describe('a result asked for by its noun', () => {
  it('reads the nouns of what a tool makes first', () => {
    const measurer = ALL_TOOLS.find((t) => t.makes?.includes('table'))!.name;
    expect(namesWhatItMakes(measurer, 'then make a table of their areas', catalogue)).toBe(true);
    expect(namesWhatItMakes(measurer, 'then look at their areas', catalogue)).toBe(false);
  });

  const cases = steps.flatMap((step) => ASKS.flatMap((a) => a.words.map((w) => ({ request: `${step}, ${w}`, type: a.type }))));
  it.each(cases.map((c) => [c.request, c]))('"%s" makes it', (_r, c) => {
    const tools = plan(c.request).steps.map((s) => s.tool);
    expect(tools.some((t) => makers(c.type).includes(t)), `${c.request}: ${tools.join(' -> ')}`).toBe(true);
  });
});
