// A fluorescent channel said as the thing that changes stands for its intensity: "is the GFP going up in the nucleus?",
// "does mCherry in the nuclei drop after the drug?" ask how bright that channel is over the movie, which is
// measured in the objects (segment, then measure with that channel), never a reason to track and never a command to
// the microscope. The word "intensity" is said after the name, as people also write it ("is the GFP intensity going
// up"), so every reader of a measured quantity sees it. A level going down or fading said of the channel alone ("is my
// GFP fading?", "the GFP drops") is the bleaching's question and keeps its words, as does a name followed by its own
// noun ("GFP signal", "the GFP channel", "GFP power", "GFP cells").
import { CHANNEL_NAMES } from './lexicon.ts';

/** The names of fluorescent channels (not the transmitted-light ones, nor names that are everyday words). */
const FLUORESCENT = CHANNEL_NAMES.filter((n) => !/^(?:brightfield|phase|dic|sir)$/i.test(n)).join('|');

/** The verbs of a level going up, which bleaching never does. */
const RISING = String.raw`(?:go(?:es|ing)?\s+up|went\s+up|increas\w*|ris(?:e|es|ing)|rose|accumulat\w*|build(?:s|ing)?\s+up|built\s+up|peak(?:s|ed|ing)?|doubl\w*|(?:get|gets|getting|got|become|becomes|becoming|became)\s+(?:much\s+|a\s+bit\s+|any\s+)?(?:brighter|stronger|higher))`;
/** The verbs of a level going down or changing: bleaching too ("is my GFP fading?"), unless said of a place in the cells. */
const FALLING = String.raw`(?:go(?:es|ing)?\s+down|went\s+down|decreas\w*|fall(?:s|ing)?|fell|drop\w*|declin\w*|chang(?:e|es|ed|ing)|halv\w*|(?:get|gets|getting|got|become|becomes|becoming|became)\s+(?:much\s+|a\s+bit\s+|any\s+)?(?:dimmer|weaker|lower))`;
/** Where the channel is, said between its name and the verb ("in the nucleus", "inside the cells"). */
const WHERE = String.raw`(?:(?:in|inside|within)\s+(?:the\s+|each\s+|every\s+|all\s+|my\s+)?(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+\s+)`;
/** Words of a question's tense or of how, between the name and the verb. */
const AUX = String.raw`(?:(?:is|are|was|were|does|do|did|will|has|have|had|really|actually|also|still|then|slowly|gradually|steadily|significantly)\s+)`;

const CHANNEL_CHANGING = new RegExp(String.raw`\b(${FLUORESCENT})(?=\s+(?:${WHERE}?${AUX}{0,2}${RISING}|${WHERE}${AUX}{0,2}${FALLING})\b)`, 'giu');

/** The request with "intensity" said after a fluorescent channel named as what changes. */
export function withChannelChangeAsIntensity(text: string): string {
  return text.replace(CHANNEL_CHANGING, '$1 intensity');
}
