// A range said for a setting that takes one value is named, and neither end is applied to it or to a setting of
// another step; a range a min/max pair shares is applied. Requests are built from every tool's own declarations:
// its first example and the words of each of its one-number settings' names.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { saidRanges } from '../../../src/agent/planner/rangesForOneValue.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

/** "maxLinkingDistancePx" → "max linking distance", its unit "px". */
function spoken(name: string): { words: string; unit: string } {
  const unit = /Px$/.test(name) ? 'px' : /Um$/.test(name) ? 'µm' : '';
  return { words: name.replace(/(?:Px|Um|S|Min)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase(), unit };
}

const JOINS = [(a: number, b: number, u: string) => `${a} to ${b}${u ? ` ${u}` : ''}`, (a: number, b: number, u: string) => `between ${a} and ${b}${u ? ` ${u}` : ''}`, (a: number, b: number, u: string) => `${a}-${b}${u}`];

const cases = ALL_TOOLS.filter((t) => t.examples?.length && t.domain !== 'microscope' && !t.role).flatMap((t) => {
  const props = catalogue.get(t.name)?.properties ?? {};
  const names = Object.keys(props);
  return names
    .filter((n) => (props[n].type === 'number' || props[n].type === 'integer') && !/^(?:min|max)[A-Z]/.test(n) && !['channel', 'frame', 'seed', 'cells'].includes(n))
    .filter((n) => { const p = props[n] as { minimum?: number; maximum?: number }; return (p.minimum ?? 0) <= 2 && (p.maximum ?? Infinity) >= 4; })
    // (frames and planes said with a range are which frames, z planes: a scope, read elsewhere)
    .filter((n) => !/(?:frames|^z)$/i.test(spoken(n).words))
    .map((n, k) => {
      const { words, unit } = spoken(n);
      const example = t.examples![0].replace(/[.?!]$/, '');
      return { tool: t.name, arg: n, request: `${example}, ${words} ${JOINS[k % JOINS.length](2, 4, unit)}` };
    });
});

describe('a range for a setting of one value', () => {
  it('has cases from the declarations', () => expect(cases.length).toBeGreaterThan(20));

  it.each(cases.map((c) => [c.request, c]))('"%s" applies neither end, to no step', (_r, c) => {
    const p = plan(c.request);
    for (const step of p.steps) for (const [k, v] of Object.entries(step.args)) if (!/^(?:min|max)[A-Z]/.test(k)) expect([2, 4], `${step.tool}.${k} in "${c.request}"`).not.toContain(v);
    const said = [...(p.notes ?? []), p.reply ?? ''].join(' ');
    // (the range named in a line of its own, or the request not run at all and said so)
    if (p.steps.some((s) => s.tool === c.tool)) expect(said, c.request).toMatch(/range|not applied|did not apply/i);
  });

  it('leaves a pair of settings its two ends', () => {
    const args = plan('segment the nuclei, keep areas between 40 and 900 px').steps.find((s) => s.tool === 'segment')?.args ?? {};
    expect([args.minAreaPx, args.maxAreaPx]).toEqual([40, 900]);
  });

  it('reads frames, channels and coordinates as no range of a setting', () => {
    for (const text of ['frames 5 to 20', 'channels 1 to 3', 'from (5, 6) to 9', 'time points 2-8']) expect(saidRanges(text), text).toEqual([]);
    expect(saidRanges('a radius of 5 to 8 px').map((r) => [r.low.value, r.high.value])).toEqual([[5, 8]]);
    expect(saidRanges('sigma between 1 and 2').map((r) => r.said)).toEqual(['between 1 and 2']);
  });
});
