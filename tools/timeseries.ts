// Time-series and population tools: analyze_timeseries (normalise, detrend, smooth,
// cross-correlate, Granger-test and summarise per-cell series from a tidy table such as
// measure's output) and embed (PCA / UMAP / t-SNE of per-cell features, with clustering).
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { InputError } from '../src/errors.ts';
import { readTableCsv, writeTableCsv, type Table } from '../src/analysis/table.ts';
import { tableArg, outputArg } from './common.ts';
import { defineTool, type RequestClause, type ArtifactRef, type ToolContext, type ToolResult, type ToolSpec } from './types.ts';
import { featureColumn } from './requestWords.ts';

const idColumnArg = z.string().min(1).optional().describe('Column naming the cell or track (default: the first of track_id, track, branch_id, cell_id, id, label; none = one series)');
const timeColumnArg = z.string().min(1).optional().describe('Column giving the frame, whole numbers (default: the first of t, frame, FrameID, time_s)');

function loadTable(ctx: ToolContext, ref: string): { table: Table; path: string } {
  const path = ctx.resolve(ref, 'table');
  try {
    return { table: readTableCsv(path), path };
  } catch (err) {
    throw new InputError(`cannot read the table ${ref}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Runs src/ code, turning its one-line RangeErrors (bad column, too few frames...) into InputErrors. */
function asInput<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(err.message);
    throw err;
  }
}

function stemOf(path: string): string {
  return basename(path, extname(path)) || 'table';
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

const round = (v: number, digits = 4) => (Number.isFinite(v) ? +v.toPrecision(digits) : v);

const analyzeSchema = z.object({
  table: tableArg.describe('A tidy table with one row per cell per frame, e.g. from measure: an artifact id ("table-2") or a CSV path'),
  analysis: z
    .enum(['transform', 'cross_correlation', 'granger', 'summary'])
    .default('transform')
    .describe('"transform" (default): normalise / detrend / smooth `value` per cell and add it as a column; "cross_correlation" of `value` with `other` over lags; "granger": does `value` help predict `other` (and the reverse), F test as statsmodels; "summary": one row per cell of CellPhe-style variables (mean, sd, skew, kurtosis, ascent, descent, max, Haar wavelet levels) of each feature'),
  value: z.string().min(1).optional().describe('The column to analyse, e.g. "mean_intensity_c1" (for granger: the candidate cause)'),
  other: z.string().min(1).optional().describe('The second column for cross_correlation and granger (for granger: the candidate effect)'),
  normalize: z.enum(['f_f0', 'df_f0', 'zscore', 'minmax']).optional().describe('Normalisation per cell: "f_f0" F/F0 and "df_f0" ΔF/F0 with F0 the mean of the first baselineFrames frames, "zscore", or "minmax" to 0..1'),
  baselineFrames: z.number().int().min(1).default(1).describe('Frames averaged for F0, counted from each cell\'s first frame; default 1'),
  detrendDegree: z.number().int().min(0).max(5).optional().describe('Subtract a least-squares polynomial trend of this degree per cell (1 = linear, as scipy.signal.detrend)'),
  smooth: z.enum(['moving_average', 'savitzky_golay']).optional().describe('Smoothing per cell: centred moving average, or Savitzky–Golay (scipy savgol_filter)'),
  windowFrames: z.number().int().min(1).default(5).describe('Smoothing window of the moving average or Savitzky-Golay filter, frames (odd); default 5'),
  polyorder: z.number().int().min(0).default(2).describe('Savitzky–Golay polynomial order; default 2'),
  maxLag: z.number().int().min(0).max(10_000).optional().describe('Largest lag, frames, at most 10000: default 10 for cross_correlation, 2 for granger'),
  features: z.array(z.string().min(1)).optional().describe('Columns to summarise (summary); default every numeric feature column'),
  idColumn: idColumnArg,
  timeColumn: timeColumnArg,
  output: outputArg.describe('Where to write the result table (.csv); default a new file in the session folder'),
});

type AnalyzeArgs = z.infer<typeof analyzeSchema>;

function requireValue(args: AnalyzeArgs, second = false): [string, string] {
  if (!args.value) throw new InputError(`analysis "${args.analysis}" needs \`value\`, the column to analyse (e.g. "mean_intensity_c1")`);
  if (second && !args.other) throw new InputError(`analysis "${args.analysis}" needs \`other\`, the second column`);
  return [args.value, args.other ?? ''];
}

/** The analysis (a transform unless a summary, cross-correlation or Granger causality is named), normalisation, smoothing and the features. */
function readTimeseriesRequest(c: RequestClause): Record<string, unknown> {
  const t = c.text;
  const args: Record<string, unknown> = { $needs: ['table'] };
  if (/\bgranger\b|\bcaus\w*/i.test(t)) args.analysis = 'granger';
  else if (/\bcross[- ]?correlat\w*|\blag\b|\bcorrelat\w* between\b/i.test(t)) args.analysis = 'cross_correlation';
  else if (/\bsummar\w*|\bphenotyp\w*|\bper[- ]cell (?:features|variables)\b|\bcellphe\b/i.test(t)) args.analysis = 'summary';
  else args.analysis = 'transform';
  if (/(?:Δ|\bdelta|\bd)\s*F\s*\/\s*F0?\b/i.test(t)) args.normalize = 'df_f0';
  else if (/\bF\s*\/\s*F0\b|\bto the first frames?\b|\bbaseline\b/i.test(t)) args.normalize = 'f_f0';
  else if (/\bz-?scor\w*|\bstandardi[sz]\w*/i.test(t)) args.normalize = 'zscore';
  else if (/\bmin-?max\b|\bbetween 0 and 1\b|\b0 to 1\b/i.test(t)) args.normalize = 'minmax';
  else if (/\bnormali[sz]\w*/i.test(t)) args.normalize = 'f_f0';
  if (/\bsmooth\w*|\bmoving average\b/i.test(t)) args.smooth = /savitzky|golay/i.test(t) ? 'savitzky_golay' : 'moving_average';
  if (/\bdetrend\w*|\b(?:remove|subtract|take out)\s+(?:a\s+|the\s+|any\s+)?(?:linear\s+)?(?:trend|drift in the traces)\b/i.test(t)) args.detrendDegree = /\bquadratic\b/i.test(t) ? 2 : 1;
  const features = [...t.matchAll(/\b(area|intensit\w*|brightness|speed|circularity|perimeter|eccentricity)\b/gi)].map((m) => featureColumn(m[1], c.read.channel()));
  if (features[0]) args.value = features[0];
  if (features[1] && args.analysis !== 'transform') args.other = features[1];
  const lag = c.quantities.find((q) => /lag/.test(q.before + q.after));
  if (lag) args.maxLag = lag.value;
  return args;
}

const analyzeTimeseries = defineTool({
  name: 'analyze_timeseries',
  summary: 'Analyses per-cell time series: normalisation (F/F0, ΔF/F0, z-score), smoothing, detrending, cross-correlation, Granger causality or per-cell summaries.',
  words: ['time series', 'timeseries', 'traces', 'normalise', 'normalize', 'f/f0', 'df/f0', 'cross-correlation', 'autocorrelation', 'correlation', 'lag', 'granger', 'causality', 'oscillation', 'periodic', 'pulses', 'peaks', 'detrend', 'linear trend', 'smooth traces', 'summary features'],
  examples: ['normalise the traces to F/F0', 'cross-correlate area and intensity', 'is there a lag between the two signals?', 'Granger causality between area and intensity', 'detrend and smooth the time series'],
  consumes: ['table'],
  produces: ['table'],
  needsFrames: true,
  results: { cells: { about: 'cells analysed', unit: '', example: 30 }, rows: { about: 'rows', unit: '' }, medianPeakLagFrames: { about: 'median lag of the correlation peak', unit: 'frames', example: 12 }, medianPeakLagS: { about: 'median lag of the correlation peak in time (when the frame interval is known)', unit: 's' }, meanPeakR: { about: 'mean peak correlation', unit: '' } },
  valueWords: { analysis: { cross_correlation: ['cross-correlation', 'cross-correlate', 'lag', 'correlation between'], granger: ['granger', 'causality', 'causes'], summary: ['summary', 'phenotype', 'per-cell features', 'cellphe'] }, normalize: { df_f0: ['df/f0', 'δf/f0', 'delta f'], f_f0: ['f/f0', 'baseline', 'first frames', 'fold change'], zscore: ['z-score', 'standardise', 'standardize'], minmax: ['min-max', '0 to 1'] }, smooth: { savitzky_golay: ['savitzky', 'golay'], moving_average: ['moving average', 'smooth'] } },
  description:
    'Analyses per-cell time series in a tidy table (one row per cell per frame, such as measure\'s output): normalise (F/F0, ΔF/F0, z-score, min-max), detrend and smooth a column; cross-correlate two columns over lags; test Granger causality between two columns (F test over lags, as statsmodels); or summarise each cell\'s series with CellPhe-style variables for embed. Returns a table artifact and the key numbers.',
  schema: analyzeSchema,
  fromRequest: readTimeseriesRequest,
  async run(args, ctx) {
    const ts = await import('../src/analysis/timeseries.ts');
    const { table, path } = loadTable(ctx, args.table);
    const columns = { idColumn: args.idColumn, timeColumn: args.timeColumn };
    const save = (result: Table, name: string, description: string) => {
      const out = ctx.outputPath(`${stemOf(path)}-${name}.csv`, args.output);
      writeTableCsv(out, result);
      return ctx.addArtifact('table', out, description);
    };
    ctx.progress(0, 1);
    // Per-frame segmentation numbers objects 1..n in every frame: they only name cells once tracked.
    const idColumn = asInput(() => ts.seriesColumns(table, columns).idColumn);
    const caveat = idColumn === 'label' ? ' Cells are identified by the "label" column, which names the same cell over time only if the labels come from tracking.' : '';
    const withCaveat = <T extends { summary: string }>(result: T): T => ({ ...result, summary: result.summary + caveat });
    return withCaveat(await analyze(args, ctx, table, columns, ts, save));
  },
});

/** The chosen analysis; `save` writes a result table and registers it as an artifact. */
async function analyze(
  args: AnalyzeArgs,
  ctx: ToolContext,
  table: Table,
  columns: { idColumn?: string; timeColumn?: string },
  ts: typeof import('../src/analysis/timeseries.ts'),
  save: (result: Table, name: string, description: string) => ArtifactRef,
): Promise<ToolResult> {
  if (args.analysis === 'transform') {
    const [value] = requireValue(args);
    const result = asInput(() =>
      ts.transformTable(table, value, {
        ...columns,
        normalise: args.normalize,
        baselineFrames: args.baselineFrames,
        detrendDegree: args.detrendDegree,
        smooth: args.smooth ? { method: args.smooth, windowFrames: args.windowFrames, polyorder: args.polyorder } : undefined,
      }),
    );
    const ref = save(result.table, result.column, `${value} per cell (${result.column.slice(value.length + 1).replace(/_/g, ' ')})`);
    ctx.progress(1, 1);
    return {
      summary: `Added column ${result.column} to the table for ${result.cells} cell${result.cells === 1 ? '' : 's'}; saved as ${ref.id}.`,
      artifacts: [ref],
      values: { column: result.column, cells: result.cells, rows: result.table.rows.length, path: ref.path },
    };
  }
  if (args.analysis === 'cross_correlation') {
    const [a, b] = requireValue(args, true);
    const maxLag = args.maxLag ?? 10;
    const result = asInput(() => ts.crossCorrelateTable(table, a, b, maxLag, columns));
    const lags = result.peaks.map((p) => p.lag);
    const ref = save(result.table, `xcorr-${a}-${b}`, `cross-correlation of ${a} and ${b} per cell`);
    ctx.progress(1, 1);
    const medianLag = median(lags);
    return {
      summary: `Across ${result.peaks.length} cells, ${a} and ${b} correlate most at a median lag of ${medianLag} frame(s)${lagTime(table, medianLag)} (positive: ${b} follows ${a}); mean peak r ${round(result.peaks.reduce((s, p) => s + p.r, 0) / result.peaks.length, 3)}.`,
      artifacts: [ref],
      values: { cells: result.peaks.length, medianPeakLagFrames: medianLag, ...lagSeconds(table, medianLag), meanPeakR: round(result.peaks.reduce((s, p) => s + p.r, 0) / result.peaks.length), peaks: result.peaks.slice(0, 50) },
    };
  }
  if (args.analysis === 'granger') {
    const [cause, effect] = requireValue(args, true);
    const maxLag = args.maxLag ?? 2;
    if (maxLag < 1) throw new InputError('maxLag must be at least 1 for a Granger test');
    const result = asInput(() => ts.grangerTable(table, cause, effect, maxLag, columns));
    const ref = save(result.table, `granger-${cause}-${effect}`, `Granger tests between ${cause} and ${effect} per cell`);
    ctx.progress(1, 1);
    return {
      summary: `${cause} Granger-causes ${effect} (p < 0.05, Bonferroni over ${maxLag} lag(s)) in ${result.forwardSignificant} of ${result.cells} cells; the reverse holds in ${result.reverseSignificant}.`,
      artifacts: [ref],
      values: { cells: result.cells, forwardSignificant: result.forwardSignificant, reverseSignificant: result.reverseSignificant, maxLag, direction: `${cause} -> ${effect}` },
    };
  }
  const summary = asInput(() => ts.summariseCells(table, { ...columns, features: args.features }));
  const ref = save(summary, 'cell-summary', 'per-cell summary variables (CellPhe-style)');
  // the cells seen in too few frames are left out of the summary: said, not dropped silently
  const tooShort = ts.splitSeries(table, columns).length - summary.rows.length;
  const leftOut = tooShort > 0 ? `; ${tooShort} cell${tooShort === 1 ? '' : 's'} seen in fewer than ${ts.MIN_SUMMARY_FRAMES} frames left out (too few values to summarise)` : '';
  ctx.progress(1, 1);
  return {
    summary: `Summarised ${summary.rows.length} cells into ${summary.columns.length - 2} variables each (CellPhe-style)${leftOut}; saved as ${ref.id}, ready for embed.`,
    artifacts: [ref],
    values: { cells: summary.rows.length, variables: summary.columns.length - 2, path: ref.path },
  };
}

const embedSchema = z.object({
  table: tableArg.describe('Per-cell features, one row per cell (e.g. analyze_timeseries with analysis "summary"): an artifact id or a CSV path'),
  method: z.enum(['pca', 'umap', 'tsne']).default('pca').describe('"pca" (default; linear, fast), "umap" (umap-js; nNeighbors 15, minDist 0.1) or "tsne" (exact; perplexity 30, 1000 iterations, as scikit-learn)'),
  features: z.array(z.string().min(1)).optional().describe('Feature columns to use; default every numeric column except identifiers'),
  standardize: z.boolean().default(true).describe('Scale each feature to mean 0 and SD 1 first; default true'),
  cluster: z.enum(['kmeans', 'hierarchical', 'none']).default('kmeans').describe('Clustering of the cells in feature space: k-means with k-means++ seeding (default), hierarchical, or none'),
  k: z.number().int().min(1).default(3).describe('Number of clusters; default 3'),
  linkage: z.enum(['ward', 'average', 'complete', 'single']).default('ward').describe('Linkage for hierarchical clustering; default ward (as scipy/scikit-learn)'),
  perplexity: z.number().positive().default(30).describe('t-SNE perplexity (effective neighbours); default 30'),
  nNeighbors: z.number().int().min(2).default(15).describe('UMAP neighbours; default 15'),
  seed: z.number().int().default(0).describe('Random seed, for reproducible UMAP, t-SNE and k-means; default 0'),
  output: outputArg.describe('Where to write the embedding table (.csv); default a new file in the session folder'),
});

/** The method (PCA unless named), the number of clusters, and the clustering (k-means unless hierarchical or none). */
function readEmbeddingRequest(c: RequestClause): Record<string, unknown> {
  const args: Record<string, unknown> = { method: c.read.value('method') ?? 'pca', $needs: ['table'] };
  const k = c.quantities.find((q) => /^\s*(?:clusters|groups|classes|populations)/.test(q.after));
  if (k) args.k = k.value;
  if (/\bhierarchical\b/i.test(c.text)) args.cluster = 'hierarchical';
  else if (/\bno clustering\b|\bwithout clustering\b|\bdon't cluster\b/i.test(c.text)) args.cluster = 'none';
  return args;
}

const embed = defineTool({
  name: 'embed',
  summary: 'Embeds per-cell features in two dimensions (PCA, UMAP or t-SNE) and clusters the cells into phenotypes.',
  words: ['embed', 'embedding', 'pca', 'umap', 't-sne', 'tsne', 'principal components', 'cluster', 'clustering', 'clusters', 'dimensionality reduction', 'phenotypes', 'phenotyping', 'groups', 'dimensionality', 'reduce dimensionality', 'dimension reduction', 'subpopulations', 'sub-populations', 'cell states'],
  examples: ['run a PCA on the features', 'cluster the cells into 3 groups', 'UMAP of the cell features', 'find phenotypes'],
  consumes: ['table'],
  produces: ['table'],
  results: { cells: { about: 'cells embedded', unit: '' }, features: { about: 'features used', unit: '' }, dropped: { about: 'cells left out', unit: '' }, clusterSizes: { about: 'cells per cluster', unit: '' } },
  valueWords: { cluster: { hierarchical: ['hierarchical'], none: ['no clustering'] } },
  description:
    'Maps cells described by many features (e.g. the per-cell summary of analyze_timeseries, or track features) onto 2 dimensions by PCA, UMAP or t-SNE, and groups them by k-means or hierarchical clustering. Returns a table with each cell\'s coordinates and cluster, for plotting.',
  schema: embedSchema,
  fromRequest: readEmbeddingRequest,
  async run(args, ctx) {
    const { embedTable } = await import('../src/analysis/embed.ts');
    const { table, path } = loadTable(ctx, args.table);
    ctx.progress(0, 1);
    const result = await (async () => {
      try {
        return await embedTable(table, {
          method: args.method,
          features: args.features,
          standardize: args.standardize,
          cluster: args.cluster,
          k: args.k,
          linkage: args.linkage,
          perplexity: args.perplexity,
          nNeighbors: args.nNeighbors,
          seed: args.seed,
        });
      } catch (err) {
        if (err instanceof RangeError) throw new InputError(err.message);
        throw err;
      }
    })();
    const out = ctx.outputPath(`${stemOf(path)}-${args.method}.csv`, args.output);
    writeTableCsv(out, result.table);
    const ref = ctx.addArtifact('table', out, `${args.method.toUpperCase()} embedding of cells${args.cluster !== 'none' ? ` with ${args.k} ${args.cluster} clusters` : ''}`);
    ctx.progress(1, 1);
    const cells = result.table.rows.length;
    // a table of one row per object per frame (measure's) embeds observations, not cells: 647 rows are 20 tracks' frames
    const { TIME_COLUMNS } = await import('../src/analysis/timeseries.ts');
    const perFrame = table.columns.some((c) => TIME_COLUMNS.includes(c));
    // so does a table with several rows per cell and no frame (an MSD table's lags): 227 rows were 22 branches
    const repeated = perFrame ? undefined : repeatedCells(table);
    const what = perFrame
      ? 'rows (an object in one frame each; summarise per cell first with analyze_timeseries "summary" to embed cells)'
      : repeated
        ? `rows, not cells (${repeated.cells} ${repeated.column} values with several rows each; embed a table of one row per cell, such as the track features of measure "tracks")`
        : 'cells';
    const unit = perFrame || repeated ? 'rows' : 'cells';
    const variance = result.explainedVarianceRatio ? ` (the two axes explain ${(100 * (result.explainedVarianceRatio[0] + (result.explainedVarianceRatio[1] ?? 0))).toFixed(0)}% of the variance)` : '';
    const clusters = result.clusterSizes.length ? `; clusters of ${result.clusterSizes.join(', ')} ${unit}` : '';
    return {
      summary: `Embedded ${cells} ${what} from ${result.features.length} features by ${args.method.toUpperCase()}${variance}${clusters}${result.dropped ? `; ${result.dropped} ${unit} with missing values left out` : ''}.`,
      artifacts: [ref],
      values: {
        cells,
        features: result.features.length,
        dropped: result.dropped,
        clusterSizes: result.clusterSizes,
        ...(result.explainedVarianceRatio ? { explainedVarianceRatio: result.explainedVarianceRatio.map((v) => round(v)) } : {}),
        path: out,
      },
    };
  },
});

/** Columns that name the cell (track or branch) of a row, the most specific first. */
const CELL_ID_COLUMNS = ['branch_id', 'track_id', 'TRACK_ID', 'cell_id', 'CellID', 'cell', 'track'];

/** The cells of a table whose rows repeat them (no cell-naming column unique to a row), or undefined when each row is one cell. */
function repeatedCells(table: { columns: string[]; rows: Record<string, unknown>[] }): { column: string; cells: number } | undefined {
  const ids = CELL_ID_COLUMNS.filter((c) => table.columns.includes(c));
  const distinct = (c: string) => new Set(table.rows.map((r) => r[c])).size;
  if (ids.length === 0 || ids.some((c) => distinct(c) === table.rows.length)) return undefined;
  return { column: ids[0], cells: distinct(ids[0]) };
}

export const tools: ToolSpec[] = [analyzeTimeseries, embed] as unknown as ToolSpec[];

/** Seconds per frame, from a table's frame column `t` and its `time_s` column (measure writes both when the interval is known). */
function frameSeconds(table: { rows: Record<string, unknown>[] }): number | undefined {
  const row = table.rows.find((r) => typeof r.t === 'number' && r.t > 0 && typeof r.time_s === 'number');
  return row ? (row.time_s as number) / (row.t as number) : undefined;
}

function lagSeconds(table: { rows: Record<string, unknown>[] }, lagFrames: number): { medianPeakLagS?: number } {
  const s = frameSeconds(table);
  return s && Number.isFinite(lagFrames) ? { medianPeakLagS: +(lagFrames * s).toPrecision(6) } : {};
}

/** " (-2.5 min)" for a lag in frames of a table that knows its frame interval; "" otherwise. */
function lagTime(table: { rows: Record<string, unknown>[] }, lagFrames: number): string {
  const s = frameSeconds(table);
  if (!s || !Number.isFinite(lagFrames)) return '';
  const seconds = lagFrames * s;
  return Math.abs(s) >= 60 ? ` (${+(seconds / 60).toPrecision(4)} min)` : ` (${+seconds.toPrecision(4)} s)`;
}
