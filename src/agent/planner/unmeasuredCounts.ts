// "How many cells leave the field of view?", "how many nuclei die?", "how many cells fuse?": a count of the things that do
// something no step measures is answered by saying what is not measured, never by the count of all of them (the total
// answers another question, with confidence). Counts the readers understand stay theirs: with a condition on a measured
// quantity ("bigger than 40 µm²"), of an event a table counts ("that divided"), of cells that move or stay in view for
// the whole movie, of things in a channel ("GFP-positive"), or of a quantity the table makers declare ("round").
import { findChannels } from './extract.ts';
import { trackEndsAsked } from './trackSpans.ts';
import { countsOverTheMovie } from './frameSummary.ts';
import { countsDividingCells, countsMovingCells, countsWholeTracks, namesAnEvent, plainQuestion, readQuestion } from './tableAnswers.ts';

/** "how many (of the) cells <what they do>": the things counted and what they do, as written. */
const COUNTED_DOING = /\bhow many\s+(?:of\s+(?:the|them|these|those|my|our)\s+)?(?:(?:the|my|these|those|our)\s+)?(?:[\p{L}-]+\s+)?(cells?|nuclei|nucleus|objects?|tracks?|trajectories|ones)\s+(?!(?:are|is|were|was)\s+(?:there|in|at|on|per|visible|present|left|seen|detected|found|counted)\b)(.+?)\s*[?.!]*$/iu;
/** Words of a predicate that say nothing about what the things do ("are", "there", "in the movie"). */
const EMPTY_PREDICATE = /^(?:(?:are|is|were|was|do|does|did|have|has|there|in|at|on|over|during|of|per|each|every|the|this|that|whole|entire|all|total|movie|video|recording|film|image|frames?|time ?points?|overall|altogether|in total|\d+|[-–,])\s*)*$/i;

/** A predicate that says no doing: a form of be, have or become ("how many nuclei there are in frame 3", "how many now?"), a question to me, being found or seen, a comparison. */
const NO_DOING = /^(?:there|here|now|still|then|altogether|overall|total|initially|finally|are|is|were|was|be|been|being|have|has|had|having|get|gets|got|become|becomes|became|with|without|that|which|who|do|does|did|can|could|would|will|you|we|i|appear\w*|show(?:s|ed)?\s+up|exist\w*|remain\w*|visible|present|left|detected|found|counted|seen|in|at|on|per|from|between|than|more|less|fewer|bigger|larger|smaller|brighter|dimmer|longer|shorter|faster|slower|above|below|over|under)\b/i;

/** Someone or something that finds the things, then its verb of finding ("the segmentation find", "the model detect"). */
const FOUND_BY = /^(?:(?:the|your|my|our|this|that)\s+)?(?:[\p{L}-]+\s+){0,2}?(?:find|detect|identify|pick\s+up|get|segment|count|see|spot|recogni[sz]e|label|catch)\b/iu;

/** "how many times does each cell <do>", "how often do they <do>": how often the things do it, the things and the doing as written. */
const TIMES_DOING = /^(?:(?:and|so|also|now)\s+)?(?:how many times|how often|how frequently)\s+(?:do|does|did|will|would)\s+(?:each\s+|every\s+|the\s+|a\s+|my\s+|our\s+|these\s+|those\s+)?(?:[\p{L}-]+\s+)?(cells?|nuclei|nucleus|objects?|tracks?|they)\s+(.+?)\s*[?.!]*$/iu;

/** A question of how often the things do something, as the count of the things that do it ("how many cells <do>"); else the question as it is. */
function asCountOfThings(question: string): string {
  const q = plainQuestion(question).trim();
  const times = TIMES_DOING.exec(q);
  if (!times) return question;
  const things = /^they$/i.test(times[1]) ? 'cells' : times[1];
  return `how many ${things} ${times[2]}?`;
}

/** What the counted things are asked to do, when no step measures it ("leave the field of view"); else undefined. */
export function unmeasuredCountedDoing(asked: string): string | undefined {
  // ("how many times does each cell touch its neighbours?", "how often do they contact vessels?": how often is a count of the doing)
  const question = asCountOfThings(asked);
  const q = plainQuestion(question).trim();
  const doing = COUNTED_DOING.exec(q);
  // ("how many nuclei across the full time-lapse?": a span of the whole movie is no doing; frameSummary.ts answers it)
  if (!doing || EMPTY_PREDICATE.test(doing[2]) || countsOverTheMovie(q)) return undefined;
  // (only what they do, a verb: "are round", "have a gap", "get bigger" name a property or an event the tables hold;
  // "do you see", "appear in frame 3", "were detected" ask for the things found)
  // ("are touching the border", "were leaving": a form of be before a verb in -ing is that verb, a doing)
  const said = doing[2].replace(/^(?:do|does|did|will|would)\s+(?!you\b|we\b|i\b)/i, '');
  const predicate = said.replace(/^(?:are|is|were|was)\s+(?=[a-z]{3,}ing\b)(?!(?:being|having|getting|becoming)\b)/i, '');
  // ("how many tracks merge?": an event a table of tracks counts)
  if (NO_DOING.test(predicate) || namesAnEvent(predicate.split(/\s+/)[0])) return undefined;
  // ("how many objects did the segmentation find?", "did stardist pick up": what a step or a person found, the things found)
  if (said !== doing[2] && FOUND_BY.test(predicate)) return undefined;
  const scope = readQuestion(question);
  if (scope.reduce !== 'count' || scope.condition || scope.subset || scope.trackEvent || scope.compare) return undefined;
  // ("how many tracks start after frame 1?": when each starts and ends, which a table of tracks holds)
  if (countsDividingCells(question) || countsMovingCells(question) || countsWholeTracks(question) || trackEndsAsked(question) || findChannels(question).length > 0) return undefined;
  return said.replace(/\s+(?:in|during|over|across|at|by)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:movie|video|recording|film|time[\s-]?lapse)$/i, '').trim();
}

/** One line: what is not measured, and the counts that are, with no total given in its place. */
export function unmeasuredCountReply(doing: string, things: string): string {
  return `I have no measurement of which ${things} "${doing}", so I cannot count them, and the number of all ${things} would not answer it. I can count the ${things} per frame, those that divide, those that move, and those that stay in view for the whole movie.`;
}

/** The things a count names ("cells", "nuclei"), plural. */
export function countedThings(question: string): string {
  const things = COUNTED_DOING.exec(plainQuestion(asCountOfThings(question)).trim())?.[1]?.toLowerCase() ?? 'cells';
  return things === 'nucleus' ? 'nuclei' : things === 'ones' ? 'cells' : /s$|nuclei/.test(things) ? things : `${things}s`;
}
