import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { encodePng } from '../../src/plot/png.ts';
import { savedFiles, stepPreviews, tablePreview } from '../../src/ui/preview.ts';
import { detectImageProtocol, halfBlockLines, inlineImageSequence } from '../../src/ui/terminalImage.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-preview-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// left half red, right half blue, 40 x 20 px
const image = { width: 40, height: 20, data: new Uint8Array(40 * 20 * 4) };
for (let i = 0; i < 800; i++) image.data.set(i % 40 < 20 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);

describe('terminal pictures', () => {
  it('detects kitty and iTerm2 from the environment, text elsewhere and inside tmux', () => {
    expect(detectImageProtocol({ KITTY_WINDOW_ID: '1' })).toBe('kitty');
    expect(detectImageProtocol({ TERM_PROGRAM: 'iTerm.app' })).toBe('iterm');
    expect(detectImageProtocol({ TERM: 'xterm-256color' })).toBe('text');
    expect(detectImageProtocol({ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/x' })).toBe('text');
  });

  it('half-blocks keep colours and aspect within the size asked', () => {
    const lines = halfBlockLines(image, 20);
    expect(lines).toHaveLength(5); // 20 cells wide -> 10 px rows -> 5 lines
    expect(lines[0]).toContain('38;2;255;0;0');
    expect(lines[0]).toContain('38;2;0;0;255');
    expect(lines[0].indexOf('255;0;0')).toBeLessThan(lines[0].indexOf('0;0;255'));
    expect(halfBlockLines(image, 200, 4)).toHaveLength(4);
  });

  it('inline sequences carry the PNG', () => {
    const png = encodePng(image);
    expect(inlineImageSequence(png, 'iterm', 30)).toMatch(/^\x1b\]1337;File=inline=1;size=\d+;width=30;/);
    const kitty = inlineImageSequence(png, 'kitty', 30);
    expect(kitty.startsWith('\x1b_Ga=T,f=100,c=30,m=0;')).toBe(true);
    expect(kitty.endsWith('\x1b\\')).toBe(true);
  });
});

describe('step previews', () => {
  it('leaves out the tables a tool declares as ground truth (the simulator\'s), not other tables', () => {
    const path = join(dir, 'truth.csv');
    writeFileSync(path, 't,dx_px\n0,0\n1,0.5\n');
    const simulate = ALL_TOOLS.find((t) => t.truth?.includes('table'))!;
    const measure = ALL_TOOLS.find((t) => !t.truth && t.produces?.includes('table'))!;
    const event = { type: 'step_end' as const, turnId: 't1', stepId: 's1', tool: simulate.name, status: 'ok' as const, durationMs: 1, summary: '', artifacts: [{ id: 'table-1', type: 'table' as const, path }], values: {} };
    expect(stepPreviews(event, 80, 'text')).toEqual({});
    expect(stepPreviews({ ...event, tool: measure.name }, 80, 'text').table?.totalRows).toBe(2);
  });


  it('reads the head of a table and counts all its rows', () => {
    const path = join(dir, 't.csv');
    writeFileSync(path, 'label,area_px\n' + Array.from({ length: 20000 }, (_, i) => `${i + 1},${100 + (i % 7)}`).join('\n') + '\n');
    const table = tablePreview(path);
    expect(table.columns).toEqual(['label', 'area_px']);
    expect(table.rows).toHaveLength(5);
    expect(table.rows[2]).toEqual({ label: 3, area_px: 102 });
    expect(table.totalRows).toBe(20000);
  });

  it('previews the plot of a finished step and skips unreadable files', () => {
    const png = join(dir, 'p.png');
    writeFileSync(png, encodePng(image));
    const event = { type: 'step_end' as const, turnId: 't1', stepId: 's1', tool: 'plot', status: 'ok' as const, durationMs: 1, summary: '', artifacts: [{ id: 'plot-1', type: 'plot' as const, path: png }], values: {} };
    const out = stepPreviews(event, 80, 'text');
    expect(out.image?.lines.length).toBeGreaterThan(0);
    expect(stepPreviews({ ...event, artifacts: [{ id: 'table-1', type: 'table', path: join(dir, 'missing.csv') }] }, 80, 'text')).toEqual({});
  });

  it('names where an export wrote its files (its summary gives only the file name), not the files of other steps', () => {
    const exporter = ALL_TOOLS.find((t) => t.writesCopies)!;
    const other = ALL_TOOLS.find((t) => !t.writesCopies && t.produces?.includes('tracks'))!;
    const xml = join(dir, 'cells-labels.xml');
    const event = { type: 'step_end' as const, turnId: 't1', stepId: 's1', tool: exporter.name, status: 'ok' as const, durationMs: 1, summary: 'Wrote TrackMate XML cells-labels.xml', artifacts: [{ id: 'tracks-2', type: 'tracks' as const, path: xml }], values: {} };
    expect(savedFiles(event)).toEqual([xml]);
    expect(stepPreviews(event, 80, 'text')).toEqual({ files: [xml] });
    expect(savedFiles({ ...event, tool: other.name })).toEqual([]);
    expect(savedFiles({ ...event, status: 'error' })).toEqual([]);
    // a table the export wrote is previewed with its path: not named twice
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const table = stepPreviews({ ...event, artifacts: [{ id: 'table-2', type: 'table', path: csv }] }, 80, 'text');
    expect(table.table?.path).toBe(csv);
    expect(table.files).toBeUndefined();
  });
});
