// Errands joined to a step of ours (brief s26/C, class 3): "walk the dog, then track the cells". Everyday errands in words
// of our own (none from an eval file), before and after each analysis tool's own verb phrase: the errand is named as
// outside what cellpilot does (never "I have no tool to walk"), and the step runs as if asked alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { verbFor } from '../../../src/agent/planner/answers.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

const ERRANDS = ['walk the dog', 'feed the cat', 'water the plants', 'email my landlord', 'buy some bread', 'wash the car', 'call the plumber', 'book a table for dinner'];
const STEPS = ['segment', 'track', 'denoise', 'correct_drift', 'project', 'subtract_background'];
/** Actions on what is imaged that we lack: named as not done by us, never as errands from elsewhere. */
const OURS_LACKING = ['rotate the movie', 'crop the top left corner', 'invert the image', 'mirror the frames'];

type Verdict = 'right' | 'noTool' | 'silent' | 'stepLost';

export function errandFamily(): { counts: Record<Verdict, number>; misses: string[] } {
  const counts: Record<Verdict, number> = { right: 0, noTool: 0, silent: 0, stepLost: 0 };
  const misses: string[] = [];
  for (const tool of STEPS) {
    const verb = verbFor(tool, catalogue);
    const alone = plan(verb).steps.map((s) => s.tool);
    for (const errand of ERRANDS) {
      for (const request of [`${errand}, then ${verb}`, `${verb} and then ${errand}`]) {
        const p = plan(request);
        const said = [...(p.notes ?? []), p.reply ?? ''].join(' ');
        const v: Verdict = JSON.stringify(p.steps.map((s) => s.tool)) !== JSON.stringify(alone) ? 'stepLost' : said.includes(`"${errand}"`) && /not something cellpilot does/.test(said) ? 'right' : /no tool to/.test(said) ? 'noTool' : 'silent';
        counts[v]++;
        if (v !== 'right') misses.push(`"${request}" → ${v}: ${p.steps.map((s) => s.tool).join(', ')} ${said}`);
      }
    }
  }
  return { counts, misses };
}

describe('errands joined to a step (brief s26/C)', () => {
  beforeAll(async () => {
    await loadAcquisitionWords();
  });

  it('names every everyday errand as outside what cellpilot does, and runs the step as if asked alone', () => {
    const { counts, misses } = errandFamily();
    console.log('errands by verdict', JSON.stringify(counts));
    expect(misses, misses.join('\n')).toEqual([]);
  });

  it('keeps an action we lack on the movie as one we have no tool for, not an errand', () => {
    for (const action of OURS_LACKING) {
      const p = plan(`${action}, then segment the nuclei`);
      const said = [...(p.notes ?? []), p.reply ?? ''].join(' ');
      expect(said, action).not.toMatch(/not something cellpilot does/);
      expect(p.steps.map((s) => s.tool)).toContain('segment');
    }
  });
});
