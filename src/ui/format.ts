// Small text helpers for the chat: durations, progress bars, argument summaries.

/** "0.4 s", "12 s", "3 min 05 s". */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${String(Math.round(s - min * 60)).padStart(2, '0')} s`;
}

/** A bar of `width` cells, e.g. "██████░░░░". */
export function progressBar(done: number, total: number, width: number): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const full = Math.round(fraction * width);
  return '█'.repeat(full) + '░'.repeat(Math.max(0, width - full));
}

/** The arguments worth showing on a tool card: short scalars first, long values cut. */
export function summarizeArgs(args: Record<string, unknown>, maxChars = 70): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || key.startsWith('$')) continue;
    let text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text.length > 24) text = `${text.slice(0, 21)}…`;
    parts.push(`${key}=${text}`);
  }
  const joined = parts.join(' ');
  return joined.length > maxChars ? `${joined.slice(0, maxChars - 1)}…` : joined;
}

/** Every argument as key=value, wrapped into lines of at most `width` characters (values over 80 characters cut). */
export function argumentLines(args: Record<string, unknown>, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || key.startsWith('$')) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const part = `${key}=${truncate(text, 80)}`;
    if (line && line.length + 1 + part.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${part}` : part;
  }
  if (line) lines.push(line);
  return lines.map((l) => truncate(l, width));
}

/** Cuts a string to `width` characters with an ellipsis. */
export function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

/** Formats a table cell for display: numbers with at most 4 significant decimals. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return String(value);
}
