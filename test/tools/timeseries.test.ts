import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { adjustedRandIndex, seededRandom } from '../../src/analysis/embed.ts';
import { readTableCsv, writeTableCsv, type Cell, type Table } from '../../src/analysis/table.ts';
import { tools } from '../../tools/timeseries.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-ts-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(name: string, args: unknown, ctx: ReturnType<typeof createToolContext>) {
  const spec = tools.find((t) => t.name === name)!;
  return spec.run(spec.schema.parse(args) as never, ctx);
}

/**
 * 24 cells x 60 frames: "oscillating" cells (ids 1-12) whose reporter b follows a by 3 frames,
 * and "rising" cells (13-24) whose signal climbs; and in every cell a stationary VAR in which
 * "driver" drives "target" one frame later (for the Granger test).
 */
function cellTable(): Table {
  const random = seededRandom(4);
  const rows: Record<string, Cell>[] = [];
  for (let id = 1; id <= 24; id++) {
    const oscillating = id <= 12;
    let a = 0, b = 0, driver = 0, target = 0;
    const as: number[] = [];
    for (let t = 0; t < 60; t++) {
      const drive = oscillating ? Math.sin((2 * Math.PI * t) / 12 + id) : t / 20;
      a = 0.3 * a + drive + 0.3 * (random() - 0.5);
      as.push(a);
      b = t >= 3 ? 0.2 * b + as[t - 3] + 0.2 * (random() - 0.5) : 0;
      target = 0.3 * target + 0.8 * driver + (random() - 0.5);
      driver = 0.5 * driver + (random() - 0.5);
      rows.push({ track_id: id, t, mean_intensity_c1: 100 + 10 * a, reporter: b, driver, target, area_px: oscillating ? 200 + 30 * Math.sin(t / 3) : 400 + t, centroid_x_px: 10 + t * 0.5, centroid_y_px: 20 });
    }
  }
  return { columns: ['track_id', 't', 'mean_intensity_c1', 'reporter', 'driver', 'target', 'area_px', 'centroid_x_px', 'centroid_y_px'], rows };
}

describe('analyze_timeseries and embed tools', () => {
  const ctx = createToolContext({ sessionDir: join(dir, 'session') });
  const path = join(dir, 'cells.csv');
  writeTableCsv(path, cellTable());

  it('every argument is described', () => {
    for (const t of tools) for (const [key, field] of Object.entries(t.schema.shape)) expect((field as { description?: string }).description, `${t.name}.${key}`).toBeTruthy();
  });

  it('normalises to F/F0 per cell with F0 the mean of the first frames', async () => {
    const result = await call('analyze_timeseries', { table: path, value: 'mean_intensity_c1', normalize: 'f_f0', baselineFrames: 3 }, ctx);
    const values = result.values as { column: string; cells: number };
    expect(values).toMatchObject({ column: 'mean_intensity_c1_f_f0', cells: 24 });
    const out = readTableCsv(result.artifacts[0].path);
    const cell5 = out.rows.filter((r) => r.track_id === 5);
    const f0 = (Number(cell5[0].mean_intensity_c1) + Number(cell5[1].mean_intensity_c1) + Number(cell5[2].mean_intensity_c1)) / 3;
    expect(Number(cell5[10].mean_intensity_c1_f_f0)).toBeCloseTo(Number(cell5[10].mean_intensity_c1) / f0, 6);
  });

  it('finds the 3-frame lag by cross-correlation and the causal direction by Granger', async () => {
    const cc = await call('analyze_timeseries', { table: path, analysis: 'cross_correlation', value: 'mean_intensity_c1', other: 'reporter', maxLag: 6 }, ctx);
    // Stationary (oscillating) cells peak at the true lag; the trending ones are not interpretable without detrending.
    const peaks = (cc.values as { peaks: { id: number; lag: number }[] }).peaks;
    expect(peaks.filter((p) => p.id <= 12).map((p) => p.lag)).toEqual(Array(12).fill(3));
    const g = await call('analyze_timeseries', { table: path, analysis: 'granger', value: 'driver', other: 'target', maxLag: 2 }, ctx);
    const v = g.values as { cells: number; forwardSignificant: number; reverseSignificant: number };
    expect(v.cells).toBe(24);
    expect(v.forwardSignificant).toBeGreaterThanOrEqual(22);
    expect(v.reverseSignificant).toBeLessThanOrEqual(3); // ~5% false positives expected
    expect(g.summary).toMatch(/driver Granger-causes target .* in \d+ of 24 cells/);
  });

  it('summarises cells and embeds them so that k-means finds the two behaviours', async () => {
    const summary = await call('analyze_timeseries', { table: path, analysis: 'summary', features: ['mean_intensity_c1', 'reporter', 'area_px'] }, ctx);
    const table = readTableCsv(summary.artifacts[0].path);
    expect(table.rows).toHaveLength(24);
    expect(table.columns).toContain('area_px_l1_max');
    expect(table.columns).toContain('traj_area');
    for (const method of ['pca', 'tsne', 'umap'] as const) {
      const embedded = await call('embed', { table: summary.artifacts[0].id, method, k: 2, seed: 1, perplexity: 5, nNeighbors: 6 }, ctx);
      const rows = readTableCsv(embedded.artifacts[0].path).rows;
      expect(rows[0]).toHaveProperty(`${method}_1`);
      const truth = rows.map((r) => (Number(r.id) <= 12 ? 0 : 1));
      expect(adjustedRandIndex(rows.map((r) => Number(r.cluster)), truth), method).toBe(1);
    }
  });

  it('the summary names the cells seen in too few frames to summarise (they were left out silently)', async () => {
    const short = join(dir, 'short.csv');
    const table = cellTable();
    // cells 25 and 26 are seen in 2 frames only
    const extra = [25, 26].flatMap((id) => [0, 1].map((t) => ({ ...table.rows[t], track_id: id, t })));
    writeTableCsv(short, { columns: table.columns, rows: [...table.rows, ...extra] });
    const result = await call('analyze_timeseries', { table: short, analysis: 'summary', features: ['area_px'] }, ctx);
    expect(result.summary).toMatch(/^Summarised 24 cells into \d+ variables each \(CellPhe-style\); 2 cells seen in fewer than 4 frames left out \(too few values to summarise\); saved as /);
    expect((await call('analyze_timeseries', { table: path, analysis: 'summary', features: ['area_px'] }, ctx)).summary).not.toMatch(/left out/);
  });

  it('an embedding of a table of one row per object and frame says it embedded rows, not cells', async () => {
    const result = await call('embed', { table: path, method: 'pca', k: 2, features: ['mean_intensity_c1', 'area_px'] }, ctx);
    expect(result.summary).toMatch(/^Embedded 1440 rows \(an object in one frame each; summarise per cell first with analyze_timeseries "summary" to embed cells\) from 2 features by PCA .*; clusters of \d+, \d+ rows\.$/);
  });

  it('an embedding of a table with several rows per cell and no frame (an MSD table\'s lags) says it embedded rows, not cells; one row per track is cells', async () => {
    const msd = join(dir, 'msd.csv');
    writeTableCsv(msd, { columns: ['branch_id', 'lag', 'msd'], rows: [1, 2, 3].flatMap((b) => [1, 2, 3, 4].map((lag) => ({ branch_id: b, lag, msd: b * lag + 0.1 * lag * lag }))) });
    const rows = await call('embed', { table: msd, method: 'pca', k: 2 }, ctx);
    expect(rows.summary).toMatch(/^Embedded 12 rows, not cells \(3 branch_id values with several rows each; embed a table of one row per cell/);
    expect(rows.summary).toMatch(/clusters of \d+, \d+ rows\.$/);
    const perTrack = join(dir, 'per-track.csv');
    writeTableCsv(perTrack, { columns: ['TRACK_ID', 'speed', 'area'], rows: [1, 2, 3, 4, 5, 6].map((id) => ({ TRACK_ID: id, speed: id % 3, area: 100 + id })) });
    expect((await call('embed', { table: perTrack, method: 'pca', k: 2 }, ctx)).summary).toMatch(/^Embedded 6 cells from 2 features/);
  });

  it('warns that per-frame labels name cells only after tracking', async () => {
    const labelled = join(dir, 'labels.csv');
    const table = cellTable();
    writeTableCsv(labelled, { columns: table.columns.map((c) => (c === 'track_id' ? 'label' : c)), rows: table.rows.map(({ track_id, ...r }) => ({ label: track_id, ...r })) });
    const result = await call('analyze_timeseries', { table: labelled, value: 'area_px', normalize: 'zscore' }, ctx);
    expect(result.summary).toMatch(/only if the labels come from tracking/);
  });

  it('reports bad arguments in one line', async () => {
    await expect(call('analyze_timeseries', { table: path, value: 'nope', normalize: 'zscore' }, ctx)).rejects.toThrow(/no column "nope" in the table/);
    await expect(call('analyze_timeseries', { table: path, analysis: 'granger', value: 'reporter' }, ctx)).rejects.toThrow(/needs `other`/);
    await expect(call('analyze_timeseries', { table: path, value: 'reporter' }, ctx)).rejects.toThrow(/nothing to do/);
    await expect(call('analyze_timeseries', { table: path, analysis: 'granger', value: 'reporter', other: 'area_px', maxLag: 30 }, ctx)).rejects.toThrow(/lower maxLag/);
    await expect(call('embed', { table: path, k: 5000 }, ctx)).rejects.toThrow(/k must be a whole number/);
  });
});
