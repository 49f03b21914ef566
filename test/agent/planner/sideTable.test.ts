// What a table written in a format holds: right after a step whose table is a by-product (the drift table beside the
// corrected movie), with no other thing named, that table, and nothing measured for it (said in one line); a measured
// quantity named ("a csv of the areas") is measured first, never the tracks already open; the added steps said.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { loadAcquisitionWords, movie, plan } from './planOffline.ts';
import type { KnownArtifact } from '../../../src/agent/planner/conversation.ts';

beforeAll(loadAcquisitionWords);

/** Tools that make a movie from a movie with a table beside it, by their declarations. */
const sideTableMakers = ALL_TOOLS.filter((t) => t.produces?.[0] === 'movie' && t.produces.length === 2 && t.produces[1] === 'table' && t.consumes?.[0] === 'movie' && t.examples?.length);
const FORMATS = ['and export a csv', ', then save a CSV', 'and give me a spreadsheet', 'and write out a csv file', '; after that export as csv please'];
const sideCases = sideTableMakers.flatMap((t) => FORMATS.map((f) => ({ tool: t.name, request: `${t.examples![0].replace(/[.?!]$/, '')} ${f}`.replace(' ,', ',').replace(' ;', ';') })));

const tracked: KnownArtifact[] = [movie, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }];
const QUANTITIES: [string, RegExp][] = [['areas', /^objects$/], ['nuclear areas', /^objects$/], ['mean intensities', /^objects$/], ['speeds', /^(?:tracks|links)$/]];
const WRITTEN: ((q: string) => string)[] = [(q) => `csv of the ${q} please`, (q) => `export the ${q} to a spreadsheet`, (q) => `save the ${q} as a CSV`, (q) => `I need the ${q} in excel`];
const quantityCases = QUANTITIES.flatMap(([q, kind]) => WRITTEN.map((w) => ({ request: w(q), kind })));

describe('a table written after a step with a side table', () => {
  it('has makers from the declarations', () => expect(sideTableMakers.map((t) => t.name)).toEqual(expect.arrayContaining(['correct_drift', 'align_channels'])));

  it.each(sideCases.map((c) => [c.request, c]))('"%s" writes that table, nothing added', (_r, c) => {
    const p = plan(c.request);
    expect(p.steps.map((s) => s.tool), c.request).toEqual([c.tool, 'export']);
    expect(p.steps[1].args.table, c.request).toEqual({ $ref: 'table', mode: 'chain' });
    expect((p.notes ?? []).join(' '), c.request).toContain(`the table \`${c.tool}\` made beside its movie`);
  });

  it('measures what the words name instead, and says the steps it added', () => {
    const p = plan('correct the drift and export the areas as csv');
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift', 'segment', 'measure', 'export']);
    expect((p.notes ?? []).join(' ')).toMatch(/I added `segment` and `measure` first/);
  });

  it('writes the tracks when the words name them', () => {
    expect(plan('correct the drift and export the tracks as csv').steps.map((s) => s.tool)).toEqual(['correct_drift', 'segment', 'track', 'export']);
  });
});

describe('a quantity named for a table, with tracks open', () => {
  it.each(quantityCases.map((c) => [c.request, c]))('"%s" measures it and writes that table', (_r, c) => {
    const p = plan(c.request, tracked);
    const measure = p.steps.find((s) => s.tool === 'measure');
    expect(measure, c.request).toBeDefined();
    expect(String(measure!.args.kind ?? 'objects'), c.request).toMatch(c.kind);
    const exported = p.steps.find((s) => s.tool === 'export');
    expect(exported?.args.tracks, c.request).toBeUndefined();
    // (a csv said alone may be measure's own table, which is written as CSV)
    if (exported) expect(exported.args.table, c.request).toBeDefined();
    expect(p.steps.map((s) => s.tool), c.request).not.toContain('segment');
  });

  it('writes the tracks themselves when no quantity is named', () => {
    expect(plan('export the tracks as csv', tracked).steps.map((s) => s.tool)).toEqual(['export']);
  });
});
