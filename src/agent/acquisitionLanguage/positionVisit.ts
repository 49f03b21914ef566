// Going to one of the run's own positions ("go to position 2", "move to the second position", "jump to xy 3", "take
// me to the last position"): a stage move to a place the plan already names, never a change of the plan (the first
// position moved there) nor a drop. The position is said as the plan's language says it everywhere (positionNamed:
// a name, a number in the list, an ordinal, "the last"); its number is checked against the run's positions as the
// conversation tells them, and given as the plan's name for it where the plan named its positions.
import { positionNamed } from './adjustments.ts';
import { carries, toolCarrying } from './toolCommands.ts';
import { runStateOf } from './runState.ts';
import { findChannels } from './words.ts';
import type { MicroscopeConfig } from '../../microscope/config.ts';

interface Step {
  tool: string;
  args: Record<string, unknown>;
}

/** A verb of going with its "to": "go to", "move over to", "take me to", "jump straight to", "goto", "navigate to". */
const GOES_TO =
  /\b(?:goto|(?:go|move|jump|head|navigate|hop|skip over|drive|return|come|switch|travel)(?:\s+(?:the\s+)?(?:stage|scope|microscope))?|(?:take|bring|send|put)\s+(?:me|us|the\s+stage|the\s+scope|it))(?:\s+(?:over|back|straight|quickly|now|across))*\s+(?:to|towards|into|onto)\b|\bgoto\b|\bvisit\b/;

/** Words that change the plan or ask something else beside the move: then it is no plain visit (read elsewhere). */
const OTHER_BUSINESS =
  /\b(?:drop|skip(?!\s+over)|remove|delete|stop|only|just image|add|exposure|power|laser|interval|every|image|imaging|acquire|z[\s-]?stack|slices?|planes?|channels?|grid|tiles?|tiling|zoom|objective|rule|if|when|until|instead|from now|for the rest)\b|\d+(?:\.\d+)?\s*(?:µm|um|microns?|mm|ms|s|sec|min|h|%)\b|[xy]\s*[=:]/;

/** The next or previous position said alone, with courtesy and a "now" at most ("next position please", "previous field, thanks"). */
const STEP_ALONE =
  /^(?:(?:ok(?:ay)?|right|now|and|then|so|please|pls)[,\s]+)*(?:the\s+)?(?:next|following|previous|prior|preceding)\s+(?:(?:stage|xy|x-y|imaging)\s+)?(?:position|field(?: of view)?|site|point|location|spot|xy|fov)(?:[,\s]+(?:please|pls|now|thanks|thank you))*\s*[.!]*$/;

/**
 * The stage sent to a position of the run: move_stage with the position (the plan's name when the conversation tells
 * it), a position beyond the run's count said in one line with nothing moved, or undefined when the words are not a
 * plain visit or no plan is known from the conversation.
 */
export function positionVisit(t: string, earlier: Step[], config: MicroscopeConfig): { tool: string; args: Record<string, unknown>; sure: true } | { ask: string; command: true } | undefined {
  // ("next position please", "ok, previous field": the step said alone, with no verb, is a visit too)
  const alone = STEP_ALONE.test(t);
  if ((!GOES_TO.test(t) && !alone) || OTHER_BUSINESS.test(t.replace(GOES_TO, ' ')) || findChannels(t, config).length) return undefined;
  const start = [...earlier].reverse().find((s) => carries(s.tool, 'start'));
  if (!start) return undefined;
  const state = runStateOf(earlier, (s) => carries(s.tool, 'start'), (s) => carries(s.tool, 'change'));
  // ("the next position", "the previous field": from where the stage is, which only the microscope knows: the tool finds it)
  const step = /\b(next|following|previous|prior|preceding)\s+(?:(?:stage|xy|x-y|imaging)\s+)?(?:position|field(?: of view)?|site|point|location|spot|xy|fov)\b/.exec(t);
  if (step) return { tool: toolCarrying('move'), args: { position: /^(?:next|following)$/.test(step[1]) ? 'next' : 'previous' }, sure: true };
  let said: string | undefined;
  try {
    said = positionNamed(t, state);
  } catch {
    return undefined;
  }
  if (said === undefined) return undefined;
  const plan = (start.args.plan ?? {}) as { stagePositions?: { name?: string }[] };
  const names = (plan.stagePositions ?? []).map((p, i) => p.name ?? `Pos${i}`);
  // (the plan's names hold while no position was added or dropped since: then the Nth is the plan's Nth)
  const namesHold = names.length > 0 && names.length === state.positions;
  const count = state.positions ?? names.length;
  if (/^\d+$/.test(said)) {
    const n = Number(said);
    if (n < 1 || (count && n > count)) {
      return { ask: `This run has ${count} position${count === 1 ? '' : 's'}${namesHold ? ` (${names.join(', ')})` : ''}: there is no position ${n}, so the stage was not moved.`, command: true };
    }
    return { tool: toolCarrying('move'), args: { position: namesHold ? names[n - 1] : said }, sure: true };
  }
  // a name ("pos 3", "Pos1"): the plan's own when it has it, whatever its case
  const named = names.find((n) => n.toLowerCase() === said!.toLowerCase());
  return { tool: toolCarrying('move'), args: { position: named ?? said }, sure: true };
}
