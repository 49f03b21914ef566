// "analyse my movie", "do the usual", "just run the standard analysis on it": a request for analysis that names no
// step, no result and no setting. Nothing is guessed in silence: one short question asks which analysis, with the
// offer of what the tools do (answers.ts notUnderstood's), and nothing runs.
import type { Catalogue } from './catalogue.ts';
import { notUnderstood } from './answers.ts';

/** Verbs of doing or analysing in general: they name no step. */
const GENERAL_VERBS = new Set('analyse analyze analysing analyzing analysis process processing run do handle crunch treat work deal go look have'.split(' '));
/** Things that are the data or the analysis in general ("my movie", "the usual", "the standard pipeline"). */
const GENERAL_THINGS = new Set('movie movies data dataset stack stacks image images file files timelapse time-lapse lapse time experiment recording video usual standard normal default typical basic full complete whole routine everything analysis pipeline workflow stuff steps thing things'.split(' '));
/** Words around them that add no step: pronouns, articles, asking and politeness. */
const FILLER = new Set(
  'i we you me us my our your it its this that these those the a an some all of at on in to for with can could would will please pls plz just quickly kindly go ahead and like want need let lets let\'s usual thanks thank cheers hi hello hey ok okay so now then right one same as always you can whatever makes sense needed is are be'.split(' '),
);

/** The request asks for analysis in general: only such words, a verb of doing among them, and the data or analysis named in general. */
export function asksForAnalysisUnnamed(text: string): boolean {
  if (/\d|["'`]\w|[/\\]|\.\w{2,4}\b/.test(text)) return false;
  const words = text.toLowerCase().replace(/[’]/g, "'").match(/[a-z'-]+/g) ?? [];
  if (words.length === 0 || words.length > 14) return false;
  if (!words.every((w) => GENERAL_VERBS.has(w) || GENERAL_THINGS.has(w) || FILLER.has(w))) return false;
  // (a verb of doing, and the data or the analysis named, or a verb of analysing itself: "analyse this"; "do it" alone
  // points back at something said, not vague)
  const analysing = words.some((w) => /^(?:analy[sz]|process)/.test(w));
  return words.some((w) => GENERAL_VERBS.has(w)) && (analysing || words.some((w) => GENERAL_THINGS.has(w) && !['thing', 'things', 'steps'].includes(w)));
}

/** The one question asked back: which analysis, with what the tools do. */
export function whichAnalysis(text: string, catalogue: Catalogue): string {
  const offer = /\bI can\b.*$/.exec(notUnderstood(text, catalogue))?.[0] ?? '';
  return `Which analysis would you like? "${text.trim().slice(0, 60)}" names no step, so I ran nothing rather than guess. ${offer}`.trim();
}
