// A frame named as the reference ("line everything up on frame 7", "take the 3rd time point as the anchor") is applied
// to a step whose schema takes one, or named in one line as not applied with what the step used; never dropped in
// silence. The steps are every tool whose schema has a reference argument described in frames, asked in its own words.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { referenceFrameSaid } from '../../../src/agent/planner/referenceFrame.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const SAYINGS: [(frame: number) => string, string][] = [
  [(f) => `, lining everything up to frame ${f}`, 'to frame'],
  [(f) => ` against the ${f}${f === 1 ? 'st' : f === 2 ? 'nd' : f === 3 ? 'rd' : 'th'} frame`, 'ordinal'],
  [(f) => ` with time point ${f} as the reference`, 'as the reference'],
  [(f) => `; reference frame: ${f}`, 'reference frame'],
];

const takers = ALL_TOOLS.filter((t) => Object.entries(catalogue.get(t.name)?.properties ?? {}).some(([k, p]) => /reference/i.test(k) && !/channel/i.test(k) && /\bframes?\b/i.test(p.description ?? '')));

describe('a reference frame said', () => {
  it('reads the frame from each saying, and none from a range of frames', () => {
    for (const [say] of SAYINGS) expect(referenceFrameSaid(`register the movie${say(7)}`)?.frame).toBe(7);
    expect(referenceFrameSaid('correct the drift, then segment from frame 1 to frame 10')).toBeUndefined();
    expect(referenceFrameSaid('segment frames 2 to 5')).toBeUndefined();
  });

  it('has tools that take a reference', () => expect(takers.length).toBeGreaterThan(0));
  for (const tool of takers) {
    const request = tool.examples![0];
    for (const [say, name] of SAYINGS) {
      for (const frame of [1, 6]) {
        it(`${tool.name}, frame ${frame} said "${name}": applied or named`, () => {
          const p = plan(`${request}${say(frame)}`);
          const step = p.steps.find((s) => s.tool === tool.name);
          expect(step).toBeDefined();
          const ref = Object.entries(step!.args).find(([k]) => /reference/i.test(k) && !/channel/i.test(k));
          const applied = ref !== undefined && (ref[1] === frame || (frame === 1 && ref[1] === 'first'));
          const named = (p.notes ?? []).some((n) => n.startsWith('Not applied') && n.includes(`frame ${frame}`) && n.includes(tool.name));
          expect(applied || named, JSON.stringify(p)).toBe(true);
          expect(applied && named).toBe(false);
        });
      }
    }
  }
});
