// "segment the nuclei with Li and tell me how many there are in frame 5": the step that found the objects ran on that
// frame alone, so the objects it found over all its frames are the count in that frame. Said so, with the step; before,
// the answer was the step's account alone (its count per frame is no value a plan-only run or a summary holds).
import { findTool } from '../allTools.ts';
import type { PastResult } from './conversation.ts';
import { readQuestion } from './tableAnswers.ts';
import { askedFrameNumber } from './askedFrame.ts';

/** The count in the one frame asked, from a step run on that frame alone that reports the objects it found; else undefined. */
// ("how many cells in the last frame?": an end of the movie is its frame number once the movie's length is known, `frameCount`)
export function countInTheOneFrameRun(question: string, results: readonly PastResult[], frameCount?: number): string | undefined {
  const scope = readQuestion(question);
  const frame = askedFrameNumber(scope, frameCount);
  if (scope.reduce !== 'count' || frame === undefined || scope.quantity.size > 0) return undefined;
  for (const r of [...results].reverse()) {
    const frames = r.args.frames as { first?: number; last?: number } | undefined;
    if (!r.ok || frames?.first !== frame || frames?.last !== frame) continue;
    const declared = findTool(r.tool)?.results ?? {};
    const key = Object.keys(declared).find((k) => declared[k].unit === '' && /^objects\b/i.test(declared[k].about) && typeof r.values[k] === 'number');
    if (key) return `${r.values[key]} objects in frame ${frame} (from ${r.tool}, run on frame ${frame} alone)`;
  }
  return undefined;
}
