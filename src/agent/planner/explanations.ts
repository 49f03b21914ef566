// "Why did you choose this threshold?", "how did you pick the linking distance?", "what
// parameters did you use?", "which model did you use?": answered from the record of the
// step asked about (the arguments it was given, the values it reported it chose, the model
// folder and sha256, its own account of why), without running anything again.
import { ALL_TOOLS, findTool } from '../allTools.ts';
import { valueUnit } from '../valueUnits.ts';
import { type PropertyInfo, selfOf } from './catalogue.ts';
import type { PastResult } from './conversation.ts';
import type { ToolIndex } from './matcher.ts';
import { plainQuestion, readQuestion } from './tableAnswers.ts';
import { CERTAINTY_ASKED, divisionTimeAsked } from './divisionTimes.ts';
import { meaning, tokenize } from './words.ts';
import { readOnce } from './textMemo.ts';
import { valueText } from './quantities.ts';
import { softwareVersions } from '../provenance.ts';
import { asksWhyTheDataChanges, dataCauseReply } from './dataCauses.ts';

/** A question about how an earlier step chose what it did. */
const ASKS_WHY = new RegExp(
  [
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?why\s+(?:did|was|were|have|has|is|are|do|does|this|that|these|those|the|such|so)\b`,
    String.raw`\bhow\s+(?:did|do|were|was)\s+(?:you|it|they|the\s+\w+)\s+(?:\w+\s+)?(?:choose|chose|chosen|pick|picked|decide|decided|select|selected|set|determine|determined|find|found|get|got|come up with|arrive at|estimate|estimated)\b`,
    String.raw`\b(?:what|which)\s+(?:parameters?|settings?|values?|options?|arguments?|threshold|method|model|algorithm|sigma|distance|reference|radius)\s+(?:did|do|were|was|have)\s+(?:you|it|they|we)\s+(?:\w+ly\s+)?(?:use|used|pick|choose|chose|apply|applied|run|set)\b`,
    String.raw`\bwhat\s+(?:was|were)\s+the\s+(?:parameters?|settings?|threshold|model|method)\s+(?:you|it)\s+used\b`,
    String.raw`\bhow\s+(?:confident|sure|reliable|certain)\b`,
    // "are you sure about the count?", "could the count be wrong?", "why 6 nuclei and not 7?": doubt about a result, from its record
    String.raw`\b(?:are|were)\s+you\s+(?:really\s+|quite\s+|absolutely\s+)?(?:sure|confident|certain)\b`,
    String.raw`\b(?:could|can|might|may|is|are)\s+(?:the|that|this|these|those|your|its|my)\s+(?:\w+\s+){0,3}(?:be\s+)?(?:wrong|off|incorrect|inaccurate|mistaken|an?\s+(?:artefact|artifact|error|mistake))\b`,
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?why\s+(?:only\s+|just\s+|exactly\s+)?(?:\d+|so\s+(?:many|few))\b`,
    // "why li and not otsu?", "why lap rather than overlap?", "why otsu over triangle": a choice against another, asked of the step that made it
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?why\s+(?:use\s+|using\s+|pick\s+|go\s+with\s+)?(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:and\s+not|but\s+not|not|rather\s+than|instead\s+of|over|vs\.?|versus)\s+(?:the\s+)?[\w-]+`,
    // "can I trust these masks?", "how accurate are the tracks?": how good a step's result is, from its record
    String.raw`\b(?:can|could|should)\s+(?:i|we)\s+(?:really\s+|actually\s+)?(?:trust|rely on|believe)\b`,
    String.raw`\bhow\s+(?:good|accurate|trustworthy|robust|solid|precise)\s+(?:is|are|was|were)\s+(?:the|these|those|that|this|your|its|my)\b`,
    // ("explain me please how you have corrected the drift": the person told between, non-native English too)
    String.raw`\bexplain\s+(?:(?:to\s+)?(?:me|us)\s+)?(?:please\s+|pls\s+|briefly\s+|again\s+)?(?:the|your|how|why)\b`,
  ].join('|'),
  'i',
);

/** An adverb of manner between "how" and its verb ("how exactly was ...", "how precisely did you ..."). */
const MANNER = String.raw`(?:(?:exactly|precisely|actually|specifically|again|then)\s+)?`;

/** What a step chooses: its method, model and parameters, in the words people ask about them. */
const CHOICE = String.raw`(?:threshold\w*|smoothing|spacing|frames?|methods?|models?|algorithms?|parameters?|params?|settings?|values?|options?|arguments?|sigma|radius|radii|distances?|references?|cut-?offs?|filters?|kernels?|windows?|lags?|percentiles?|seeds?|channels?|tracker|approach|technique|network|weights|level|size|strength|iterations?|epochs?)`;
/** What is said of a choice after its name: its file, folder, version or name ("the model file", "the method's version"). */
const CHOICE_PART = String.raw`(?:files?|folders?|versions?|names?|checkpoints?|paths?)`;
/** "what threshold did u use", "which reference did you align to", "what segmentation method was used", "how was the threshold chosen". */
const ASKS_CHOICE = new RegExp(
  [
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\b[^?.]{0,40}?\b${CHOICE}\b[^?.]{0,30}?\b(?:did|do|have|had)\s+(?:you|it|they|we|the\s+\w+|[\w-]+)\s+(?:\w+\s+)?(?:use|used|pick|picked|choose|chose|apply|applied|set|select|selected|align|aligned|register|segment|track|link|denoise|fit|run|take|go|base|normali[sz]e|correct|allow|employ|assume|give|gave|end(?:ed)?\s+up|settle|arrive|land|keep|kept|accept|discard|exclude|drop|remove|filter)\w*\b`,
    // "which model was that?", "what method is that?": the choice of the step just done, pointed at
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\s+${CHOICE}\s+(?:was|is)\s+(?:that|it|this)(?:\s+(?:exactly|again|then))?\s*\??\s*$`,
    // "what was the threshold value exactly?": a choice a step made, asked in the past ("the min area cutoff": two words before it)
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\s+(?:was|were)\s+(?:the|your|its)\s+(?:\w+\s+){0,2}(?:threshold|method|model|algorithm|sigma|radius|reference|cut-?off|seed|smoothing|tracker|linking distance)\w*(?:\s+(?:values?|level|settings?))?(?:\s+(?:exactly|again|then|used|you used))?\s*\??\s*$`,
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\b[^?.]{0,40}?\b${CHOICE}\b[^?.]{0,20}?\b(?:was|were|got|has been|have been|is being)\s+(?:\w+\s+)?(?:used|chosen|picked|applied|selected|set|run|taken)\b`,
    // ("how exactly was the speed column derived?", "how precisely were the areas obtained?": an adverb of manner may come first)
    String.raw`\bhow\s+${MANNER}(?:was|were|is|are|did)\s+(?:the|that|this|its|their|your|it)\s+(?:[\w-]+\s+){0,3}(?:chosen|picked|set|determined|selected|decided|computed|estimated|found|calculated|fixed|derived|obtained|worked out|defined|measured|made|produced|arrived at)\b`,
    // "how did you compute the speed?", "how do you measure the area?": how a step got its values
    // ("how you have calculate the speed?", "how exactly do you measure the area?": the auxiliary left out or after the subject, non-native English)
    String.raw`\bhow\s+${MANNER}(?:(?:did|do|does|have|has)\s+)?(?:you|it|they)\s+(?:(?:have|has|had)\s+)?(?:\w+\s+)?(?:compute|computed|calculate|calculated|measure|measured|estimate|estimated|get|got|determine|determined|define|defined|derive|derived|obtain|obtained|count|counted|work out|worked out|quantif\w+)\b`,
    // "how did you link the cells?", "how have you tracked them?", "how were the nuclei segmented?": how a step that ran did its
    // work, asked with any verb of it in the past (never a request: the past asks what was done)
    String.raw`\bhow\s+${MANNER}(?:did|have|had)\s+(?:you|u)\s+(?:\w+\s+)?[a-z-]{3,}\b`,
    String.raw`\bhow\s+${MANNER}(?:was|were|have\s+been|has\s+been)\s+(?:the|that|this|these|those|its|their|your|it|they|them)\s+(?:[\w-]+\s+){0,3}?(?:segmented|tracked|linked|detected|found|identified|thresholded|denoised|corrected|aligned|registered|stabili[sz]ed|filtered|measured|computed|calculated|counted|classified|split|merged|separated|smoothed|projected|cropped|normali[sz]ed|fitted|fit|labell?ed|outlined|drawn|made|done|chosen|built)\b`,
    // ("where did the cut-off between nucleus and background come from?": the thing asked about may take several words, hyphens too)
    String.raw`\bwhere\s+(?:did|does|do|has|have)\s+(?:the|that|this|these|those|your|its)\s+(?:[\w-]+\s+){0,6}(?:come|came|comes)\s+from\b`,
    // "how come you went with ...", "what made you choose ...", "tell me why you chose ...", "on what basis did you ..."
    String.raw`\bhow come\b`,
    String.raw`\bwhat\s+made\s+(?:you|it)\s+(?:\w+\s+)?(?:choose|chose|pick|use|go|select|settle|decide|take)\b`,
    // ("why you don't use the model?", "why didn't you pick li?": contractions and negations too)
    String.raw`\bwhy\s+(?:(?:did|do|does)(?:n['’]t|\s+not)?\s+)?(?:you|it|they)\s+(?:[\w]+(?:['’]\w+)?\s+){0,2}?(?:chose|choose|picked|pick|used|use|went|go|selected|set|decided|ran|run|did)\b`,
    String.raw`\b(?:reasoning|rationale|justification|logic|basis|reason)\s+(?:behind|for|of)\b|\bon what basis\b`,
    String.raw`\b(?:is|was|are|were)\s+(?:the|that|this|your|its)\s+(?:\w+\s+){0,3}(?:reliable|trustworthy|accurate|robust|certain|sure)\b`,
    // "is the segmentation any good?", "are the tracks ok?": how good a step's result is
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:is|are|was|were)\s+(?:the|that|this|these|those|your|its|my)\s+(?:segmentation|tracking|tracks|masks?|labels|linking|drift correction|registration|alignment|result|results|fit)\s+(?:any\s+|really\s+|actually\s+)?(?:good|ok|okay|right|correct|fine|decent|usable)\b`,
    String.raw`\bexplain\s+(?:what|which)\s+(?:\w+\s+){0,3}${CHOICE}\b`,
    // "which model ran exactly?", "what algorithm actually ran?": the choice as the subject of "ran", the step's record answers
    // ("which model file ran?", "what model version was running": the choice's file or version named after it)
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\s+(?:[\w-]+\s+){0,2}?${CHOICE}(?:\s+${CHOICE_PART})?\s+(?:(?:actually|really|exactly|finally|then)\s+)?(?:ran|was\s+running|got\s+run|did\s+the\s+(?:work|job))\b`,
    // "which model did that?", "what method made these masks?": the choice as the doer of a result pointed at
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:what|which)\s+(?:[\w-]+\s+){0,2}?${CHOICE}\s+(?:did|made|produced|found|segmented|denoised|tracked|corrected|generated|created|gave)\s+(?:that|this|it|those|these|them|the\s+[\w-]+)\b`,
    // "with which method you have separated the nuclei ...", "using what threshold did you segment?", "by which algorithm were they linked"
    String.raw`\b(?:with|by|using|through|on)\s+(?:which|what)\s+(?:\w+\s+)?${CHOICE}\s+(?:(?:did|do|does|have|has|had|were|was)\s+)?(?:you|it|they|we|the\s+\w+)\b`,
  ].join('|'),
  'i',
);

/** "did you end up using otsu or triangle?", "have you applied any smoothing?": a choice of a step that ran, asked yes/no. */
const ASKS_USED = new RegExp(
  [
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:did|have|had)\s+(?:you|it|they|the\s+\w+)\s+(?:\w+\s+){0,2}?(?:use|using|used|apply|applied|pick|picked|choose|chose|go with|went with|end up (?:using|with|picking|choosing))\b`,
    // "params used for tracking?", "the threshold you picked?": the choice named, then the verb that made it
    String.raw`^\s*(?:and\s+|so\s+|ok(?:ay)?,?\s+)?(?:the\s+|your\s+|which\s+|what\s+)?(?:\w+\s+)?${CHOICE}\s+(?:(?:you|it|they)\s+)?(?:used|chosen|applied|picked|set|selected)\b`,
    // "which setting you was using?", "what threshold it used": the verb without did/was (non-native, chat)
    String.raw`^\s*(?:and\s+|so\s+|ok(?:ay)?,?\s+)?(?:what|which)\b[^?.]{0,40}?\b${CHOICE}\b[^?.]{0,20}?\b(?:you|it|they)\s+(?:was\s+|were\s+|are\s+|is\s+|have\s+|had\s+)?(?:using|used|use|applying|applied|choosing|chose|picking|picked)\b`,
    // "was cellpose used?", "was Otsu applied?": a method named, asked in the passive
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?(?:was|were)\s+(?:a\s+|an\s+|the\s+)?[\p{L}][\p{L}\d+-]*\s+(?:really\s+|actually\s+)?(?:used|applied|run)\b`,
    // "why you find so many?", "why it split this one": why, with the step's own verb
    String.raw`^\s*(?:and\s+|so\s+|but\s+|ok(?:ay)?,?\s+)?why\s+(?:you|it|they)\s+(?:\w+\s+)?(?:find|found|detect\w*|get|got|make|made|split\w*|merge\w*|miss\w*|link\w*|lose|lost|drop\w*|call\w*)\b`,
  ].join('|'),
  'iu',
);

/**
 * The parts of a request that may hold the question: each sentence, and what follows "I need to
 * know", "tell me" or a dash ("For the methods section I need to know exactly which model file
 * was used": the question is the part after "know").
 */
function questionParts(plain: string): string[] {
  const sentences = plain.split(/(?<=[.?!;:])\s+|\s+[-–—]\s+/).map((s) => s.trim()).filter(Boolean);
  const parts = sentences.map((s) => s.replace(/^.*?\b(?:(?:need|want|would like|'d like|like|have)\s+to\s+know|tell me|let me know|wondering|wonder|curious)\b\s*(?:exactly\s+|precisely\s+|please\s+)?/i, ''));
  return [...new Set([plain, ...sentences, ...parts])];
}

/** Whether the text asks why a step chose as it did (kept per text: explainStep asks it of every step of every turn). */
export function asksWhy(text: string): boolean {
  return readOnce(asksWhyOnce, text);
}

function asksWhyOnce(text: string): boolean {
  const plain = plainQuestion(text);
  // ("which frame did the division happen in, and how sure are you?": an event's time and its certainty are data, the
  // tracks and the confidence the track step gave them, not the record of how a step chose)
  if (divisionTimeAsked(plain) !== undefined && CERTAINTY_ASKED.test(plain)) return false;
  // ("what models have you got?", "which methods do you have?": what is here, never a choice a step made)
  if (/^\s*(?:(?:so|and|ok(?:ay)?)[,\s]+)?(?:what|which)\s+(?:\w+\s+)?\w+\s+(?:have\s+(?:you|u)\s+got|(?:do|did)\s+(?:you|u)\s+have|are\s+(?:there|available|installed))\b/i.test(plain)) return false;
  // ("how good is the segmentation compared to the ground truth?", "how accurate are the masks vs the annotations?": a
  // result scored against a reference, which the scoring step measures; the record of how a step chose cannot say it)
  if (AGAINST_A_REFERENCE.test(plain)) return false;
  return questionParts(plain).some((part) => ASKS_WHY.test(part) || ASKS_CHOICE.test(part) || ASKS_USED.test(part));
}

/** A reference a result is scored against: ground truth, manual annotations, a gold standard, a CTC "_GT" folder. */
const AGAINST_A_REFERENCE = /\b(?:ground[\s-]*truth|annotations?|annotated|hand[\s-]*(?:drawn|labell?ed|traced)|manual\s+(?:masks?|tracks?|segmentation|tracking|labels?|annotations?)|gold[\s-]+standard)\b|\b\w+_GT\b/i;

/**
 * "what did you do?", "what exactly have you done to my data", "recap?", "walk me through
 * what you've done", "all steps you have made until now": a question about the session's
 * own steps, answered from its record.
 */
const ASKS_WHAT_WAS_DONE = new RegExp(
  [
    String.raw`\bwhat\s+(?:\w+\s+)?(?:did|have|has)\s+(?:you|we)\s+(?:\w+\s+)?(?:do|done|run|ran|did|applied|performed|carried out)\b`,
    String.raw`\bwhat\s+(?:you|we)(?:'ve|\s+have|\s+has)?\s+(?:\w+\s+)?(?:done|did|run|ran|applied|performed)\b`,
    String.raw`\bwhat\s+(?:steps\s+(?:did|have|were|you|we)|has been done|was done|got done)\b|\bwhat happened\b(?!\s+(?:to|in|at|with|between|after|before|during)\b)`,
    String.raw`^\s*(?:\w+\s+)?(?:a\s+)?(?:recap|summary|summari[sz]e)\s*(?:(?:please|pls|so far|of (?:the |this )?(?:session|steps|what|everything)|what)\b|[?.!]|$)`,
    String.raw`\b(?:recap|summari[sz]e|list|tell me|show me|go through|walk me through)\s+(?:\w+\s+){0,2}(?:steps|what (?:you|we))\b`,
    String.raw`\bwalk me through\b`,
    // ("show me the history", "print the log", "the provenance please": the session's record asked for by its name)
    String.raw`\b(?:show|give|print|list|display|see|view|open|read)\s+(?:me\s+|us\s+)?(?:the\s+|my\s+|our\s+|this\s+|your\s+)?(?:session(?:'s)?\s+|analysis\s+|processing\s+|step\s+)?(?:history|log|provenance|audit\s+trail)\b`,
    String.raw`^\s*(?:(?:the|my|our)\s+)?(?:session\s+|analysis\s+)?(?:history|provenance|audit\s+trail)(?:\s+(?:please|pls|so\s+far))?\s*[?.!]*\s*$`,
    String.raw`\b(?:all|the)\s+steps\s+(?:you|we|so far|until now|up to now|till now)\b`,
    // "list everything you've done so far", "all that we did": the whole of the session's work named as a thing
    String.raw`\b(?:everything|all)\s+(?:that\s+)?(?:you|we)(?:'ve|’ve|\s+have|'d|\s+had)?\s+(?:\w+\s+)?(?:done|did|run|ran|applied)\b`,
  ].join('|'),
  'i',
);

/** Asked of me, not part of another request ("write an email about what we did" is no question about the session). */
const ADDRESSED = /^\s*(?:(?:ok(?:ay)?|so|and|now|hey|hi|right|also|please|pls)[,!\s]+)*(?:what|which|recap|summary|summari[sz]e|a recap|walk me|go through|list|tell me|show me|give me|can you|could you|would you|remind me|i(?:'d| would) like to know|print|display|view|(?:the\s+|my\s+|our\s+)?(?:session\s+|analysis\s+)?(?:history|provenance|audit\s+trail))\b/i;

export function asksWhatWasDone(text: string): boolean {
  const plain = plainQuestion(text);
  return (ASKS_WHAT_WAS_DONE.test(plain) || A_SUMMARY_ASKED.test(plain)) && (ADDRESSED.test(plain) || /\?\s*$/.test(plain));
}

/** "give me a summary", "can I get a quick overview?": a summary asked of me with nothing named to summarise but the work. */
const A_SUMMARY_ASKED = /\b(?:give|show|get|send|write|need|want|like|have)\s+(?:me\s+|us\s+)?(?:a\s+|an\s+|the\s+|some\s+)?(?:quick\s+|short\s+|brief\s+|little\s+|overall\s+)?(?:summary|recap|overview|rundown|run-down)\b(?!\s+(?:of|for|on|per|with|table)\b(?!\s+(?:the\s+|this\s+|our\s+)?(?:session|steps|analysis|work|what|everything|so far)\b))/i;

/** A summary of a quantity ("summarise the mean fluorescence across the timecourse"), no recap of the steps. */
const SUMMARY_WORD = /\bsummar(?:y|i[sz]e)\b/i;

/**
 * The session's steps asked ("what did you do?", "give me a summary", "what happened?", "what steps ..."), the one reading
 * of the planner's and the answer's question paths: asked of me (asksWhatWasDone), or in the words those paths always
 * read, unless a summary names a quantity to summarise.
 */
export function asksForTheSteps(text: string): boolean {
  if (asksWhatWasDone(text)) return true;
  if (!/\bwhat (?:did|have) (?:you|we) (?:do|done)\b|\bsummar(?:y|i[sz]e)\b|\bwhat happened\b|\bwhat steps\b/i.test(text)) return false;
  return !(SUMMARY_WORD.test(text) && readQuestion(text).quantity.size > 0);
}

/**
 * "so what did that find?", "what did the tracking give?", "what are the results?": a question about what a step that
 * ran found, answered with its own account (the step the words name, else the latest), nothing run again.
 */
const ASKS_WHAT_IT_FOUND = new RegExp(
  [
    // (in the past: "what does this show?" asks about the movie open, not a step's results)
    String.raw`\bwhat\s+(?:did|has|have)\s+(?:that|it|this|you|we|the\s+[\p{L}-]+(?:\s+step)?)\s+(?:find|found|get|got|give|given|gave|show|shown|showed|return|returned|produce|produced|come\s+up\s+with|turn(?:ed)?\s+up|detect|detected|pick(?:ed)?\s+up|yield|yielded)\b`,
    String.raw`\bwhat\s+(?:are|were|was|is)\s+the\s+(?:results?|outcomes?|findings?)\b(?!\s+(?:of|for|in|at)\s+(?:frame|track|channel|cell|nucle))`,
    String.raw`\bwhat(?:'s|’s| is| was)\s+the\s+(?:result|outcome|verdict)\b(?!\s+(?:of|for|in|at)\s+(?:frame|track|channel|cell|nucle))`,
    String.raw`^\s*(?:(?:so|and|ok(?:ay)?|well)[,\s]+)*(?:any\s+)?(?:results?|findings?)\s*\?*\s*$`,
  ].join('|'),
  'iu',
);

export function asksWhatItFound(text: string): boolean {
  const plain = plainQuestion(text);
  return ASKS_WHAT_IT_FOUND.test(plain) && (ADDRESSED.test(plain) || /\?\s*$/.test(plain) || /^\s*(?:(?:so|and|ok(?:ay)?|well)[,\s]+)*(?:any\s+)?(?:results?|findings?)\b/i.test(plain));
}

/** The session's steps in order, each with its own account; or that nothing has run. */
export function sessionSummary(done: PastResult[]): string {
  const ok = done.filter((r) => r.ok);
  return ok.length ? `So far: ${ok.map((r, i) => `${i + 1}. ${r.tool}: ${r.summary}`).join(' ')}` : 'Nothing has run in this session yet.';
}

/** The time of the whole session's work: "how long did the whole analysis take", "total processing time", "how long did it all take". */
const WHOLE = /\b(?:whole|entire|all|everything|altogether|all together|in total|total|overall|the analysis|the pipeline|the workflow|the session|all the steps|every step|each step)\b/i;
export function asksSessionTime(text: string): boolean {
  const plain = plainQuestion(text);
  return ASKS_TIME.test(plain) && WHOLE.test(plain) && !/\b(?:movie|film|video|recording|acquisition|imaging|experiment|time-?lapse|tracks?|cells?|nucle(?:us|i))\b/i.test(plain);
}

/** Every step's run time in this session and their sum, from the record (nothing runs), or that nothing timed ran. */
export function sessionTiming(done: PastResult[]): string {
  const timed = done.filter((r) => r.ok && typeof r.durationMs === 'number' && r.durationMs > 0);
  if (timed.length === 0) return done.some((r) => r.ok) ? 'The record of this session has no timing for its steps, so I cannot say how long they took (I ran nothing to find out).' : 'Nothing has run in this session yet, so there is no time to report (I ran nothing).';
  const total = timed.reduce((a, r) => a + r.durationMs!, 0);
  const slowest = timed.reduce((a, b) => (b.durationMs! > a.durationMs! ? b : a));
  return `From the record (I ran nothing): ${timed.length} step${timed.length === 1 ? '' : 's'} took ${seconds(total)} in all: ${timed.map((r) => `${r.tool} ${seconds(r.durationMs!)}`).join(', ')}; the slowest was ${slowest.tool}.`;
}

/** A question about a choice already made ("why did you ...", "what threshold was used"). */
// ("how confident are you about the tracking?", "how reliable is the segmentation?": how sure a result is, which only a step run makes)
const PAST_CHOICE = /\b(?:did|was|were|had|have)\s+(?:you|it|they|the\s+\w+)\b|\b(?:chose|chosen|picked|used|went with|decided|selected|ran)\b|\bhow (?:sure|confident|certain|reliable|trustworthy|accurate)\b/i;

/** The reply to a question about a choice when no step that chooses has run in this session. */
function nothingRanReply(question: string, earlier: PastResult[], index: ToolIndex): string {
  const named = index.match(question).map((m) => m.tool).find((t) => {
    const self = selfOf(t);
    return self && self.domain !== 'microscope' && !['advice', 'status', 'list', 'open'].includes(self.role ?? '');
  });
  const ran = earlier.filter((r) => r.ok).map((r) => r.tool);
  const head = `Nothing ${ran.length ? 'that makes such a choice ' : ''}has run in this session yet${ran.length ? ` (only ${[...new Set(ran)].join(', ')})` : ''}, so there is no choice of mine to explain, and I ran nothing to make one.`;
  if (!named) return `${head} Ask me to run the step and then ask again: the answer will quote the values it chose.`;
  return `${head} ${describeTool({ tool: named, aspect: 'method' }, earlier).replace(/^About `([^`]+)`, from its own declaration \(I ran nothing\): /, 'What `$1` would do, from its declaration: ')} Ask me to run it and then ask again for the values it chose.`;
}

/** Values that are bookkeeping, not choices (paths, column lists, long tables). */
const NOT_A_CHOICE = /^(?:path|columns|rows|artifacts?|summary|details|peaks|perFrame|shifts?|table|output)$/i;
const INPUTS = new Set(['movie', 'labels', 'tracks', 'table', 'output', 'result', 'groundTruth']);
/** Values that say why a step ran the way it did, in any tool's words. */
const TELLING = /method|reason|threshold|model|sha256|folder|reference|sigma|radius|distance|confidence|uncertain|chosen|auto|estimated|seed|percentile|overlap|gap/i;

/** "Radius of the objects (px).", "in µm": a unit a schema's description gives in brackets or after "in". */
function unitOfSchema(schema: PropertyInfo | undefined): string | undefined {
  const m = /\((px|pixels|µm|um|µm²|px²|s|seconds|min|minutes|ms|frames|%)\)/i.exec(schema?.description ?? '');
  return m ? m[1].replace(/^um$/i, 'µm').replace(/^pixels$/i, 'px').replace(/^seconds$/i, 's').replace(/^minutes$/i, 'min') : undefined;
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return valueText(v);
  if (Array.isArray(v)) {
    const numbers = v.filter((x): x is number => typeof x === 'number');
    if (numbers.length === v.length && v.length > 3) return `${formatValue(Math.min(...numbers))} to ${formatValue(Math.max(...numbers))} over ${v.length} frames`;
    return v.slice(0, 4).map(formatValue).join(', ') + (v.length > 4 ? ', ...' : '');
  }
  if (v && typeof v === 'object') return JSON.stringify(v).slice(0, 80);
  return String(v);
}

/**
 * A value with its unit: the one the tool declares for the result (in the calibrated unit the step
 * reported), else the one the name of the value or argument ends with (objectRadiusPx → px,
 * frameIntervalS → s), else the unit its schema's description states in brackets.
 */
function withUnit(tool: string, key: string, v: unknown, values: Record<string, unknown> = {}, schema?: PropertyInfo): string {
  const unit = valueUnit(findTool(tool), key, values) || unitOfSchema(schema);
  const numbers = Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  if (Array.isArray(v) && numbers.length === v.length && v.length > 3) return `${formatValue(Math.min(...numbers))} to ${formatValue(Math.max(...numbers))}${unit ? ` ${unit}` : ''} over ${v.length} frames`;
  return `${formatValue(v)}${unit && typeof (Array.isArray(v) ? v[0] : v) === 'number' ? ` ${unit}` : ''}`;
}

/** The step the question is about: the newest whose tool, or whose values, the question names. */
function stepAskedAbout(question: string, earlier: PastResult[], index: ToolIndex): PastResult | undefined {
  // steps that only report (advice, the microscope's status, lists) made no choice to explain
  const reports = (tool: string) => ['advice', 'status', 'list'].includes(selfOf(tool)?.role ?? '');
  const done = [...earlier].reverse().filter((r) => r.ok && !reports(r.tool));
  if (done.length === 0) return undefined;
  const named = new Set(index.match(question).map((m) => m.tool));
  const asked = new Set(index.meanings(tokenize(question)));
  // (how many of the asked words the names of its arguments and values hold: "that linking distance" is the tracker's maxLinkingDistancePx)
  const keyHits = (r: PastResult) => new Set(Object.keys({ ...r.values, ...r.args }).flatMap((k) => index.meanings(tokenize(k.replace(/([a-z])([A-Z])/g, '$1 $2'))).filter((w) => asked.has(w) && w !== meaning('use')))).size;
  const mentions = (r: PastResult) => keyHits(r) > 0;
  // "why did you pick 13.1 px?": the step whose record holds that number (a value it chose, or its own account)
  const numbers = (question.match(/(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)/g) ?? []).filter((n) => n.includes('.') || Number(n) > 3);
  const quotes = (r: PastResult) => numbers.some((n) => new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d])`).test(`${r.summary} ${JSON.stringify(r.values)}`));
  // (of the steps the words name, the one whose record names more of them; the latest on a tie)
  const namedSteps = done.filter((r) => named.has(r.tool));
  const bestNamed = namedSteps.reduce<PastResult | undefined>((best, r) => (!best || keyHits(r) > keyHits(best) ? r : best), undefined);
  return bestNamed ?? (numbers.length ? done.find(quotes) : undefined) ?? done.find(mentions) ?? done[0];
}

/**
 * The explanation of an earlier step from its record, or undefined when the question is
 * not about how a step chose, or nothing has run.
 */
export function explainStep(question: string, earlier: PastResult[], index: ToolIndex, schemaOf: (tool: string) => Record<string, PropertyInfo> = () => ({}), requests: string[] = []): string | undefined {
  // "why does the count go up?": why the data changes, which no step's record of its choices answers (dataCauses.ts)
  if (asksWhyTheDataChanges(question, requests)) return dataCauseReply(question, earlier, requests);
  // "what should I cite for the tracking?", "can you give me the references for the methods?": from the record and the tools' declarations
  if (asksCitation(question)) return citations(question, earlier, index, schemaOf);
  // "write the methods for this", "a methods paragraph?": the steps that ran, as a methods text, from the record
  if (asksMethodsText(question)) return methodsText(question, earlier, index, schemaOf);
  // "what does DET mean?", "what is SEG in the evaluation?": a result a tool declares, by its name, from that declaration
  const named = resultNameMeaning(question, earlier);
  if (named) return named;
  // ("how accurate are the masks vs the annotations?": a result scored against a reference, which the scoring step measures)
  if (AGAINST_A_REFERENCE.test(plainQuestion(question))) return undefined;
  // "what version is this?": the software's own version, read from its package
  if (asksVersion(question)) return versionReply();
  // "where did the labels get saved?": the files the steps wrote, from the record
  if (asksWhereResultsAre(question)) return whereResultsAre(question, earlier);
  // "did you denoise it first?": whether a step ran, from the record
  const ranOrNot = stepRanAsked(question, earlier, index);
  if (ranOrNot) return ranOrNot;
  // "what exactly did you do?", "recap?": the session's steps, from the record
  if (asksWhatWasDone(question)) return sessionSummary(earlier);
  // "so what did that find?": the step's own account (the one the words name, else the latest), from the record
  if (asksWhatItFound(question)) {
    const step = stepAskedAbout(question, earlier, index);
    return step ? `From the record (I ran nothing): ${step.tool}: ${step.summary}` : 'Nothing has run in this session yet, so there are no results to report (I ran nothing).';
  }
  // "how long did the whole analysis take?", "total run time?": every step's time from the record
  if (asksSessionTime(question)) return sessionTiming(earlier);
  // a question about a tool itself ("how long does segmentation take?", "which algorithm does the tracking use?"):
  // its record when it ran and the question asks how it chose, else its declaration
  const aboutTool = toolAskedAbout(question, index);
  if (!asksWhy(question)) return aboutTool ? describeTool(aboutTool, earlier) : undefined;
  const step = stepAskedAbout(question, earlier, index);
  if (aboutTool && step?.tool !== aboutTool.tool) return describeTool(aboutTool, earlier);
  // "why did you pick that threshold?" before anything ran: no choice to explain, and nothing is run to make one
  if (!step && PAST_CHOICE.test(plainQuestion(question))) return nothingRanReply(question, earlier, index);
  if (!step) return undefined;
  const asked = new Set(index.meanings(tokenize(question)));
  const given = Object.entries(step.args).filter(([k, v]) => !INPUTS.has(k) && v !== undefined && typeof v !== 'object');
  const relevance = (k: string) => index.meanings(tokenize(k.replace(/([a-z])([A-Z])/g, '$1 $2'))).filter((w) => asked.has(w)).length;
  const chosen = Object.entries(step.values)
    // a sentence the step's own account already says is not repeated
    .filter(([k, v]) => v !== null && v !== undefined && !NOT_A_CHOICE.test(k) && (typeof v !== 'object' || Array.isArray(v)) && (TELLING.test(k) || relevance(k) > 0) && !(typeof v === 'string' && v.length > 40 && step.summary.includes(v)))
    .sort(([a], [b]) => relevance(b) - relevance(a))
    .slice(0, 8);
  const parts: string[] = [];
  parts.push(given.length ? `you (or the plan) set ${given.map(([k, v]) => `${k} = ${typeof v === 'number' ? withUnit(step.tool, k, v, step.values, schemaOf(step.tool)[k]) : JSON.stringify(v)}`).join(', ')}` : 'no arguments were given, so it used its defaults and what it measured on the movie');
  if (chosen.length) parts.push(`it recorded ${chosen.map(([k, v]) => `${k} = ${withUnit(step.tool, k, v, step.values, schemaOf(step.tool)[k])}`).join('; ')}`);
  // what the schema says of the choices it was not given and did not report (the method left at its default)
  const props = schemaOf(step.tool);
  const defaults = Object.entries(props)
    .filter(([k, p]) => !INPUTS.has(k) && step.args[k] === undefined && step.values[k] === undefined && p.default !== undefined && p.description && (k === 'method' || relevance(k) > 0))
    .slice(0, 2);
  for (const [k, p] of defaults) parts.push(`${k} was left at its default ${JSON.stringify(p.default)} (${p.description!.split(/(?<=\.)\s/)[0].replace(/\.$/, '')})`);
  // ("what linking distance did it end up using?" of a run that records none: the setting asked is named, with how the tool
  // chooses it by its declaration, never a value it did not record)
  const unrecorded = Object.entries(props)
    .filter(([k, p]) => !INPUTS.has(k) && step.args[k] === undefined && step.values[k] === undefined && p.default === undefined && p.description && relevance(k) > 0 && !defaults.some(([d]) => d === k))
    .sort(([a], [b]) => relevance(b) - relevance(a))
    .slice(0, 1);
  for (const [k, p] of unrecorded) parts.push(`${k} was not given and this run's record holds no value for it (${p.description!.replace(/\s+/g, " ").slice(0, 320).replace(/\s+\S*$/, '').replace(/[.;,]$/, '')})`);
  return `${usedVerdict(question, step)}${modelThatRan(question, step, requests)}I did not re-run anything. From the record of ${step.tool}: ${parts.join('; ')}. Its own account: ${step.summary.replace(/\s+$/, '')}${typeof step.values.details === 'string' ? ` ${step.values.details}` : ''}${howComputed(question, step.tool)} Ask me to run it again with other values if you want to compare.`;
}

/** "what should I cite for the tracking?", "references for the methods?", "which paper is the drift correction from?". */
const ASKS_CITATION = /\bcit(?:e|ing|ations?)\b|\b(?:which|what)\s+(?:papers?|publications?|references?)\b|\b(?:references?|papers?|publications?|bibliograph\w*)\s+(?:for|of|behind|on)\s+(?:the\s+|this\s+|that\s+|these\s+|your\s+|each\s+)?(?:[\w-]+\s+){0,2}(?:methods?|steps?|segmentation|tracking|tracker|drift|corrections?|algorithms?|analysis|denois\w*|registration|bleach\w*)\b/i;
/** A reference asked in another sense ("the reference frame", "reference channel", "align to reference"; not the verb: "which paper am I supposed to reference for the tracking?"). */
const OTHER_REFERENCE = /\breferences?\s+(?:frame|image|channel|point|plane|slice|time ?point|movie|did|do|does|was|were|is)\b|\b(?:against|with|as)\s+(?:the\s+|a\s+)?(?:first\s+|previous\s+)?references?\b|\bto\s+(?:the\s+|a\s+)(?:first\s+|previous\s+)?references?\b|\bto\s+(?:first\s+|previous\s+)?references?\b(?=\s*(?:[?.!,;]|$|and\b|then\b))|\breferences?\b[^?.]*\b(?:use|used|align\w*|register\w*|correct\w*)\b/i;

export function asksCitation(text: string): boolean {
  return ASKS_CITATION.test(text) && !OTHER_REFERENCE.test(text);
}

/** What to cite for one step: the references of the method it ran (its record), or of the tool's every run. */
function referencesOf(tool: string, values: Record<string, unknown>, args: Record<string, unknown>, schemaOf: (tool: string) => Record<string, PropertyInfo>): { method?: string; cite: string[] } {
  const refs = findTool(tool)?.references;
  if (!refs) return { cite: [] };
  const by = refs.by ?? 'method';
  // (what ran: the value it recorded, else the one it was given, else its schema's default)
  const ran = [values[by], args[by], schemaOf(tool)[by]?.default].find((v): v is string => typeof v === 'string');
  return { method: ran, cite: [...(ran ? refs.cite[ran] ?? [] : []), ...(refs.cite['*'] ?? [])] };
}

/**
 * The references for a methods section: of the step the question names (or of every step that ran), as each ran;
 * before anything ran, of the tool the question names, from its declaration. A model of ours is named by its folder
 * and sha256, never by a published method it did not run.
 */
function citations(question: string, earlier: PastResult[], index: ToolIndex, schemaOf: (tool: string) => Record<string, PropertyInfo>): string {
  const named = new Set(index.match(question).map((m) => m.tool));
  const done = earlier.filter((r) => r.ok && findTool(r.tool)?.references);
  const asked = done.filter((r) => named.has(r.tool));
  // (each tool and method once, however often it ran)
  const lines = new Set((asked.length ? asked : done).map((r) => {
    const { method, cite } = referencesOf(r.tool, r.values, r.args, schemaOf);
    const model = typeof r.values.modelFolder === 'string' ? ` with our own model ${r.values.modelFolder} (sha256 ${String(r.values.modelSha256 ?? 'unknown')}), trained here, no published network` : '';
    return `${r.tool}${method ? ` (${method}${model})` : model}: ${cite.length ? cite.join('; ') : 'no published method to cite beyond the software'}`;
  }));
  if (lines.size === 0) {
    const tool = [...named].find((t) => findTool(t)?.references);
    const byMethod = tool ? Object.entries(findTool(tool)!.references!.cite) : [];
    const cite = byMethod.map(([method, refs]) => `${method === '*' ? 'every run' : method}: ${refs.join('; ')}`);
    return tool
      ? `Nothing has run yet, so from \`${tool}\`'s declaration (I ran nothing): ${cite.join(' | ')}.${byMethod.some(([m]) => m !== '*') ? ' Which applies depends on the method it runs; ask again after it runs.' : ''}`
      : 'Nothing that ran has a published method to cite yet (I ran nothing). The analysis itself was done with cellpilot; its provenance log lists every step, its arguments and the files it read.';
  }
  return `What to cite, from the record of what ran (I ran nothing): ${[...lines].join(' | ')}. The steps ran in cellpilot; its provenance log lists each one's arguments and input files.`;
}

/** "how is the speed calculated?", "how were the areas measured?": how a quantity is obtained, not which value was chosen. */
const HOW_COMPUTED = /\bhow\s+(?:(?:exactly|precisely|actually|specifically)\s+)?(?:(?:is|are|was|were|do|does|did|have|has)\s+(?:you\s+)?|you\s+(?:(?:have|has|had)\s+)?)(?:the\s+|these\s+|those\s+|its\s+|their\s+)?(?:[\p{L}-]+\s+){0,3}(?:calculated|calculate|computed|compute|derived|derive|worked out|work out|measured|measure|defined|define|estimated|estimate|determined|determine|obtained|get|got)\b/iu;

/** The sentences of the tool's own declaration that name the quantity asked how it is computed ("track steps (links: speed, displacement)"). */
function howComputed(question: string, tool: string): string {
  if (!HOW_COMPUTED.test(question)) return '';
  const asked = new Set(tokenize(question).filter((t) => t.word.length >= 4).map((t) => meaning(t.stem)));
  const self = findTool(tool);
  // (the sentences that name the quantity most often first: "a step's speed is ..." before the summary that lists it)
  const hits = (sentence: string) => tokenize(sentence).filter((t) => asked.has(meaning(t.stem))).length;
  const sentences = `${self?.description ?? ''}`
    .split(/(?<=\.)\s+/)
    .filter((sentence) => hits(sentence) > 0)
    .sort((a, b) => hits(b) - hits(a));
  return sentences.length ? ` How \`${tool}\` computes it, from its declaration: ${sentences.slice(0, 2).join(' ')}` : '';
}

/** Words of a "did you use X?" that name no method ("a model", "deep learning", "the default"). */
const GENERIC_CHOICE = /^(?:a|an|the|any|some|my|your|deep|machine|learning|model|models|network|method|methods|default|defaults|threshold|thresholding|smoothing|filter|gpu|ai|it|that|this|them)$/i;

/** A question about the model or method a step ran ("which model was that?", "what network did you use?"). */
const MODEL_ASKED = /\b(?:models?|networks?|neural|nets?|weights|architecture)\b/i;
const METHOD_ASKED = /\b(?:methods?|algorithms?|approach|technique|tools?)\b/i;

/**
 * The model a step ran, named by its record (name, folder, sha256), and a method asked for in an earlier request that
 * this step stood in for (the tool's own `insteadOf`: "with cellpose" ran our U-Net), both read before the rest of the
 * step's record; '' when the question asks no model or method.
 */
function modelThatRan(question: string, step: PastResult, requests: string[]): string {
  const plain = plainQuestion(question);
  const aboutModel = MODEL_ASKED.test(plain);
  if (!aboutModel && !METHOD_ASKED.test(plain)) return '';
  const v = step.values;
  const folder = typeof v.modelFolder === 'string' ? v.modelFolder : undefined;
  const name = typeof v.model === 'string' ? v.model : folder?.replace(/^.*[\\/]/, '');
  const method = typeof v.method === 'string' ? v.method : typeof step.args.method === 'string' ? step.args.method : undefined;
  const ran = name
    ? `${step.tool} ran the model ${name}${folder ? ` (folder ${folder}${typeof v.modelSha256 === 'string' ? `, sha256 ${v.modelSha256}` : ''})` : ''}.`
    : !aboutModel ? '' : method === 'model' ? `${step.tool} ran with method "model"; its record here names no model folder or sha256.` : `${step.tool} ran no model: method ${method ? `"${method}"` : 'left at its default'}.`;
  // (a name the tool stands in for, said in the request that ran it, whose stand-in settings the step has)
  const insteadOf = selfOf(step.tool)?.insteadOf ?? {};
  const standIn = [...requests].reverse().flatMap((request) => Object.entries(insteadOf)
    .filter(([, instead]) => Object.keys(instead.args).length > 0 && Object.entries(instead.args).every(([k, x]) => step.args[k] === x || v[k] === x))
    .map(([word, instead]) => ({ said: new RegExp(String.raw`\b${word.replace(/[^\p{L}\d]/gu, '.?')}\b`, 'iu').exec(request)?.[0], say: instead.say }))
    .filter((x) => x.said))[0];
  const asked = standIn ? `You asked for ${standIn.said}: ${standIn.say} ` : '';
  // ("did you use a deep learning model?": asked yes or no, the verdict first)
  const verdict = aboutModel && ran && /^\s*(?:(?:and|so|but)\s+)?(?:did|was|were|have|has|is)\b/i.test(plain) ? (name ? 'Yes: ' : 'No: ') : '';
  return ran || asked ? `${verdict}${ran ? `${ran} ` : ''}${asked}` : '';
}

/**
 * "did you use StarDist?", "was Otsu used?": Yes or No first, by whether the method named is in
 * the step's record (its arguments, values and own account); nothing when no method is named.
 * A method that did not run is never let stand as if it had (issue 11 item 7).
 */
function usedVerdict(question: string, step: PastResult): string {
  const m = /^\s*(?:and\s+|so\s+|but\s+)?(?:did|have|had)\s+(?:you|it|they)\s+(?:really\s+|actually\s+)?(?:use|used|apply|applied|run|ran)\s+(?:a\s+|an\s+|the\s+)?([\p{L}][\p{L}\d+-]*)\b/iu.exec(question)
    ?? /^\s*(?:and\s+|so\s+|but\s+)?(?:was|were)\s+(?:a\s+|an\s+|the\s+)?([\p{L}][\p{L}\d+-]*)\s+(?:used|applied|run)\b/iu.exec(question);
  if (!m || GENERIC_CHOICE.test(m[1])) return '';
  const name = m[1].toLowerCase().replace(/[^\p{L}\d]/gu, '');
  const record = `${JSON.stringify(step.args)} ${JSON.stringify(step.values)} ${step.summary}`.toLowerCase().replace(/[^\p{L}\d\s]/gu, '');
  const method = typeof step.values.method === 'string' ? step.values.method : typeof step.args.method === 'string' ? step.args.method : undefined;
  const used = method && typeof step.values.model === 'string' ? `${method} (${step.values.model})` : method;
  if (record.includes(name)) return `Yes: ${m[1]} is in the record of ${step.tool}. `;
  return `No: ${m[1]} did not run${used ? `; ${step.tool} used ${used}` : ''}. `;
}

/**
 * "what does DET mean?", "what's TRA?", "what is SEG in the evaluation?", "what does alpha stand for": the name of a result
 * a tool declares (its key, as tables and answers show it), asked what it is: its declared account and unit, with its value
 * when a step of this session reported it; nothing run. A name no tool declares is no such question.
 */
const NAME_MEANING = /^\s*(?:(?:and|so|ok(?:ay)?|sorry|quick\s+question|hi|hey)[,!\s]+)*(?:what|wat)\s+(?:does|do|is|are)\s+(?:the\s+|a\s+|an\s+|this\s+|that\s+)?["'`]?([\p{L}][\p{L}\d_-]*)["'`]?(?:\s+(?:score|value|metric|column|number|measure|result))?\s*(mean|means|stand\s+for|stands\s+for|refer\s+to|(?=\s*(?:(?:in|of|from|on)\s+[^?]*)?\s*[?.!]*\s*$))/iu;

function resultNameMeaning(question: string, earlier: PastResult[]): string | undefined {
  const m = NAME_MEANING.exec(plainQuestion(question).replace(/\s+/g, ' ').trim());
  if (!m) return undefined;
  const name = m[1];
  // ("what is alpha?" names a result by its key; "what is area?" or "what are tracks?" ask of a thing, unless written as an
  // abbreviation or asked what it means)
  if (!m[2] && name !== name.toUpperCase()) return undefined;
  const found = ALL_TOOLS.flatMap((t) => Object.entries(t.results ?? {}).filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([key, r]) => ({ tool: t.name, key, r })));
  if (found.length === 0) return undefined;
  return found.map(({ tool, key, r }) => {
    const ran = [...earlier].reverse().find((e) => e.tool === tool && e.ok && e.values[key] !== undefined);
    const value = ran ? ` Its value here: ${key} = ${withUnit(tool, key, ran.values[key], ran.values)} (from ${tool}).` : '';
    return `\`${key}\` is a result of \`${tool}\`: ${r.about}${r.unit ? `, in ${r.unit}` : ''}.${value}`;
  }).join(' ') + ' (From the tools\' declarations; I ran nothing.)';
}

// ---- questions about a tool itself ("how long does segmentation take?", "how fast is
// tracking?", "which algorithm do you use for tracking?", "what does the measure tool do?"):
// answered from the tool's own declaration (its summary, its methods and their descriptions)
// and, when it ran in this session, from its record (how long it took, the method it used),
// never by running it.

/** What a question asks of a tool: how long it takes, how it works (method, model), or what it does. */
export type ToolAspect = 'time' | 'method' | 'what';

export interface ToolAsked {
  tool: string;
  aspect: ToolAspect;
}

/** The time a step takes: "how long does X take", "how fast is X", "is X slow", "will it take ages". */
const ASKS_TIME = /\bhow\s+(?:long|much\s+time)\b[^?]*\b(?:take|takes|took|taking|last|need|needs|run|runs)\b|\bhow\s+(?:fast|quick|quickly|slow)\s+(?:is|was|are|were|will|would|does|do|can)\b|(?<!\b(?:which|that|who|whose|ones|those)\s+)\b(?:is|was|are|will|would)\b[^?]*\b(?:slow|fast|quick|speedy)\b|\btakes?\s+(?:ages|long|forever|a\s+while|hours|minutes)\b|\b(?:runtime|run\s*time|running\s+time|processing\s+time|compute\s+time|time\s+it\s+takes?)\b/i;
/** How a step works: its method, algorithm or model, what it is based on. */
const ASKS_METHOD = /\b(?:what|which)\s+(?:is\s+|are\s+)?(?:the\s+|your\s+)?(?:[\w-]+\s+){0,2}(?:method|methods|algorithm|algorithms|algo|model|models|approach|technique|network|architecture|library|software)\b|\b(?:what|which)\s+(?:kind|type|sort)\s+of\b|\b(?:use|uses|using|run|runs)\s+(?:a\s+|an\s+)?(?:neural|deep|machine\s+learning|ai\b|u-?net|threshold|model)|\bhow\s+(?:does|do|did)\s+(?:the\s+|your\s+|this\s+|it\s+)?[^?]*\bwork\b|\b(?:based\s+on|under\s+the\s+hood)\b|\b(?:deep[\s-]?learning|neural(?:\s+net(?:work)?)?|machine\s+learning|threshold(?:ing)?|classical)\b[^?]*\bor\b|\bor\b[^?]*\b(?:deep[\s-]?learning|neural(?:\s+net(?:work)?)?|machine\s+learning|thresholding|classical)\b/i;
/** What a step does: "what does X do / compute / measure / output". */
const ASKS_WHAT = /\b(?:what|wot|wat)\s+(?:does|do|did|will|would)\s+(?:the\s+|your\s+|this\s+|that\s+)?[^?]*\b(?:do|does|compute|calculate|measure|output|return|produce|give|make|mean)\b|\bwhat\s+is\s+(?:the\s+)?\w+(?:\s+(?:tool|step|function|command))\s+for\b/i;
/** Advice ("which method should I use?") and requests ("can you tell me ...") are not about how a tool is. */
const ADVICE = /\b(?:should|shall|would\s+you\s+recommend|recommend|best|better)\b/i;

/** Words that name what a step works on or finds, never the step itself ("the cells", "the tracks"). */
const DATA_NOUN = /^(?:cells?|nucle(?:us|i)|objects?|tracks|trajector(?:y|ies)|labels|masks|movies?|images?|frames?|stacks?|files?|data|table|results?|particles?|spots?|bacteria|yeast|embryos?|organoids?|divisions|they|them|it|these|those)$/i;

/**
 * The words that name the step asked about: after "does/do/is/will" (and "it take to"), before
 * the verb of the question; "how long does it take to segment a movie" names the verb.
 */
function subjectOf(plain: string): string | undefined {
  // "which segmentation method do you use?", "what's the tracking algorithm?", "what kind of tracker is it?"
  const named = /\b(?:what|which)\s+(?:is\s+|are\s+)?(?:the\s+|your\s+)?((?:[\w-]+\s+){0,1}[\w-]+)\s+(?:method|methods|algorithm|algorithms|algo|model|models|approach|technique|network|software)\b/i.exec(plain)
    ?? /\b(?:kind|type|sort)\s+of\s+([\w-]+)/i.exec(plain)
    ?? /\b(?:hood|inside)\s+of\s+(?:the\s+|your\s+)?([\w-]+)/i.exec(plain);
  if (named && !/^(?:is|are|the|a|an|your|kind|type|sort)$/i.test(named[1])) return named[1];
  const takeTo = /\b(?:it|this|that)\s+(?:\w+\s+)?(?:take|takes|took|need|needs)\s+(?:\w+\s+){0,2}to\s+(\w+)/i.exec(plain);
  if (takeTo) return takeTo[1];
  // "which algorithm do you use for tracking?"
  const usedFor = /\b(?:you|it|we|cellpilot)\s+(?:\w+\s+)?(?:use|uses|run|runs|apply|applies)\s+(?:for|to|when|in)\s+((?:the\s+)?[\w-]+(?:\s+[\w-]+)?)/i.exec(plain);
  if (usedFor) return usedFor[1].replace(/^the\s+/i, '');
  const after = /\b(?:does|do|did|is|was|are|were|will|would|can)\s+(?:the\s+|your\s+|this\s+|that\s+|my\s+|our\s+)?((?:[\w-]+\s+){0,3}?[\w-]+?)(?:\s+(?:take|takes|took|use|uses|used|work|works|do|does|compute|calculate|measure|output|return|produce|give|make|mean|run|runs|go|need|needs|slow|fast|quick|speedy|based|deep|just|a|an|really|actually|exactly|usually|normally|typically|take)\b|\s*[?,]|\s*$)/i.exec(plain);
  const words = after?.[1];
  if (!words) return undefined;
  // "the measure tool", "the tracking step": the name before the word that says it is a tool
  return words.replace(/\s+(?:tool|step|function|command|module|part|thing|feature|bit|plugin)s?$/i, '');
}

/**
 * The tool a question asks about and what it asks of it; undefined when the question is about
 * the data ("how fast do the cells move?", "how long are the tracks?"), asks for advice, or
 * names no analysis tool.
 */
export function toolAskedAbout(question: string, index: ToolIndex): ToolAsked | undefined {
  const plain = plainQuestion(question).replace(/\bwot\b/gi, 'what');
  if (ADVICE.test(plain)) return undefined;
  // ("what deep learning models are installed?", "which neural networks do you have?": a question whose words are first of all a
  // listing tool's, list_models or list_rules, asks for that list, not how a step that uses such a model works)
  // (unless the question names another tool: "which model does segment use?" asks about segment)
  const whole = index.match(plain).filter((m) => !m.byArgument);
  if (whole.length > 0 && selfOf(whole[0].tool)?.role === 'list' && !whole.some((m) => m !== whole[0] && m.named)) return undefined;
  // ("how do you track cells?", "how is the speed calculated?": how a step works in general, the tool the rest names)
  const howDone = howItIsDone(plain, index);
  if (howDone) return { tool: howDone, aspect: 'method' };
  const aspect: ToolAspect | undefined = ASKS_TIME.test(plain) ? 'time' : ASKS_METHOD.test(plain) ? 'method' : ASKS_WHAT.test(plain) ? 'what' : undefined;
  if (!aspect) return undefined;
  const subject = subjectOf(plain);
  if (!subject) return undefined;
  const written = subject.toLowerCase().match(/[\p{L}\d-]+/gu) ?? [];
  // the subject is a thing worked on or found ("the cells", "each track", "the drift"), not a step:
  // a step is named by a noun of doing ("segmentation", "tracking", "the tracker"), the tool's name, or "the X tool"
  // ("how long does the average track last?": a statistic of things found, and "last" their duration, not the step's run time)
  if (written.length === 0 || written.some((w) => DATA_NOUN.test(w) || /^(?:each|every|any|one|single|per|average|mean|median|typical|longest|shortest|\d+)$/.test(w))) return undefined;
  if (aspect === 'time' && /\blast(?:s|ed|ing)?\b/i.test(plain) && !/\b(?:take|takes|took|run|runs|ran)\b/i.test(plain)) return undefined;
  const names = new Set(ALL_TOOLS.flatMap((t) => [t.name, t.name.split('_')[0]]));
  const step = (w: string) => /(?:ion|ing|[^e]er|or|ment|isation|ization)$/.test(w) || names.has(w);
  if (!written.some(step) && !/\b(?:tool|step|function|command|module)s?\b/i.test(plain)) return undefined;
  const found = index.match(subject).filter((m) => !m.byArgument);
  const tool = found.find((m) => {
    const self = selfOf(m.tool);
    // a step of the analysis (the microscope's own questions are about its run, answered by its status)
    return self && self.domain !== 'microscope' && !['advice', 'status', 'list', 'open'].includes(self.role ?? '');
  })?.tool;
  return tool ? { tool, aspect } : undefined;
}

/**
 * "how do you track cells?", "how does cellpilot compute the speed?", "how would you segment nuclei?": how a step is done,
 * asked of cellpilot in the present (never of the data: "how do the cells move?" asks of them); "how is the speed
 * calculated?", "how are divisions detected?": how a quantity or a result is made. The words after the verb name the step.
 */
const HOW_YOU_DO = /\bhow\s+(?:exactly\s+|actually\s+|usually\s+|normally\s+|generally\s+)?(?:do|does|would|will|can|could)\s+(?:you|u|cellpilot|it|this\s+(?:tool|software|program|app|thing)|the\s+(?:tool|software|program|app))\s+(?:usually\s+|normally\s+|generally\s+|actually\s+|exactly\s+|typically\s+)?([a-z][^?]*)/i;
const HOW_IS_MADE = /\bhow\s+(?:exactly\s+|actually\s+|usually\s+)?(?:is|are)\s+((?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:being\s+)?(?:calculated|computed|measured|defined|determined|detected|linked|segmented|tracked|found|estimated|derived|obtained|identified|counted|done|worked\s+out|quantified|scored|made)\b/i;
/** Verbs after "how do you" that ask of the person's wish or of the data, never of a step. */
const NOT_A_STEP = /^(?:want|wish|like|mean|know|feel|think|say|spell|call|see|pronounce|help|need|suggest|recommend)\b/i;

function howItIsDone(plain: string, index: ToolIndex): string | undefined {
  const m = HOW_YOU_DO.exec(plain);
  const rest = m && !NOT_A_STEP.test(m[1]) ? m[1] : HOW_IS_MADE.exec(plain)?.[1];
  if (!rest) return undefined;
  return index.match(rest).filter((f) => !f.byArgument).find((f) => {
    const self = selfOf(f.tool);
    return self && self.domain !== 'microscope' && !['advice', 'status', 'list', 'open'].includes(self.role ?? '');
  })?.tool;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Number((ms / 1000).toPrecision(2))} s` : ms < 120_000 ? `${Number((ms / 1000).toPrecision(3))} s` : `${Number((ms / 60_000).toPrecision(3))} min`;
}

/** The method argument of a tool's schema: its values, default and description. */
function methodOf(tool: string): { values: string[]; fallback?: string; about?: string } | undefined {
  const spec = findTool(tool);
  const shape = (spec?.schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  const method = shape?.method as { description?: string; _zod?: { def?: { defaultValue?: unknown; innerType?: { options?: unknown[] } } } } | undefined;
  if (!method) return undefined;
  const def = method._zod?.def;
  const values = (def?.innerType?.options ?? (method as { options?: unknown[] }).options ?? []).map(String);
  return { values, fallback: def?.defaultValue === undefined ? undefined : String(def.defaultValue), about: method.description };
}

/**
 * The answer to a question about a tool itself, from its declaration and its record in this
 * session; nothing runs.
 */
export function describeTool(asked: ToolAsked, earlier: PastResult[]): string {
  const spec = findTool(asked.tool);
  const summary = (spec?.summary ?? spec?.description ?? '').replace(/\s+$/, '');
  const ran = [...earlier].reverse().find((r) => r.tool === asked.tool && r.ok);
  const method = methodOf(asked.tool);
  const ms = ran?.durationMs;
  // how long it took, when it ran: the time first, from the record
  if (asked.aspect === 'time' && ran && typeof ms === 'number' && ms > 0) {
    const runs = earlier.filter((r) => r.tool === asked.tool && r.ok && typeof r.durationMs === 'number' && r.durationMs > 0);
    const more = runs.length > 1 ? ` It ran ${runs.length} times here, ${seconds(runs.reduce((a, r) => a + r.durationMs!, 0))} in all.` : '';
    return `\`${asked.tool}\` ran in this session and it took ${seconds(ms)} (its last run, from the record; I ran nothing).${more} ${summary}`.trim();
  }
  const parts = [`About \`${asked.tool}\`, from its own declaration (I ran nothing): ${summary}`];
  if (asked.aspect === 'time') {
    if (ran) parts.push('Its record in this session has no timing.');
    else parts.push('It has not run in this session, so I have no time for it on this movie: it runs on this machine frame by frame, so its time grows with the number of frames and pixels; ask again after it runs and I will say how long it took.');
  }
  if (asked.aspect !== 'time' || !ran) {
    if (method?.about) parts.push(`Method${method.values.length ? ` (${method.values.join(', ')}${method.fallback ? `; default ${method.fallback}` : ''})` : ''}: ${method.about.replace(/\s+$/, '')}.`.replace(/\.\.$/, '.'));
  }
  if (ran && asked.aspect !== 'time') {
    const used = ['method', 'model', 'modelFolder', 'modelSha256', 'methodReason'].filter((k) => ran.values[k] !== undefined).map((k) => `${k} = ${formatValue(ran.values[k])}`);
    if (used.length) parts.push(`Its run here used ${used.join(', ')}.`);
  }
  return parts.join(' ');
}

/** "write the methods for this", "draft a methods paragraph", "methods blurb I can paste": a methods text asked, not one method. */
const ASKS_METHODS_TEXT = /\b(?:write|writ(?:e|ing)\s+up|draft|give|make|produce|generate|prepare|compose|need|want|draw\s+up|put\s+together)\b[^?.!]{0,30}?\bmethods\b(?!\s+(?:did|do|does|were|are|is|was|can|could|you|available)\b)|\bmethods?\s+(?:section|paragraph|text|blurb|write-?up|part|bit|description|summary)\b/i;
export function asksMethodsText(text: string): boolean {
  return ASKS_METHODS_TEXT.test(plainQuestion(text));
}

/** What a methods text leaves out: steps that only read or report (the header, the models, the microscope's state). */
const REPORTS_ONLY = /^(?:movie_info|list_models|help|microscope_status|list_rules|dose_report|load_movie)$/;

/** A methods text of the steps that ran, in order, each with what it was given and its own account, the software and what to cite; nothing is run. */
function methodsText(question: string, earlier: PastResult[], index: ToolIndex, schemaOf: (tool: string) => Record<string, PropertyInfo>): string {
  const done = earlier.filter((r) => r.ok && !REPORTS_ONLY.test(r.tool));
  const v = softwareVersions();
  if (!done.length) return `Nothing has been run on the movie in this session yet, so there are no methods to write (I ran nothing). Once steps have run, I write them from the record, with cellpilot ${v.cellpilot}.`;
  const lines = done.map((r, i) => {
    const given = Object.entries(r.args).filter(([k, val]) => !INPUTS.has(k) && val !== undefined && typeof val !== 'object');
    const args = given.length ? ` (${given.map(([k, val]) => `${k} = ${typeof val === 'number' ? withUnit(r.tool, k, val, r.values, schemaOf(r.tool)[k]) : String(val)}`).join(', ')})` : ' (its defaults)';
    return `${i + 1}. ${r.tool}${args}: ${r.summary.replace(/\s+$/, '')}`;
  });
  return `Methods, from this session's record (I ran nothing): the movie was analysed with cellpilot ${v.cellpilot} (Node.js ${v.node}) in these steps: ${lines.join(' ')} ${citations(question, earlier, index, schemaOf)}`;
}

/** "what version is this?", "which version of cellpilot are you running?", "software version?". */
const ASKS_VERSION = /\b(?:what|which)\s+(?:\w+\s+)?version\b(?![^?.]*\b(?:movie|file|image|images|stack|data|channel|frames?|table|labels?|tracks?)\b)|^\s*(?:software\s+|cellpilot\s+)?version\s*\??\s*$|\bversion\s+(?:of\s+)?(?:cellpilot|the\s+software|the\s+program|the\s+tool|this\s+tool|you)\b/i;
export function asksVersion(text: string): boolean {
  return ASKS_VERSION.test(plainQuestion(text));
}

function versionReply(): string {
  const v = softwareVersions();
  const libs = Object.entries(v).filter(([k]) => k !== 'cellpilot' && k !== 'node').map(([k, val]) => `${k} ${val}`);
  return `cellpilot ${v.cellpilot}, on Node.js ${v.node}${libs.length ? `; libraries that compute results: ${libs.join(', ')}` : ''}. Each step's provenance record keeps these versions.`;
}

/**
 * "where did the labels get saved", "where'd you put the tracks", "which folder are the results in?", "where can I find
 * the output files?": where a step's files are, a where-question (or one of a folder or path) whose subject is a result
 * (labels, tracks, a table, a figure, files), never of objects in the image ("where did the cells go?").
 */
const RESULT_NOUN = String.raw`(?:label(?:s|led)?(?:\s+(?:images?|files?|masks?))?|masks?|segmentations?|tracks?|trajector(?:y|ies)|tables?|csvs?|spreadsheets?|results?|outputs?|files?|plots?|figures?|graphs?|pngs?|tiffs?|tifs?|pipelines?|measurements?)`;
const STORED = String.raw`(?:sav(?:e|ed|ing)|stor(?:e|ed|ing)|writ(?:e|ten|ing)|wrote|put|kept|keep|go|gone|went|end(?:ed)?\s+up|land(?:ed)?|lives?|located|dumped|exported|gets?|got)`;
const WHERE_STORED = new RegExp(String.raw`\bwhere(?:'d|'s|’d|’s|\s+(?:is|are|was|were|did|do|does|has|have|had|will|would|can|could|should|might)\b)(?:\s+[\w'’-]+){0,6}?\s+${RESULT_NOUN}\b(?:\s+(?:\w+\s+){0,2}?(?:been\s+|be\s+|get\s+|got\s+)?${STORED}\b|\s*(?:now|then|at|again|pls|please|stored|kept)?\s*[?.!]*\s*$)|\bwhere(?:'d|’d|\s+(?:did|do|have|has|had|will|would))\s+(?:you|u|it|they|we|cellpilot)\s+(?:\w+\s+)?${STORED}\b(?!\s+(?:the\s+)?(?:cells?|nuclei|nucleus|objects?)\b)|\b(?:which|what)\s+(?:folder|directory|dir|path|location)\b|\bpath\s+(?:to|of)\s+(?:the\s+|my\s+|your\s+)?(?:\w+\s+)?${RESULT_NOUN}\b`, 'i');
/** "which files?", "the outputs?", "where are the masks saved?": a question about the files the session made. */
export function asksAboutFiles(text: string): boolean {
  return /\bwhich files?\b|\bwhat files?\b|\boutputs?\b/i.test(text) || asksWhereResultsAre(text);
}
export function asksWhereResultsAre(text: string): boolean {
  const plain = plainQuestion(text);
  if (!WHERE_STORED.test(plain)) return false;
  // ("where do the tracks end up?", "where did the trajectories go?": where the cells moved, a question of the data)
  return !(/\b(?:tracks?|trajector(?:y|ies))\b/i.test(plain) && /\b(?:go|gone|went|goes|end(?:ed|s)?\s+up|land(?:ed|s)?)\b/i.test(plain) && !/\b(?:files?|folder|saved|stored|written|csv)\b/i.test(plain));
}

/** The kinds of result a noun names ("the masks" → labels), from the artifact types. */
const NOUN_TYPES: [RegExp, string][] = [[/\b(?:label|mask|segmentation)/i, 'labels'], [/\b(?:track|trajector)/i, 'tracks'], [/\b(?:table|csv|spreadsheet|measurement)/i, 'table'], [/\b(?:plot|figure|graph|png)/i, 'plot'], [/\bpipeline/i, 'pipeline']];

/** Where the files of the steps that ran are, those of the kind the question names first; from the record, nothing run. */
function whereResultsAre(question: string, earlier: PastResult[]): string {
  const made = earlier.filter((r) => r.ok).flatMap((r) => r.artifacts.filter((a) => a.path).map((a) => ({ ...a, tool: r.tool })));
  if (made.length === 0) return 'Nothing has run in this session yet, so no step has saved any files (I ran nothing).';
  const types = new Set(NOUN_TYPES.filter(([re]) => re.test(question)).map(([, t]) => t));
  const named = made.filter((a) => types.has(a.type));
  const shown = named.length ? named : made;
  const missing = types.size && !named.length ? `No step has made ${[...types].join(' or ')} in this session; the files the steps saved: ` : '';
  const dirs = [...new Set(shown.map((a) => a.path!.replace(/\/[^/]*$/, '')))];
  const list = shown.map((a) => `${a.id} (${a.type}, from ${a.tool}) saved at ${a.path}`).join('; ');
  return `${missing}${list}${dirs.length === 1 ? `. Folder: ${dirs[0]}` : ''} (from the session's record; I ran nothing).`;
}

/** "did you denoise it first?", "have you corrected the drift?": whether a step ran, said of the movie or nothing (not of results: "did you find divisions?"). */
const STEP_RAN_ASKED = /^\s*(?:(?:and|so|but|ok(?:ay)?|wait)[,\s]+)?(?:did|have|had)\s+(?:you|we|it)\s+(?:also\s+|already\s+|actually\s+|even\s+|ever\s+)?([\p{L}-]+)(?:\s+(?:it|them|this|that|the\s+(?:movie|data|images?|stack|film|file|recording|drift|frames?)|my\s+(?:movie|data|images?|stack|film)|for\s+(?:the\s+|any\s+)?[\p{L}-]+))?(?:\s+(?:first|before(?:hand)?|too|as\s+well|at\s+all|already|earlier))?(?:\s+(before|after|prior\s+to)\s+(?:the\s+|you\s+)?([\p{L}-]+))?\s*\??\s*$/iu;
function stepRanAsked(question: string, earlier: PastResult[], index: ToolIndex): string | undefined {
  const m = STEP_RAN_ASKED.exec(plainQuestion(question));
  if (!m || /^(?:use|used|find|found|get|got|see|saw|detect|detected|do|done|run|ran|count|counted|measure|measured|check|checked)$/i.test(m[1])) return undefined;
  const words = m[0].replace(/^\s*(?:(?:and|so|but|ok(?:ay)?|wait)[,\s]+)?(?:did|have|had)\s+(?:you|we|it)\s+/i, '').replace(/\s+(?:before|after|prior\s+to)\s+\S+.*$/i, '');
  const tool = index.match(words).map((x) => x.tool).find((t) => !REPORTS_ONLY.test(t));
  if (!tool) return undefined;
  const ran = earlier.filter((r) => r.ok && r.tool === tool);
  const steps = earlier.filter((r) => r.ok).map((r) => r.tool);
  // ("did you correct for drift before tracking?": whether it ran, and where in the order of the steps against the one named after it)
  const other = m[2] && m[3] ? index.match(m[3]).map((x) => x.tool).find((t) => t !== tool && !REPORTS_ONLY.test(t)) : undefined;
  if (other) return stepOrderAnswer(tool, other, /^after$/i.test(m[2]) ? 'after' : 'before', steps);
  if (ran.length) return `Yes (from the record, nothing run again): ${tool} ran${ran.length > 1 ? ` ${ran.length} times` : ''}: ${ran.at(-1)!.summary.replace(/\s+$/, '')}`;
  return `No: ${tool} has not run in this session${steps.length ? ` (what ran: ${steps.join(', ')})` : ' (nothing has run yet)'}. Say so if you want it run.`;
}

/** "did you correct the drift before tracking?": Yes or No by the order of the two steps in the record, nothing run. */
function stepOrderAnswer(tool: string, other: string, order: 'before' | 'after', steps: string[]): string {
  const ranSteps = steps.length ? ` (the steps in order: ${steps.join(', ')}; from the record, nothing run again)` : ' (nothing has run yet)';
  const at = steps.indexOf(tool);
  const otherAt = order === 'before' ? steps.indexOf(other) : steps.lastIndexOf(other);
  if (at < 0) return `No: ${tool} has not run in this session${otherAt >= 0 ? `, so ${other} ran without it` : ''}${ranSteps}. Say so if you want it run.`;
  if (otherAt < 0) return `No: ${tool} ran, but ${other} has not run in this session${ranSteps}.`;
  const yes = order === 'before' ? steps.slice(0, otherAt).includes(tool) : steps.slice(otherAt + 1).includes(tool) || at > otherAt;
  return `${yes ? 'Yes' : 'No'}: ${tool} ran ${yes ? order : order === 'before' ? 'after' : 'before'} ${other}${ranSteps}.`;
}
