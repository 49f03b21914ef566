// The `plot` tool: charts from tables and tracks (Vega-Lite -> SVG -> PNG, spec saved
// beside) and pictures from movies (projection with track overlays, a frame with label
// outlines, a kymograph) drawn with axes in µm (px uncalibrated) and a scale bar. Every
// figure saves its PNG, SVG and Vega-Lite spec (.vl.json) side by side. A thin wrapper over src/plot.
import { basename } from 'node:path';
import { z } from 'zod';
import { channelArg, labelsArg, movieArg, movieOfLabels, outputArg, recordedChannel, segmentationOfLabels, tableArg, tracksArg } from './common.ts';
import { movieStem } from '../src/image/moviePath.ts';
import { defineTool, type RequestClause, type ToolContext, type ToolResult } from './types.ts';
import { featureColumn, findFeature, lastFeature } from './requestWords.ts';
import { InputError } from '../src/errors.ts';
import { channelColours, displayUnits, type Calibration, type DisplayUnits } from '../src/image/calibration.ts';
import type { Cell, Table } from '../src/analysis/table.ts';
import type { Tracks } from '../src/analysis/tracks.ts';
import type { TrackPoint } from '../src/plot/specs.ts';

const KINDS = ['timeseries', 'histogram', 'tracks', 'scatter', 'projection', 'frame', 'kymograph', 'movie'] as const;
type Kind = (typeof KINDS)[number];

const schema = z.object({
  kind: z
    .enum(KINDS)
    .optional()
    .describe(
      'What to draw: "timeseries" (a feature against time, one line per track branch; "X over time" is this), "histogram" (a feature\'s distribution), "tracks" (track paths in x,y), "scatter" (feature vs feature, e.g. UMAP or PCA coloured by cluster), "projection" (max intensity over time with track paths drawn on), "frame" (one frame with label outlines and tracks so far), "kymograph" (a kymograph image with distance and time axes), "movie" (every frame with the track paths so far and/or the label outlines drawn on, as TrackMate\'s overlay: a folder of PNG frames that Fiji opens with File > Import > Image Sequence). Default: chosen from the inputs given',
    ),
  table: tableArg.optional().describe('Table to plot: an artifact id (e.g. "table-2") or a CSV path (for timeseries, histogram, scatter)'),
  tracks: tracksArg
    .optional()
    .describe('Tracks: an artifact id (e.g. "tracks-1") or a tracks file; drawn as paths (kind "tracks"), over a projection or frame, joined to a table to give one line per track, or alone for a time series of speed, displacement or a spot feature'),
  movie: movieArg.optional().describe('Movie to picture (projection, frame, kymograph): an artifact id or a file path'),
  labels: labelsArg.optional().describe('Label movie whose outlines are drawn on a frame (kind "frame") or on every frame (kind "movie"): an artifact id or a path'),
  feature: z.string().min(1).optional().describe('What to plot (y of a time series or scatter, x of a histogram), a column such as "area", "speed", "mean_intensity_c1", or "count" (a time series of the objects in each frame); default: area, else the first measurement column'),
  xFeature: z.string().min(1).optional().describe('Scatter only: the column on the x axis; default: the first embedding column (umap_1, pc1) or the area'),
  colorBy: z
    .string()
    .min(1)
    .optional()
    .describe('Scatter: column that colours the points (default "cluster" when the table has it). Tracks, projection, frame: "track" (default, one colour per track), "time" (each point by its frame, or its time where the interval is known, as TrackMate\'s colour by FRAME) or a feature such as "speed" (a colour bar)'),
  summary: z
    .enum(['auto', 'lines', 'mean'])
    .default('auto')
    .describe('Time series: "auto" (default) names each line in a legend up to 8 lines, past that draws them faint under the population mean with its 95% confidence band; "lines": every line in colour; "mean": only the mean and its 95% confidence band'),
  frame: z.number().int().min(1).optional().describe('Frame to show for kind "frame", 1-based as in Fiji; default 1'),
  channel: channelArg.optional().describe('Channel to picture, 1-based or by name; default 1 (for a frame with outlines, the channel the labels were segmented on)'),
  output: outputArg.describe('Where to write the PNG; the SVG and the Vega-Lite spec (.vl.json) go beside it. Default: a new file in the session folder'),
});
type Args = z.infer<typeof schema>;

const TRACK_COLUMNS = ['track_id', 'TRACK_ID', 'track', 'lineage_id', 'branch_id'];
const LINE_COLUMNS = ['branch_id', 'track_id', 'TRACK_ID', 'track', 'lineage_id'];
const PREFERRED_FEATURES = ['area_um2', 'area_px', 'volume_um3', 'volume_voxels', 'mean_intensity_c1'];
// indices and counts of planes are no measurement to plot unasked (a volume table's z_slices came before its volumes)
const NOT_FEATURES = new Set(['label', 't', 'frame', 'z', 'z_slices', 'track_id', 'branch_id', 'parent', 'id', 'spot_id', 'source_spot', 'target_spot', 'cluster', 'frames', 'TRACK_ID']);
const TIME_COLUMN = /^(t|frame|time_(ms|s|min|h))$/;
const SECONDS: Record<string, number> = { ms: 0.001, s: 1, min: 60, h: 3600 };
/** Units a table may declare for a column along time (an MSD table's "tau (s)", "lag (frames)"). */
const TIME_UNITS = new Set(['ms', 's', 'min', 'h', 'frame', 'frames']);
/** A column the table declares in a unit of time, other than the time columns named as such. */
const inTimeUnit = (table: Table, column: string) => TIME_UNITS.has(table.units?.[column] ?? '');
/** Features a time series reads from the tracks' links rather than their spots. */
const LINK_FEATURE = /^(speed|velocity|displacement|step|directional)/i;

/** The feature "count": how many rows (objects) each frame has, counted from a table of one row per object and frame. */
const COUNT_FEATURE = 'count';

/** One row per frame with its number of rows (objects), and the frame's time where the table has one. */
function countPerFrame(table: Table, name: string): Table {
  const frameColumn = ['t', 'frame'].find((c) => table.columns.includes(c));
  if (!frameColumn) throw new InputError(`${name} has no frame column (t or frame) to count objects per frame; columns: ${table.columns.join(', ')}`);
  const timeColumns = table.columns.filter((c) => c !== frameColumn && TIME_COLUMN.test(c));
  const perFrame = new Map<number, Record<string, Cell>>();
  for (const row of table.rows) {
    const frame = row[frameColumn];
    if (typeof frame !== 'number') continue;
    const seen = perFrame.get(frame);
    if (seen) seen[COUNT_FEATURE] = (seen[COUNT_FEATURE] as number) + 1;
    else perFrame.set(frame, { [frameColumn]: frame, ...Object.fromEntries(timeColumns.map((c) => [c, row[c]])), [COUNT_FEATURE]: 1 });
  }
  const rows = [...perFrame.values()].sort((a, b) => (a[frameColumn] as number) - (b[frameColumn] as number));
  return { columns: [frameColumn, ...timeColumns, COUNT_FEATURE], rows };
}

/** The column of an embedding's i-th axis (umap_1, pca_2, tSNE 1), if the table has one. */
function embeddingColumn(columns: string[], i: number): string | undefined {
  return columns.find((c) => new RegExp(`^(umap|pc|pca|tsne|embedding)[_ ]?${i}$`, 'i').test(c));
}

function chooseKind(args: Args): Kind {
  if (args.kind) return args.kind;
  if (args.table) return args.xFeature ? 'scatter' : 'timeseries';
  if (args.tracks && !args.movie) return args.feature ? 'timeseries' : 'tracks';
  if (args.movie) return args.labels ? 'frame' : 'projection';
  throw new InputError('plot needs something to draw: a table (with kind timeseries, histogram or scatter), tracks, or a movie');
}

function need<T>(value: T | undefined, what: string, kind: Kind): T {
  if (value === undefined) throw new InputError(`kind "${kind}" needs ${what}`);
  return value;
}

/** The column to plot: the one asked for (checked; "area" finds area_um2 before area_px), else a sensible measurement column. */
function pickFeature(columns: string[], numeric: (c: string) => boolean, asked: string | undefined, role = 'feature', alongTime: (c: string) => boolean = () => false): string {
  if (asked) {
    // a pixel measure asked by name (the request's "area" is area_px) is drawn in µm where the table has it in µm too
    const inMicrometres = calibratedTwin(asked);
    if (inMicrometres && columns.includes(inMicrometres)) return inMicrometres;
    if (columns.includes(asked)) return asked;
    const want = asked.toLowerCase().replace(/\s+/g, '_');
    const loose = columns.filter((c) => c.toLowerCase() === want || c.toLowerCase().startsWith(`${want}_`));
    const found = loose.find((c) => /_um/.test(c)) ?? loose.find((c) => !/_px/.test(c)) ?? loose[0] ?? columns.find((c) => c.toLowerCase().includes(want) && numeric(c));
    if (found) return found;
    throw new InputError(`${role} "${asked}" is not a column of the table; columns: ${columns.join(', ')}`);
  }
  const found = PREFERRED_FEATURES.find((c) => columns.includes(c)) ?? columns.find((c) => !NOT_FEATURES.has(c) && !TIME_COLUMN.test(c) && !alongTime(c) && numeric(c));
  if (!found) throw new InputError(`the table has no numeric column to plot; columns: ${columns.join(', ')}`);
  return found;
}

/** The µm column of a pixel measure: area_px -> area_um2, perimeter_px -> perimeter_um; undefined for others. */
function calibratedTwin(column: string): string | undefined {
  const stem = /^(.*)_px$/.exec(column)?.[1];
  if (!stem) return undefined;
  return /(?:^|_)area$/.test(stem) ? `${stem}_um2` : `${stem}_um`;
}

/** Says that the feature drawn was the default, none having been named (a request's "it" the plot step could not read drew area silently). */
function unasked(args: Args, title: string): string {
  return args.feature === undefined ? ` (no feature was named, so ${title}, the default; name another with feature, e.g. "circularity")` : '';
}

/** Tracks with the session's calibration laid over theirs (set values win). */
async function openTracks(ctx: ToolContext, ref: string): Promise<Tracks> {
  const { loadTracks } = await import('../src/analysis/trackio.ts');
  const tracks = await loadTracks(ctx.resolve(ref, 'tracks'));
  const c = ctx.calibration?.() ?? {};
  return { ...tracks, pixelSizeUm: c.pixelSizeUm ?? tracks.pixelSizeUm, frameIntervalS: c.frameIntervalS ?? tracks.frameIntervalS, zStepUm: c.zStepUm ?? tracks.zStepUm };
}

function sessionCalibration(ctx: ToolContext): Calibration {
  return ctx.calibration?.() ?? {};
}

/**
 * The time column to plot against, in the session's time unit when it is known: an
 * existing time_<unit> column, or one derived from the frame column `t` (or another time
 * column) with the frame interval. Without calibration, frames (`t`).
 */
function timeAxis(table: Table, calibration: Calibration, numeric: (c: string) => boolean): string {
  const units = displayUnits(calibration);
  const existing = table.columns.filter((c) => TIME_COLUMN.test(c) && numeric(c));
  if (units.time !== 'frame') {
    const wanted = `time_${units.time}`;
    if (existing.includes(wanted)) return wanted;
    const timed = existing.find((c) => c.startsWith('time_'));
    const frameColumn = existing.find((c) => c === 't' || c === 'frame');
    if (timed || frameColumn) {
      const toUnit = timed ? SECONDS[timed.slice(5)] / SECONDS[units.time] : units.timePerFrame;
      for (const row of table.rows) {
        const v = row[timed ?? frameColumn!];
        row[wanted] = typeof v === 'number' ? +(v * toUnit).toPrecision(10) : null;
      }
      table.columns.push(wanted);
      return wanted;
    }
  }
  // no time column: one the table declares in a unit of time (an MSD's lag time tau), the unit it is in before frames
  const found = existing.find((c) => c.startsWith('time_')) ?? existing.find((c) => c === 't') ?? existing[0] ?? lagAxis(table, numeric);
  if (!found) throw new InputError(`a time series needs a time column (t, frame or time_s); the table has ${table.columns.join(', ')}`);
  return found;
}

/** A numeric column the table declares in a unit of time, a time before a frame count ("tau (s)" before "lag (frames)"). */
function lagAxis(table: Table, numeric: (c: string) => boolean): string | undefined {
  const timed = table.columns.filter((c) => inTimeUnit(table, c) && numeric(c));
  return timed.find((c) => !/^frames?$/.test(table.units![c])) ?? timed[0];
}

/** One row per spot (or per link for speeds): what a time series of tracks alone plots. */
async function tracksTable(tracks: Tracks, feature: string | undefined, calibration: Calibration): Promise<Table> {
  const { linkTable } = await import('../src/analysis/trackFeatures.ts');
  const { trackIdOfBranch } = await import('../src/analysis/track.ts');
  if (!feature || LINK_FEATURE.test(feature)) return linkTable(tracks, { timeUnit: calibration.timeUnit }).table;
  const treeOf = trackIdOfBranch(tracks);
  const units = displayUnits({ ...calibration, pixelSizeUm: tracks.pixelSizeUm, frameIntervalS: tracks.frameIntervalS });
  const timeColumn = units.time === 'frame' ? undefined : `time_${units.time}`;
  const featureNames = [...new Set(tracks.spots.flatMap((s) => Object.keys(s.features ?? {})))];
  // the spots' pixel measures in µm beside them when the pixel size is known (an area by its square)
  const twins = units.lengthKey === 'px' ? [] : featureNames.flatMap((f) => {
    const twin = calibratedTwin(f);
    return twin && !featureNames.includes(twin) ? [{ from: f, twin, factor: twin.endsWith('_um2') ? units.umPerPx ** 2 : units.umPerPx }] : [];
  });
  const rows = tracks.spots.map((s) => ({
    track_id: treeOf.get(s.branchId) ?? s.branchId,
    branch_id: s.branchId,
    t: s.t,
    ...(timeColumn ? { [timeColumn]: s.t * units.timePerFrame } : {}),
    [`x_${units.lengthKey}`]: s.x * units.umPerPx,
    [`y_${units.lengthKey}`]: s.y * units.umPerPx,
    ...Object.fromEntries(featureNames.map((f) => [f, s.features?.[f] ?? null])),
    ...Object.fromEntries(twins.map(({ from, twin, factor }) => [twin, typeof s.features?.[from] === 'number' ? s.features[from] * factor : null])),
  }));
  return { columns: ['track_id', 'branch_id', 't', ...(timeColumn ? [timeColumn] : []), `x_${units.lengthKey}`, `y_${units.lengthKey}`, ...featureNames, ...twins.map((t) => t.twin)], rows };
}

/**
 * The tracks a time series drawn from (or joined to) `tracks` leaves out, named: "20 tracks" made and
 * "18 tracks" drawn must not pass unexplained (a track of one spot has no step, so no speed).
 */
function notDrawn(tracks: Tracks, tracksShown: number, linesShown: number, feature: string, title: string): string {
  const total = tracks.branches.filter((b) => !b.parent).length;
  if (tracksShown >= total) return '';
  const branches = linesShown < tracks.branches.length ? ` (${tracks.branches.length - linesShown} of ${tracks.branches.length} branches)` : '';
  const why = LINK_FEATURE.test(feature) ? ': a track of one spot makes no step' : '';
  return `; ${total - tracksShown} of the ${total} tracks${branches} have no ${title} value and are not drawn${why}`;
}

/** Adds track_id (lineage) and branch_id to per-object rows through (frame, label). */
async function joinTracks(table: Table, tracks: Tracks): Promise<void> {
  const { trackIdOfBranch } = await import('../src/analysis/track.ts');
  const treeOf = trackIdOfBranch(tracks);
  const branchOf = new Map(tracks.spots.filter((s) => s.label !== undefined).map((s) => [`${s.t}:${s.label}`, s.branchId]));
  const tColumn = table.columns.includes('t') ? 't' : 'frame';
  for (const row of table.rows) {
    const branch = branchOf.get(`${row[tColumn]}:${row.label}`);
    row.branch_id = branch ?? null;
    row.track_id = branch === undefined ? null : (treeOf.get(branch) ?? branch);
  }
  if (!table.columns.includes('track_id')) table.columns.push('track_id');
  if (!table.columns.includes('branch_id')) table.columns.push('branch_id');
}

/** Path points of every branch (a daughter starts at its mother's last spot), with a value to colour by. */
/** Colouring by when a spot was seen ("tracks coloured by time"), not by a measured feature. */
const TIME_COLOUR = /^(?:time|frames?|t|time ?points?)$/i;

async function trackPoints(tracks: Tracks, colorBy: string | undefined, calibration: Calibration, lastFrame?: number): Promise<{ points: TrackPoint[]; colorTitle?: string }> {
  const { trackIdOfBranch } = await import('../src/analysis/track.ts');
  const treeOf = trackIdOfBranch(tracks);
  const spots = new Map(tracks.spots.map((s) => [s.id, s]));
  let valueOf: ((spotId: number) => number | null) | undefined;
  let colorTitle: string | undefined;
  if (colorBy && TIME_COLOUR.test(colorBy)) {
    // (TrackMate's "colour by FRAME": where each track was when, in the movie's time unit where the interval is known)
    const { displayUnits } = await import('../src/image/calibration.ts');
    const units = displayUnits(calibration);
    valueOf = (id) => {
      const t = spots.get(id)?.t;
      return t === undefined ? null : units.time === 'frame' ? t + 1 : t * units.timePerFrame;
    };
    colorTitle = units.time === 'frame' ? 'frame' : `time (${units.time})`;
  } else if (colorBy && colorBy !== 'track') {
    const { axisTitle, columnTitle } = await import('../src/plot/specs.ts');
    if (LINK_FEATURE.test(colorBy)) {
      const { linkTable } = await import('../src/analysis/trackFeatures.ts');
      const { table } = linkTable(tracks, { timeUnit: calibration.timeUnit });
      const column = pickFeature(table.columns, (c) => table.rows.some((r) => typeof r[c] === 'number'), colorBy, 'colorBy');
      const byTarget = new Map(table.rows.map((r) => [r.target_spot as number, r[column] as number]));
      const bySource = new Map(table.rows.map((r) => [r.source_spot as number, r[column] as number]));
      valueOf = (id) => byTarget.get(id) ?? bySource.get(id) ?? null;
      colorTitle = columnTitle(table, column);
    } else {
      const names = [...new Set(tracks.spots.flatMap((s) => Object.keys(s.features ?? {})))];
      const column = pickFeature(names.length ? names : ['(none)'], () => true, colorBy, 'colorBy');
      valueOf = (id) => spots.get(id)?.features?.[column] ?? null;
      colorTitle = axisTitle(column);
    }
  }
  const points: TrackPoint[] = [];
  for (const branch of tracks.branches) {
    const mother = branch.parent ? tracks.branches.find((b) => b.id === branch.parent) : undefined;
    const ids = mother ? [mother.spotIds.at(-1)!, ...branch.spotIds] : branch.spotIds;
    for (const id of ids) {
      const s = spots.get(id);
      if (!s || (lastFrame !== undefined && s.t > lastFrame)) continue;
      points.push({ track: String(branch.id), lineage: String(treeOf.get(branch.id) ?? branch.id), t: s.t, x: s.x, y: s.y, ...(valueOf ? { value: valueOf(id) } : {}) });
    }
  }
  return { points, colorTitle };
}

async function saveFigure(ctx: ToolContext, spec: Record<string, unknown>, name: string, output: string | undefined) {
  const [{ renderVegaLite }, { writeFileSync, renameSync }] = await Promise.all([import('../src/plot/render.ts'), import('node:fs')]);
  ctx.progress(1, 2, 'render');
  const rendered = await renderVegaLite(spec);
  if (ctx.signal.aborted) throw new InputError('cancelled');
  const png = ctx.outputPath(name, output);
  const stem = png.replace(/\.png$/i, '');
  // the side files through the context too, so the file policy checks them and the manifest lists them
  const svg = ctx.outputPath(`${basename(stem)}.svg`, `${stem}.svg`);
  const vegaLite = ctx.outputPath(`${basename(stem)}.vl.json`, `${stem}.vl.json`);
  // the PNG last and by rename: a cancelled or failed plot leaves no PNG that looks finished
  writeFileSync(svg, rendered.svg);
  writeFileSync(vegaLite, JSON.stringify(spec, null, 1) + '\n');
  writeFileSync(`${png}.partial`, rendered.png);
  renameSync(`${png}.partial`, png);
  ctx.progress(2, 2, 'render');
  return { png, svg, spec: vegaLite, widthPx: rendered.widthPx, heightPx: rendered.heightPx };
}

async function chart(kind: Kind, args: Args, ctx: ToolContext): Promise<ToolResult> {
  const [{ readTableCsv }, specs] = await Promise.all([import('../src/analysis/table.ts'), import('../src/plot/specs.ts')]);
  const calibration = sessionCalibration(ctx);
  let spec: Record<string, unknown>;
  let values: Record<string, unknown> = { kind };
  let what: string;
  if (kind === 'tracks') {
    const tracks = await openTracks(ctx, need(args.tracks, 'tracks (e.g. "tracks-1")', kind));
    const { points, colorTitle } = await trackPoints(tracks, args.colorBy, calibration);
    let size: { imageWidthPx?: number; imageHeightPx?: number } = {};
    if (args.movie) {
      const movie = await ctx.openMovie(args.movie);
      size = { imageWidthPx: movie.shape.x, imageHeightPx: movie.shape.y };
      await movie.close();
    }
    const units = displayUnits({ pixelSizeUm: tracks.pixelSizeUm });
    const trackCount = tracks.branches.filter((b) => !b.parent).length;
    spec = specs.trackPathsSpec(points, { ...size, trackCount, scale: { lengthPerPx: units.umPerPx, lengthUnit: units.length }, colorBy: colorTitle ? 'value' : 'track', colorTitle });
    values = { ...values, tracks: trackCount, branches: tracks.branches.length, spots: tracks.spots.length, lengthUnit: units.length, ...(colorTitle ? { colorBy: colorTitle } : {}) };
    what = `the paths of ${trackCount} tracks (${tracks.branches.length} branches) in ${units.length}${colorTitle ? `, coloured by ${colorTitle}` : ''}`;
  } else {
    let table: Table;
    let tracks: Tracks | undefined;
    let note = '';
    if (args.table) table = readTableCsv(ctx.resolve(args.table, 'table'));
    else if (kind === 'timeseries' && args.tracks) {
      tracks = await openTracks(ctx, args.tracks);
      table = await tracksTable(tracks, args.feature, calibration);
    } else throw new InputError(`kind "${kind}" needs a table (e.g. "table-2")${kind === 'timeseries' ? ' or tracks' : ''}`);
    // an embedding's table (pca_1, pca_2; no time) drawn without a kind asked is its scatter, not a time series it cannot be
    if (!args.kind && kind === 'timeseries' && embeddingColumn(table.columns, 1) && embeddingColumn(table.columns, 2) && !table.columns.some((c) => TIME_COLUMN.test(c))) {
      kind = 'scatter';
      values = { ...values, kind };
    }
    if (args.table && kind === 'timeseries' && args.tracks && !table.columns.some((c) => TIME_COLUMN.test(c))) {
      // one row per track (no time): "speed over time" means the tracks' steps against time
      tracks = await openTracks(ctx, args.tracks);
      table = await tracksTable(tracks, args.feature, calibration);
      note = ` (${args.table} has one row per track and no time column, so the series is drawn from the steps of ${args.tracks})`;
    }
    if (table.rows.length === 0) throw new InputError(`the table ${args.table ?? args.tracks} has no rows to plot`);
    if (kind === 'timeseries' && args.feature === COUNT_FEATURE && !table.columns.includes(COUNT_FEATURE)) table = countPerFrame(table, args.table ?? args.tracks ?? 'the table');
    const numeric = (c: string) => table.rows.some((r) => typeof r[c] === 'number');
    if (kind === 'histogram') {
      const feature = pickFeature(table.columns, numeric, args.feature);
      spec = specs.histogramSpec(table, { feature });
      values = { ...values, feature, n: table.rows.filter((r) => typeof r[feature] === 'number').length };
      what = `the distribution of ${specs.columnTitle(table, feature)} over ${values.n} rows${unasked(args, specs.columnTitle(table, feature))}`;
    } else if (kind === 'scatter') {
      const embedding = (i: number) => embeddingColumn(table.columns, i);
      const y = pickFeature(table.columns, numeric, args.feature ?? embedding(2));
      const areaColumn = ['area_um2', 'area_px'].find((c) => table.columns.includes(c));
      const x = pickFeature(table.columns, numeric, args.xFeature ?? embedding(1) ?? (y === areaColumn ? undefined : areaColumn), 'xFeature');
      const colorColumn = args.colorBy ? pickFeature(table.columns, () => true, args.colorBy, 'colorBy') : table.columns.includes('cluster') ? 'cluster' : undefined;
      spec = specs.scatterSpec(table, { x, y, colorColumn });
      values = { ...values, x, y, colorBy: colorColumn, n: table.rows.length };
      what = `${specs.columnTitle(table, y)} against ${specs.columnTitle(table, x)}${colorColumn ? ` coloured by ${colorColumn}` : ''}`;
    } else {
      const feature = pickFeature(table.columns, numeric, args.feature, 'feature', (c) => inTimeUnit(table, c));
      if (!tracks && args.tracks && table.columns.includes('label') && !table.columns.includes('branch_id')) {
        tracks = await openTracks(ctx, args.tracks);
        await joinTracks(table, tracks);
      }
      const timeColumn = timeAxis(table, { ...calibration, frameIntervalS: calibration.frameIntervalS ?? tracks?.frameIntervalS }, numeric);
      const trackColumn = TRACK_COLUMNS.find((c) => table.columns.includes(c));
      const lineColumn = LINE_COLUMNS.find((c) => table.columns.includes(c));
      // rows of a line named by a word, not an id (an MSD table's pooled "all"), are no track: left out and named
      const pooled = lineColumn ? [...new Set(table.rows.map((r) => r[lineColumn]).filter((v): v is string => typeof v === 'string'))] : [];
      if (pooled.length) {
        table.rows = table.rows.filter((r) => typeof r[lineColumn!] !== 'string');
        note += `; the rows of ${pooled.map((p) => `${lineColumn} "${p}"`).join(', ')} (not a track) are left out`;
      }
      const yTitle = specs.columnTitle(table, feature);
      const xTitle = specs.columnTitle(table, timeColumn);
      // against a lag (no time column), not "over time"
      const title = feature === COUNT_FEATURE ? 'objects per frame' : TIME_COLUMN.test(timeColumn) ? undefined : `${yTitle} against ${xTitle}`;
      spec = specs.timeSeriesSpec(table, { feature, timeColumn, trackColumn, lineColumn, summary: args.summary, title });
      const count = (c?: string) => (c ? new Set(table.rows.filter((r) => typeof r[feature] === 'number').map((r) => r[c]).filter((v) => v !== null)).size : 0);
      const tracksShown = count(trackColumn);
      const linesShown = count(lineColumn);
      if (tracks && trackColumn) note += notDrawn(tracks, tracksShown, linesShown, feature, yTitle);
      values = { ...values, feature, time: timeColumn, tracks: tracksShown, lines: linesShown, yTitle, xTitle };
      // (a count has one value per frame: nothing to average)
      const summarised = feature !== COUNT_FEATURE && (linesShown > specs.MAX_LEGEND_TRACKS || args.summary === 'mean' || !lineColumn);
      what = `${yTitle} against ${xTitle}${lineColumn ? ` for ${tracksShown} tracks (${linesShown} lines, one per branch)` : ''}${summarised ? ', with the mean and its 95% confidence band' : ''}${note}${unasked(args, yTitle)}`;
    }
  }
  const files = await saveFigure(ctx, spec, `plot-${kind}.png`, args.output);
  const ref = ctx.addArtifact('plot', files.png, `${kind} plot of ${what}`);
  return {
    summary: `Plotted ${what}; PNG ${files.png} (SVG and Vega-Lite spec beside it).`,
    artifacts: [ref],
    values: { ...values, ...files },
  };
}

/** A kymograph file's rows in time, as its ImageJ yunit and row height say (src/analysis/kymograph.ts writes them); undefined for other images. */
function rowsInTime(meta: { yUnit?: string; pixelSizeYUm?: number }): { timePerFrame: number; time: string } | undefined {
  const unit = { ms: 'ms', sec: 's', s: 's', min: 'min', hour: 'h', h: 'h', frame: 'frame' }[meta.yUnit ?? ''];
  return unit && meta.pixelSizeYUm && meta.pixelSizeYUm > 0 ? { timePerFrame: meta.pixelSizeYUm, time: unit } : undefined;
}

async function picture(kind: Kind, args: Args, ctx: ToolContext): Promise<ToolResult> {
  const [images, { encodePng }, specs] = await Promise.all([import('../src/plot/images.ts'), import('../src/plot/png.ts'), import('../src/plot/specs.ts')]);
  const { channelIndex } = await import('./common.ts');
  const calibration = sessionCalibration(ctx);
  const movie = await ctx.openMovie(need(args.movie, 'a movie (e.g. "movie-1")', kind));
  const { x: width, y: height, t: frames, z: slices } = movie.shape;
  const meta = movie.meta;
  let values: Record<string, unknown> = { kind };
  let what: string;
  let image;
  let overlay: { points: TrackPoint[]; colorTitle?: string } | undefined;
  try {
    // channels in the colours of the calibration: the one asked for, or all of them merged when each has a colour and none was named
    const colours = channelColours(meta, movie.shape.c);
    const merged = args.channel === undefined && movie.shape.c > 1 && colours.every(Boolean);
    // outlines on a frame, no channel named: the channel the segment step recorded it segmented, when the labels were made on this movie
    const segmentedOn = kind === 'frame' && args.labels && args.channel === undefined && !merged && movie.shape.c > 1 ? segmentationOfLabels(ctx.listArtifacts(), ctx.resolve(args.labels, ['labels', 'movie'])) : undefined;
    const outlinedChannel = segmentedOn?.channel && segmentedOn.moviePath === ctx.resolve(args.movie!, ['movie', 'labels']) ? recordedChannel(movie, segmentedOn.channel) : undefined;
    const shown = merged ? Array.from({ length: movie.shape.c }, (_, c) => c) : [outlinedChannel ?? channelIndex(movie, args.channel)];
    if (outlinedChannel !== undefined) values.channel = outlinedChannel + 1;
    // max over the planes named (z always; time too for a projection)
    let planesBefore = 0;
    const maxOver = async (ts: number[], channel: number): Promise<Float32Array> => {
      const out = new Float32Array(width * height).fill(-Infinity);
      let done = 0;
      for (const t of ts) {
        for (let z = 0; z < slices; z++) {
          if (ctx.signal.aborted) throw new InputError('cancelled');
          const plane = await movie.plane(t, z, channel);
          for (let i = 0; i < out.length; i++) if (plane[i] > out[i]) out[i] = plane[i];
          ctx.progress(++done + planesBefore, ts.length * slices * shown.length, 'planes');
        }
      }
      return out;
    };
    const frame = kind === 'frame' ? (args.frame ?? 1) - 1 : frames - 1;
    if (frame >= frames) throw new InputError(`frame ${frame + 1} does not exist: the movie has ${frames} frames`);
    const ts = kind === 'projection' ? Array.from({ length: frames }, (_, t) => t) : [kind === 'frame' ? frame : 0];
    const layers = [];
    for (const channel of shown) {
      layers.push({ plane: await maxOver(ts, channel), colour: colours[channel] ?? ([255, 255, 255] as [number, number, number]) });
      planesBefore += ts.length * slices;
    }
    image = images.compositeToRgba(layers, width, height);
    const named = shown.filter((c) => colours[c]).map((c) => `${meta.channelNames[c] ?? `channel ${c + 1}`} in ${String(meta.extra?.channel_colors).split(',')[c]}`);
    if (named.length) values.channels = named;
    if (kind === 'frame' && args.labels) {
      const labels = await ctx.openMovie(args.labels);
      try {
        if (labels.shape.x !== width || labels.shape.y !== height) throw new InputError(`labels ${args.labels} are ${labels.shape.x}x${labels.shape.y} px but the movie is ${width}x${height} px`);
        values.objects = images.drawLabelOutlines(image, await labels.plane(Math.min(frame, labels.shape.t - 1), 0, 0));
      } finally {
        await labels.close();
      }
    }
    if (args.tracks && kind !== 'kymograph') {
      const tracks = await openTracks(ctx, args.tracks);
      overlay = await trackPoints(tracks, args.colorBy, calibration, kind === 'frame' ? frame : undefined);
      values.tracksDrawn = new Set(overlay.points.map((p) => p.lineage)).size;
    }
    const inColour = values.channels ? ` (${(values.channels as string[]).join(', ')})` : '';
    what =
      kind === 'projection'
        ? `the maximum projection of ${frames} frames${values.tracksDrawn !== undefined ? ` with ${values.tracksDrawn} track paths` : ''}`
        : kind === 'frame'
          ? `frame ${frame + 1}${values.objects !== undefined ? ` with the outlines of ${values.objects} objects` : ''}${values.tracksDrawn !== undefined ? ` and ${values.tracksDrawn} track paths` : ''}`
          : `the kymograph (${height} time points x ${width} px along the line)`;
    what += inColour;
    if (outlinedChannel !== undefined) what += ` on channel ${outlinedChannel + 1} (${meta.channelNames[outlinedChannel] ?? `C${outlinedChannel + 1}`}), the channel the labels were segmented on`;
  } finally {
    await movie.close();
  }
  // small images are enlarged (nearest neighbour) so that the page does not blur them
  const factor = Math.max(1, Math.floor(480 / Math.max(image.width, image.height)));
  const shrink = Math.min(1, 640 / Math.max(image.width, image.height));
  const enlarged = images.enlarge(image, factor);
  const length = displayUnits({ pixelSizeUm: meta.pixelSizeUm });
  const xScale = { lengthPerPx: length.umPerPx, lengthUnit: length.length };
  let yScale;
  let xTitle;
  let yTitle;
  if (kind === 'kymograph') {
    // rows are time points: the frame interval of the movie the kymograph was cut from, or the row height its file carries (yunit)
    const rows = rowsInTime(meta);
    const time = rows ?? displayUnits({ frameIntervalS: meta.frameIntervalS ?? calibration.frameIntervalS, timeUnit: calibration.timeUnit });
    yScale = { lengthPerPx: time.timePerFrame, lengthUnit: time.time };
    xTitle = `distance along the line (${length.length})`;
    yTitle = `time (${time.time === 'frame' ? 'frames' : time.time})`;
    values.timeUnit = time.time;
  }
  const spec = specs.imageSpec({
    pngDataUrl: `data:image/png;base64,${encodePng(enlarged).toString('base64')}`,
    imageWidthPx: width,
    imageHeightPx: height,
    viewWidthPx: Math.round(enlarged.width * shrink),
    viewHeightPx: Math.round(enlarged.height * shrink),
    title: what.charAt(0).toUpperCase() + what.slice(1),
    xScale,
    yScale,
    xTitle,
    yTitle,
    scaleBar: kind !== 'kymograph',
    tracks: overlay?.points,
    trackOptions: { colorBy: overlay?.colorTitle ? 'value' : 'track', colorTitle: overlay?.colorTitle },
  });
  const files = await saveFigure(ctx, spec, `${kind}.png`, args.output);
  const ref = ctx.addArtifact('plot', files.png, `${kind} picture: ${what}`);
  values = { ...values, ...files, lengthUnit: length.length, ...(overlay?.colorTitle ? { colorBy: overlay.colorTitle } : {}) };
  return { summary: `Drew ${what}, axes in ${length.length}${kind === 'kymograph' ? ` and ${values.timeUnit}` : ' with a scale bar'}; PNG ${files.png} (SVG and Vega-Lite spec beside it).`, artifacts: [ref], values };
}

/** Words for pictures that play over time: "a movie with the tracks on", "an animation", "a video". */
const ANIMATION = /(?<!\b(?:over|on|onto|across|in|into|of|from|through)\s+(?:the\s+|this\s+|my\s+|our\s+|whole\s+)?)\b(?:movie|video|animation|animated|time-?lapse|avi|mp4|gif|frame[- ]by[- ]frame|every frame|each frame)\b|\banimat(?:e|ed|ion)\b/i;
/** A video file format said ("a gif", "an mp4"): no tool writes one; plot's movie writes its frames. */
const VIDEO_FILE = /\b(?:gif|mp4|avi|mov|wmv|webm)\b/i;
/** Words for one picture ("a picture of the paths drawn over the movie"): no animation, whatever else they say. */
/** Words of the objects' outlines drawn on the pictures (the label movie's). */
const OUTLINES = /\boutlin|\bcontours?\b|\bmasks?\b|\bsegment(?:ation|ed)\b/i;
const ONE_PICTURE = /\b(?:picture|image|figure|snapshot|still|projection|mip|screenshot)\b/i;

/** Words that give only the form of an output, no thing of their own ("and as a figure", "also as a plot"). */
const ONLY_A_FORM = /^(?:(?:and|also|plus|then|or)\s+)*as\s+(?:a|an|the)?\s*(?:[\p{L}-]+\s+){0,2}?(?:figure|plot|graph|chart|picture|image|histogram)s?(?:\s+(?:please|pls|too|as\s+well|thanks))*\s*[.!]*$/iu;

/** Words that ask for a figure and name nothing drawn ("give me a plot", "show me a graph", "chart it", "plotted"). */
const BARE_FIGURE = /\b(?:plot(?:s|ted)?|graph(?:s|ed)?|chart(?:s|ed)?|figure|draw|visuali[sz]e|histogram|time\s+series)\b/i;
/** Figures that draw a picture of their own, not a quantity (tracks, outlines, a projection, a kymograph, a movie). */
const OWN_PICTURE = /\btrack(?:s|ed)?\b|\btrajector|\bpaths?\b|\boutlin|\bcontours?\b|\bmasks?\b|\bprojection|\bmip\b|\bkymograph|\boverlay|\bframe\s+\d|\bumap\b|\bpca\b|\bembedding|\bclusters?\b|\blineage|\btree\b/i;
/** The last question said before a clause in the same request ("how many cells are in each frame?"), or undefined. */
function questionBefore(before: string): string | undefined {
  const sentences = before.split(/(?<=[?])\s*|(?<=[.!;])\s+/).map((x) => x.trim()).filter(Boolean);
  const last = sentences.at(-1);
  if (!last) return undefined;
  return /\?\s*$/.test(last) || /^(?:how|what|whats|what's|which|when|where|is|are|does|do|did|can|could)\b/i.test(last) ? last : undefined;
}
/** The figure a question's scope asks for: a value along the frames is a time series, one per track or cell a histogram. */
function kindOfScope(question: string): string | undefined {
  if (/\b(?:each|every|per|by|at\s+each|at\s+every)\s+(?:frame|time\s*-?points?|timepoint|time\s+step|image)s?\b|\bframe\s+by\s+frame\b|\bover\s+(?:time|the\s+frames|the\s+movie)\b|\bthrough\s+time\b|\bchange\w*\s+(?:over|with)\b/i.test(question)) return 'timeseries';
  if (/\b(?:each|every|per|individual)\s+(?:track|cell|nucleus|object|trajectory|one)s?\b|\bof\s+(?:all\s+)?the\s+(?:tracks|cells|nuclei|objects)\b/i.test(question)) return 'histogram';
  return undefined;
}

/** The kind of plot, the feature (and the one against it: "area vs intensity"), the frame shown, and so what it reads. */
function readPlotRequest(c: RequestClause): Record<string, unknown> {
  const args: Record<string, unknown> = { channel: undefined };
  // ("graph the intensity across frames": a quantity along the frames is a time series; read here, once plot is
  // the step, since "across frames" alone names no plot: "link the nuclei across frames")
  // "measure circularity, then show a histogram of it": "it" is the quantity named last before this clause
  const before = c.request.indexOf(c.text) > 0 ? c.request.slice(0, c.request.indexOf(c.text)) : '';
  // ("intensity per cell over time, as a CSV and as a plot": a clause of the form alone takes the kind said of the quantity before it)
  const alongTime = /\bover\s+time\b|\bthrough\s+time\b/i;
  const kind = c.read.value('kind') ?? (/\b(?:across|over|along)\s+(?:the\s+|all\s+(?:the\s+)?)?frames\b|\bframe\s+by\s+frame\b/i.test(c.text) ? 'timeseries' : undefined)
    ?? (ONLY_A_FORM.test(c.text) && alongTime.test(before.split(/[.!?]\s/).at(-1) ?? '') ? 'timeseries' : undefined);
  if (kind) args.kind = kind;
  // ("the track speeds as CSV and as a figure": a clause that is only the form of an output is said of the quantity before it)
  // ("how many cells are in each frame? give me a plot": a figure asked beside a question, naming no quantity and no
  // picture of its own, draws the question's quantity at the question's scope)
  const asked = questionBefore(before);
  const bareFigure = !findFeature(c.text) && (!kind || kind === 'histogram' || kind === 'timeseries') && BARE_FIGURE.test(c.text) && !OWN_PICTURE.test(c.text) && asked !== undefined && findFeature(asked) !== undefined;
  const feature = findFeature(c.text) ?? (/\b(?:it|that|this|them|these|those|they)\b/i.test(c.text) || ONLY_A_FORM.test(c.text) || bareFigure ? lastFeature(before) : undefined);
  // (the scope of the question the figure draws: along the frames a time series, one value per track or cell a histogram)
  const scopeKind = feature && feature !== COUNT_FEATURE && !kind && asked !== undefined && (bareFigure || /\b(?:it|that|this|them|these|those|they)\b/i.test(c.text)) ? kindOfScope(asked) : undefined;
  if (scopeKind) args.kind = scopeKind;
  // "plot their count per frame": the number of objects in each frame, a line over time
  if (feature === COUNT_FEATURE) Object.assign(args, { feature: COUNT_FEATURE, kind: kind ?? 'timeseries' });
  else if (feature) args.feature = featureColumn(feature, c.read.channel());
  const vs = /\b(\w+)\s+(?:versus|vs\.?|against)\s+(\w+)/i.exec(c.text);
  if (vs && findFeature(vs[1]) && findFeature(vs[2])) Object.assign(args, { kind: 'scatter', feature: featureColumn(vs[1], undefined), xFeature: featureColumn(vs[2], undefined) });
  const frame = /\b(?:frame|time ?point|t\s*=)\s*(\d+)\b/i.exec(c.text) ?? (/\bfirst\s+(?:frame|time ?point|image)\b/i.test(c.text) ? [, '1'] : null);
  // ("show the tracks drawn over frame 20": the paths on one frame named, no projection of them all)
  const onOneFrame = kind === 'frame' || kind === undefined || ((kind === 'projection' || kind === 'tracks') && !/\bproject|\bmip\b|\bmax(?:imum)?\b/i.test(c.text));
  if (frame && onOneFrame) Object.assign(args, { kind: 'frame', frame: Number(frame[1]) });
  // ("the tracks coloured by speed on the max projection": paths drawn over the projection, however far apart the words)
  if ((args.kind === 'tracks' || args.kind === undefined) && /\b(?:on|over|onto|on\s+top\s+of)\s+(?:the\s+|a\s+)?(?:max(?:imum)?\s+(?:intensity\s+)?)?(?:projection|mip)\b/i.test(c.text)) args.kind = 'projection';
  // ("colour the tracks by their speed", "tracks coloured by speed on the MIP": the feature that colours the paths, no feature plotted)
  const coloured = /\bcolou?r(?:ed|s|ing)?\b[^.;]*?\b(?:by|according\s+to)\s+(?:the\s+|their\s+|its\s+)?([\p{L}-]+(?:\s+[\p{L}-]+)?)/iu.exec(c.text);
  const colourFeature = coloured ? findFeature(coloured[1]) : undefined;
  const colouredByTime = coloured && TIME_COLOUR.test(coloured[1].split(/\s+/)[0]) && args.kind !== 'scatter' && args.kind !== 'timeseries' && args.kind !== 'histogram';
  if (colouredByTime) args.colorBy = 'time';
  else if (colourFeature && colourFeature !== COUNT_FEATURE && args.kind !== 'scatter' && args.kind !== 'timeseries' && args.kind !== 'histogram') {
    args.colorBy = featureColumn(colourFeature, undefined);
    if (args.feature === featureColumn(colourFeature, c.read.channel())) delete args.feature;
  }
  // ("UMAP the cells and plot it coloured by cluster": the embedding's points, coloured by their cluster)
  if (!args.kind && /\bcolou?r(?:ed|s)?\s+(?:by|according\s+to|per)\s+(?:the\s+|their\s+)?clusters?\b/i.test(c.text)) Object.assign(args, { kind: 'scatter', colorBy: 'cluster' });
  // ("UMAP the cells ... and plot the result": an embedding's points, one against the other)
  if (!args.kind && c.previousTool === 'embed' && !args.feature) args.kind = 'scatter';
  const output = c.read.output();
  if (output) args.output = output;
  // "a movie with the tracks drawn on": every frame with its tracks so far, no one picture of them all
  if ((args.kind !== 'frame' || args.frame === undefined) && ANIMATION.test(c.text) && !ONE_PICTURE.test(c.text) && /\btrack(?:s|ed)?\b|\btrajector|\bpaths?\b/i.test(c.text)) args.kind = 'movie';
  // ("make a gif of the tracks", "an mp4 for the talk": a video file is what no step writes; the frames are, and the answer says so)
  const videoFile = VIDEO_FILE.exec(c.text)?.[0].toUpperCase();
  if (videoFile) {
    const tracks = /\btrack(?:s|ed)?\b|\btrajector|\bpaths?\b/i.test(c.text) || c.artifacts.some((a) => a.type === 'tracks');
    if (!tracks || (args.kind !== undefined && args.kind !== 'movie')) {
      // ("overlay the segmented nuclei on the movie as an mp4": the outlines on every frame, the video file named as not written)
      if (!tracks && OUTLINES.test(c.text)) return { ...args, kind: 'movie', $needs: ['movie', 'labels'], $note: `${videoFile}: no tool here writes ${/^[AEFHILMNORSX]/.test(videoFile) ? 'an' : 'a'} ${videoFile} file, so I drew every frame with the outlines as PNG pictures in one folder (Fiji opens it with File > Import > Image Sequence and saves it as an AVI or animated GIF).` };
      if (!tracks) return { $decline: `Not done: "${videoFile}" — no tool here writes ${/^[AEFHILMNORSX]/.test(videoFile) ? 'an' : 'a'} ${videoFile} file; \`plot\` draws every frame with the tracks drawn on as PNG pictures once there are tracks ("track the nuclei, then ${/^[AEFHILMNORSX]/.test(videoFile) ? 'an' : 'a'} ${videoFile.toLowerCase()} of the tracks"), and \`export\` writes a movie's frames as PNG pictures (format "png"), which Fiji saves as an AVI or animated GIF.` };
    } else {
      args.kind = 'movie';
      args.$note = `${videoFile}: no tool here writes ${/^[AEFHILMNORSX]/.test(videoFile) ? 'an' : 'a'} ${videoFile} file, so I drew every frame with the tracks so far as PNG pictures in one folder (Fiji opens it with File > Import > Image Sequence and saves it as an AVI or animated GIF).`;
      args.$needs = ['movie', 'tracks'];
      return args;
    }
  }
  // ("overlay the outlines on the movie as a video", "a video with the nucleus outlines drawn over the raw data": every frame
  // with the outlines of its objects, a folder of pictures as the movie of the tracks)
  if (args.kind === 'frame' && ANIMATION.test(c.text) && !ONE_PICTURE.test(c.text) && !/\btrack(?:s|ed)?\b|\btrajector|\bpaths?\b/i.test(c.text)) {
    args.kind = 'movie';
    args.$needs = ['movie', 'labels'];
    return args;
  }
  // (a frame with the tracks so far, "the tracks over frame 20", with the outlines too when they are named)
  const tracksOnFrame = /\btrack(?:s|ed)?\b|\btrajector|\bpaths?\b/i.test(c.text);
  const frameNeeds = tracksOnFrame ? (/\boutlin|\bcontours?\b|\bmasks?\b|\blabels?\b/i.test(c.text) ? ['movie', 'labels', 'tracks'] : ['movie', 'tracks']) : ['movie', 'labels'];
  const needs: Record<string, string[]> = { tracks: ['tracks'], projection: ['movie', 'tracks'], frame: frameNeeds, kymograph: ['movie'], movie: OUTLINES.test(c.text) ? ['movie', 'labels', 'tracks'] : ['movie', 'tracks'] };
  args.$needs = needs[String(args.kind)] ?? ['table'];
  return args;
}

/** Every frame of the movie with the track paths so far drawn on, as a folder of PNG pictures (TrackMate's overlay). */
async function trackedMovie(args: Args, ctx: ToolContext) {
  if (!args.tracks && !args.labels) throw new InputError('plot kind "movie" draws tracks or label outlines on every frame: give `tracks` (e.g. "tracks-1") or `labels` (e.g. "labels-1")');
  const tracks = args.tracks ? await openTracks(ctx, args.tracks) : undefined;
  const labelsPath = args.labels ? ctx.resolve(args.labels, ['labels', 'movie']) : undefined;
  const ref = args.movie ?? (tracks?.labelsPath ? movieOfLabels(ctx.listArtifacts(), tracks.labelsPath) : labelsPath ? movieOfLabels(ctx.listArtifacts(), labelsPath) : undefined);
  if (!ref) throw new InputError(`plot kind "movie" needs \`movie\`: ${args.tracks ?? args.labels} does not name the movie it was made on`);
  const movie = await ctx.openMovie(ref);
  const outlines = args.labels ? await ctx.openMovie(args.labels) : undefined;
  try {
    if (outlines && (outlines.shape.x !== movie.shape.x || outlines.shape.y !== movie.shape.y)) throw new InputError(`labels ${args.labels} are ${outlines.shape.x}x${outlines.shape.y} px but the movie is ${movie.shape.x}x${movie.shape.y} px`);
    const out = ctx.outputPath(`${movieStem(movie.source.path)}-${tracks ? 'tracks' : 'outlines'}-movie`, args.output?.replace(/\.png$/i, ''));
    const { writePlanePictures } = await import('../src/plot/planePictures.ts');
    const written = await writePlanePictures(movie, out, { labels: false, tracks, outlines, signal: ctx.signal, onProgress: (d, t) => ctx.progress(d, t, 'frames') });
    const drawn = [outlines ? `the outlines of ${args.labels}` : '', tracks ? `the tracks of ${args.tracks}` : ''].filter(Boolean).join(' and ');
    const artifact = ctx.addArtifact('plot', out, `frames of ${basename(movie.source.path)} with ${drawn}`);
    const what = [outlines ? `the outlines of the objects of ${args.labels}` : '', tracks ? `the ${tracks.branches.length} track branches of ${args.tracks}, each path up to its frame` : ''].filter(Boolean).join(' and ');
    return {
      summary: `Drew ${what} on each of ${movie.shape.t} frames: ${written.files} PNG pictures in ${basename(out)}/ (open them in Fiji with File > Import > Image Sequence; 8-bit, one contrast stretch for all frames).`,
      artifacts: [artifact],
      values: { kind: 'movie', frames: movie.shape.t, files: written.files, path: out },
    };
  } finally {
    await movie.close();
    await outlines?.close();
  }
}

const plot = defineTool({
  name: 'plot',
  summary: 'Draws a figure: a time series, histogram, scatter, the tracks, tracks on a projection, a frame with outlines, or a kymograph (PNG and SVG).',
  words: ['plot', 'graph', 'chart', 'figure', 'histogram', 'scatter', 'visualise', 'visualize', 'draw', 'show', 'overlay', 'outlines', 'contours', 'distribution', 'curve', 'over time', 'versus', 'animation', 'animate', 'animated', 'movie of the tracks', 'still image', 'still picture', 'colour tracks', 'colour paths', 'colour trajectories', 'tracks coloured', 'boxplot', 'violinplot', 'gif', 'animated gif', 'mp4', 'avi'],
  examples: ['plot the area over time', 'plot the speed over time', 'histogram of the nucleus areas', 'show me the tracks', 'colour the tracks by speed', 'draw the tracks on a max projection', 'show frame 10 with the outlines', 'plot speed versus area', 'plot the mean area with a confidence band'],
  consumes: ['table', 'tracks', 'movie', 'labels'],
  produces: ['plot'],
  // (box and violin plots are figures of one feature's distribution that plot does not draw: the histogram shows it)
  insteadOf: {
    boxplot: { args: { kind: 'histogram' }, say: 'A box plot is not drawn here: I drew a histogram of the same values instead (their median and spread show in its shape).' },
    violinplot: { args: { kind: 'histogram' }, say: 'A violin plot is not drawn here: I drew a histogram of the same values instead (the distribution a violin plot shows).' },
  },
  results: { widthPx: { about: 'figure width', unit: 'px' }, heightPx: { about: 'figure height', unit: 'px' } },
  // (a figure "for a paper" is what every plot writes: a vector SVG beside the PNG; its look is fixed, which the line says)
  alwaysDoes: {
    'publication quality': 'Applied as far as it goes: `plot` always saves a vector SVG (for a publication figure) and its Vega-Lite spec beside the PNG; its fonts, colours and sizes are fixed, with no option to change them.',
    'publication ready': 'Applied as far as it goes: `plot` always saves a vector SVG (for a publication figure) and its Vega-Lite spec beside the PNG; its fonts, colours and sizes are fixed, with no option to change them.',
  },
  // ("with the 95% CI", "the mean with CI": the population mean with its 95% confidence band is summary: mean;
  // its own name, "mean", stays one of its words)
  valueWords: { summary: { mean: ['mean', '95% ci', 'mean and ci', 'mean with ci', 'population mean'] }, kind: { projection: ['tracks on projection', 'projection with tracks', 'trajectories on projection', 'paths on projection', 'tracks on top', 'paths on top', 'trajectories on top', 'tracks overlaid', 'trajectories overlaid', 'tracks drawn over', 'drawn over the movie', 'paths drawn over', 'tracks superimposed', 'tracks over projection', 'tracks on mip', 'tracks over mip'], histogram: ['histogram', 'distribution'], scatter: ['scatter', 'versus', 'vs', 'against'], tracks: ['tracks', 'trajectories', 'paths'], frame: ['outlines', 'overlay', 'contours', 'still of frame', 'snapshot of frame', 'tracks on frame', 'tracks over frame', 'paths on frame'], timeseries: ['over time', 'through time', 'time series', 'curves', 'traces', 'vs time', 'versus time', 'against time', 'vs frame', 'versus frame', 'against frame', 'over the frames', 'across frames', 'through the movie', 'across the movie', 'over the course of the movie', 'over the recording', 'through the recording'] } },
  description:
    'Draws a figure and saves it as PNG with units on every axis: from a table or tracks, a feature against time, one line per track branch with the mean and 95% confidence band when lines are many ("timeseries"; "X over time" means this), a feature distribution ("histogram") or one feature against another such as UMAP/PCA coloured by cluster ("scatter"); from tracks, their paths ("tracks"); from a movie, a max projection with track paths coloured by track or by a feature ("projection"), one frame with label outlines ("frame") or a kymograph, with axes and a scale bar. Every figure also saves its SVG and Vega-Lite spec. Returns a plot artifact.',
  schema,
  fromRequest: readPlotRequest,
  // a kymograph is drawn along time: never from a one-frame projection
  needsFrames: (args) => args.kind === 'kymograph',
  // one line per track: a time series joins the measurements to the tracks
  alsoUses: (args) => (args.kind === 'timeseries' ? { tracks: 'latest' } : {}),
  async run(args, ctx) {
    const kind = chooseKind(args);
    if (kind === 'movie') return trackedMovie(args, ctx);
    return kind === 'projection' || kind === 'frame' || kind === 'kymograph' ? picture(kind, args, ctx) : chart(kind, args, ctx);
  },
});

export const tools = [plot];
