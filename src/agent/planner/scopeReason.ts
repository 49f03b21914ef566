// "measure the intensity from time point 12 on, when the stimulus starts", "segment up to frame 30, when the cells start
// dying": a "when" clause said right after a span of frames tells why the span starts or ends there. It is the span's
// reason, no condition for a microscope rule to watch; the span itself scopes the step.

import { findFrameRange } from './quantities.ts';

/** A "when" (or "once", "as soon as") opening a clause after a comma, a dash or a bracket: where the reason starts. */
const REASON_OPENER = /(?:,|\s[-–—]|\()\s*(?:(?:that['’]?s|this\s+is|which\s+is|it['’]?s)\s+)?(?:when|once|as\s+soon\s+as|where)\b/gi;

/** True when a "when" clause follows, in its sentence, a span of frames said just before it. */
export function whenGivesASpansReason(request: string): boolean {
  for (const m of request.matchAll(REASON_OPENER)) {
    const before = request.slice(0, m.index).split(/[.;!?]\s/).at(-1) ?? '';
    if (findFrameRange(before, 100000) !== undefined) return true;
  }
  return false;
}

/** A clause opened by "when" (or "once", "that's when"): a time told, not a request. */
const WHEN_CLAUSE = /^\W*(?:(?:that['’]?s|this\s+is|which\s+is|it['’]?s)\s+)?(?:when|once|as\s+soon\s+as)\b/i;

/** True when `clause` is a "when" clause right after a clause that says a span of frames: that span's reason, no step. */
export function isASpansReason(before: string, clause: string): boolean {
  return WHEN_CLAUSE.test(clause) && findFrameRange(before, 100000) !== undefined;
}
