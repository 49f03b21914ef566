import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ToolCard } from '../../src/ui/components/ToolCard.tsx';
import { TableView, tableLines } from '../../src/ui/components/TableView.tsx';
import { Header } from '../../src/ui/components/Header.tsx';
import type { ToolCardState } from '../../src/ui/state.ts';

const running: ToolCardState = { stepId: 's1', tool: 'denoise', args: { movie: 'movie-1', method: 'n2v' }, status: 'running', done: 12, total: 48, label: 'planes', elapsedS: 6, etaS: 18, artifacts: [], values: {} };

describe('tool card', () => {
  it('shows name, key arguments, a progress bar with planes done/total and time left', () => {
    const { lastFrame, unmount } = render(<ToolCard card={running} width={80} />);
    const frame = lastFrame()!;
    expect(frame).toContain('denoise');
    expect(frame).toContain('movie=movie-1 method=n2v');
    expect(frame).toContain('12/48 planes · 18 s left');
    expect(frame).toMatch(/█+░+/);
    unmount();
  });

  it('shows the duration and the summary when done, the error when failed', () => {
    const done: ToolCardState = { ...running, status: 'ok', durationMs: 23400, summary: 'Denoised 48 planes with N2V; saved as movie-2.' };
    const ok = render(<ToolCard card={done} width={80} />).lastFrame()!;
    expect(ok).toContain('✓ denoise');
    expect(ok).toContain('23 s');
    expect(ok).toContain('Denoised 48 planes with N2V; saved as movie-2.');
    expect(ok).not.toContain('planes ·');
    const failed = render(<ToolCard card={{ ...running, status: 'error', durationMs: 100, summary: 'cells.tif: no such file' }} width={80} />).lastFrame()!;
    expect(failed).toContain('✗ denoise');
    expect(failed).toContain('cells.tif: no such file');
  });

  it('shows where an export wrote its files', () => {
    const card: ToolCardState = { ...running, tool: 'export', status: 'ok', durationMs: 100, summary: 'Wrote TrackMate XML cells-labels.xml as tracks-2.', files: ['/data/sessions/s1/artifacts/cells-labels.xml'] };
    const frame = render(<ToolCard card={card} width={100} />).lastFrame()!;
    expect(frame).toContain('saved: /data/sessions/s1/artifacts/cells-labels.xml');
  });

  it('keeps a narrow card on one line per row', () => {
    const frame = render(<ToolCard card={running} width={40} />).lastFrame()!;
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });
});

describe('table preview', () => {
  const table = {
    path: '/data/session/objects.csv',
    columns: ['label', 't', 'area_px', 'mean_intensity_c1', 'circularity'],
    rows: Array.from({ length: 5 }, (_, i) => ({ label: i + 1, t: 0, area_px: 100 + i, mean_intensity_c1: 1234.56789, circularity: 0.91234 })),
    totalRows: 340,
  };
  it('shows the first rows, how many more, and the CSV path', () => {
    const frame = render(<TableView table={table} width={100} />).lastFrame()!;
    expect(frame).toContain('label');
    expect(frame).toContain('area_px');
    expect(frame).toContain('1235'); // 4 significant digits
    expect(frame).toContain('+335 rows');
    expect(frame).toContain('CSV: /data/session/objects.csv');
  });
  it('drops columns that do not fit and says so', () => {
    const lines = tableLines(table, 30);
    expect(lines[0]).toContain('label');
    expect(lines.at(-1)).toMatch(/\+2 columns/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
  });
});

describe('header', () => {
  it('names the model, the session and the movies', () => {
    const frame = render(<Header info={{ model: 'offline', sessionId: '20261125-abcd', movies: ['cells.tif'] }} width={80} />).lastFrame()!;
    expect(frame).toContain('model: offline');
    expect(frame).toContain('session: 20261125-abcd');
    expect(frame).toContain('movies: cells.tif');
  });
});
