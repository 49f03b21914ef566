// The matcher: scores a clause of a request against every tool's own self-description
// (its words, the words of its argument values, its examples and summary), TF-IDF
// style, with the domain thesaurus and spelling tolerance of words.ts. A tool is a
// candidate only when one of its own words (or value words) is in the clause; examples
// and the summary only rank the candidates.
import type { ToolSelfDescription } from '../../../tools/types.ts';
import { allowedEdits, editDistance, meaning, normalizeWord, type Token, tokenize } from './words.ts';

export interface DescribedTool {
  name: string;
  description: string;
  self?: Partial<ToolSelfDescription>;
  /** Allowed values of its enum arguments, by argument. */
  enums?: Record<string, string[]>;
}

interface Phrase {
  /** Meanings of the phrase's words, in order. */
  stems: string[];
  weight: number;
  /** Counts as evidence that the clause asks for this tool. */
  anchor: boolean;
}

interface ToolDoc {
  name: string;
  phrases: Phrase[];
}

export interface Match {
  tool: string;
  score: number;
  /** Where in the clause the first of the tool's own words is. */
  at: number;
  /** The tool's own words found ("segment", "li threshold"). */
  matched: string[];
}

const WEIGHT = { words: 3, valueWords: 1.5, name: 2, examples: 1, summary: 0.5 } as const;

function phrasesOf(texts: string[], weight: number, anchor: boolean): Phrase[] {
  const out: Phrase[] = [];
  for (const text of texts) {
    const stems = tokenize(text).map((t) => meaning(t.stem));
    const whole = [...new Set(stems)];
    if (whole.length === 0) continue;
    if (anchor) out.push({ stems: whole, weight, anchor });
    else for (const s of whole) out.push({ stems: [s], weight, anchor });
  }
  return out;
}

/** The index of the tools' self-descriptions, built once per catalogue. */
export class ToolIndex {
  private readonly docs: ToolDoc[];
  private readonly idf = new Map<string, number>();
  private readonly vocabulary: string[];
  private readonly fuzzyCache = new Map<string, string | undefined>();
  private readonly written = new Set<string>();

  constructor(tools: DescribedTool[]) {
    // an enum value that is another tool's word (help's topic "drift") does not name the tool
    const otherWords = new Set(tools.flatMap((t) => [...(t.self?.words ?? []), t.name.replace(/_/g, ' ')]).flatMap((w) => tokenize(w).map((k) => meaning(k.stem))));
    this.docs = tools.map((t) => {
      const self = t.self ?? {};
      // an allowed value names the tool by itself ("otsu", "umap") unless the tool declares the words for it
      const declared = self.valueWords ?? {};
      const valueWords = [
        ...Object.values(declared).flatMap((values) => Object.values(values).flat()),
        ...Object.entries(t.enums ?? {}).flatMap(([arg, values]) => values.filter((v) => !declared[arg]?.[v] && v.length > 2 && !otherWords.has(meaning(normalizeWord(v)))).map((v) => v.replace(/_/g, ' '))),
      ];
      return {
        name: t.name,
        phrases: [
          ...phrasesOf(self.words ?? [], WEIGHT.words, true),
          ...phrasesOf(valueWords, WEIGHT.valueWords, true),
          ...phrasesOf([t.name.replace(/_/g, ' ')], WEIGHT.name, true),
          ...phrasesOf(self.examples ?? [], WEIGHT.examples, false),
          ...phrasesOf([self.summary ?? t.description.split(/(?<=\.)\s/)[0]], WEIGHT.summary, false),
        ],
      };
    });
    const df = new Map<string, number>();
    for (const doc of this.docs) for (const key of new Set(doc.phrases.map((p) => p.stems.join(' ')))) df.set(key, (df.get(key) ?? 0) + 1);
    for (const [key, n] of df) this.idf.set(key, Math.log(1 + this.docs.length / n));
    this.vocabulary = [...new Set(this.docs.flatMap((d) => d.phrases.flatMap((p) => p.stems)))];
    // the words as written in the descriptions too ("segment" before the thesaurus made it "mask"), for misspellings
    for (const t of tools) {
      const texts = [...(t.self?.words ?? []), ...(t.self?.examples ?? []), t.name.replace(/_/g, ' ')];
      for (const token of tokenize(texts.join(' '))) this.written.add(token.stem);
    }
  }

  /** True when any tool's self-description uses the word (a domain word). */
  knows(stem: string): boolean {
    return this.vocabulary.includes(stem) || this.idf.has(stem);
  }

  /** The clause's words as meanings, misspellings mapped onto the tools' vocabulary. */
  meanings(tokens: Token[]): string[] {
    return tokens.map((t) => this.correct(meaning(t.stem), t.word));
  }

  private correct(stem: string, word: string): string {
    if (this.idf.has(stem) || this.vocabulary.includes(stem)) return stem;
    const cached = this.fuzzyCache.get(stem);
    if (cached !== undefined || this.fuzzyCache.has(stem)) return cached ?? stem;
    const edits = allowedEdits(word);
    // a misspelling keeps its first letter ("segmnet", "stabalise")
    let best: string | undefined;
    let bestDistance = edits + 1;
    if (edits > 0) {
      for (const v of new Set([...this.vocabulary, ...this.written])) {
        if (v.length < 4 || v[0] !== stem[0]) continue;
        const d = editDistance(stem, v, Math.min(edits, bestDistance - 1));
        if (d < bestDistance) [best, bestDistance] = [meaning(v), d];
      }
    }
    this.fuzzyCache.set(stem, best);
    return best ?? stem;
  }

  /** Tools whose own words are in the text, best first. */
  match(text: string): Match[] {
    const tokens = tokenize(text);
    const stems = this.meanings(tokens);
    const out: Match[] = [];
    for (const doc of this.docs) {
      let score = 0;
      let at = Infinity;
      const matched: string[] = [];
      const seen = new Set<string>();
      for (const p of doc.phrases) {
        const key = p.stems.join(' ');
        if (seen.has(key)) continue;
        const i = findPhrase(stems, p.stems);
        if (i < 0) continue;
        seen.add(key);
        // a phrase is stronger evidence than a word; the clause's first word is usually its verb
        score += p.weight * (this.idf.get(key) ?? 1) * (p.stems.length > 1 ? 1.5 : 1) * (p.anchor && i === 0 ? 1.5 : 1);
        if (p.anchor) {
          matched.push(key);
          at = Math.min(at, tokens[i].start);
        }
      }
      if (matched.length) out.push({ tool: doc.name, score, at, matched });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}

/** Index of the phrase's first word when all its words follow in order (one word in between allowed). */
function findPhrase(stems: string[], phrase: string[]): number {
  for (let i = 0; i < stems.length; i++) {
    if (stems[i] !== phrase[0]) continue;
    let j = i;
    let ok = true;
    for (let k = 1; k < phrase.length && ok; k++) {
      if (stems[j + 1] === phrase[k]) j += 1;
      else if (stems[j + 2] === phrase[k]) j += 2;
      else ok = false;
    }
    if (ok) return i;
  }
  return -1;
}
