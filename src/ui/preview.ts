// Previews attached to a finished tool card: the first rows of its table, its plot as a
// picture. Read synchronously right after step_end so they land before the turn ends.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { findTool } from '../agent/allTools.ts';
import type { StepEndEvent } from '../agent/events.ts';
import { parseCsv } from '../analysis/table.ts';
import { decodePng } from '../plot/png.ts';
import type { ImagePreview, TablePreview } from './state.ts';
import { detectImageProtocol, halfBlockLines, inlineImageSequence, type ImageProtocol } from './terminalImage.ts';

const HEAD_BYTES = 64 * 1024;

/** The header and first rows of a CSV, and its row count (counted over the whole file). */
export function tablePreview(path: string, maxRows = 5): TablePreview {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    readSync(fd, head, 0, head.length, 0);
    let text = head.toString('utf8');
    if (size > HEAD_BYTES) text = text.slice(0, text.lastIndexOf('\n') + 1);
    const table = parseCsv(text);
    let totalRows = table.rows.length;
    if (size > HEAD_BYTES) {
      const all = readFileSync(path);
      totalRows = 0;
      for (let i = 0; i < all.length; i++) if (all[i] === 10) totalRows++;
      totalRows -= 1; // header
    }
    return { path, columns: table.columns, rows: table.rows.slice(0, maxRows), totalRows };
  } finally {
    closeSync(fd);
  }
}

/** A PNG as an inline image (kitty / iTerm2) or as half-block text `columns` wide. */
export function imagePreview(path: string, columns: number, protocol: ImageProtocol = detectImageProtocol()): ImagePreview {
  const png = readFileSync(path);
  if (protocol !== 'text') return { path, lines: [], inline: inlineImageSequence(png, protocol, columns) };
  return { path, lines: halfBlockLines(decodePng(png), columns) };
}

/**
 * Files a finished step wrote for the user, with their full path: those of a tool whose results are
 * copies in another format or place (an export), which its summary names only by file name.
 */
export function savedFiles(event: StepEndEvent): string[] {
  if (event.status !== 'ok' || !findTool(event.tool)?.writesCopies) return [];
  return [...new Set(event.artifacts.map((a) => a.path))];
}

/** Previews for a finished step: its first table, its first PNG plot and the files it wrote for the user; unreadable files are skipped. */
export function stepPreviews(event: StepEndEvent, columns: number, protocol?: ImageProtocol): { table?: TablePreview; image?: ImagePreview; files?: string[] } {
  if (event.status !== 'ok') return {};
  // the tables a tool declares as ground truth (the simulator's drift, lineage) are no measurements worth a preview
  const truth = findTool(event.tool)?.truth ?? [];
  const out: { table?: TablePreview; image?: ImagePreview; files?: string[] } = {};
  const table = event.artifacts.find((a) => a.type === 'table' && !truth.includes(a.type) && a.path.endsWith('.csv'));
  const png = event.artifacts.find((a) => /\.png$/i.test(a.path));
  try {
    if (table && !png) out.table = tablePreview(table.path);
  } catch {
    /* a table we cannot read is simply not previewed */
  }
  try {
    if (png) out.image = imagePreview(png.path, Math.max(16, Math.min(60, columns - 4)), protocol);
  } catch {
    /* likewise */
  }
  // (a preview already shows its file's path)
  const files = savedFiles(event).filter((path) => path !== out.table?.path && path !== out.image?.path);
  if (files.length) out.files = files;
  return out;
}
