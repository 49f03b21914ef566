// A generated family of requests that turn one step down and ask for another, with no comma between
// ("don't <one tool's example> just <another's>"): the negation's scope ends at the word of contrast.
// Built from the tools' own example requests (analysis tools that consume a movie), never eval sentences.
import { selfOf } from '../../../src/agent/planner/catalogue.ts';
import { catalogue } from './planOffline.ts';

export interface NegatedRequest { request: string; refused: string; wanted: string }

const NEGATIONS = ["don't", 'dont', 'do not', 'no need to'];
const CONTRASTS = ['just', 'instead', 'only', 'rather'];

/** Each analysis tool that reads the movie, with its first example that opens with a verb in lower case. */
function movieSteps(): { tool: string; example: string; consumes: string[]; produces: string[] }[] {
  return [...catalogue.keys()].flatMap((tool) => {
    const self = selfOf(tool, catalogue);
    if (self?.domain === 'microscope' || !(self?.consumes ?? []).includes('movie') || (self?.produces ?? []).length === 0) return [];
    const example = self?.examples?.find((e) => /^[a-z]+ (?:the|a|an|it|them|all|each|every|this)\b/.test(e) && !/[?,]/.test(e));
    return example ? [{ tool, example: example.replace(/[.!]+$/, ''), consumes: self?.consumes ?? [], produces: self?.produces ?? [] }] : [];
  });
}

/** Every ordered pair of those tools (the wanted one not reading the refused one's result), each with a negation and a contrast word of its own (fixed by position). */
export function negationFamily(): NegatedRequest[] {
  const steps = movieSteps();
  const out: NegatedRequest[] = [];
  steps.forEach((refused, i) => steps.forEach((wanted, j) => {
    // (a step that reads what the refused one makes cannot run without it: "don't segment, just track" asks the impossible)
    if (i === j || wanted.consumes.some((type) => type !== 'movie' && refused.produces.includes(type))) return;
    const k = i * steps.length + j;
    out.push({ request: `${NEGATIONS[k % NEGATIONS.length]} ${refused.example} ${CONTRASTS[Math.floor(k / NEGATIONS.length) % CONTRASTS.length]} ${wanted.example}`, refused: refused.tool, wanted: wanted.tool });
  }));
  return out;
}
