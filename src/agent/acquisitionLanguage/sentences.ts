// A message of several sentences, read as the command it ends with. People say what they
// see first and what to do last ("The 488 is too strong. Halve it."): a sentence that only
// tells what is happening (an observation: a subject and a verb, no command, no question)
// is context. Its subject is what a pronoun in the command points at ("it" = "the 488");
// the observation itself is then dropped, so that its numbers and words are not read as
// part of the command ("The drug went in at 2pm. Make the interval 2 min.").
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { durationsIn, findChannels, spokenNumbers } from './words.ts';
import { howToAsCommand } from './howToAsked.ts';
import { runWaitsAsPause } from './runWaits.ts';

/** The sentences of a message (a full stop, "!" or "?" followed by a space ends one; "0.5", "e.g." and "..." inside words do not). */
export function sentencesOf(text: string): string[] {
  return text
    // ("e.g.", "i.e.", "approx.", "vs." end no sentence)
    .split(/(?<!\b(?:e\.g|i\.e|etc|approx|ca|vs|cf)\.)(?<=[a-z0-9µ%)'"][.!?]+|[?!])\s+(?=\S)/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Words that may open a sentence before its subject or verb ("so", "ok", "I think"). */
const OPENER = String.raw`(?:(?:so|ok(?:ay)?|well|hmm+|right|also|and|but|oh|ah|hey|hi|now|yeah|yes|alright|look|honestly|basically|anyway)[,\s]+|(?:i think|i guess|i feel like|it seems(?: like)?|seems like|looks like)[,\s]+)*`;

/** A verb that tells a state or an event (not a command): "is", "looks", "keeps", "has floated", "moved". */
const TELLING_VERB = String.raw`(?:'s|’s|'re|’re|'m|’m|'ve|’ve|'ll|’ll|'d|’d|came|comes|wants|needs|says|said|told|asks|thinks|thought|knows|knew|will|would|might|may|must|is|are|was|were|am|isn'?t|aren'?t|wasn'?t|weren'?t|looks?|looked|seems?|seemed|appears?|appeared|keeps?|kept|has|have|had|hasn'?t|haven'?t|doesn'?t|don'?t|didn'?t|gets?|got|goes|went|became|becomes?|see|saw|think|feel|won'?t|can'?t|(?!(?:speed|need|feed|seed|proceed|exceed|succeed)\b)[a-z]{2,}ed)`;

/** The subject of an observation (up to its verb) and the verb. */
const OBSERVATION = new RegExp(String.raw`^${OPENER}((?:the |my |our |this |that |these |those |all |both |a |an |some |there )?(?:[\w+-]+\s+){0,5}?[\w+-]+?)(?:\s+|(?=['’]))(${TELLING_VERB})(?=\s|[.!,;:]|$)`, 'i');

/** The verb of a value wished for: "would be great", "is fine", "should do", "works for me". */
const WISHED_FOR = /^(?:would|'d|’d|will|should|is|'s|’s|works?)\b\s*(?:be\s+|do\b|work\b|suffice\b)?(?:(?:probably|really|totally|just|absolutely|more\s+than|quite|perfectly)\s+)?(?:great|good|fine|ideal|perfect|enough|better|nice|ok(?:ay)?|plenty|sufficient|best|lovely|brilliant|do\b|work\b|suffice\b|for me\b|$)/i;

/** Words that begin a command or a question, never an observation. */
const NOT_OBSERVATION = /^(?:please|pls|kindly|can|could|would|will|should|shall|may|might|do|does|did|is|are|was|were|what|which|how|when|where|why|who|whose|let'?s|let|make|set|go|switch|turn|stop|start|drop|add|remove|take|bring|keep|put|use|halve|double|triple|speed|slow|increase|decrease|reduce|lower|raise|cut|bump|crank|pause|resume|continue|image|acquire|record|snap|move|refocus|autofocus|skip|lose|kill|end|finish|wrap|change|extend|run|get|give|show|tell|report|ok|okay|if|when(?:ever)?|once|as soon as|after|before|until|unless)\b/i;

/** Things of the plan a pronoun can stand for: a channel, a position, the z-stack, the grid, the interval, the light. */
const PLAN_PART = /\b(?:positions?\s*#?\s*\d+|pos\s*\d+|fields?\s*#?\s*\d+|xy\s*(?:point|position)\s*\d+|z[\s-]?stacks?|stacks?|z[\s-]?series|slices|planes|grid|tiles?|tiling|mosaic|montage|interval|frame rate|cadence|time[\s-]?step|exposures?|power|laser|lamp|intensity|channel\s*\d+)\b/i;

/** A lead-in before a colon that only says what kind of message follows ("Just checking:", "Quick question:", "FYI:"). */
const LEAD_IN = /^((?:[a-z']+[\s,]*){1,3}):\s+(?=\S)/i;
const LEAD_IN_WORD = /\b(?:check|checking|question|q|fyi|note|update|btw|quick|just|also|ps|hey|hi|sorry|reminder|curious|wondering)\b/i;

/** The sentence without its lead-in ("Just checking: which channels are on?" → "which channels are on?"). */
function withoutLeadIn(sentence: string): string {
  const m = LEAD_IN.exec(sentence);
  return m && LEAD_IN_WORD.test(m[1]) ? sentence.slice(m[0].length) : sentence;
}

/** An observation: what is happening, said with a subject and its verb, neither a command nor a question; undefined otherwise. */
export function observationOf(sentence: string): { subject: string } | undefined {
  const s = sentence.trim();
  if (/\?\s*$/.test(s)) return undefined;
  const body = s.replace(new RegExp(`^${OPENER}`, 'i'), '');
  if (NOT_OBSERVATION.test(body)) return undefined;
  const m = OBSERVATION.exec(s);
  if (!m) return undefined;
  // ("every 2 min would be great", "5% should do", "10 ms is fine": a value wished for is the command, no observation)
  if (/\d/.test(m[1]) && WISHED_FOR.test(s.slice(m[0].length - m[2].length))) return undefined;
  // ("stop it, it's bleaching": a command comes first)
  return { subject: m[1].trim() };
}

/** Words of the microscope and its plan: a clause with one is never the speaker's own doing. */
const MICROSCOPE_NOUN = /\b(?:positions?|pos|points?|fields?|channels?|lasers?|lines?|exposures?|power|intervals?|z|stacks?|slices|planes|rules?|objective|stage|focus|grid|tiles?|wells?|images?|frames?|time[\s-]?points?|acquisition|imaging|run|time[\s-]?lapse|movie|picture|snap)\b/i;

/**
 * What the speaker will do themselves, said beside a command ("I need to add the drug", "we have to change the medium"):
 * told, never a command to the microscope. Not when it names a channel, a number or a part of the microscope ("I need to
 * add Cy5", "I want 10 min intervals" are requests).
 */
export function speakersOwnDoing(clause: string, config: MicroscopeConfig = DEMO_CONFIG): boolean {
  const c = clause.trim().replace(/[.!]+$/, '');
  return /^(?:(?:ok(?:ay)?|so|right|because|since|as|cause|coz|'cause)[,\s]+)*(?:i|we)(?:'ll|'m going to|'re going to|’ll| need to| have to| must| want to| will| am going to| are going to| gotta|'ve got to| got to)\s+[a-z]/i.test(c)
    && !/\d/.test(c) && !findChannels(c, config).length && !MICROSCOPE_NOUN.test(c);
}

/**
 * The speaker's worry told beside a command ("I worry it damages the cells", "I'm afraid they are dying", "we're
 * concerned about phototoxicity"): context, never a command nor what a pronoun of the command points at. Not when it
 * names a number or a channel.
 */
export function speakersWorry(clause: string, config: MicroscopeConfig = DEMO_CONFIG): boolean {
  const c = clause.trim().replace(/[.!]+$/, '');
  return /^(?:(?:and|but|because|since|as|cause|coz|'cause|also)[,\s]+)*(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+(?:(?:a bit|a little|really|quite|so|very|slightly)\s+)?(?:worry|worried|afraid|concerned|fear|scared|nervous|anxious)\b/i.test(c)
    && !/\d/.test(c) && !findChannels(c, config).length && !/\b(?:should|could|can|please|pls|let'?s)\b/i.test(c);
}

/** A part that is only thanks, an interjection or a courtesy. */
const COURTESY_ONLY = /^(?:(?:thanks?|thank you|thx|ta|cheers|please|pls|ok(?:ay)?|great|cool|lovely|brilliant|perfect|good|nice|sorry|so|right|alright|much appreciated|(?:many|thanks)\s+a lot)[\s!.,]*)+$/i;

/**
 * A sentence parted at its commas (or semicolons, dashes) when one part is told (an observation, or what the speaker will
 * do, that names nothing of the run) and another is not; the parts not told next to each other stay one ("the cells look stressed, drop DAPI, go every
 * 10 min" → the observation, then "drop DAPI, go every 10 min"). A sentence with no part told stays whole.
 */
export function clausesTold(sentence: string, config: MicroscopeConfig = DEMO_CONFIG): string[] {
  const parts = sentence.split(/\s*[,;]\s+|\s+[-–—]\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return [sentence];
  // (only a part that tells nothing of the run: no number, channel, or part of the microscope a command could point back at)
  // (nor one about the rest of the run, "the rest as is", which a command's scope reads)
  const told = parts.map((p) => (observationOf(p) !== undefined || speakersOwnDoing(p, config) || speakersWorry(p, config)) && !/\d/.test(p) && !durationsIn(p).length && !findChannels(p, config).length && !MICROSCOPE_NOUN.test(p) && !PLAN_PART.test(p) && !/\b(?:rest|others?|else)\b/i.test(p));
  // (thanks and other courtesy alone are no command to part from: "that's it for today, thanks" is read whole)
  const command = parts.filter((p, i) => !told[i] && !COURTESY_ONLY.test(p));
  if (!told.some(Boolean) || !command.length) return [sentence];
  // (a condition opening the sentence is the command's: "if the cells round up, image faster" stays whole)
  if (/^(?:if|when(?:ever)?|once|as soon as|after|before|until|unless|in case|should)\b/i.test(parts[0])) return [sentence];
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (told[i] || !out.length || told[i - 1]) out.push(p);
    else out[out.length - 1] = `${out[out.length - 1]}, ${p}`;
  });
  return out;
}

/** What a pronoun standing for the subject of an observation would name: the subject when it is a part of the plan, else undefined. */
function referentOf(subject: string, config: MicroscopeConfig): string | undefined {
  const s = subject.replace(/^there\s+/i, '').trim();
  if (/^(?:it|this|that|they|we|i|you|things?|everything|something|nothing|imaging|the cells?|cells?)$/i.test(s)) return undefined;
  return findChannels(s, config).length > 0 || PLAN_PART.test(s) ? s : undefined;
}

/** A pronoun as the object of a command ("halve it", "get rid of it", "switch it off"), not "it's" nor "make it 6". */
const PRONOUN = /\b(?:its|it|that|them|this|those|that one|this one)\b(?!['’]s|\s+(?:is|was|has|'s)\b)/i;

/**
 * The command of a message of several sentences: the sentences that are observations are
 * dropped, and a pronoun in the command that points back at an observation's subject is that
 * subject ("Position 3 has no cells. Get rid of it." → "Get rid of Position 3."). A message of
 * one sentence, or of observations only, is returned as it is.
 */
/**
 * "Position 3 is out of focus and position 4 has a bubble. Drop 4.": a bare number after a verb that drops is one
 * of the things of one kind the message numbers (positions, or channels); the words as they are otherwise.
 */
export function withNumberedObjects(text: string): string {
  const kinds = [...new Set([...text.toLowerCase().matchAll(/\b(position|pos|field|channel|ch)s?\s*#?\s*\d/g)].map((m) => (/^(?:pos|position|field)$/.test(m[1]) ? 'position' : 'channel')))];
  if (kinds.length !== 1) return text;
  return text.replace(/(^|[.!?;,]\s*|\b(?:and|then)\s+)((?:please\s+)?(?:drop|remove|skip|stop(?:\s+imaging)?|lose|exclude|ditch|forget(?:\s+about)?|get rid of|leave out))\s+(?:#\s*)?(?=\d+(?:\s*(?:,|and|&)\s*\d+)*\s*(?:please\s*)?(?:\band\b|[.!?,;]|$))/gi, `$1$2 ${kinds[0]} `);
}

/** A sentence that is only a value wished for: "2 min would be good", "maybe 5%?", "10 ms should do", "say every 3 min". */
const VALUE_ALONE = /^(?:(?:maybe|perhaps|say|ideally|like|something like|about|around|roughly|probably)[,\s]+)*(?:every\s+)?(\d+(?:\.\d+)?\s*(?:%|percent|ms|msec|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|µm|um|microns?)(?![\w%]))\s*/i;

/**
 * A change said without its amount and the amount wished for in the next sentence ("make the interval shorter? 2 min
 * would be good", "lower the 488. Maybe 5%?"): one clause, the amount after a comma, as it is read when said so. The
 * words as they are otherwise.
 */
export function valueWishedJoined(text: string): string {
  const sentences = sentencesOf(text);
  if (sentences.length < 2) return text;
  const out: string[] = [sentences[0]];
  for (const s of sentences.slice(1)) {
    const m = VALUE_ALONE.exec(s);
    const rest = m ? s.slice(m[0].length) : '';
    const alone = !!m && (/^[?.!]*$/.test(rest) || WISHED_FOR.test(rest)) && !/\d\s*(?:%|percent|ms|msec|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|µm|um|microns?)(?![\w%])/i.test(out.at(-1)!);
    if (alone) out[out.length - 1] = `${out.at(-1)!.replace(/[.!?]+$/, '')}, ${s.replace(/[.!?]+$/, '')}`;
    else out.push(s);
  }
  return out.join(' ');
}

export function commandOfSentences(text: string, config: MicroscopeConfig = DEMO_CONFIG): string {
  // ("make the interval shorter? 2 min would be good": the amount wished for in a sentence of its own is the change's)
  text = valueWishedJoined(text);
  // ("pull the plug on this, the dish is contaminated", "ok we're good, go again": a clause told beside a command is a sentence of its own)
  const sentences = sentencesOf(text).flatMap((s) => clausesTold(s, config)).map(withoutLeadIn);
  if (sentences.length < 2) return sentences[0] ?? text;
  const observed = sentences.map((s) => observationOf(s) ?? (speakersOwnDoing(s, config) || speakersWorry(s, config) ? { subject: '' } : undefined));
  // (commands and questions only: as they are, unless a question names what a later command's pronoun points at)
  const questionNames = (s: string) => /\?\s*$/.test(s) && (findChannels(s, config).length > 0 || PLAN_PART.test(s));
  const pointedAtByQuestion = sentences.some((s, i) => questionNames(s) && sentences.slice(i + 1).some((c) => !/\?\s*$/.test(c) && PRONOUN.test(c)));
  if (observed.every(Boolean) || (observed.every((o) => !o) && !pointedAtByQuestion)) return text;
  let referent: string | undefined;
  const kept: string[] = [];
  const told: string[] = [];
  sentences.forEach((s, i) => {
    const o = observed[i];
    if (o) {
      referent = referentOf(o.subject, config) ?? referent;
      if (findChannels(s, config).length) told.push(s);
      return;
    }
    // ("what's the exposure at right now? double it": a question names what a pronoun of the command after it points at)
    const asked = questionNames(s) ? [findChannels(s, config)[0]?.text, PLAN_PART.exec(s)?.[0]].filter(Boolean).join(' ') : '';
    if (asked) {
      referent = `the ${asked}`;
      kept.push(s);
      return;
    }
    // (a command that names its own object keeps its pronoun's meaning: "drop DAPI and keep it off")
    const names = findChannels(s, config).length > 0 || /\b(?:positions?|pos|fields?|xy\s*points?)\s*#?\s*\d/i.test(s);
    // ("I think we're overexposing the GFP. Can we try 50 ms?": a value of light with no channel and no pronoun is for the one channel told)
    const toldChannels = new Set(told.flatMap((o) => findChannels(o, config).map((m) => m.preset)));
    const bareValue = !names && !PRONOUN.test(s) && !PLAN_PART.test(s) && /\d\s*(?:ms|msec|%|percent|x)\b|\b(?:halve|double|triple)\b/i.test(s) && !/\b(?:every|interval|min(?:ute)?s?|h(?:ours?)?|sec(?:ond)?s?)\b/i.test(s);
    // ("The GFP is getting bleached. Please reduce the laser power by half.": the light of the one channel told, unless all are said)
    const lightOfTold = !names && /\b(?:power|laser|exposure|intensity)\b/i.test(s) && !/\b(?:all|every|each|both|lasers|channels|exposures|powers|everything|interval|positions?|z[\s-]?stacks?|stacks?|slices|planes|grid)\b/i.test(s) && /\d\s*(?:ms|msec|%|percent|x)\b|\b(?:halve|double|triple|half|third|quarter)\b/i.test(s);
    kept.push(referent && !names && PRONOUN.test(s) ? s.replace(PRONOUN, referent) : (bareValue || lightOfTold) && toldChannels.size === 1 ? `${s.replace(/[.!?]+$/, '')} for the ${findChannels(told.join(' '), config)[0].text}` : s);
  });
  // "I'll be back in half an hour. Pause until then.": "then" is the one span from now an observation told
  const spans = sentences.filter((_, i) => observed[i]).flatMap((s) => {
    const words = spokenNumbers(s);
    return durationsIn(words).filter((d) => /\b(?:in|for|after|within)\s+(?:about\s+|around\s+|roughly\s+|~\s*)?$/i.test(words.slice(0, d.index))).map((d) => words.slice(d.index, d.index + d.length));
  });
  const untilThen = /\b(?:until|till|til|'til)\s+(?:then|i(?:'m| am) back|i return|i get back|i come back|i'm done)\b/i;
  if (spans.length === 1) kept.forEach((s, i) => (kept[i] = s.replace(untilThen, `for ${spans[0]}`)));
  // "These are H2B-GFP cells. Image them every 5 min for 2 h.": a plan to start that names no channel images the ones told
  const command = kept.join(' ');
  return told.length && !findChannels(command, config).length && STARTS_IMAGING.test(command) ? [...told, command].join(' ') : command;
}

/** Words that start imaging (a plan to start takes its channels from the whole message). */
const STARTS_IMAGING = /\b(?:image|imaging|acquire|record|film|capture|time[\s-]?lapse|start|set up|run)\b/i;

/** Unwanted motion of what is imaged, said as an event ("the stage keeps creeping", "the sample shifts sideways", "the XY stage wandered"). */
const MOTION = /\b(?:drift\w*|creep\w*|wander\w*|slid(?:e|es|ing)|slipp?\w*|shift\w*|mov(?:e|es|ed|ing)|jump\w*|jitter\w*|wobbl\w*|shak(?:e|es|y|ing)|vibrat\w*|judder\w*|walk(?:s|ed|ing)?)\b/i;
/** A pronoun that can stand for one motion ("fix it", "clean that up"); "them" stands for things. */
const MOTION_PRONOUN = /\b(?:it|that|this)\b(?!['’]s|\s+(?:is|was|has)\b)/i;
/** A verb that undoes unwanted motion. */
const FIX = String.raw`(?:fix|correct(?:\s+for)?|clean|remove|take|sort|get rid of|undo|compensate(?:\s+for)?|account for|deal with|handle|stabili[sz]e|register|align|subtract|cancel|reduce|get)`;
/** A verb whose only object is motion ("align the frames"): with it, the observation of the motion says nothing more. */
const FIX_VERB = /\b(?:align|register|stabili[sz]e|compensate)\b/i;
/** A verb that undoes unwanted motion with a pronoun for its object ("clean that up", "correct for it", "take that out"). */
const FIX_PRONOUN = new RegExp(String.raw`\b${FIX}\s+(?:[a-z]+\s+)?(?:(?:it|that|this)\b(?!['’]s)|(?:the|this|that|all the|any)\s+(?:movement|motion|shaking|shake|wobble|wobbling|jitter|shift|shifting|drifting|creep|creeping|wandering)\b)(?:\s+(?:up|out|away|off))?`, 'i');
/** What moves when the motion is unwanted: the stage, the sample, the field, the image (not a position of a plan, nor a cell). */
const MOVER = /\b(?:stage|sample|specimen|field|view|image|images|frames?|picture|everything|whole thing|dish|coverslip|slide|plate|there)\b/i;

/**
 * A message that tells of the stage's or sample's unwanted motion in a sentence of its own and asks,
 * in a later one, to deal with it ("The stage keeps creeping. Clean that up."): the command, with
 * its pronoun naming the motion as drift ("Clean the drift up."), the observation dropped. The
 * motion is a property of the recorded images (a drift to correct), never a stage move. The words
 * as they are when the message is not of that kind.
 */
export function withStageMotionNamed(text: string): string {
  // ("the stage was wobbling the whole time, can you clean that up?": an observation and a command set off by a comma)
  const parts = sentencesOf(text);
  const clauses = parts.length === 1 ? text.split(/,\s+/) : [];
  const sentences = clauses.length === 2 && FIX_PRONOUN.test(clauses[1]) ? clauses : parts;
  if (sentences.length < 2) return text;
  // (an observation about the cells too is no motion of the stage alone: "the stage drifted and the cells divide")
  const motion = sentences.map((s) => !!observationOf(s) && MOTION.test(s) && MOVER.test(s) && !/\b(?:cells?|nuclei|nucleus|objects?|tracks?)\b/i.test(s));
  const at = motion.indexOf(true);
  if (at < 0 || at === sentences.length - 1) return text;
  const rest = sentences.slice(at + 1);
  const command = rest.join(' ');
  // only a command to undo the motion is about it ("clean that up", "fix the movement", "align the frames"); "segment it" is about the movie
  const fix = FIX_PRONOUN.exec(command);
  if (rest.some((s) => (MOTION.test(s) && !FIX_PRONOUN.test(s)) || !!observationOf(s))) return text;
  // (said as the step it asks for: "clean that up" → "correct the drift", "clean" being no word of a drift's)
  const named = fix ? command.slice(0, fix.index) + 'correct the drift' + command.slice(fix.index + fix[0].length) : FIX_VERB.test(command) && !MOTION_PRONOUN.test(command) ? command : undefined;
  // (an observation that says more than the motion, a number or a channel, is kept: "the stage drifted, 0.65 µm pixels")
  const plain = (s: string) => !/\d/.test(s) && !findChannels(s).length;
  return named === undefined ? text : [...sentences.slice(0, at + 1).filter((s, i) => !motion[i] || !plain(s)), named].join(' ');
}

/** A courtesy before a request that is no part of it ("if it's not too much trouble,", "if you don't mind,", "when you get a chance,"). */
const COURTESY_LEAD = /^(?:(?:hi|hey|hello|ok(?:ay)?|so|um+|erm+|right|dear\s+[\w .'-]{1,40}?\s*,)[,!.\s]+)*(?:sorry to (?:bother|disturb|interrupt|pester)(?: you)?(?:\s+again)?,?\s*(?:but\s+)?(?=\S)|(?:a\s+)?(?:quick|small|little) (?:favou?r|request|ask)(?: to ask)?\s*[,:-]|if (?:it'?s|it is) not too much (?:trouble|bother|hassle)|if you (?:don'?t|do not) mind|if (?:at all )?possible|if (?:that'?s|it'?s) (?:ok(?:ay)?|alright|fine)|when you (?:get|have) a (?:chance|sec(?:ond)?|moment|minute))\s*[,:]?\s+/i;
/** The same courtesy after the request (", if possible", "if you don't mind"). */
const COURTESY_TAIL = /[,\s]+(?:if (?:it'?s|it is) not too much (?:trouble|bother|hassle)|if you (?:don'?t|do not) mind|if (?:at all )?possible|if (?:that'?s|it'?s) (?:ok(?:ay)?|alright|fine)|when you (?:get|have) a (?:chance|sec(?:ond)?|moment|minute))\s*([.!?]*)\s*$/i;
/** A sentence that only asks whether what was said before is alright: "would that be ok?", "is that alright?", "does that work?". */
const APPROVAL_ASKED = /^(?:(?:and|so|hmm+|um+)[,\s]+)?(?:(?:would|will|is|does|do|could|can)\s+(?:that|this|it)\s+(?:be\s+)?(?:ok(?:ay)?|alright|all\s+right|fine|possible|a\s+problem|work|do)|(?:is\s+)?that\s+(?:ok(?:ay)?|alright|fine))(?:\s+(?:for|with)\s+(?:you|the\s+cells))?\s*[?.!]*$/i;
/** A request worded as a wish or a question about whether it can be done ("is it possible to add Cy5?", "I was wondering if we could go to every 15 min"). */
// (a need or a want of the speaker's before the verb is the command itself: "I need to stop now", "we have to pause", hurried "need to pause")
const WISH = /^(?:(?:is|would|will) (?:it|that) (?:be )?possible (?:for (?:you|us) )?to|is possible to|(?:is|would) there (?:be )?(?:a|any) way to|any chance (?:you|we) (?:could|can|might)|do you think (?:you|we) (?:could|can|might)|i (?:was|am|'m) wondering (?:if|whether) (?:you|we) (?:could|can|might)|i wonder (?:if|whether) (?:you|we) (?:could|can|might)|i want that you|please to|(?:it'?d|it would|that'?d|that would) be (?:great|nice|good|ideal|better|helpful|awesome|perfect|lovely) if(?: you could| we could)?|(?:can|could|would) you be (?:so kind|kind enough) (?:as )?to|(?:we|i)(?:'d| would) (?:like|love|want|prefer) (?:(?:the|this|our|my) (?:acquisition|run|imaging|experiment|time[\s-]?lapse|mda) |it |you |us )?to|(?:(?:we|i) )?(?:(?:really|just|now|still|also) )?(?:(?:want|need|have|'ve got|'ll have|will have|ought) to|must|wanna|gotta))\s+(?:(?:perhaps|maybe|possibly|kindly|just|please)\s+)*/i;
/** "would you mind dropping the DAPI?": the -ing verb after "mind" as the command it asks for. */
// (a proposal frame that takes a gerund is the same ask: "any chance of dropping the mCherry?", "how about imaging less often?";
// and a plea for help with a gerund: "I need help stopping the time-lapse")
const MIND = /^(?:(?:would|do|will) you mind|(?:is there )?any chance of|how about|what about|(?:i|we)\s+(?:need|want|would like|'d like|could use)\s+(?:some\s+)?help(?:\s+with)?|(?:can|could) you help (?:me|us) with|help (?:me|us) with)\s+(?:(?:just|maybe|quickly)\s+)?([a-z]+?)(?:(?<=([bdgmnprt]))\2)?ing\b/i;
/** "help," / "please help!" / "help me:" called out before what is said: an interjection, no ask of its own. */
const HELP_CALLED = /^(?:(?:please|pls|oh|ah|argh|ugh)[,!\s]+)*help(?:\s+(?:me|us|please|pls))?\s*[,!:;.-]+\s*(?=\S)/i;
/** A proposal put as a question about a clause ("what if we image DAPI every 3rd frame?", "why don't we drop Cy5?", "shall we pause?"): the clause is the ask. */
const PROPOSAL = /^(?:what if|how about if|what about if|why don'?t|how about|shall|maybe|perhaps)\s+(?:we|you|i)\s+(?:(?:just|could|can|should|might)\s+)*(?=[a-z])/i;
/** Verbs whose -ing form drops an e ("pausing" → "pause"). */
const E_VERBS = /^(?:paus|reduc|chang|increas|decreas|remov|halv|doubl|tripl|exclud|includ|us|mov|continu|resum|receiv|tak|mak|sav|updat|disabl|enabl|shorten|lengthen|captur|acquir|imag)$/;

/**
 * A request without the courtesy around it, as the command it asks for: "if it's not too much trouble,
 * could you skip position 1" → "could you skip position 1", "is it possible to add Cy5?" → "add Cy5?",
 * "would you mind dropping the DAPI?" → "drop the DAPI?". The words as they are otherwise.
 */
export function withoutCourtesy(text: string): string {
  // ("every 90 s? would that be ok?": asking whether the change before is alright asks for it, and says nothing more)
  if (APPROVAL_ASKED.test(text.trim())) return '';
  let t = runWaitsAsPause(howToAsCommand(text.trim().replace(HELP_CALLED, '').replace(COURTESY_LEAD, '').replace(COURTESY_TAIL, '$1'))).replace(PROPOSAL, '');
  const mind = MIND.exec(t);
  if (mind) {
    const stem = mind[1].toLowerCase();
    const verb = E_VERBS.test(stem) && !/^(?:shorten|lengthen)$/.test(stem) ? `${stem}e` : stem;
    t = verb + t.slice(mind[0].length);
  }
  return t.replace(WISH, '');
}

/** Someone (or the recording) as the subject of an imaging verb in the past: "we imaged", "it was recorded", "yesterday I acquired". */
const PAST_IMAGING = new RegExp(
  String.raw`^${OPENER}(?:(?:yesterday|last (?:time|week|night|run|experiment)|previously|earlier|before|originally|back then)[,\s]+)?(?:we|i|they|he|she|you|it|this|that|the (?:movie|movies|data|stack|time[\s-]?lapse|recording|cells|samples?|run|experiment|last run|previous run|first run|frames|images))\s+(?:(?:was|were|had been|have been|has been|had|have)\s+)?(?:also\s+|only\s+|originally\s+|first\s+)?(?:imaged|acquired|recorded|took|taken|shot|filmed|captured|sampled|ran)\b`,
  'i',
);
/** A command said in the same words after the report ("..., so go to 10 min", "... - switch to that again"). */
const COMMAND_AFTER = /(?:^|[,;.!?:-]\s*|\b(?:and|so|but|then|now|please)\s+)(?:please\s+)?(?:set|change|make|go|switch|double|halve|triple|increase|decrease|raise|lower|reduce|slow|speed|extend|shorten|lengthen|drop|add|remove|stop|pause|resume|image|acquire|use|take|keep|start|refocus|autofocus|put|turn|skip|run|do)\b|\b(?:from now(?: on)?|instead|going forward|again|let'?s|can (?:you|we)|could (?:you|we)|should|shall)\b/i;

/**
 * Words that tell how an earlier recording was made ("we imaged every 5 min", "yesterday we imaged at 10 min intervals and
 * the cells looked happier", "the movie was recorded every 30 s"), with no command to the microscope among them: a fact
 * about the past, never a change to an acquisition or a new one.
 */
export function reportsThePast(text: string): boolean {
  const t = text.trim();
  if (/\?\s*$/.test(t) || !PAST_IMAGING.test(t)) return false;
  return !COMMAND_AFTER.test(t.replace(PAST_IMAGING, ''));
}
