// TrackMate XML (the file TrackMate saves and Fiji's "Load a TrackMate file" reads):
// <TrackMate><Model spatialunits timeunits> with FeatureDeclarations, AllSpots
// (SpotsInFrame/Spot with POSITION_X/Y/Z/T in physical units, FRAME, RADIUS, QUALITY...),
// AllTracks (Track with track features and Edge SPOT_SOURCE_ID/SPOT_TARGET_ID),
// FilteredTracks (TrackID), then Settings (ImageData calibration, tracker settings).
// Layout from TrackMate's TmXmlWriter / TmXmlReader (fiji.plugin.trackmate.io).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Spot, Tracks } from './tracks.ts';
import { trackEdges, trackIdOfBranch, tracksFromLinks } from './track.ts';
import { trackConfidenceById, trackFeatureDimension, trackFeatures, TRACK_CONFIDENCE, TRACK_FEATURES } from './trackFeatures.ts';
import { LAP_DEFAULTS, type LapSettings } from './lap.ts';
import { displayUnits, type TimeUnit } from '../image/calibration.ts';
import { writeTextAtomic } from './table.ts';
import { featuresFromFile, fileFeatureName, isThreeD, spotRadius } from './spotSize.ts';

/** Spot feature holding the object's label in the label movie the tracks were made on (read back as spot.label). */
const LABEL_FEATURE = 'LABEL';

/** TrackMate's names of time units, and seconds per unit for reading them back. */
const TRACKMATE_TIME_UNIT: Record<TimeUnit, string> = { ms: 'ms', s: 'sec', min: 'min', h: 'h' };
const SECONDS_PER_TRACKMATE_UNIT: [RegExp, number][] = [
  [/^(ms|msec|milliseconds?)$/i, 0.001],
  [/^(s|sec|secs|seconds?)$/i, 1],
  [/^(min|mins|minutes?)$/i, 60],
  [/^(h|hr|hrs|hours?)$/i, 3600],
];

export interface TrackMateXmlInfo {
  version: string;
  spatialUnits: string;
  timeUnits: string;
  /** Spots in the file (the nspots attribute may differ when a file was cut down). */
  spots: number;
  declaredSpots: number | null;
  /** Tracks in AllTracks, and those listed in FilteredTracks. */
  tracks: number;
  filteredTracks: number;
  edges: number;
  frames: number;
  width: number | null;
  height: number | null;
  pixelSizeUm: number | null;
  frameIntervalS: number | null;
  detector: string | null;
  tracker: string | null;
}

type XmlNode = Record<string, unknown>;

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function num(v: unknown): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const POSITION_ATTRIBUTES = new Set(['ID', 'name', 'POSITION_X', 'POSITION_Y', 'POSITION_Z', 'POSITION_T', 'FRAME', 'VISIBILITY']);

/** How a TrackMate unit name reads in our headers ("micron" -> "µm", "sec" -> "s"). */
function unitLabel(unit: string): string {
  if (/^(micron|microns|µm|um)$/i.test(unit)) return 'µm';
  if (/^pixels?$/i.test(unit)) return 'px';
  const seconds = SECONDS_PER_TRACKMATE_UNIT.find(([re]) => re.test(unit))?.[1];
  return seconds === undefined ? unit : ({ 0.001: 'ms', 1: 's', 60: 'min', 3600: 'h' } as Record<number, string>)[seconds];
}

/**
 * The unit of each spot feature the file declares a length, position or time (RADIUS, ESTIMATED_DIAMETER:
 * the file's spatial unit), for the features the spots carry: they keep the file's units (positions are
 * converted to px), so a table of them must say which.
 */
function spotFeatureUnits(model: XmlNode, spatialUnits: string, timeUnits: string, present: Set<string>): Record<string, string> {
  const declared = asArray(((((model.FeatureDeclarations ?? {}) as XmlNode).SpotFeatures ?? {}) as XmlNode).Feature as XmlNode[]);
  const units: Record<string, string> = {};
  for (const f of declared) {
    const name = String(f.feature ?? '');
    if (!present.has(name)) continue;
    const dimension = String(f.dimension ?? '');
    if (dimension === 'LENGTH' || dimension === 'POSITION') units[name] = unitLabel(spatialUnits);
    else if (dimension === 'TIME') units[name] = unitLabel(timeUnits);
  }
  return units;
}

/**
 * Reads a TrackMate XML file into Tracks (positions converted to pixels with the
 * ImageData pixel width) plus a summary of what the file holds.
 */
export async function readTrackMateXml(path: string): Promise<{ tracks: Tracks; info: TrackMateXmlInfo }> {
  const { XMLParser } = await import('fast-xml-parser');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, isArray: (name) => ['SpotsInFrame', 'Spot', 'Track', 'Edge', 'TrackID', 'Feature'].includes(name) });
  let doc: XmlNode;
  try {
    doc = parser.parse(readFileSync(path, 'utf8')) as XmlNode;
  } catch (err) {
    throw new RangeError(`${path} is not readable XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const root = doc.TrackMate as XmlNode | undefined;
  const model = root?.Model as XmlNode | undefined;
  if (!root || !model) throw new RangeError(`${path} is not a TrackMate file: no <TrackMate><Model> element`);
  const settings = (root.Settings ?? {}) as XmlNode;
  const imageData = (settings.ImageData ?? {}) as XmlNode;
  const spatialUnits = String(model.spatialunits ?? 'pixel');
  const timeUnits = String(model.timeunits ?? 'frame');
  const pixelWidth = num(imageData.pixelwidth);
  const voxelDepth = num(imageData.voxeldepth);
  const timeInterval = num(imageData.timeinterval);
  const inPixels = /^pixels?$/i.test(spatialUnits) || !pixelWidth;
  const scale = inPixels ? 1 : pixelWidth!;
  const zScale = inPixels ? 1 : (voxelDepth ?? scale);

  const allSpots = (model.AllSpots ?? {}) as XmlNode;
  const spots: Omit<Spot, 'branchId'>[] = [];
  for (const frameNode of asArray(allSpots.SpotsInFrame as XmlNode[])) {
    for (const s of asArray(frameNode.Spot as XmlNode[])) {
      const id = num(s.ID);
      const t = num(s.FRAME) ?? num(frameNode.frame);
      const x = num(s.POSITION_X);
      const y = num(s.POSITION_Y);
      if (id === null || t === null || x === null || y === null) throw new RangeError(`${path}: a Spot lacks ID, FRAME or POSITION_X/Y`);
      const features: Record<string, number> = {};
      for (const [k, v] of Object.entries(s)) {
        const n = num(v);
        if (!POSITION_ATTRIBUTES.has(k) && n !== null) features[k] = n;
      }
      // the object's label in the label movie, as writeTrackMateXml keeps it (a spot feature LABEL)
      const label = features[LABEL_FEATURE];
      delete features[LABEL_FEATURE];
      const spot: Omit<Spot, 'branchId'> = { id, t: Math.round(t), x: x / scale, y: y / scale, features, ...(Number.isInteger(label) ? { label } : {}) };
      const z = num(s.POSITION_Z);
      if (z !== null && z !== 0) spot.z = z / zScale;
      spots.push(spot);
    }
  }
  // a 3-D spot's volume_voxels, as writeTrackMateXml names it, is the tracker's pixel count (area_px) again
  const threeD = isThreeD(spots);
  for (const spot of spots) spot.features = featuresFromFile(spot.features ?? {}, threeD);
  const allTracks = (model.AllTracks ?? {}) as XmlNode;
  const trackNodes = asArray(allTracks.Track as XmlNode[]);
  const links: { source: number; target: number }[] = [];
  const spotById = new Map(spots.map((s) => [s.id, s]));
  for (const track of trackNodes) {
    for (const e of asArray(track.Edge as XmlNode[])) {
      const a = num(e.SPOT_SOURCE_ID);
      const b = num(e.SPOT_TARGET_ID);
      if (a === null || b === null || !spotById.has(a) || !spotById.has(b)) throw new RangeError(`${path}: an Edge names spot ${e.SPOT_SOURCE_ID} -> ${e.SPOT_TARGET_ID}, not in AllSpots`);
      const sa = spotById.get(a)!;
      const sb = spotById.get(b)!;
      links.push(sa.t <= sb.t ? { source: a, target: b } : { source: b, target: a });
    }
  }
  const frames = Math.max(num(imageData.nframes) ?? 0, ...spots.map((s) => s.t + 1));
  const pixelSizeUm = !inPixels && /^(micron|µm|um)$/i.test(spatialUnits) ? pixelWidth! : undefined;
  const secondsPerUnit = SECONDS_PER_TRACKMATE_UNIT.find(([re]) => re.test(timeUnits.trim()))?.[1];
  const frameIntervalS = timeInterval && secondsPerUnit ? timeInterval * secondsPerUnit : undefined;
  const tracks = tracksFromLinks(spots, links, frames, { pixelSizeUm, frameIntervalS, zStepUm: pixelSizeUm ? (voxelDepth ?? undefined) : undefined });
  const featureUnits = spotFeatureUnits(model, spatialUnits, timeUnits, new Set(spots.flatMap((s) => Object.keys(s.features ?? {}))));
  if (Object.keys(featureUnits).length) tracks.spotFeatureUnits = featureUnits;
  const filtered = asArray(((model.FilteredTracks ?? {}) as XmlNode).TrackID as XmlNode[]);
  const detector = (settings.DetectorSettings as XmlNode | undefined)?.DETECTOR_NAME;
  const tracker = (settings.TrackerSettings as XmlNode | undefined)?.TRACKER_NAME;
  return {
    tracks,
    info: {
      version: String(root.version ?? ''),
      spatialUnits,
      timeUnits,
      spots: spots.length,
      declaredSpots: num(allSpots.nspots),
      tracks: trackNodes.length,
      filteredTracks: filtered.length,
      edges: links.length,
      frames,
      width: num(imageData.width),
      height: num(imageData.height),
      pixelSizeUm: pixelWidth,
      frameIntervalS: frameIntervalS ?? timeInterval,
      detector: detector === undefined ? null : String(detector),
      tracker: tracker === undefined ? null : String(tracker),
    },
  };
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrs(values: Record<string, string | number | boolean>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${escapeXml(typeof v === 'number' ? formatNumber(v) : String(v))}"`)
    .join(' ');
}

function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

function featureName(key: string): string {
  return key.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

export interface TrackMateWriteOptions {
  width: number;
  height: number;
  slices?: number;
  imageFile?: string;
  /** Spot radius written as RADIUS (physical units). Default: the disc of the spot's area (the sphere of its volume in 3-D tracks), else 5 px. */
  radius?: number;
  /** Time unit of POSITION_T, the time features and timeinterval; default: from the frame interval (min for 5-min frames). */
  timeUnit?: TimeUnit;
  tracker?: Partial<LapSettings>;
}

/**
 * Writes Tracks as a TrackMate XML file that Fiji's TrackMate can load: spots with
 * positions in physical units (µm when calibrated, else pixels), tracks with their edges
 * and track features, all tracks listed as filtered (visible), and Settings.
 */
export function writeTrackMateXml(path: string, tracks: Tracks, options: TrackMateWriteOptions): void {
  const lengthScale = tracks.pixelSizeUm ?? 1;
  const zScale = tracks.pixelSizeUm ? (tracks.zStepUm ?? lengthScale) : 1;
  const units = displayUnits({ frameIntervalS: tracks.frameIntervalS, timeUnit: options.timeUnit });
  const timeScale = units.timePerFrame;
  const spatialUnits = tracks.pixelSizeUm ? 'micron' : 'pixel';
  const timeUnits = tracks.frameIntervalS ? TRACKMATE_TIME_UNIT[units.time as TimeUnit] : 'frame';
  const extraFeatures = [...new Set(tracks.spots.flatMap((s) => Object.keys(s.features ?? {})))].filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && !POSITION_ATTRIBUTES.has(k) && k !== 'RADIUS' && k !== 'QUALITY' && k !== LABEL_FEATURE).sort();
  // a 3-D spot's pixel count is its voxels: the feature says so (volume_voxels) and RADIUS is the sphere's of that volume
  const threeD = isThreeD(tracks.spots);
  const withLabels = tracks.spots.some((s) => s.label !== undefined);
  const trackOf = trackIdOfBranch(tracks);
  // TrackMate's tracks are the connected components with at least one edge; lone spots stay in AllSpots.
  const features = trackFeatures(tracks, { timeUnit: options.timeUnit }).rows.filter((r) => r.NUMBER_SPOTS > 1);
  const trackIds = features.map((r) => r.TRACK_ID);
  // the tracker's confidence in each track (0-1), declared as a feature without dimension, when the tracks carry one
  const confidence = trackConfidenceById(tracks);
  const edgesByTrack = new Map<number, ReturnType<typeof trackEdges>>();
  for (const e of trackEdges(tracks)) {
    const id = trackOf.get(e.target.branchId)!;
    const list = edgesByTrack.get(id) ?? [];
    list.push(e);
    edgesByTrack.set(id, list);
  }
  const radiusOf = (s: Spot): number => options.radius ?? spotRadius(s, threeD, lengthScale, zScale, 5);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<TrackMate version="7.11.1">');
  out.push(`  <Log>Written by cellpilot.</Log>`);
  out.push(`  <Model ${attrs({ spatialunits: spatialUnits, timeunits: timeUnits })}>`);
  out.push('    <FeatureDeclarations>');
  out.push('      <SpotFeatures>');
  const spotDecl: [string, string, string][] = [
    ['QUALITY', 'Quality', 'QUALITY'],
    ['POSITION_X', 'X', 'POSITION'],
    ['POSITION_Y', 'Y', 'POSITION'],
    ['POSITION_Z', 'Z', 'POSITION'],
    ['POSITION_T', 'T', 'TIME'],
    ['FRAME', 'Frame', 'NONE'],
    ['RADIUS', 'Radius', 'LENGTH'],
    ['VISIBILITY', 'Visibility', 'NONE'],
    ...extraFeatures.map((k): [string, string, string] => [fileFeatureName(k, threeD), featureName(fileFeatureName(k, threeD)), /intensity/i.test(k) ? 'INTENSITY' : 'NONE']),
    ...(withLabels ? [[LABEL_FEATURE, 'Label', 'NONE'] as [string, string, string]] : []),
  ];
  for (const [feature, name, dimension] of spotDecl) out.push(`        <Feature ${attrs({ feature, name, shortname: name, dimension, isint: feature === 'FRAME' || feature === 'VISIBILITY' || feature === LABEL_FEATURE ? 'true' : 'false' })} />`);
  out.push('      </SpotFeatures>');
  out.push('      <EdgeFeatures>');
  for (const [feature, name, dimension, isint] of [
    ['SPOT_SOURCE_ID', 'Source spot ID', 'NONE', 'true'],
    ['SPOT_TARGET_ID', 'Target spot ID', 'NONE', 'true'],
    ['LINK_COST', 'Edge cost', 'COST', 'false'],
  ])
    out.push(`        <Feature ${attrs({ feature, name, shortname: name, dimension, isint })} />`);
  out.push('      </EdgeFeatures>');
  out.push('      <TrackFeatures>');
  for (const f of TRACK_FEATURES) {
    const dimension = trackFeatureDimension(f);
    const isint = /^(TRACK_ID|NUMBER_|LONGEST_GAP)/.test(f) ? 'true' : 'false';
    out.push(`        <Feature ${attrs({ feature: f, name: featureName(f), shortname: featureName(f), dimension, isint })} />`);
  }
  if (confidence.size) out.push(`        <Feature ${attrs({ feature: TRACK_CONFIDENCE, name: 'Track confidence', shortname: 'Confidence', dimension: 'NONE', isint: 'false' })} />`);
  out.push('      </TrackFeatures>');
  out.push('    </FeatureDeclarations>');
  out.push(`    <AllSpots ${attrs({ nspots: tracks.spots.length })}>`);
  const byFrame = new Map<number, Spot[]>();
  for (const s of tracks.spots) byFrame.set(s.t, [...(byFrame.get(s.t) ?? []), s]);
  for (const t of [...byFrame.keys()].sort((a, b) => a - b)) {
    out.push(`      <SpotsInFrame frame="${t}">`);
    for (const s of byFrame.get(t)!) {
      const values: Record<string, string | number> = {
        ID: s.id,
        name: `ID${s.id}`,
        QUALITY: s.features?.QUALITY ?? 1,
        POSITION_X: s.x * lengthScale,
        POSITION_Y: s.y * lengthScale,
        POSITION_Z: (s.z ?? 0) * zScale,
        POSITION_T: s.t * timeScale,
        FRAME: s.t,
        RADIUS: s.features?.RADIUS ?? radiusOf(s),
        VISIBILITY: 1,
      };
      for (const k of extraFeatures) if (s.features?.[k] !== undefined) values[fileFeatureName(k, threeD)] = s.features[k];
      if (withLabels && s.label !== undefined) values[LABEL_FEATURE] = s.label;
      out.push(`        <Spot ${attrs(values).replace(/ID="(\d+)\.0"/, 'ID="$1"').replace(/FRAME="(\d+)\.0"/, 'FRAME="$1"').replace(/VISIBILITY="1\.0"/, 'VISIBILITY="1"').replace(/LABEL="(\d+)\.0"/, 'LABEL="$1"')} />`);
    }
    out.push('      </SpotsInFrame>');
  }
  out.push('    </AllSpots>');
  out.push('    <AllTracks>');
  features.forEach((row, index) => {
    const values: Record<string, string | number> = { name: `Track_${row.TRACK_ID}` };
    for (const f of TRACK_FEATURES) values[f] = row[f];
    const c = confidence.get(row.TRACK_ID);
    if (c !== undefined) values[TRACK_CONFIDENCE] = c;
    values.TRACK_INDEX = index;
    const head = attrs(values).replace(/(TRACK_ID|TRACK_INDEX|NUMBER_\w+|LONGEST_GAP)="(\d+)\.0"/g, '$1="$2"');
    out.push(`      <Track ${head}>`);
    for (const e of edgesByTrack.get(row.TRACK_ID) ?? []) {
      const dx = (e.target.x - e.source.x) * lengthScale;
      const dy = (e.target.y - e.source.y) * lengthScale;
      out.push(`        <Edge SPOT_SOURCE_ID="${e.source.id}" SPOT_TARGET_ID="${e.target.id}" LINK_COST="${formatNumber(dx * dx + dy * dy)}" />`);
    }
    out.push('      </Track>');
  });
  out.push('    </AllTracks>');
  out.push('    <FilteredTracks>');
  for (const id of trackIds) out.push(`      <TrackID TRACK_ID="${id}" />`);
  out.push('    </FilteredTracks>');
  out.push('  </Model>');
  const s = { ...LAP_DEFAULTS, ...options.tracker };
  const file = options.imageFile ?? '';
  out.push('  <Settings>');
  out.push(
    `    <ImageData ${attrs({
      filename: file ? basename(file) : '',
      folder: file ? dirname(file) : '',
      width: options.width,
      height: options.height,
      nslices: options.slices ?? 1,
      nframes: tracks.frames,
      pixelwidth: tracks.pixelSizeUm ?? 1,
      pixelheight: tracks.pixelSizeUm ?? 1,
      voxeldepth: tracks.zStepUm ?? 1,
      timeinterval: tracks.frameIntervalS ? timeScale : 1,
    }).replace(/(width|height|nslices|nframes)="(\d+)\.0"/g, '$1="$2"')} />`,
  );
  out.push(`    <BasicSettings xstart="0" xend="${options.width - 1}" ystart="0" yend="${options.height - 1}" zstart="0" zend="${(options.slices ?? 1) - 1}" tstart="0" tend="${Math.max(0, tracks.frames - 1)}" />`);
  out.push('    <DetectorSettings DETECTOR_NAME="MANUAL_DETECTOR" RADIUS="5.0" />');
  out.push('    <InitialSpotFilter feature="QUALITY" value="0.0" isabove="true" />');
  out.push('    <SpotFilterCollection />');
  out.push(
    `    <TrackerSettings ${attrs({
      TRACKER_NAME: 'SPARSE_LAP_TRACKER',
      CUTOFF_PERCENTILE: s.cutoffPercentile,
      ALTERNATIVE_LINKING_COST_FACTOR: s.alternativeLinkingCostFactor,
      BLOCKING_VALUE: Infinity,
    })}>`,
  );
  out.push(`      <Linking LINKING_MAX_DISTANCE="${formatNumber(s.linkingMaxDistance * lengthScale)}"><FeaturePenalties /></Linking>`);
  out.push(`      <GapClosing ALLOW_GAP_CLOSING="${s.allowGapClosing}" GAP_CLOSING_MAX_DISTANCE="${formatNumber(s.gapClosingMaxDistance * lengthScale)}" MAX_FRAME_GAP="${s.maxFrameGap}"><FeaturePenalties /></GapClosing>`);
  out.push(`      <TrackSplitting ALLOW_TRACK_SPLITTING="${s.allowSplitting}" SPLITTING_MAX_DISTANCE="${formatNumber(s.splittingMaxDistance * lengthScale)}"><FeaturePenalties /></TrackSplitting>`);
  out.push(`      <TrackMerging ALLOW_TRACK_MERGING="${s.allowMerging}" MERGING_MAX_DISTANCE="${formatNumber(s.mergingMaxDistance * lengthScale)}"><FeaturePenalties /></TrackMerging>`);
  out.push('    </TrackerSettings>');
  out.push('    <TrackFilterCollection />');
  out.push('    <AnalyzerCollection><SpotAnalyzers /><EdgeAnalyzers /><TrackAnalyzers /></AnalyzerCollection>');
  out.push('  </Settings>');
  out.push('  <GUIState state="ConfigureViews" />');
  out.push('</TrackMate>');
  writeTextAtomic(path, out.join('\n') + '\n');
}
