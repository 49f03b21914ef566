// "are the cells moving?", "are the nuclei stationary?" with no row of a track table to count the tracks that moved
// (a plan-only run, or a summary alone): the yes or no from the mean net displacement the measuring step reported, over
// or within the 2 px a centroid jitters (the rule tableAnswers.ts movingCellsAnswer counts each track by), with the
// number behind it. Before, the answer was the step's account and "Not answered".
import { findTool } from '../allTools.ts';
import type { PastResult } from './conversation.ts';
import { countsMovingCells, plainQuestion } from './tableAnswers.ts';
import { isYesNoQuestion } from './recordingQuestions.ts';

/** A centroid's jitter between frames, in px: a net displacement within it is no movement. */
const JITTER_PX = 2;
/** Words that ask whether the things stay put rather than move (the closed class of "not moving" adjectives and verbs). */
const STAYING = /\b(?:stationary|static|immobile|non-?motile|motionless|stay(?:s|ed)?\s+put|(?:do|does|did)(?:n't|\s+not)\s+move)\b/i;

/** Nouns that name motion itself (the closed class): "is there any movement?", "any migration at all?". */
const MOTION_NOUN = /\b(?:movements?|motion|motility|migration|locomotion)\b/i;

/** A yes/no question whether the things move: said of the things ("are the cells moving?") or of motion as a noun ("is there any movement?"). */
function asksWhetherTheyMove(question: string): boolean {
  return countsMovingCells(question) || (isYesNoQuestion(question) && MOTION_NOUN.test(plainQuestion(question)));
}

/** The verdict on whether the things move, from the mean net displacement a step reported in px; undefined when none did. */
export function movingVerdictFromMean(question: string, results: readonly PastResult[], pixelSizeUm?: number): string | undefined {
  if (!asksWhetherTheyMove(question)) return undefined;
  for (const r of [...results].reverse()) {
    const declared = findTool(r.tool)?.results ?? {};
    const key = Object.keys(declared).find((k) => declared[k].unit === 'px' && /\bdisplacement\b/i.test(declared[k].about) && typeof r.values[k] === 'number');
    if (!r.ok || !key) continue;
    const px = r.values[key] as number;
    const moved = px > JITTER_PX;
    const asksStill = STAYING.test(plainQuestion(question));
    const value = pixelSizeUm ? `${round(px * pixelSizeUm)} µm (${round(px)} px at ${pixelSizeUm} µm/px)` : `${round(px)} px (no calibration known)`;
    const rule = `over the ${JITTER_PX} px a centroid jitters`;
    const said = moved ? `they move: the mean net displacement of the tracks is ${value}, ${rule}` : `they stay put: the mean net displacement of the tracks is ${value}, within the ${JITTER_PX} px a centroid jitters`;
    return `${moved !== asksStill ? 'Yes' : 'No'}, ${said} (from ${r.tool})`;
  }
  return undefined;
}

const round = (v: number) => Number(v.toPrecision(3));
