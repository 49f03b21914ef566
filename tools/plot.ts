// The `plot` tool: charts from tables and tracks (Vega-Lite -> SVG -> PNG, spec saved
// beside) and pictures from movies (projection with track overlays, a frame with label
// outlines, a kymograph). A thin wrapper over src/plot.
import { z } from 'zod';
import { channelArg, labelsArg, movieArg, outputArg, tableArg, tracksArg } from './common.ts';
import { defineTool, type ToolContext, type ToolResult } from './types.ts';
import { InputError } from '../src/errors.ts';

const KINDS = ['timeseries', 'histogram', 'tracks', 'scatter', 'projection', 'frame', 'kymograph'] as const;
type Kind = (typeof KINDS)[number];

const schema = z.object({
  kind: z
    .enum(KINDS)
    .optional()
    .describe(
      'What to draw: "timeseries" (a feature over time, one line per track), "histogram" (a feature\'s distribution), "tracks" (track paths in x,y), "scatter" (feature vs feature, e.g. UMAP or PCA coloured by cluster), "projection" (max intensity over time with track paths drawn on), "frame" (one frame with label outlines and tracks so far), "kymograph" (a kymograph image). Default: chosen from the inputs given',
    ),
  table: tableArg.optional().describe('Table to plot: an artifact id (e.g. "table-2") or a CSV path (for timeseries, histogram, scatter)'),
  tracks: tracksArg.optional().describe('Tracks: an artifact id (e.g. "tracks-1") or a tracks file; drawn as paths (kind "tracks"), over a projection or frame, or joined to a table to give one line per track'),
  movie: movieArg.optional().describe('Movie to picture (projection, frame, kymograph): an artifact id or a file path'),
  labels: labelsArg.optional().describe('Label movie whose outlines are drawn on a frame: an artifact id or a path'),
  feature: z.string().min(1).optional().describe('Column to plot (y of a time series or scatter, x of a histogram), e.g. "area_px", "mean_intensity_c1"; default: area, else the first measurement column'),
  xFeature: z.string().min(1).optional().describe('Scatter only: the column on the x axis; default: the first embedding column (umap_1, pc1) or "area_px"'),
  colorBy: z.string().min(1).optional().describe('Scatter only: column that colours the points; default "cluster" when the table has it'),
  frame: z.number().int().min(1).optional().describe('Frame to show for kind "frame", 1-based as in Fiji; default 1'),
  channel: channelArg.optional().describe('Channel to picture, 1-based or by name; default 1'),
  output: outputArg.describe('Where to write the PNG; the SVG and the Vega-Lite spec (.vl.json) go beside it. Default: a new file in the session folder'),
});
type Args = z.infer<typeof schema>;

const TRACK_COLUMNS = ['track_id', 'TRACK_ID', 'track', 'branch_id', 'lineage_id'];
const PREFERRED_FEATURES = ['area_px', 'area_um2', 'mean_intensity_c1', 'speed_px_per_frame', 'mean_speed_px_per_frame'];
const NOT_FEATURES = new Set(['label', 't', 'frame', 'time_s', 'time_min', 'track_id', 'branch_id', 'parent', 'id', 'spot_id', 'cluster']);

function chooseKind(args: Args): Kind {
  if (args.kind) return args.kind;
  if (args.table) return args.xFeature ? 'scatter' : 'timeseries';
  if (args.tracks && !args.movie) return 'tracks';
  if (args.movie) return args.labels ? 'frame' : 'projection';
  throw new InputError('plot needs something to draw: a table (with kind timeseries, histogram or scatter), tracks, or a movie');
}

function need<T>(value: T | undefined, what: string, kind: Kind): T {
  if (value === undefined) throw new InputError(`kind "${kind}" needs ${what}`);
  return value;
}

/** The column to plot: the one asked for (checked), else a sensible measurement column. */
function pickFeature(columns: string[], numeric: (c: string) => boolean, asked: string | undefined, role = 'feature'): string {
  if (asked) {
    if (columns.includes(asked)) return asked;
    const loose = columns.find((c) => c.toLowerCase() === asked.toLowerCase() || c.toLowerCase().startsWith(`${asked.toLowerCase()}_`));
    if (loose) return loose;
    throw new InputError(`${role} "${asked}" is not a column of the table; columns: ${columns.join(', ')}`);
  }
  const found = PREFERRED_FEATURES.find((c) => columns.includes(c)) ?? columns.find((c) => !NOT_FEATURES.has(c) && numeric(c));
  if (!found) throw new InputError(`the table has no numeric column to plot; columns: ${columns.join(', ')}`);
  return found;
}

async function chart(kind: Kind, args: Args, ctx: ToolContext): Promise<ToolResult> {
  const [{ readTableCsv }, specs, { renderVegaLite }, { writeFileSync }, { loadTracks }] = await Promise.all([
    import('../src/analysis/table.ts'),
    import('../src/plot/specs.ts'),
    import('../src/plot/render.ts'),
    import('node:fs'),
    import('../src/analysis/trackio.ts'),
  ]);
  let spec: Record<string, unknown>;
  let values: Record<string, unknown> = { kind };
  let what: string;
  if (kind === 'tracks') {
    const tracks = await loadTracks(ctx.resolve(need(args.tracks, 'tracks (e.g. "tracks-1")', kind), 'tracks'));
    const spots = new Map(tracks.spots.map((s) => [s.id, s]));
    const points: { track: string; t: number; x: number; y: number }[] = [];
    for (const branch of tracks.branches) {
      const mother = branch.parent ? tracks.branches.find((b) => b.id === branch.parent) : undefined;
      const ids = mother ? [mother.spotIds.at(-1)!, ...branch.spotIds] : branch.spotIds;
      for (const id of ids) {
        const s = spots.get(id);
        if (s) points.push({ track: String(branch.id), t: s.t, x: Math.round(s.x * 100) / 100, y: Math.round(s.y * 100) / 100 });
      }
    }
    let size: { imageWidthPx?: number; imageHeightPx?: number } = {};
    if (args.movie) {
      const movie = await ctx.openMovie(args.movie);
      size = { imageWidthPx: movie.shape.x, imageHeightPx: movie.shape.y };
      await movie.close();
    }
    const trackCount = tracks.branches.filter((b) => !b.parent).length;
    spec = specs.trackPathsSpec(points, { ...size, trackCount });
    values = { ...values, tracks: trackCount, branches: tracks.branches.length, spots: tracks.spots.length };
    what = `the paths of ${trackCount} tracks (${tracks.branches.length} branches)`;
  } else {
    const table = readTableCsv(ctx.resolve(need(args.table, 'a table (e.g. "table-2")', kind), 'table'));
    if (table.rows.length === 0) throw new InputError(`the table ${args.table} has no rows to plot`);
    const numeric = (c: string) => table.rows.some((r) => typeof r[c] === 'number');
    if (kind === 'histogram') {
      const feature = pickFeature(table.columns, numeric, args.feature);
      spec = specs.histogramSpec(table, { feature });
      values = { ...values, feature, n: table.rows.filter((r) => typeof r[feature] === 'number').length };
      what = `the distribution of ${feature} over ${values.n} rows`;
    } else if (kind === 'scatter') {
      const embedding = (i: number) => table.columns.find((c) => new RegExp(`^(umap|pc|pca|tsne|embedding)[_ ]?${i}$`, 'i').test(c));
      const y = pickFeature(table.columns, numeric, args.feature ?? embedding(2));
      const x = pickFeature(table.columns, numeric, args.xFeature ?? embedding(1) ?? (y === 'area_px' ? undefined : 'area_px'), 'xFeature');
      const colorColumn = args.colorBy ? pickFeature(table.columns, () => true, args.colorBy, 'colorBy') : table.columns.includes('cluster') ? 'cluster' : undefined;
      spec = specs.scatterSpec(table, { x, y, colorColumn });
      values = { ...values, x, y, colorBy: colorColumn, n: table.rows.length };
      what = `${y} against ${x}${colorColumn ? ` coloured by ${colorColumn}` : ''}`;
    } else {
      const feature = pickFeature(table.columns, numeric, args.feature);
      const timeColumn = ['time_s', 'time_min', 't', 'frame'].find((c) => table.columns.includes(c) && numeric(c));
      if (!timeColumn) throw new InputError(`a time series needs a time column (t, frame or time_s); the table has ${table.columns.join(', ')}`);
      let trackColumn = TRACK_COLUMNS.find((c) => table.columns.includes(c));
      if (!trackColumn && args.tracks && table.columns.includes('label')) {
        // join the measurements to the tracks through (frame, label)
        const tracks = await loadTracks(ctx.resolve(args.tracks, 'tracks'));
        const branchOf = new Map(tracks.spots.filter((s) => s.label !== undefined).map((s) => [`${s.t}:${s.label}`, s.branchId]));
        const tColumn = table.columns.includes('t') ? 't' : 'frame';
        for (const row of table.rows) row.track_id = branchOf.get(`${row[tColumn]}:${row.label}`) ?? null;
        table.columns.push('track_id');
        trackColumn = 'track_id';
      }
      spec = specs.timeSeriesSpec(table, { feature, timeColumn, trackColumn });
      const tracksShown = trackColumn ? new Set(table.rows.map((r) => r[trackColumn]).filter((v) => v !== null)).size : 0;
      values = { ...values, feature, time: timeColumn, tracks: tracksShown };
      what = `${feature} over ${timeColumn}${trackColumn ? ` for ${tracksShown} tracks` : ' (mean and standard deviation per time point; name the tracks for one line per track)'}`;
    }
  }
  ctx.progress(1, 2, 'render');
  const rendered = await renderVegaLite(spec);
  const png = ctx.outputPath(`plot-${kind}.png`, args.output);
  const stem = png.replace(/\.png$/i, '');
  writeFileSync(png, rendered.png);
  writeFileSync(`${stem}.svg`, rendered.svg);
  writeFileSync(`${stem}.vl.json`, JSON.stringify(spec, null, 1) + '\n');
  ctx.progress(2, 2, 'render');
  const ref = ctx.addArtifact('plot', png, `${kind} plot of ${what}`);
  return {
    summary: `Plotted ${what}; PNG ${png} (SVG and Vega-Lite spec beside it).`,
    artifacts: [ref],
    values: { ...values, png, svg: `${stem}.svg`, spec: `${stem}.vl.json`, widthPx: rendered.widthPx, heightPx: rendered.heightPx },
  };
}

async function picture(kind: Kind, args: Args, ctx: ToolContext): Promise<ToolResult> {
  const [images, { encodePng }, { writeFileSync }, { loadTracks }] = await Promise.all([
    import('../src/plot/images.ts'),
    import('../src/plot/png.ts'),
    import('node:fs'),
    import('../src/analysis/trackio.ts'),
  ]);
  const { channelIndex } = await import('./common.ts');
  const movie = await ctx.openMovie(need(args.movie, 'a movie (e.g. "movie-1")', kind));
  const { x: width, y: height, t: frames, z: slices } = movie.shape;
  let values: Record<string, unknown> = { kind };
  let what: string;
  let image;
  try {
    const channel = channelIndex(movie, args.channel);
    // max over the planes named (z always; time too for a projection)
    const maxOver = async (ts: number[]): Promise<Float32Array> => {
      const out = new Float32Array(width * height).fill(-Infinity);
      let done = 0;
      for (const t of ts) {
        for (let z = 0; z < slices; z++) {
          if (ctx.signal.aborted) throw new InputError('cancelled');
          const plane = await movie.plane(t, z, channel);
          for (let i = 0; i < out.length; i++) if (plane[i] > out[i]) out[i] = plane[i];
          ctx.progress(++done, ts.length * slices, 'planes');
        }
      }
      return out;
    };
    const frame = kind === 'frame' ? (args.frame ?? 1) - 1 : frames - 1;
    if (frame >= frames) throw new InputError(`frame ${frame + 1} does not exist: the movie has ${frames} frames`);
    const plane = kind === 'projection' ? await maxOver(Array.from({ length: frames }, (_, t) => t)) : await maxOver([kind === 'frame' ? frame : 0]);
    image = images.planeToRgba(plane, width, height);
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
      const tracks = await loadTracks(ctx.resolve(args.tracks, 'tracks'));
      values.tracksDrawn = images.drawTracks(image, tracks, { lastFrame: kind === 'frame' ? frame : undefined });
    }
    what =
      kind === 'projection'
        ? `the maximum projection of ${frames} frames${values.tracksDrawn !== undefined ? ` with ${values.tracksDrawn} track paths` : ''}`
        : kind === 'frame'
          ? `frame ${frame + 1}${values.objects !== undefined ? ` with the outlines of ${values.objects} objects` : ''}${values.tracksDrawn !== undefined ? ` and ${values.tracksDrawn} track paths` : ''}`
          : `the kymograph (${height} time points x ${width} px along the line)`;
  } finally {
    await movie.close();
  }
  // small images are enlarged so that a viewer does not blur them
  const factor = Math.max(1, Math.floor(512 / Math.max(image.width, image.height)));
  const png = ctx.outputPath(`${kind}.png`, args.output);
  writeFileSync(png, encodePng(images.enlarge(image, factor)));
  const ref = ctx.addArtifact('plot', png, `${kind} picture: ${what}`);
  values = { ...values, png, widthPx: image.width * factor, heightPx: image.height * factor };
  return { summary: `Drew ${what}; PNG ${png}.`, artifacts: [ref], values };
}

const plot = defineTool({
  name: 'plot',
  summary: 'Draws a figure: a time series, histogram, scatter, the tracks, tracks on a projection, a frame with outlines, or a kymograph (PNG and SVG).',
  words: ['plot', 'graph', 'chart', 'figure', 'histogram', 'scatter', 'visualise', 'visualize', 'draw', 'show', 'overlay', 'outlines', 'contours', 'distribution', 'curve', 'over time', 'versus'],
  examples: ['plot the area over time', 'histogram of the nucleus areas', 'show me the tracks', 'draw the tracks on a max projection', 'show frame 10 with the outlines', 'plot speed versus area'],
  consumes: ['table', 'tracks', 'movie', 'labels'],
  produces: ['plot'],
  results: { widthPx: { about: 'figure width', unit: 'px' }, heightPx: { about: 'figure height', unit: 'px' } },
  valueWords: { kind: { histogram: ['histogram', 'distribution'], scatter: ['scatter', 'versus', 'vs', 'against'], tracks: ['tracks', 'trajectories', 'paths'], frame: ['outlines', 'overlay', 'contours'], timeseries: ['over time', 'time series', 'curves', 'traces', 'per frame'] } },
  description:
    'Draws a figure and saves it as PNG: from a table, a feature over time per track ("timeseries"), a feature distribution ("histogram") or one feature against another such as UMAP/PCA coloured by cluster ("scatter"); from tracks, their paths ("tracks"); from a movie, a max projection with track paths ("projection"), one frame with label outlines ("frame") or a kymograph. Charts also save the SVG and the Vega-Lite spec. Returns a plot artifact.',
  schema,
  async run(args, ctx) {
    const kind = chooseKind(args);
    return kind === 'projection' || kind === 'frame' || kind === 'kymograph' ? picture(kind, args, ctx) : chart(kind, args, ctx);
  },
});

export const tools = [plot];
