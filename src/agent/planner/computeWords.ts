// The computer a step runs on and how it runs: "segment the cells on GPU (gpu=True)", "in parallel on 8 cores", "submit it
// to our SLURM cluster", "it takes forever on my laptop CPU". These are words of image analysis (a request that says them is
// no request from elsewhere), and no tool has a setting for them: the steps run here as they always do, and the answer says
// so in one line, never in silence.
import { COMPUTE_WORDS } from './lexicon.ts';

/** Each compute word's pattern: as written in any case, a space or hyphen between its words, as a whole word ("gpu=True" holds "gpu"). */
const PATTERN = new RegExp(`(?<![\\p{L}\\d])(?:${COMPUTE_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]*')).join('|')})(?![\\p{L}])`, 'giu');

/** Whether one word is a compute word ("gpu", "laptop", "cores"). */
export function isComputeWord(word: string): boolean {
  return new RegExp(`^(?:${PATTERN.source})$`, 'iu').test(word);
}

/** The compute words a request says, as written, once each ("GPU", "laptop", "CPU"). */
export function computeWordsSaid(request: string): string[] {
  const out: string[] = [];
  for (const m of request.matchAll(PATTERN)) if (!out.some((w) => w.toLowerCase() === m[0].toLowerCase())) out.push(m[0]);
  return out;
}

/** One line naming the compute words said that no note says yet, or undefined. */
export function computeLine(request: string, said: string): string | undefined {
  const missed = computeWordsSaid(request).filter((w) => !new RegExp(`(?<![\\p{L}\\d])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'iu').test(said));
  if (!missed.length) return undefined;
  return `I did not apply ${missed.map((w) => `"${w}"`).join(', ')}: no tool here has a setting for the hardware or the parallel running of a step; the steps ran as they always do on this machine.`;
}
