// With nothing running, the stage and objective changes of one request are one move of the stage tool ("switch to the
// 40x and focus down 2 um": the objective and the focus move in one call, each value as said), never a change of an
// acquisition that is not there. Two moves of one axis, or of the stage both by and to, are not joined (undefined).
import type { Adjustment } from '../../microscope/adjustment.ts';

type Move = Extract<Adjustment, { kind: 'moveStage' }>;

/** The one stage-tool call for changes that only move the stage and/or swap the objective, or undefined. */
export function idleStageMove(changes: Adjustment[]): Record<string, unknown> | undefined {
  if (changes.length < 2 || !changes.every((c) => c.kind === 'moveStage' || c.kind === 'objective')) return undefined;
  const moves = changes.filter((c): c is Move => c.kind === 'moveStage');
  const objectives = changes.filter((c) => c.kind === 'objective');
  if (objectives.length > 1 || moves.some((m) => m.position !== undefined)) return undefined;
  if (new Set(moves.map((m) => m.relative ?? false)).size > 1) return undefined;
  const args: Record<string, unknown> = {};
  for (const m of moves) {
    for (const axis of ['xUm', 'yUm', 'zUm'] as const) {
      if (m[axis] === undefined) continue;
      if (args[axis] !== undefined) return undefined;
      args[axis] = m[axis];
    }
  }
  if (moves.length) args.relative = moves[0].relative ?? false;
  const objective = objectives[0];
  if (objective?.kind === 'objective') args.objective = objective.objective;
  return args;
}
