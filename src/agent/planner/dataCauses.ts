// "why does the count go up?", "why do you think the cells slow down towards the end?", "why is the signal dropping?": a
// question of why the DATA behaves as it does, not of how a step chose (explanations.ts answers that). The measurements
// cannot say why; the answer says so, names the usual causes of such a change in a time-lapse, and what in this
// session's record speaks to each (divisions the tracking found, the threshold over the frames, the drift removed), and
// runs nothing. Never the record of a step's choices in place of an answer about the cells.
import type { PastResult } from './conversation.ts';

/** "why does/do/is/are ... <change>", "why do you think ... <change>": a cause of a change in the data asked. */
const WHY_FIRST = /^\s*(?:(?:and|so|but|ok(?:ay)?|hmm+|interesting)[,!.\s]+)*(?:why|how\s+come|what\s+(?:causes|caused|could\s+cause|explains|makes|made|would\s+explain))\b/i;
/** The question asks how a step chose ("why did you ...", "why was the threshold set ..."): not a cause in the data. */
const ABOUT_A_CHOICE = /\bwhy\s+(?:did|didn't|have|haven't|would|were|was)\s+(?:you|it|the\s+(?:step|tool|tracker|segmentation|threshold|method|model))\b|\b(?:chose|chosen|choose|pick(?:ed)?|set|use[d]?|select(?:ed)?)\b/i;

const UP = /\b(?:go(?:es|ing)?\s+up|went\s+up|increas\w*|ris(?:e|es|ing)|rose|grow\w*|grew|higher|more|bigger|larger|jump\w*|climb\w*|peak\w*|doubl\w*|speed(?:s|ing)?\s+up|faster|quicker|brighter|swell\w*)\b/i;
const DOWN = /\b(?:go(?:es|ing)?\s+down|went\s+down|decreas\w*|drop\w*|fall\w*|fell|declin\w*|lower|fewer|less|smaller|shrink\w*|shrank|dip\w*|slow\w*|dimmer|darker|fad\w*|los(?:e|es|ing)|lost|disappear\w*|vanish\w*)\b/i;

/** A quantity named by its noun ("the count", "the signal", "their speed"). */
const NAMED: [RegExp, string][] = [
  [/\b(?:count|counts|number\s+of\s+(?:cells|nuclei|objects)|population)\b/i, 'count'],
  [/\b(?:intensit\w*|signal|brightness|fluorescen\w*)\b/i, 'intensity'],
  [/\b(?:speeds?|velocit\w*|motility)\b/i, 'speed'],
  [/\b(?:areas?|sizes?)\b/i, 'area'],
];
/** The things themselves with a word of how they change ("the cells slow down", "there are more nuclei", "cells get bigger"). */
const THINGS = /\b(?:cells|nuclei|objects)\b/i;
const OF_THINGS: [RegExp, string][] = [
  [/\b(?:slow\w*|fast\w*|quick\w*|speed(?:s|ing)?\s+up|mov\w*|migrat\w*)\b/i, 'speed'],
  [/\b(?:bigger|larger|smaller|grow\w*|grew|shr[iau]nk\w*|swell\w*)\b/i, 'area'],
  [/\b(?:brighter|dimmer|darker|fad\w*)\b/i, 'intensity'],
  [/\b(?:more|fewer|less|increas\w*|decreas\w*|disappear\w*|vanish\w*)\b/i, 'count'],
];

/** Which quantity changes, and which way; undefined when the words name no quantity of the data and no way it changes. */
function changeAsked(question: string, earlierRequests: string[] = []): { what: string; rising: boolean } | undefined {
  const named = (text: string) => NAMED.find(([re]) => re.test(text))?.[1] ?? (THINGS.test(text) ? OF_THINGS.find(([re]) => re.test(text))?.[1] : undefined);
  // ("count the nuclei in each frame", then "why is it going down at the end?": "it" is what the request before measured)
  const what = named(question) ?? (/\b(?:it|that|this|they)\b/i.test(question) && earlierRequests.length ? named(earlierRequests.at(-1)!) : undefined);
  const [up, down] = [UP.test(question), DOWN.test(question)];
  return what && (up || down) ? { what, rising: up && !down } : undefined;
}

/** True when the question asks why the data changes as it does (a count rising, a signal fading), not how a step chose. */
export function asksWhyTheDataChanges(question: string, earlierRequests: string[] = []): boolean {
  if (!WHY_FIRST.test(question) || ABOUT_A_CHOICE.test(question.replace(/\bdo\s+you\s+think\b/gi, ' '))) return false;
  return changeAsked(question, earlierRequests) !== undefined;
}

/** The usual causes of a change in a time-lapse, each with what in the record speaks to it. */
function causesOf(what: string, rising: boolean, done: PastResult[]): string[] {
  const last = (tool: string) => done.filter((r) => r.ok && r.tool === tool).at(-1);
  const tracked = last('track');
  const segmented = last('segment') ?? last('segment_spots');
  const thresholds = (segmented?.values.thresholdPerFrame as number[] | undefined)?.filter((v) => Number.isFinite(v));
  const thresholdTrend = thresholds && thresholds.length > 1 ? `the threshold went from ${Math.round(thresholds[0])} to ${Math.round(thresholds.at(-1)!)} grey levels over the frames` : undefined;
  const divisions = typeof tracked?.values.divisions === 'number' ? `the tracking found ${tracked.values.divisions} division${tracked.values.divisions === 1 ? '' : 's'}` : 'tracking the cells ("track them") would show the divisions';
  const bleach = last('correct_bleach');
  const drift = last('correct_drift');
  switch (what) {
    case 'count':
      return rising
        ? [`cells dividing (${divisions})`, 'cells entering the field of view from its edges', `the segmentation splitting touching cells or picking up debris${thresholdTrend ? ` (${thresholdTrend})` : ''}`]
        : ['cells leaving the field of view or dying', `cells merging in the segmentation as they crowd${thresholdTrend ? ` (${thresholdTrend})` : ''}`, 'photobleaching or focus loss making dim cells fall below the threshold'];
    case 'intensity':
      return rising
        ? ['more cells or more of the labelled protein (expression, recruitment)', 'a change of illumination or background']
        : [`photobleaching${bleach ? ` (${bleach.summary.split(/(?<=\.)\s/)[0]})` : ' ("is there photobleaching?" measures it)'}`, 'the focus drifting out of the plane', 'cells leaving the field or losing the label'];
    case 'speed':
      return [`stage drift adding to or hiding the cells' own motion${drift ? ` (${drift.summary.split(/(?<=\.)\s/)[0]})` : ' ("is there drift?" measures it)'}`, rising ? 'cells spreading out or being stimulated' : 'cells crowding as they multiply (contact inhibition), or phototoxicity', 'tracking errors (links jumping between neighbours inflate speeds)'];
    default:
      return rising ? ['cells growing before they divide, or spreading', 'touching cells merged by the segmentation'] : ['cells dividing into smaller daughters, or rounding up', 'a rising threshold trimming their edges'];
  }
}

/** The answer to why the data changes: what cannot be told, the usual causes, what the record says of them; nothing runs. */
export function dataCauseReply(question: string, done: PastResult[], earlierRequests: string[] = []): string {
  const { what, rising } = changeAsked(question, earlierRequests)!;
  const causes = causesOf(what, rising, done);
  return `The measurements alone do not tell the cause (nothing was re-run). Usual causes of ${what === 'count' ? 'a count' : `${what === 'intensity' ? 'an' : 'a'} ${what}`} ${rising ? 'rising' : 'falling'} in a time-lapse: ${causes.map((c, i) => `(${i + 1}) ${c}`).join('; ')}. Looking at the movie at the frames where it changes tells them apart.`;
}
