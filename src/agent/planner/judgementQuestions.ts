// Judgement questions ("are these cells healthy?", "is the focus ok?", "is this movie good enough to
// track?", "are they dying?"): a verdict no measurement gives. They are answered with what the data can
// tell, a measured question that stands in for the judgement (the count over time, how far the cells
// move per frame, the objects found per frame), and one line that says the judgement itself is the
// biologist's and what else to ask; never "not understood", never a verdict passed off as measured.

/** One kind of judgement: the words that ask it, the measured question that stands in for it, and what the answer says about it. */
interface Judgement {
  /** Words of the verdict asked ("healthy", "in focus", "good enough to track"). */
  words: RegExp;
  /** The measured question asked in its place (answered from the tables, or by the steps that make them). */
  measured: string;
  /** The line said with the measured answer: the judgement is the person's, what the value shows and what else to ask. */
  say: string;
  /**
   * The one line said when no table is held yet: the stand-in is only answered from tables already made, never by running
   * steps for it (no tool measures the thing judged: "is the movie in focus?" segments nothing).
   */
  sayUnmeasured?: string;
}

/** Judgements in order: the first whose words match is the one asked (a usability question names tracking or segmentation, so it comes before health). */
const JUDGEMENTS: Judgement[] = [
  {
    words: /\b(?:good|ok|okay|fine|suitable|usable|adequate|sufficient|enough|possible|feasible|clean|reliable)\b[^?.]*\b(?:to|for)\s+(?:be\s+)?(?:track\w*|follow\w*|link\w*)\b|\btrack(?:able|ing\s+(?:possible|feasible|reliable))\b/i,
    measured: 'how fast do the cells move?',
    say:
      'Whether the movie is good enough to track is yours to judge: I can only say how the tracking went. Linking is reliable when a cell moves less than about half the distance to its neighbours between frames; above is how far they move per frame (the tracking step also says how far they move against their size, and its confidence).',
  },
  {
    words: /\b(?:good|ok|okay|fine|suitable|usable|adequate|sufficient|enough|clean)\b[^?.]*\b(?:to|for)\s+(?:be\s+)?(?:segment\w*|analy[sz]\w*|quantif\w*|measur\w*|count\w*|process\w*)\b|\b(?:quality|usable|good enough)\b/i,
    measured: 'how many nuclei are there in each frame?',
    say:
      'Whether the movie is good enough is yours to judge: no single number says it. Above is how many objects segmentation finds in each frame; a count that jumps between frames points to noise, blur or bleaching. Ask "what is the SNR?", "is there photobleaching?" or "show frame 1 with outlines" to look further.',
  },
  {
    words: /\b(?:focus(?:ed|sed)?|in focus|out of focus|defocus\w*|sharp|sharper|sharpness|blurry|blurred|blur|fuzzy|crisp)\b/i,
    measured: 'how many nuclei are there in each frame?',
    say:
      'Whether it is in focus is yours to see: I have no focus measure for a recorded movie (the focus score runs on the microscope while it acquires). What the data can tell is above: how many objects are found in each frame; frames that lose objects, or whose objects look larger and dimmer, are often out of focus. Ask "show frame 1 with outlines" to look at one.',
    sayUnmeasured:
      'Not measured: no tool here measures focus on a recorded movie (the focus score runs on the microscope while it acquires), so I ran nothing; whether it is in focus is yours to see. Ask "show frame 1 with outlines" to look at one, or "how many nuclei are there in each frame?" (frames that lose objects are often out of focus).',
  },
  {
    words: /\b(?:healthy|unhealthy|health|alive|living|dead|dying|die|dies|died|death|viable|viability|apoptotic|apoptosis|necrotic|necrosis|stressed|stress|suffering|happy|unhappy|sick|damaged|phototoxic\w*|doing\s+(?:well|ok|okay|fine|badly|alright))\b/i,
    measured: 'how does the number of cells change over time?',
    say:
      'Whether the cells are healthy is your judgement: a movie of nuclei cannot see viability. What it can tell is above: the number of cells over time (a falling count means cells dying or leaving the field, a rising one division). Ask for their speed (motility), the divisions, or the nucleus area and brightness over time (nuclei that shrink and brighten can be dying).',
  },
];

/** Asked as a verdict: a yes/no question or "how healthy ...", not a count or a "which" ("how many cells die?" is a count). */
const ASKS_A_VERDICT = /^(?:(?:so|and|ok(?:ay)?|hey|hi|well|also)[,\s]+)*(?:is|are|was|were|do|does|did|will|would|can|could|has|have|any|how\s+(?:healthy|happy|good|well|sharp|focused|usable|viable|alive|okay|ok|clean)\b)\b/i;

/**
 * A request worded as a question or with "do" ("could you make it sharper with the network?", "do a gaussian blur first"):
 * "can/could/would/will you" asks for work unless it asks to be told; "do/does/did" asks a verdict only with a verb of
 * seeming or living after its subject ("do they look healthy?", "does it seem in focus?", "do the cells die?").
 */
const ASKS_FOR_WORK = /^(?:(?:so|and|ok(?:ay)?|hey|hi|well|also)[,\s]+)*(?:(?:can|could|would|will)\s+(?:you|u|we)\s+(?:please\s+)?(?!tell|say|check|see|judge|let\s+me|assess|confirm|verify)\w|(?:do|does|did)\s+(?!(?:\S+\s+){0,3}?(?:look|looks|seem|seems|appear|appears|think|reckon|feel|feels|stay|stays|remain|remains|survive|survives|die|dies|live|lives|behave|behaves|move|moves)\b))/i;

/** A word that names a step to run, said with the judgement ("segment the nuclei, are they healthy?" runs the steps first: not this reading). */
const ASKS_FOR_A_STEP = /^\s*(?:please\s+)?(?:segment|track|measure|find|detect|denoise|correct|plot|export|count|compute)\b/i;

/** A setting told with its number after the step ("with a max gap of 4 frames", "using a 10 px search radius"). */
const WITH_A_SETTING = /\b(?:with|using|allowing|at)\s+(?:an?\s+|the\s+)?(?:[\p{L}-]+\s+){0,4}(?:of\s+|=\s*|:\s*)?\d/iu;

/**
 * The measured question that stands in for a judgement the request asks, and the line to say with its answer;
 * undefined when the request asks no judgement (a count, a value, a step, advice).
 */
export function judgementAsked(text: string): { measured: string; say: string; sayUnmeasured?: string } | undefined {
  const t = text.trim();
  if (!ASKS_A_VERDICT.test(t) || ASKS_FOR_WORK.test(t) || ASKS_FOR_A_STEP.test(t) || !/\?\s*$|^(?:is|are|do|does)\b/i.test(t)) return undefined;
  // ("is it ok to correct the drift first?": advice about a step, the adviser's; "is the movie 50 frames?": a fact)
  if (/\b(?:should|shall|better\s+to)\b|\bis\s+it\s+(?:ok(?:ay)?|fine|safe|wise|better|good|alright|a\s+good\s+idea)\s+(?:to|if)\b/i.test(t)) return undefined;
  // ("is it possible to track with a max gap of 4 frames?": a step asked with a setting and its value asks for that run, no verdict)
  if (WITH_A_SETTING.test(t)) return undefined;
  const found = JUDGEMENTS.find((j) => j.words.test(t));
  return found ? { measured: found.measured, say: found.say, ...(found.sayUnmeasured ? { sayUnmeasured: found.sayUnmeasured } : {}) } : undefined;
}

/**
 * A judgement asked after steps ("segment and track them; are they healthy?"): the steps' words and the request with
 * the measured question in the judgement's place ("segment and track them; how does the number of cells change over time?").
 */
export function judgementAfterSteps(text: string): { request: string; say: string } | undefined {
  for (const m of text.matchAll(/[.;,!?]\s+|\s+(?:and|then|so)\s+/gi)) {
    const before = text.slice(0, m.index).trim();
    const judged = judgementAsked(text.slice(m.index + m[0].length));
    if (judged && before.length > 0 && !judgementAsked(before)) return { request: `${before.replace(/[\s,;:.]+$/, '')}; ${judged.measured}`, say: judged.say };
  }
  return undefined;
}
