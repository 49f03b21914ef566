// A bare plea for help ("help", "what can you do?", "what are you able to do", "how do I use this?"): it names no
// method, no step and nothing imaged, so it asks how to use cellpilot (the advice tool answers it from usage.ts).

/** Words of asking for help in general, or what cellpilot can do: a question made only of them names no method or topic. */
const PLEA_WORDS = new Set(
  ('help helps helping me please pls plz i i\'m im need want some can could would you u do does how what which use using this it cellpilot tool tools work works get getting started start ask anything things thing here hi hello hey so ok okay um hmm ' +
    'are able to else capable of your capabilities features kind kinds sort sorts all exactly actually for')
    .split(' '),
);

/** Of those, the words that ask something: a greeting alone ("hello", "hi there") asks nothing. */
const ASKING_WORDS = new Set('help helps helping do does use using ask work works start started able capable capabilities features tool tools'.split(' '));

/** True when the question asks how to use cellpilot, or what it can do, and names nothing else ("help", "what are you able to do"). */
export function asksHowToUse(question: string): boolean {
  const words = question.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  // ("how do I take one picture? can you do it for me": "do it" asks to do what was said before it, not how to use cellpilot)
  if (asksToDoWhatWasSaid(words)) return false;
  return words.some((w) => ASKING_WORDS.has(w)) && words.every((w) => PLEA_WORDS.has(w));
}

/** "do it", "do that for me", "just do this": the verb with a word pointing back at what was said, not a question of use. */
function asksToDoWhatWasSaid(words: string[]): boolean {
  return words.some((w, i) => (w === 'do' || w === 'does') && ['it', 'that', 'this', 'so'].includes(words[i + 1] ?? ''));
}
