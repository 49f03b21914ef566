// The stage sent back to where it was before this conversation moved it ("go back to where we started", "return the
// stage to its starting point"): the stage moves of the conversation undone at once, as one relative move. Where one of
// them went to coordinates, the start is not known from the words, so it is asked, never guessed.
import { carries } from './toolCommands.ts';

/** A step seen earlier: its tool and arguments. */
interface Step {
  tool: string;
  args: Record<string, unknown>;
}

/** Words that send the stage back to its start. */
const BACK_TO_START = /\b(?:go|move|take|bring|send|get|head|return|put)\b(?:\s+(?:it|me|us|the stage))?\s+(?:back\s+)?to\s+(?:(?:where|the (?:place|spot|point|position) where)\s+(?:we|i|it|you)\s+(?:started|began|were at first|was at first|first were|first was)|(?:the|its|our)\s+(?:start(?:ing)?|original|initial|first)\s+(?:point|position|spot|place|location))\b|\b(?:go|move|head)\s+back\s+to\s+the\s+(?:start|beginning)\b/;

/** The stage moves a step made, relative, or undefined when it moved to coordinates (the start is then unknown). */
function movesOf(step: Step): { x: number; y: number; z: number }[] | undefined {
  const one = (m: Record<string, unknown>) => ({ x: Number(m.xUm ?? 0), y: Number(m.yUm ?? 0), z: Number(m.zUm ?? 0), relative: m.relative === true });
  const moves: ReturnType<typeof one>[] = [];
  if (carries(step.tool, 'move') && ['xUm', 'yUm', 'zUm'].some((k) => typeof step.args[k] === 'number')) moves.push(one(step.args));
  if (carries(step.tool, 'change') && Array.isArray(step.args.changes)) for (const c of step.args.changes as Record<string, unknown>[]) if (c.kind === 'moveStage') moves.push(one(c));
  return moves.some((m) => !m.relative) ? undefined : moves;
}

/**
 * The move back to the start for the words, or a question when the start is not known; undefined when the words do not
 * say it. `earlier`: the steps of the conversation, oldest first.
 */
export function backToStart(t: string, earlier: Step[]): { xUm: number; yUm: number; zUm: number } | { ask: string } | undefined {
  if (!BACK_TO_START.test(t)) return undefined;
  let x = 0, y = 0, z = 0, moved = false;
  for (const step of earlier) {
    const moves = movesOf(step);
    if (!moves) return { ask: 'The stage went to coordinates in this conversation, so I do not know where it started and did not move it: give the place in µm, e.g. "move to (1000, 2000)".' };
    for (const m of moves) {
      x += m.x; y += m.y; z += m.z;
      moved = true;
    }
  }
  if (!moved) return { ask: 'The stage has not moved in this conversation, so it is where it started; nothing was moved.' };
  const back = (v: number) => Math.round(-v * 1e6) / 1e6 + 0;
  return { xUm: back(x), yUm: back(y), zUm: back(z) };
}
