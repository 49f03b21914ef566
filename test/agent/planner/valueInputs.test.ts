// A format (an argument value) that reads only some of a tool's inputs reads one that fits, whatever the step before
// made: every pair of an export format and a step before it, built from the tools' own declarations (export's
// `readsByValue` and value words, each step's first example). When a step had to be added to make what fits, the answer
// names it.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { INPUT_TYPES } from '../../../src/agent/planner/catalogue.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const exporter = ALL_TOOLS.find((t) => t.readsByValue?.format)!;
const formats = Object.entries(exporter.readsByValue!.format);
/** The words a person uses for a format: its own value words, the first of them ("csv", "trackmate", "tiff"). */
const wordFor = (format: string) => exporter.valueWords?.format?.[format]?.[0] ?? format;
/** Steps that make something of their own from the movie: the first example of each analysis tool that reads one. */
const before = ALL_TOOLS.filter((t) => t.examples?.length && !t.role && t.domain !== 'microscope' && (t.consumes ?? [])[0] === 'movie' && (t.produces ?? []).length > 0 && !t.writesCopies && !t.readsOnly).map((t) => t.examples![0].replace(/[.?!]$/, ''));

const cases = formats.flatMap(([format, fits]) => before.map((step) => ({ request: `${step}, then export it as ${wordFor(format)}`, format, fits })));

describe('an export format reads what it can write', () => {
  it('has pairs from the declarations', () => expect(cases.length).toBeGreaterThan(20));

  it.each(cases.map((c) => [c.request, c]))('"%s"', (_r, c) => {
    const p = plan(c.request);
    const exported = p.steps.filter((s) => s.tool === exporter.name && s.args.format === c.format);
    if (exported.length === 0) return; // (the format not asked of export here: another reading, checked elsewhere)
    for (const step of exported) {
      const reads = INPUT_TYPES.filter((t) => step.args[t] !== undefined);
      expect(reads.length, c.request).toBeGreaterThan(0);
      for (const t of reads) expect(c.fits, `${c.request}: reads ${t}`).toContain(t);
    }
  });

  it('names the step it added to make what the format writes', () => {
    const p = plan('outline the nuclei and leave out the ones on the border, then give me a csv file');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'measure', 'export']);
    expect((p.notes ?? []).join(' ')).toMatch(/added `measure`/);
    expect(p.steps[0].args.excludeBorder).toBe(true);
  });

  it('adds nothing where what the step before made fits', () => {
    expect(plan('track the nuclei and then export a csv').steps.map((s) => s.tool)).toEqual(['segment', 'track', 'export']);
    expect(plan('segment the nuclei and write the masks as a tiff').steps.map((s) => s.tool)).toEqual(['segment', 'export']);
    expect((plan('track the nuclei and then export a csv').notes ?? []).join(' ')).not.toMatch(/added `/);
  });
});
