// A change to the microscope asked as how to make it, or as help to make it ("how do I lower the laser to 5%?", "can you
// help me make the interval shorter?", "I need to drop the far red, how?", "what do I do to extend the run by 2 h?"):
// while the assistant runs the microscope, the person asks for the change itself (the tool shows it, and a stop or a
// pause still waits for a person's yes). Only when what follows is a command to the microscope, by its first verb:
// "how do I export the tracks?" or "how do I know it's in focus?" stay questions.

/** The first words of a command to the microscope ("lower", "get rid of", "turn down"). */
const COMMAND_VERBS = new Set(
  ('set change make drop remove add lower raise reduce increase decrease switch turn stop pause resume halve double ' +
    'triple skip extend shorten lengthen speed slow bump cut boost move shift end finish image take exclude delete swap ' +
    'replace hold freeze put bring crank dial adjust modify alter tweak trim disable enable include terminate abort cancel ' +
    'kill halt go run restart continue unpause refocus autofocus image acquire stretch tone knock up').split(' '),
);

/** A two-word start that is a command though its first word alone is not ("get rid of"). */
const COMMAND_PAIRS = new Set(['get rid', 'get the', 'get it']);

/** Words of asking how (or for help) before the command: lower case, a space after each. */
const HOW_LEADS = [
  'how do i ', 'how do we ', 'how can i ', 'how can we ', 'how could i ', 'how could we ', 'how would i ', 'how would we ',
  'how should i ', 'how should we ', 'how do you ', 'how can you ', 'how to ', 'how might i ', 'how might we ',
  'what do i do to ', 'what do we do to ', 'what do i need to do to ', 'what do we need to do to ', 'what should i do to ',
  'what should we do to ', 'what do i have to do to ', 'what do we have to do to ',
  'can you help me ', 'could you help me ', 'would you help me ', 'can you help us ', 'could you help us ', 'would you help us ',
  'help me ', 'help us ', 'pls help me ', 'please help me ', 'i need help to ', 'we need help to ', 'i need your help to ',
  'i need help with ', 'we need help with ', 'i need some help with ', 'can i ', 'could i ', 'may i ', 'can i just ',
];

/** A question of how after the command, said as its tail (", how?", "- how do I do that?", ", how can I do this"). */
const HOW_TAILS = ['how', 'how do i do that', 'how do i do this', 'how do i do it', 'how can i do that', 'how can i do this', 'how can i do it', 'how do we do that', 'how can we do that', 'how would i do that', 'how is that done', 'any idea how', 'can you help', 'can you help me', 'could you help', 'could you help me', 'help'];

function startsWithCommand(rest: string): boolean {
  const words = rest.toLowerCase().split(/\s+/);
  const first = words[0]?.replace(/[^a-z-]/g, '');
  // ("help me with reducing the power": the -ing form of a command verb)
  const stem = first?.endsWith('ing') ? first.slice(0, -3) : undefined;
  return (
    !!first &&
    (COMMAND_VERBS.has(first) || COMMAND_PAIRS.has(`${first} ${words[1] ?? ''}`) || (!!stem && (COMMAND_VERBS.has(stem) || COMMAND_VERBS.has(`${stem}e`) || COMMAND_VERBS.has(stem.slice(0, -1)))))
  );
}

/** The -ing verb as its plain form ("reducing" → "reduce", "cutting" → "cut", "lowering" → "lower"). */
function plainVerb(rest: string): string {
  const m = /^([a-z]+)ing\b/i.exec(rest);
  if (!m) return rest;
  const stem = m[1].toLowerCase();
  const verb = COMMAND_VERBS.has(stem) ? stem : COMMAND_VERBS.has(`${stem}e`) ? `${stem}e` : COMMAND_VERBS.has(stem.slice(0, -1)) ? stem.slice(0, -1) : undefined;
  return verb ? verb + rest.slice(m[0].length) : rest;
}

/**
 * The sentence as the command a how-to or a plea for help asks for ("how do I lower the laser to 5%?" → "lower the laser
 * to 5%?", "could you help me with reducing the frame rate" → "reduce the frame rate", "drop DAPI, how?" → "drop DAPI");
 * the sentence as it is when no command to the microscope follows the asking words.
 */
export function howToAsCommand(sentence: string): string {
  let t = sentence.trim();
  const tail = /[\s,;:–—-]+([a-z' ]+?)\s*[?!.]*$/i.exec(t);
  if (tail && HOW_TAILS.includes(tail[1].toLowerCase().trim()) && startsWithCommand(t.slice(0, tail.index).replace(/^(?:i|we)\s+(?:need|want|have)\s+to\s+/i, ''))) t = t.slice(0, tail.index);
  const lower = t.toLowerCase();
  const lead = HOW_LEADS.find((l) => lower.startsWith(l));
  if (!lead) return t;
  let rest = t.slice(lead.length).replace(/^(?:with\s+|in\s+)/i, '');
  // ("how can I best drop ...", "how do I quickly lower ...")
  rest = rest.replace(/^(?:best|quickly|just|now|safely)\s+/i, '');
  // ("could I drop DAPI without losing the segmentation?", "can I lower the power safely?": asking whether a change
  // is wise, with what it costs, asks for advice, not the change)
  if (/^(?:can|could|may) i /.test(lead) && /\b(?:without|still|safely|safe|would|will|affect\w*|harm\w*|hurt|ok(?:ay)?|fine|los(?:e|ing)|risk\w*|problem|worse|better)\b/i.test(rest)) return t;
  return startsWithCommand(rest) ? plainVerb(rest) : t;
}
