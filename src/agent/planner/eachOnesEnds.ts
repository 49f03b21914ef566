// "For each cell, how does its GFP at the end compare with the start?", "per track: area in its last frame minus its
// first", "did each nucleus get brighter or dimmer?": a change asked of every cell followed over the movie is each
// track's own change between its first and its last frame, never the pooled mean of frame 1 against the last frame (the
// cells present at the two ends differ, and the pooled means hide which cell changed how).
type Row = Record<string, unknown>;

/** The words that ask for every cell or track on its own ("each cell", "per track", "cell by cell", "individually"). */
const EACH_ONE = /\b(?:each|every|any\s+given|individual)\s+(?:single\s+)?(?:tracks?|cells?|nucle(?:us|i)|objects?|trajector(?:y|ies))\b|\bper[- ](?:track|cell|nucleus|object|trajectory)\b|\b(?:cell|track|nucleus|object)\s+by\s+(?:cell|track|nucleus|object)\b|\b(?:for|of)\s+(?:all\s+)?(?:the\s+)?(?:tracks|cells|nuclei)\s+(?:individually|separately|one by one)\b|\b(?:individually|separately|one by one)\b/i;

/** A start-to-end change (the scope compares the ends or the halves of the movie) asked of each cell or track. */
export function asksEachOnesEnds(question: string, scope: { compare?: string }): boolean {
  return (scope.compare === 'ends' || scope.compare === 'halves') && EACH_ONE.test(question);
}

export interface OnesEnds {
  id: string;
  first: { t: number; v: number };
  last: { t: number; v: number };
}

/** Each id's value in the first and in the last frame it has rows in (the mean of its rows there); ids in one frame only are left out. */
export function endsOfEach(values: { row: Row; v: number }[], idColumn: string): { ends: OnesEnds[]; oneFrameOnly: number } {
  const byId = new Map<string, Map<number, number[]>>();
  for (const { row, v } of values) {
    const id = row[idColumn];
    const t = row.t;
    if (id === null || id === undefined || typeof t !== 'number') continue;
    const frames = byId.get(String(id)) ?? new Map<number, number[]>();
    frames.set(t, [...(frames.get(t) ?? []), v]);
    byId.set(String(id), frames);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ends: OnesEnds[] = [];
  let oneFrameOnly = 0;
  for (const [id, frames] of byId) {
    const ts = [...frames.keys()].sort((a, b) => a - b);
    if (ts.length < 2) {
      oneFrameOnly += 1;
      continue;
    }
    ends.push({ id, first: { t: ts[0], v: mean(frames.get(ts[0])!) }, last: { t: ts.at(-1)!, v: mean(frames.get(ts.at(-1)!)!) } });
  }
  ends.sort((a, b) => (Number(a.id) - Number(b.id)) || a.id.localeCompare(b.id));
  return { ends, oneFrameOnly };
}

/** The change of one end to the other in % of the first (undefined when the first is 0). */
export function percentChange(e: OnesEnds): number | undefined {
  return e.first.v === 0 ? undefined : Math.round(((e.last.v - e.first.v) / e.first.v) * 1000) / 10;
}
