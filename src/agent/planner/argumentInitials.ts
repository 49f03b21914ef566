// "bg sub rb 50", "rb=30": lab shorthand for a setting by the initials of the words its argument is described with
// ("rb": radiusPx, "Rolling ball radius in pixels"). A short token right before a number, made of the initials of the words
// that qualify exactly one numeric argument's name in its description, among all tools, is read as those words.
import type { Catalogue } from './catalogue.ts';

/** The first words of a description, up to a preposition, a bracket or a comma ("Rolling ball radius"). */
function leadingWords(description: string): string[] {
  const lead = description.split(/[,.;:(]|\s(?:in|of|for|per|as|to|from|with|before|after|at|between)\s/i)[0] ?? '';
  return lead.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/**
 * Initials of the words that qualify each numeric argument's own name in its description ("Rolling ball radius" of
 * radiusPx: "rb", and "rbr" with the name), with those words and the name; an initial two arguments hold is dropped.
 */
function initialsOf(catalogue: Catalogue): Map<string, string> {
  const found = new Map<string, Set<string>>();
  for (const info of catalogue.values()) {
    for (const [arg, p] of Object.entries(info.properties)) {
      if (p.type !== 'number' && p.type !== 'integer') continue;
      const words = leadingWords(p.description ?? '');
      const name = arg.split(/(?=[A-Z])/)[0].toLowerCase();
      const at = words.indexOf(name);
      // (two or three whole words qualify the name: "rolling ball radius"; never a letter, "t sne perplexity")
      if (at < 2 || at > 3 || words.slice(0, at).some((w) => w.length < 3)) continue;
      const phrase = words.slice(0, at + 1).join(' ');
      for (const key of [words.slice(0, at).map((w) => w[0]).join(''), words.slice(0, at + 1).map((w) => w[0]).join('')]) found.set(key, (found.get(key) ?? new Set()).add(phrase));
    }
  }
  return new Map([...found].filter(([, phrases]) => phrases.size === 1).map(([key, phrases]) => [key, [...phrases][0]]));
}

const INITIALS = new WeakMap<Catalogue, Map<string, string>>();

/** The text with each short token before a number that is one argument's initials written as its words ("rb 50" → "rolling ball 50"). */
export function withArgumentInitials(text: string, catalogue: Catalogue): string {
  let initials = INITIALS.get(catalogue);
  if (!initials) INITIALS.set(catalogue, (initials = initialsOf(catalogue)));
  const known = initials;
  return text.replace(/(?<![\p{L}\d_.-])(\p{Ll}{2,3})(?=\s*[=:]?\s*\d)/gu, (token: string) => known.get(token) ?? token);
}
