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

/** Notes ranked by how well their keywords, title and tools match the question. */
export function searchNotes(question: string, topic?: string): { note: MethodNote; score: number }[] {
  const q = ` ${question.toLowerCase().replace(/[^a-z0-9µ\s-]/g, ' ').replace(/\s+/g, ' ')} `;
  const words = new Set(q.trim().split(' ').filter((w) => w.length > 2));
  return loadNotes()
    .map((note) => {
      let score = topic && note.topic === topic ? 100 : 0;
      for (const k of note.keywords) if (q.includes(` ${k}`) || q.includes(`${k} `)) score += k.includes(' ') ? 4 : 3;
      for (const t of note.tools) if (q.includes(t.replace(/_/g, ' ')) || q.includes(t)) score += 2;
      for (const w of note.title.toLowerCase().split(/\W+/)) if (words.has(w)) score += 1;
      // the general note only wins when no specific method matches
      if (note.topic === 'choosing' && !(topic === 'choosing')) score = Math.min(score, 1);
      return { note, score };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score);
}
