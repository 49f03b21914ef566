// The method notes in prompts/methods/*.md (written from the review in
// shared/reference), and a small keyword retrieval over them for the `help` tool.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface MethodNote {
  /** File stem, e.g. "denoise". */
  topic: string;
  title: string;
  keywords: string[];
  tools: string[];
  body: string;
}

const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));
let cache: MethodNote[] | undefined;

export function promptsDir(): string {
  return PROMPTS_DIR;
}

export function loadNotes(): MethodNote[] {
  if (cache) return cache;
  const dir = PROMPTS_DIR + 'methods/';
  cache = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(dir + file, 'utf8');
      const title = /^#\s+(.*)$/m.exec(text)?.[1] ?? file;
      const keywords = (/^keywords:\s*(.*)$/m.exec(text)?.[1] ?? '').split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
      const tools = (/^tool:\s*(.*)$/m.exec(text)?.[1] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
      const body = text.replace(/^#.*$/m, '').replace(/^(keywords|tool):.*$/gm, '').trim().replace(/\n[ \t]*(?!\n|[ \t]*- )/g, ' ').replace(/ {2,}/g, ' ');
      return { topic: file.replace(/\.md$/, ''), title, keywords, tools, body };
    });
  return cache;
}

export function systemPrompt(): string {
  return readFileSync(PROMPTS_DIR + 'system.md', 'utf8');
}

const tokens = (text: string) => text.toLowerCase().split(/[^a-z0-9µ]+/).filter((w) => w.length > 1);
/** Two words match when they share a stem (a common prefix of 5 letters, or the whole shorter word). */
const sameStem = (a: string, b: string) => (a.length < 5 || b.length < 5 ? a === b : a.slice(0, 5) === b.slice(0, 5));

/**
 * Notes ranked by how many distinct words of the question their keywords, tools and title
 * cover (stems, so "denoising" finds "denoise"); ties go to the note matched earliest in
 * the question ("correct drift before tracking" is about drift).
 */
export function searchNotes(question: string, topic?: string): { note: MethodNote; score: number }[] {
  const q = tokens(question);
  return loadNotes()
    .map((note) => {
      const covered = new Set<number>();
      const phrases = [...note.keywords, ...note.tools.map((t) => t.replace(/_/g, ' ')), note.title.toLowerCase()];
      for (const phrase of phrases) {
        const words = tokens(phrase);
        if (words.length === 0) continue;
        // a phrase counts when all its words appear in order-free form in the question
        const at = words.map((w) => q.findIndex((x) => sameStem(x, w)));
        if (at.every((i) => i >= 0)) for (const i of at) covered.add(i);
      }
      const first = covered.size ? Math.min(...covered) : q.length;
      let score = covered.size + (covered.size ? 0.5 - first / (2 * q.length + 2) : 0);
      if (topic && note.topic === topic) score += 100;
      // the general note only wins when no specific method matches
      if (note.topic === 'choosing' && topic !== 'choosing') score = Math.min(score, 0.5);
      return { note, score };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score);
}
