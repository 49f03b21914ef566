// A resumed session's conversation as chat items: the requests, a card per step (from
// the provenance log, with its arguments, results and timing) and the answers, in the
// order they happened, so `cellpilot chat --resume ID` opens where the person left off.
import type { ProvenanceRecord } from '../agent/provenance.ts';
import type { TranscriptEntry } from '../agent/session.ts';
import { condenseAnswer, itemId, type TranscriptItem } from './state.ts';

/** How many items a resumed chat shows; /log lists every step. */
export const HISTORY_ITEMS = 40;

type Entry = { time: string; order: number; item: TranscriptItem; summary?: string; turn?: string };

export function historyItems(transcript: TranscriptEntry[], provenance: ProvenanceRecord[], limit = HISTORY_ITEMS): TranscriptItem[] {
  const entries: Entry[] = [];
  let order = 0;
  for (const record of provenance) {
    const card = {
      stepId: record.step,
      tool: record.tool,
      args: record.args,
      status: record.status,
      durationMs: record.durationMs,
      summary: record.status === 'ok' ? record.summary : record.error ?? record.summary,
      artifacts: record.outputs.map(({ id, type, path }) => ({ id, type, path })),
      values: record.values ?? {},
    };
    entries.push({ time: record.time, order: order++, item: { kind: 'tool', id: itemId('tool'), card }, summary: record.status === 'ok' ? record.summary : undefined, turn: record.turn });
  }
  for (const entry of transcript) {
    if (entry.role === 'user') entries.push({ time: entry.time, order: order++, item: { kind: 'user', id: itemId('user'), text: entry.content }, turn: entry.turn });
    // an answer: the assistant's last word of a turn (its replies that call tools are shown as cards)
    else if (entry.role === 'assistant' && !entry.toolCalls?.length && entry.content.trim()) {
      entries.push({ time: entry.time, order: order++, item: { kind: 'assistant', id: itemId('say'), text: entry.content }, turn: entry.turn });
    }
  }
  entries.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.order - b.order));
  // answers without what their turn's cards already say, as in the live chat
  const items = entries.map((e) => {
    if (e.item.kind !== 'assistant') return e.item;
    const shown = entries.filter((o) => o.turn === e.turn && o.summary).map((o) => o.summary!);
    return { ...e.item, text: condenseAnswer(e.item.text, shown) };
  });
  if (items.length <= limit) return items;
  const earlier: TranscriptItem = { kind: 'notice', id: itemId('note'), tone: 'info', text: `(${items.length - limit} earlier items not shown: /log lists every step)` };
  return [earlier, ...items.slice(-limit)];
}
