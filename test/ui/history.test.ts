import { describe, expect, it } from 'vitest';
import type { ProvenanceRecord } from '../../src/agent/provenance.ts';
import type { TranscriptEntry } from '../../src/agent/session.ts';
import { historyItems } from '../../src/ui/history.ts';

const record = (step: string, time: string, tool: string, summary: string, turn?: string): ProvenanceRecord => ({
  step, time, turn, tool, args: { movie: 'movie-1' }, inputs: [], outputs: [{ id: `labels-${step.slice(1)}`, type: 'labels', path: '/l.tif' }], durationMs: 1200, versions: {}, models: [], status: 'ok', summary, values: { objects: 3 },
});

describe('a resumed session shows its transcript', () => {
  const transcript: TranscriptEntry[] = [
    { time: '2026-01-01T10:00:00.000Z', turn: 't1', role: 'user', content: 'segment the nuclei' },
    { time: '2026-01-01T10:00:00.100Z', turn: 't1', role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'segment', args: {} }] },
    { time: '2026-01-01T10:00:02.000Z', turn: 't1', role: 'tool', content: '{"ok":true}', toolCallId: 'c1', step: 's1' },
    { time: '2026-01-01T10:00:02.100Z', turn: 't1', role: 'assistant', content: 'Found 3 objects per frame in 5 frames. [labels-1] Anything else?' },
    { time: '2026-01-01T10:01:00.000Z', turn: 't2', role: 'user', content: 'track them' },
  ];
  const provenance = [record('s1', '2026-01-01T10:00:00.200Z', 'segment', 'Found 3 objects per frame in 5 frames.', 't1'), record('s2', '2026-01-01T10:00:30.000Z', 'set_calibration', 'Calibration set.')];

  it('interleaves requests, step cards and answers in time order, answers without what the cards say', () => {
    const items = historyItems(transcript, provenance);
    expect(items.map((i) => i.kind)).toEqual(['user', 'tool', 'assistant', 'tool', 'user']);
    const card = items[1].kind === 'tool' ? items[1].card : undefined;
    expect(card).toMatchObject({ stepId: 's1', tool: 'segment', status: 'ok', args: { movie: 'movie-1' }, summary: 'Found 3 objects per frame in 5 frames.', artifacts: [{ id: 'labels-1' }] });
    expect(items[2]).toMatchObject({ kind: 'assistant', text: 'Anything else? Made labels-1.' });
  });

  it('shows the latest items and says how many earlier ones are left out', () => {
    const items = historyItems(transcript, provenance, 2);
    expect(items[0]).toMatchObject({ kind: 'notice', text: '(3 earlier items not shown: /log lists every step)' });
    expect(items.slice(1).map((i) => i.kind)).toEqual(['tool', 'user']);
  });
});
