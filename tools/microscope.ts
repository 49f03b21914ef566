// Microscope tools: status, snap, stage moves, acquisitions (start, adjust, pause, resume,
// stop), self-driving rules (add with confirmation, list, remove) and the dose report.
// The microscope and its running acquisition live in ctx.state ("microscope"), so they
// persist across calls in a session; every value passes through the microscope's limits.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../src/errors.ts';
import { adjustmentSchema, describeAdjustment, endsAcquisition, formatDuration, type Adjustment } from '../src/microscope/adjustment.ts';
import type { Acquisition } from '../src/microscope/acquisition.ts';
import type { AcquisitionStatus } from '../src/microscope/acquisitionStatus.ts';
import type { MicroscopeSession } from '../src/microscope/session.ts';
import { describeRule, ruleSchema, type Rule } from '../src/microscope/ruleSpec.ts';
import { autofocusDue, describeAutofocusPlan, sequenceSchema, timeDeltasS, type Sequence } from '../src/microscope/sequence.ts';
import { stageOffsetSaid } from '../src/microscope/stageOffset.ts';
import { outputArg } from './common.ts';
import { counted } from './counted.ts';
import { defineTool, type RequestClause, type ArtifactRef, type MicroscopeCommand, type ToolContext, type ToolResult, type ToolSpec } from './types.ts';

const STATE_KEY = 'microscope';

/** The session's microscope, created on first use (the simulated demo microscope). */
export async function microscopeSession(ctx: ToolContext): Promise<MicroscopeSession> {
  let session = ctx.state.get(STATE_KEY) as MicroscopeSession | undefined;
  if (!session) {
    const { MicroscopeSession } = await import('../src/microscope/session.ts');
    const { join } = await import('node:path');
    // the dose ledger is the microscope's: kept in the session folder, shared by every process on the session
    // so is the record of the acquisition that ended last: a later command on the session says what became of it
    session = new MicroscopeSession({ ledgerPath: join(ctx.sessionDir, 'microscope', 'dose-ledger.json'), endedPath: join(ctx.sessionDir, 'microscope', 'ended-acquisition.json') });
    ctx.state.set(STATE_KEY, session);
  }
  return session;
}

/**
 * The acquisition still running in a session's tool state, if any: it lives in this process (the
 * simulated microscope runs here), so a command that ends must wait for it or stop it.
 */
export function acquisitionStillRunning(state: Map<string, unknown>): MicroscopeSession['acquisition'] {
  const session = state.get(STATE_KEY) as MicroscopeSession | undefined;
  return session?.running ? session.acquisition : undefined;
}

/**
 * Stops the acquisition running in a session's tool state (when its process ends), keeping with its record the
 * reason and how to keep the next one running, so a later command on the session says so; resolves with its last status.
 */
export async function stopRunningAcquisition(state: Map<string, unknown>, reason: string, advice?: string): Promise<AcquisitionStatus | undefined> {
  const session = state.get(STATE_KEY) as MicroscopeSession | undefined;
  return session?.stopRunning(reason, advice);
}

const REGISTERED = 'microscope:registered';

/**
 * Registers files an acquisition has written since the last call (new parts, new positions)
 * and returns them; `all` returns every file and the frames table (what start_acquisition made).
 * Later calls return only new files, so a change or a status is answered by what it did.
 */
function registerFiles(ctx: ToolContext, status: AcquisitionStatus, all = false): ArtifactRef[] {
  let seen = ctx.state.get(REGISTERED) as Map<string, ArtifactRef> | undefined;
  if (!seen) ctx.state.set(REGISTERED, (seen = new Map()));
  const out: ArtifactRef[] = [];
  const register = (type: 'movie' | 'table', path: string, description: string) => {
    const known = seen.get(path);
    if (known && !all) return;
    const ref = known ?? ctx.addArtifact(type, path, description);
    seen.set(path, ref);
    out.push(ref);
  };
  for (const file of status.files) register('movie', file.path, `acquired movie ${file.position}${file.part > 1 ? ` part ${file.part}` : ''} (${file.channels.join(', ')})`);
  register('table', status.framesTable, `frame table of acquisition "${status.name}" (time, channel, exposure, power, dose per image)`);
  return out;
}

const round = (v: number, digits = 4) => (Number.isFinite(v) ? +v.toPrecision(digits) : null);

function statusValues(s: AcquisitionStatus): Record<string, unknown> {
  return {
    state: s.state,
    timepointsDone: s.timepointsDone,
    imagesAcquired: s.imagesAcquired,
    elapsedS: round(s.elapsedS),
    remainingS: round(s.remainingS),
    nextTimepointInS: round(s.nextTimepointInS),
    intervalS: s.intervalS,
    channels: s.channels,
    zPlanes: s.zPlanes,
    positions: s.positions,
    objective: s.objective,
    pixelSizeUm: s.pixelSizeUm,
    doseTotalJPerCm2: round(s.dose.totalJPerCm2),
    doseByChannel: Object.fromEntries(Object.entries(s.dose.byChannel).map(([k, v]) => [k, round(v)])),
    doseBudgetJPerCm2: s.dose.budgetJPerCm2,
    doseBudgetUsed: round(s.dose.budgetUsed, 3),
    files: s.files.map((f) => f.path),
    stopReason: s.stopReason,
    rules: s.rules,
    autofocusSchedule: s.autofocus.schedule,
    autofocusRuns: s.autofocus.runs.slice(-10),
    notes: s.notes.slice(-5),
  };
}

// ---------------------------------------------------------------- adjustments as data

const channelName = z.string().min(1).describe('Channel preset: DAPI, FITC, Rhodamine, Cy5 or Brightfield (GFP/488 = FITC, mCherry/561 = Rhodamine, 640 = Cy5)');

/** Raising light power or exposure by more than this factor needs a person's approval. */
export const RAISE_FACTOR_NEEDING_APPROVAL = 2;

/** What the changes will do that a person must approve (ending the run, a large raise of light), in one line; undefined when nothing. */
async function riskyChanges(changes: Adjustment[], ctx: ToolContext): Promise<string | undefined> {
  const session = await microscopeSession(ctx);
  const status = session.running ? session.acquisition!.status() : undefined;
  const channels = status?.channels ?? [];
  const { findChannel } = await import('../src/microscope/config.ts');
  const risky: string[] = [];
  // the light on each channel is its power times its exposure: two raises of 2x each are a 4x raise
  const lightFactor = new Map<string, number>();
  for (const c of changes) {
    if (endsAcquisition(c)) risky.push(c.kind === 'stop' ? 'stop the whole acquisition now' : 'end the acquisition after the current time point');
    // a total the run has already reached ends it as surely as a stop
    if (status && c.kind === 'loops' && c.loops <= status.timepointsDone) risky.push(`end the acquisition now: ${c.loops} time points in total, and ${status.timepointsDone} are done`);
    if (status && c.kind === 'duration' && c.durationS <= status.elapsedS) risky.push(`end the acquisition now: ${formatDuration(c.durationS)} in total, and ${formatDuration(status.elapsedS)} have passed`);
    if (c.kind !== 'power' && c.kind !== 'powerFactor' && c.kind !== 'exposure' && c.kind !== 'exposureFactor') continue;
    const preset = c.channel ? findChannel(session.microscope.config, c.channel)?.name : undefined;
    for (const ch of channels.filter((x) => !preset || x.channel === preset)) {
      const power = c.kind === 'power' || c.kind === 'powerFactor';
      const before = (power ? ch.powerPercent : ch.exposureMs) ?? 0;
      const after = c.kind === 'power' ? c.powerPercent : c.kind === 'exposure' ? c.exposureMs : before * c.factor;
      const factor = c.kind === 'powerFactor' || c.kind === 'exposureFactor' ? c.factor : before > 0 ? after / before : Infinity;
      if (Number.isFinite(factor) && factor > 0) lightFactor.set(ch.channel, (lightFactor.get(ch.channel) ?? 1) * factor);
      if (factor > RAISE_FACTOR_NEEDING_APPROVAL && after > before) risky.push(`raise ${ch.channel} ${power ? 'power' : 'exposure'} from ${round(before)} to ${round(after)} ${power ? '%' : 'ms'} (${Number.isFinite(factor) ? `${round(factor, 3)}x` : 'from zero'}, more than ${RAISE_FACTOR_NEEDING_APPROVAL}x)`);
    }
  }
  for (const [channel, factor] of lightFactor) {
    if (factor > RAISE_FACTOR_NEEDING_APPROVAL && !risky.some((r) => r.startsWith(`raise ${channel} `))) risky.push(`raise the light on ${channel} ${round(factor, 3)}x (power and exposure together, more than ${RAISE_FACTOR_NEEDING_APPROVAL}x)`);
  }
  return risky.length ? risky.join('; ') : undefined;
}

// ---------------------------------------------------------------- microscope_status

const microscopeStatus = defineTool({
  name: 'microscope_status',
  role: 'status',
  carriesOut: ['status'],
  summary: 'Says what the microscope and the running acquisition are doing: state, time points done and left, settings, position.',
  words: ['status', 'microscope status', 'acquisition status', 'how long left', 'how much longer', 'time left', 'remaining', 'progress', 'current settings', 'current interval', 'where is the stage', 'how is it going', 'when will it finish', 'still acquiring', 'still running', 'still imaging', 'still going', 'anything running', 'what is running', 'which objective', 'time points left', 'frames left', 'latest image', 'latest picture', 'most recent frame', 'stage position', 'current position', 'current z position', 'current z', 'current objective', 'objective is in'],
  examples: ['what is the microscope doing?', 'where is the stage now?', 'how much longer?', 'how is the acquisition going?', 'when will it finish?', 'the latest image of the run'],
  consumes: [],
  // (the latest image of the run, asked with latestImage, is a picture shown, never an input of another step)
  produces: [],
  results: { elapsedS: { about: 'time elapsed', unit: 's' }, remainingS: { about: 'time left', unit: 's' }, timepointsDone: { about: 'time points done', unit: '' }, imagesAcquired: { about: 'images acquired', unit: '' }, intervalS: { about: 'interval between time points', unit: 's' } },
  description:
    'Reports the microscope (channel, exposure, light power, stage position, objective, pixel size) and the running acquisition: state, time points done, how long is left, the light dose so far per channel and position against the budget, files written, active rules. Use it for "how much longer?" and "how much light so far?".',
  schema: z.object({
    latestImage: z.boolean().optional().describe('Also save the running acquisition\'s latest image (each channel of its first position, or of `position`) as a PNG picture, to show it ("show me the latest image")'),
    position: z.string().optional().describe('The position whose latest image to save (its name, e.g. "Pos1"; default the first)'),
  }),
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    const mic = session.microscope.getState();
    const micValues = { channel: mic.channel, exposureMs: mic.exposureMs, powerPercent: mic.powerPercent, xUm: mic.xUm, yUm: mic.yUm, zUm: mic.zUm, objective: mic.objective, pixelSizeUm: mic.pixelSizeUm, imageWidthPx: mic.imageWidthPx, imageHeightPx: mic.imageHeightPx };
    if (!session.acquisition) {
      return {
        summary: `Microscope idle at (${round(mic.xUm)}, ${round(mic.yUm)}, ${round(mic.zUm)}) µm with the ${mic.objective} objective (${mic.pixelSizeUm} µm/px), ${mic.channel} at ${mic.exposureMs} ms. Light so far: ${round(session.ledger.total())} J/cm².${session.endedEarlier ? ` ${capitalise(session.notRunning()!)}.` : ''}`,
        artifacts: [],
        values: { microscope: micValues, acquisition: null, lastAcquisition: session.endedEarlier ?? null, doseTotalJPerCm2: round(session.ledger.total()) },
      };
    }
    const status = session.acquisition.status();
    const latest = session.acquisition.latestCells();
    const cells = latest.cells.map((c) => ({ cell: c.id, xPx: round(c.xPx), yPx: round(c.yPx), areaPx: c.areaPx, atBorder: c.touchesBorder }));
    const pictures = args.latestImage ? await latestImagePictures(session, args.position as string | undefined, ctx) : undefined;
    return {
      summary: `${pictures ? `${pictures.line} ` : ''}${session.acquisition.describeStatus('all')}${cells.length ? ` The latest ${latest.channel} image of ${latest.position} shows ${cells.length} cells (numbered for "zoom into cell N").` : ''}`,
      artifacts: [...(pictures?.artifacts ?? []), ...registerFiles(ctx, status)],
      values: { microscope: micValues, acquisition: statusValues(status), cells, ...(pictures ? { latestImages: pictures.values } : {}) },
    };
  },
});

/**
 * The running acquisition's latest image of a position, each channel saved as a PNG picture (grey, stretched to its own
 * range), with one line saying what was saved; a position the run lacks, or no image yet, is said in that line.
 */
async function latestImagePictures(session: MicroscopeSession, position: string | undefined, ctx: ToolContext): Promise<{ line: string; artifacts: ArtifactRef[]; values: Record<string, unknown>[] }> {
  const acquisition = session.requireAcquisition();
  const names = acquisition.status().positions.map((p) => p.name);
  const asked = position === undefined ? undefined : (names.find((n) => n.toLowerCase() === position.toLowerCase()) ?? (/^\d+$/.test(position) ? names[Number(position) - 1] : undefined));
  if (position !== undefined && asked === undefined) return { line: `The run has no position "${position}" (it images ${names.join(', ') || 'one position'}), so no latest image was saved.`, artifacts: [], values: [] };
  const { position: name, images } = acquisition.latestImages(asked);
  if (!images.length) return { line: `No image of ${name} has been taken yet, so there is no latest image to show.`, artifacts: [], values: [] };
  const { planeToRgba } = await import('../src/plot/images.ts');
  const { encodePng } = await import('../src/plot/png.ts');
  const artifacts: ArtifactRef[] = [];
  const values: Record<string, unknown>[] = [];
  for (const image of images) {
    const path = ctx.outputPath(`latest-${name}-${image.channel}.png`);
    writeFileSync(path, encodePng(planeToRgba(image.data, image.widthPx, image.heightPx)));
    artifacts.push(ctx.addArtifact('plot', path, `latest ${image.channel} image of ${name} (${image.exposureMs} ms, ${image.powerPercent} %, z ${round(image.zUm)} µm)`));
    values.push({ position: name, channel: image.channel, exposureMs: image.exposureMs, powerPercent: image.powerPercent, zUm: round(image.zUm), widthPx: image.widthPx, heightPx: image.heightPx });
  }
  return { line: `The latest image of ${name} (${images.map((i) => i.channel).join(', ')}) is saved as a picture: ${artifacts.map((a) => a.id).join(', ')}.`, artifacts, values };
}

// ---------------------------------------------------------------- snap

const snapSchema = z.object({
  channel: channelName.optional().describe('Channel preset to image (default: the current one; GFP/488 = FITC, mCherry/561 = Rhodamine)'),
  exposureMs: z.number().optional().describe('Exposure, ms (default: the current exposure; the demo camera starts at 100 ms)'),
  powerPercent: z.number().optional().describe("Power of the channel's light source, % (default: the current power, 20 % for lasers)"),
  output: outputArg.describe('Where to write the image (.tif); default a new file in the session folder'),
});

/** The channel by name and the exposure ("a GFP snap at 100 ms"). */
function readSnapRequest(c: RequestClause): Record<string, unknown> {
  return { channel: c.read.channels()[0], exposureMs: c.quantities.find((q) => q.unit === 'ms')?.value };
}

const snap = defineTool({
  name: 'snap',
  carriesOut: ['takeImage'],
  summary: 'Takes a single image with the microscope in one channel.',
  words: ['snap', 'snapshot', 'take an image', 'take a picture', 'single image', 'acquire one image', 'photo'],
  examples: ['snap an image in GFP', 'take a picture with 50 ms exposure', 'take a single DAPI image'],
  consumes: [],
  produces: ['movie'],
  // more than RAISE_FACTOR_NEEDING_APPROVAL times the light now set needs a person's yes
  needsApproval: async (args, ctx) => {
    const session = await microscopeSession(ctx);
    const now = session.microscope.getState();
    const { findChannel, lightSourceOf } = await import('../src/microscope/config.ts');
    const preset = findChannel(session.microscope.config, typeof args.channel === 'string' ? args.channel : now.channel);
    const source = preset ? lightSourceOf(session.microscope.config, preset).name : undefined;
    const before = source ? now.powerPercent[source] ?? 0 : 0;
    const raises = [
      typeof args.powerPercent === 'number' && args.powerPercent > RAISE_FACTOR_NEEDING_APPROVAL * before ? `${source} power from ${round(before)} to ${args.powerPercent} %` : '',
      typeof args.exposureMs === 'number' && args.exposureMs > RAISE_FACTOR_NEEDING_APPROVAL * now.exposureMs ? `exposure from ${round(now.exposureMs)} to ${args.exposureMs} ms` : '',
    ].filter(Boolean);
    return raises.length ? `snap with the light raised more than ${RAISE_FACTOR_NEEDING_APPROVAL}x: ${raises.join(' and ')}` : undefined;
  },
  results: { exposureMs: { about: 'exposure', unit: 'ms' }, powerPercent: { about: 'light power', unit: '%' }, meanCounts: { about: 'mean intensity', unit: 'counts' }, doseJPerCm2: { about: 'light dose', unit: 'J/cm²' }, pixelSizeUm: { about: 'pixel size', unit: 'µm' } },
  description: 'Takes one image with the current (or given) channel, exposure and power and saves it as a TIFF movie artifact. The light is counted in the dose ledger and held to the dose budget. Not while an acquisition is acquiring (pause it first).',
  schema: snapSchema,
  fromRequest: readSnapRequest,
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    const { snapshot, doseJPerCm2, position, notes } = await session.snap(args);
    const { MemoryMovie, writeMovie } = await import('../src/image/index.ts');
    const movie = new MemoryMovie({ t: 1, z: 1, c: 1, y: snapshot.heightPx, x: snapshot.widthPx }, 'uint16', [snapshot.data], {
      channelNames: [snapshot.channel],
      pixelSizeUm: snapshot.pixelSizeUm,
      extra: { exposureMs: snapshot.exposureMs, powerPercent: snapshot.powerPercent, xUm: snapshot.xUm, yUm: snapshot.yUm, zUm: snapshot.zUm, objective: snapshot.objective },
    });
    const path = ctx.outputPath(`snap_${snapshot.channel}.tif`, args.output);
    await writeMovie(path, movie);
    const ref = ctx.addArtifact('movie', path, `snapshot ${snapshot.channel} ${snapshot.exposureMs} ms at (${round(snapshot.xUm)}, ${round(snapshot.yUm)}) µm`);
    let sum = 0;
    for (let i = 0; i < snapshot.data.length; i++) sum += snapshot.data[i];
    return {
      summary: `Snapped ${snapshot.channel} (${snapshot.exposureMs} ms, ${snapshot.powerPercent} %) at ${position}: ${snapshot.widthPx}x${snapshot.heightPx} px at ${snapshot.pixelSizeUm} µm/px, ${round(doseJPerCm2)} J/cm² of light.${notes.length ? ' ' + notes.join('; ') + '.' : ''}`,
      artifacts: [ref],
      values: { channel: snapshot.channel, exposureMs: snapshot.exposureMs, powerPercent: snapshot.powerPercent, meanCounts: round(sum / snapshot.data.length), doseJPerCm2: round(doseJPerCm2), pixelSizeUm: snapshot.pixelSizeUm, notes },
    };
  },
});

// ---------------------------------------------------------------- move_stage

const moveSchema = z.object({
  xUm: z.number().optional().describe('Stage x, µm (absolute, or a change when relative is true)'),
  yUm: z.number().optional().describe('Stage y, µm (absolute, or a change when relative is true)'),
  zUm: z.number().optional().describe('Focus z, µm (absolute, or a change when relative is true)'),
  relative: z.boolean().default(false).describe('Move by the given amounts instead of to them (default false)'),
  objective: z.string().optional().describe('Switch objective: 10X (1.0 µm/px), 20X (0.5 µm/px) or 40X (0.25 µm/px)'),
  position: z.string().optional().describe('Go to one of the acquisition\'s stage positions (running, paused or the last one): its name ("Pos1") or its number in the list ("2" = the second), or "next" / "previous" (after or before the position nearest the stage, round the list). While it images, the stage goes there between its time points and the acquisition takes it back for its next one'),
});

/** Where to: "x=100 y=200", "to (100, 200)", or relative ("by 50 µm to the left"). */
function readMoveRequest(c: RequestClause): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const x = /\bx\s*=?\s*(-?\d+(?:\.\d+)?)/i.exec(c.text);
  const y = /\by\s*=?\s*(-?\d+(?:\.\d+)?)/i.exec(c.text);
  const pair = /\(?\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)?/.exec(c.text);
  if (x) args.xUm = Number(x[1]);
  if (y) args.yUm = Number(y[1]);
  if (!x && !y && pair) [args.xUm, args.yUm] = [Number(pair[1]), Number(pair[2])];
  // ("100 µm to the left", "by 50 um up", "300 microns in x": a move from where the stage is)
  const offset = !x && !y && !pair ? stageOffsetSaid(c.text) : undefined;
  const by = /\bby\s+(-?\d+(?:\.\d+)?)\s*(?:µm|um|microns?)?\b/i.exec(c.text);
  if (offset) {
    if (offset.dxUm !== 0) args.xUm = offset.dxUm;
    if (offset.dyUm !== 0) args.yUm = offset.dyUm;
  } else if (by && !x && !y && !pair) args.xUm = Number(by[1]);
  if (offset || by || /\brelative\b/i.test(c.text)) args.relative = true;
  // the focus and the objective are read from the schema's words afterwards
  if (args.xUm !== undefined || args.yUm !== undefined || /\b(?:z|focus|objective|origin|home)\b|\b\d+\s*x\b/i.test(c.text)) return args;
  // a move with no place read is asked about, never made to somewhere guessed
  const well = /\bwells?\s+([A-P])\s*-?\s*(\d{1,2})\b|\b([A-P])(\d{1,2})\s+well\b/i.exec(c.text);
  if (well) return { $ask: `I do not know where well ${(well[1] ?? well[3]).toUpperCase()}${well[2] ?? well[4]} is: the microscope's configuration has no plate layout. Give the stage position in µm, e.g. "go to x=1000 y=2000".` };
  return { $ask: 'Where should the stage go? Give the position in µm ("go to x=1000 y=2000") or a move ("100 µm to the left").' };
}

const moveStage = defineTool({
  name: 'move_stage',
  carriesOut: ['move'],
  summary: 'Moves the microscope stage to a position or by an offset (µm), or changes the objective.',
  words: ['move the stage', 'stage to', 'stage position', 'go to position', 'move to position', 'objective', 'well', 'origin', 'switch to the 20x', 'switch to the 40x', 'switch to the 10x'],
  examples: ['move the stage to x=100, y=200', 'move by 50 µm left', 'go to position (0, 0)', 'switch to the 40x objective'],
  consumes: [],
  produces: [],
  results: { xUm: { about: 'stage x', unit: 'µm' }, yUm: { about: 'stage y', unit: 'µm' }, zUm: { about: 'focus z', unit: 'µm' }, pixelSizeUm: { about: 'pixel size', unit: 'µm' }, position: { about: 'the acquisition position gone to (its name)' } },
  description: 'Moves the XY stage and/or focus (µm), absolute or relative, and optionally switches objective. Moves outside the stage travel limits are refused. During an acquisition the move applies to its (first) position from the next time point.',
  schema: moveSchema,
  fromRequest: readMoveRequest,
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    if (args.position !== undefined) return goToPosition(session, args.position);
    if (args.xUm === undefined && args.yUm === undefined && args.zUm === undefined && !args.objective) {
      throw new InputError('nothing to move: give xUm, yUm, zUm, objective and/or position');
    }
    if (session.running) {
      const messages: string[] = [];
      if (args.xUm !== undefined || args.yUm !== undefined || args.zUm !== undefined) messages.push(session.adjust({ kind: 'moveStage', xUm: args.xUm, yUm: args.yUm, zUm: args.zUm, relative: args.relative }).message);
      if (args.objective) messages.push(session.adjust({ kind: 'objective', objective: args.objective }).message);
      return { summary: messages.join('; ') + '.', artifacts: [], values: { appliedTo: 'acquisition', messages } };
    }
    const m = session.microscope;
    const s = m.getState();
    const target = {
      xUm: args.xUm === undefined ? s.xUm : args.relative ? s.xUm + args.xUm : args.xUm,
      yUm: args.yUm === undefined ? s.yUm : args.relative ? s.yUm + args.yUm : args.yUm,
      zUm: args.zUm === undefined ? s.zUm : args.relative ? s.zUm + args.zUm : args.zUm,
    };
    const { checkStage } = await import('../src/microscope/limits.ts');
    checkStage(session.limits, target); // refuse before moving any axis
    await m.setXY(target.xUm, target.yUm);
    await m.setZ(target.zUm);
    if (args.objective) await m.setObjective(args.objective);
    const now = m.getState();
    return {
      summary: `Stage at (${round(now.xUm)}, ${round(now.yUm)}) µm, focus ${round(now.zUm)} µm, ${now.objective} objective (${now.pixelSizeUm} µm/px).`,
      artifacts: [],
      values: { xUm: now.xUm, yUm: now.yUm, zUm: now.zUm, objective: now.objective, pixelSizeUm: now.pixelSizeUm },
    };
  },
});

/**
 * The stage to one of the acquisition's positions (by name, or by number in its list). While it runs, only between its
 * time points (the acquisition moves the stage itself for every image, so it takes it back at its next time point); a
 * position the plan does not have, or a time point being imaged, is refused with why.
 */
async function goToPosition(session: MicroscopeSession, position: string): Promise<ToolResult> {
  const acquisition = session.acquisition;
  if (!acquisition) throw new InputError(`there is no acquisition whose position ${position} I could go to: ${session.notRunning() ?? 'none was started'}; give the stage position in µm instead (xUm, yUm)`);
  const status = acquisition.status();
  const names = status.positions.map((p) => p.name);
  const byName = names.findIndex((n) => n.toLowerCase() === position.trim().toLowerCase());
  const stage = session.microscope.getState();
  const nearest = status.positions.reduce((best, p, i) => (Math.hypot(p.xUm - stage.xUm, p.yUm - stage.yUm) < Math.hypot(status.positions[best].xUm - stage.xUm, status.positions[best].yUm - stage.yUm) ? i : best), 0);
  const stepped = /^next$/i.test(position.trim()) ? (nearest + 1) % names.length : /^previous$/i.test(position.trim()) ? (nearest - 1 + names.length) % names.length : undefined;
  const index = stepped ?? (byName >= 0 ? byName : /^\d+$/.test(position.trim()) ? Number(position) - 1 : -1);
  const target = status.positions[index];
  if (!target) throw new InputError(`the acquisition has ${names.length} position${names.length === 1 ? '' : 's'} (${names.join(', ')}): there is no position ${position}; the stage was not moved`);
  if (status.state === 'acquiring' || status.state === 'finishing') {
    throw new InputError(`the acquisition is taking its images now and moves the stage itself, so it was not moved to ${target.name}: ask again between time points, or pause the acquisition first`);
  }
  const { checkStage } = await import('../src/microscope/limits.ts');
  checkStage(session.limits, target);
  const m = session.microscope;
  await m.setXY(target.xUm, target.yUm);
  await m.setZ(target.zUm);
  const now = m.getState();
  const after =
    status.state === 'waiting'
      ? ` The acquisition goes on: it takes the stage back for its next time point in ${formatDuration(Math.round(status.nextTimepointInS))} (pause it to stay here longer).`
      : status.state === 'paused'
        ? ' The acquisition stays paused; resumed, it moves the stage through its positions again.'
        : '';
  return {
    summary: `Stage at ${target.name} (${round(now.xUm)}, ${round(now.yUm)}) µm, focus ${round(now.zUm)} µm.${after}`,
    artifacts: [],
    values: { position: target.name, xUm: now.xUm, yUm: now.yUm, zUm: now.zUm, objective: now.objective, pixelSizeUm: now.pixelSizeUm },
  };
}

// ---------------------------------------------------------------- start_acquisition

const startSchema = z.object({
  plan: sequenceSchema.describe('The acquisition, like useq-schema MDASequence: channels [{config, exposureMs, powerPercent, acquireEvery, doStack}], timePlan {intervalS, loops} | {intervalS, durationS} | {durationS, loops} | {phases}, zPlan {rangeUm, stepUm} | {aboveUm, belowUm, stepUm} | ..., stagePositions [{name, xUm, yUm, zUm}], gridPlan {rows, columns, overlapPercent}, autofocusPlan {everyTimepoints, eachPosition}'),
  objective: z.string().optional().describe('Objective to switch to before starting: 10X, 20X or 40X (default: the current one)'),
  output: outputArg.describe('First output file (.tif); other positions and parts get suffixes next to it. Default: a new file in the session folder'),
  wait: z.boolean().default(false).describe('Wait until the acquisition ends before returning (default false: it runs in the background)'),
});

/** An acquisition is under way when one was started in this conversation. */
function acquisitionStarted(c: RequestClause): boolean {
  return c.earlier.some((r) => r.tool === 'start_acquisition');
}

/** The plan, as the acquisition language reads the words (or its question back). */
function readStartRequest(c: RequestClause): Record<string, unknown> {
  return { output: undefined, ...c.read.acquisition(c.text, acquisitionStarted(c)) };
}

const startAcq = defineTool({
  name: 'start_acquisition',
  role: 'start',
  carriesOut: ['start'],
  summary: 'Starts a time-lapse acquisition (channels, interval, duration, z-stack, positions) on the microscope in the background.',
  words: ['start', 'acquisition', 'acquire', 'image', 'imaging', 'time-lapse', 'timelapse', 'record', 'recording', 'film', 'capture', 'experiment', 'mda', 'every', 'for hours'],
  examples: ['image GFP and DAPI every 5 minutes for 12 hours', 'start a time-lapse of mCherry every 30 s', 'acquire a 10 µm z-stack every 2 minutes'],
  consumes: [],
  produces: ['movie'],
  results: { plannedTimepoints: { about: 'time points planned', unit: '' }, plannedDurationS: { about: 'planned duration', unit: 's' }, plannedDoseJPerCm2: { about: 'planned light dose', unit: 'J/cm²' }, plannedAutofocusDoseJPerCm2: { about: 'planned light dose of the autofocus sweeps', unit: 'J/cm²' } },
  description:
    'Starts a time-lapse acquisition in the background from a plan (useq-like: channels, time plan, z plan, stage positions, grid). Frames stream to an ImageJ hyperstack as they arrive (an abort keeps every frame). Confirmed self-driving rules run with it. Returns the movie and frame-table artifacts, the planned time points, duration and light dose.',
  schema: startSchema,
  fromRequest: readStartRequest,
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    if (session.running) throw new InputError(`an acquisition ("${session.acquisition!.name}") is already running: stop it or wait for it to end first; it goes on unchanged`);
    if (args.objective) await session.microscope.setObjective(args.objective);
    const path = ctx.outputPath('acquisition.tif', args.output);
    const startedAtMs = Date.now(); // the first time point starts at once
    const acquisition = session.start(args.plan, path);
    const { describePlan } = await import('../src/microscope/sequence.ts');
    const understood = describePlan(acquisition.plan);
    const { autofocusSweepS, estimateDurationS, eventsAtTimepoint } = await import('../src/microscope/events.ts');
    const { exposureDose } = await import('../src/microscope/dose.ts');
    const mic = session.microscope.getState();
    const stage = { xUm: mic.xUm, yUm: mic.yUm, zUm: mic.zUm, fieldWidthUm: mic.imageWidthPx * mic.pixelSizeUm, fieldHeightUm: mic.imageHeightPx * mic.pixelSizeUm };
    const timepoints = timeDeltasS(acquisition.plan.timePlan).length;
    const durationS = estimateDurationS(acquisition.plan, stage, mic.exposureMs);
    const status0 = acquisition.status();
    // the light one field gets in one time point (all its channels and planes light the same field)
    const imagingPerTimepoint = eventsAtTimepoint(acquisition.plan, 0, stage).filter((e) => e.index.p === 0 && e.index.g === 0).reduce((sum, e) => {
      const ch = status0.channels.find((c) => c.channel === e.channel)!;
      return sum + exposureDose(session.microscope.config, e.channel, ch.powerPercent ?? 0, ch.exposureMs ?? mic.exposureMs);
    }, 0);
    // the planned autofocus sweeps light the (first) position too: their dose is planned as the runner books it
    const sweep = await import('../src/microscope/autofocus.ts');
    const { resolveChannel } = await import('../src/microscope/config.ts');
    const autofocusDose = plannedAutofocusDose(acquisition.plan, timepoints, status0, session, { defaultExposureMs: mic.exposureMs, planes: sweep.AUTOFOCUS_PLANES, exposureShare: sweep.AUTOFOCUS_EXPOSURE_SHARE, transmitted: (c) => resolveChannel(session.microscope.config, c).transmitted === true, exposureDose });
    const dosePerTimepoint = timepoints > 0 ? imagingPerTimepoint + autofocusDose.doseJPerCm2 / timepoints : imagingPerTimepoint;
    if (args.wait) {
      const onAbort = () => acquisition.stop('cancelled by the user');
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      acquisition.on('timepoint', (e) => ctx.progress(e.t + 1, timepoints, 'time points'));
      await acquisition.done;
      ctx.signal.removeEventListener('abort', onAbort);
    }
    const status = acquisition.status();
    const artifacts = registerFiles(ctx, { ...status, files: status.files.length ? status.files : [{ path, position: 'Pos0', part: 1, channels: status.channels.map((c) => c.channel), zCount: status.zPlanes, timepoints: 0 }] }, true);
    const channels = status.channels.map((c) => `${c.channel} ${c.exposureMs} ms ${c.powerPercent} %`).join(', ');
    const summary = args.wait
      ? `Acquired ${status.timepointsDone} time point(s) (${status.imagesAcquired} images, ${channels}); ${status.stopReason}. Light: ${round(status.dose.totalJPerCm2)} J/cm².`
      : `${startedLine(acquisition.plan, status, startedAtMs, durationS)} About ${round(dosePerTimepoint * timepoints, 3)} J/cm² of light per position${autofocusDose.runs ? ` (${round(autofocusDose.doseJPerCm2, 3)} J/cm² of it for ${counted(autofocusDose.runs, 'autofocus sweep')} of ${sweep.AUTOFOCUS_PLANES} images, about ${round(autofocusSweepS(acquisition.plan, mic.exposureMs), 1)} s each, counted in the time)` : ''}, ${percentOf(dosePerTimepoint * timepoints, session.limits.doseBudgetJPerCm2)} of the ${session.limits.doseBudgetJPerCm2} J/cm² dose budget.${budgetWarning(dosePerTimepoint, timepoints, session.limits.doseBudgetJPerCm2)}`;
    return {
      summary,
      artifacts,
      values: { plannedTimepoints: timepoints, plannedDurationS: round(durationS), plannedDoseJPerCm2: round(dosePerTimepoint * timepoints), plannedAutofocusDoseJPerCm2: round(autofocusDose.doseJPerCm2), understood, plan: acquisition.plan, ...statusValues(status) },
    };
  },
});

// ---------------------------------------------------------------- adjust / pause / resume / stop

const adjustSchema = z.object({
  changes: z.array(adjustmentSchema).min(1).max(20).describe('The changes, applied in order from the next image or time point, e.g. [{kind:"dropChannel", channel:"488"}], [{kind:"interval", intervalS:10}], [{kind:"powerFactor", channel:"488", factor:0.1}] (reduce by 90 %), [{kind:"zPlan", zPlan:{planes:11, stepUm:0.5}}], [{kind:"addChannel", channel:"Brightfield", acquireEvery:3}]. Dropping a channel keeps the acquisition running; stopping it is stop_acquisition'),
  forS: z.number().positive().max(7 * 86400).optional().describe('Make the changes for this long only, s ("for the next 30 min"): then the settings they changed go back to what they were (default: they stay)'),
  inS: z.number().positive().max(7 * 86400).optional().describe('Make the changes this long from now, s ("after 1 hour, halve the frame rate"): until then the run goes on as it is (default: from the next image or time point)'),
  afterTimepoint: z.number().int().min(1).max(100_000).optional().describe('Make the changes once this time point of the run (1-based, counted from its start) is taken ("after frame 40"; "from time point 41" is after 40): until then the run goes on as it is; a time point already taken: from the next one'),
  untilTimepoint: z.number().int().min(1).max(100_000).optional().describe('Set the changes back once this time point of the run (1-based, counted from its start) is taken ("every 30 s until time point 60, then back"): the settings they changed go back to what they were'),
});

/** The changes to the running acquisition, as the acquisition language reads them (or its question back). */
function readAdjustRequest(c: RequestClause): Record<string, unknown> {
  return c.read.acquisition(c.text, true);
}

const adjustAcq = defineTool({
  name: 'adjust_acquisition',
  role: 'change',
  carriesOut: ['change'],
  summary: 'Changes the running acquisition: interval, laser power, exposure, channels, z-stack, zoom.',
  words: ['adjust', 'change the interval', 'speed up', 'slow down', 'image faster', 'image slower', 'laser power', 'exposure', 'add channel', 'drop channel', 'zoom', 'add z-stack', 'twice as often', 'half as often', 'more often', 'less often', 'frame rate', 'extend the acquisition', 'refocus', 'autofocus', 'z planes', 'stage positions'],
  examples: ['image every 10 s from now', 'lower the laser power to 5%', 'drop the DAPI channel', 'add a z-stack', 'slow down to every 5 minutes', 'tack another hour onto the end of the run'],
  consumes: [],
  produces: [],
  results: { intervalS: { about: 'interval between time points', unit: 's' } },
  description:
    'Changes the running acquisition from the next image or time point: interval, duration, exposure and light power (absolute or relative), channels added, dropped or imaged every Nth time point, z-stack, positions, grid, zoom to a cell (stage move + objective), autofocus, pause/resume, or asks how long is left and how much light so far. Each change is reported with the time point (t) it takes effect from, or refused with the reason. Values beyond the limits are clamped or refused with the limit named. Raising power or exposure more than 2x needs a person\'s approval.',
  schema: adjustSchema,
  needsApproval: (args, ctx) => riskyChanges((args.changes ?? []) as Adjustment[], ctx),
  fromRequest: readAdjustRequest,
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    const changes = args.changes as Adjustment[];
    if (!session.running) throw new InputError(`${session.notRunning()}. Nothing was changed: say what to image to start a new acquisition`);
    // a change for a while: what sets it back is worked out before it is made (a change that cannot be set back refuses the whole call)
    const forS = args.forS as number | undefined;
    if (args.inS) return scheduledChanges(session, changes, args.inS as number, forS, ctx);
    // a change from or until a time point by its number: the acquisition counts them, so it makes and sets back the change
    const afterT = args.afterTimepoint as number | undefined;
    const untilT = args.untilTimepoint as number | undefined;
    const passed = afterT !== undefined || untilT !== undefined ? timepointsSaid(session, afterT, untilT) : undefined;
    if (afterT !== undefined && !passed) return timepointChanges(session, changes, afterT, untilT, ctx);
    const undo = forS || untilT ? session.requireAcquisition().undoOf(changes) : [];
    // every change is applied or refused with its reason; a refused one leaves the plan as it was
    const results = changes.map((c) => {
      try {
        return { change: c, applied: true, ...session.adjust(c) };
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return { change: c, applied: false, message: `not done (${describeAdjustment(c)}): ${err.message}`, notes: [] as string[], fromTimepoint: undefined };
      }
    });
    if (results.every((r) => !r.applied)) throw new InputError(results.map((r) => r.message).join('; '));
    if (forS && undo.length) session.requireAcquisition().revertAfter(undo, forS);
    if (untilT && undo.length) session.requireAcquisition().revertAtTimepoint(undo, untilT);
    const status = session.requireAcquisition().status();
    const notes = results.flatMap((r) => r.notes);
    const back = forS && undo.length ? ` For ${formatDuration(forS)}; then back to: ${undo.map(describeAdjustment).join('; ')}.` : untilT && undo.length ? ` Until time point ${untilT}; then back to: ${undo.map(describeAdjustment).join('; ')}.` : '';
    return {
      summary: (passed && passed !== true ? `${passed} ` : '') + results.map((r) => r.message.replace(/\.$/, '')).join('; ') + '.' + back + (notes.length ? ` Limits: ${notes.join('; ')}.` : ''),
      artifacts: registerFiles(ctx, status),
      values: { applied: results.map((r) => ({ kind: r.change.kind, applied: r.applied, message: r.message, fromTimepoint: r.fromTimepoint, notes: r.notes })), ...statusValues(status) },
    };
  },
});

/**
 * Time points said by their number, checked against the run (InputError, nothing changed, when they cannot be kept): undefined
 * when the change waits for `afterT`; a line when `afterT` is already taken (the change is made now, and said so); true when
 * only `untilT` is said (made now, set back then).
 */
function timepointsSaid(session: MicroscopeSession, afterT: number | undefined, untilT: number | undefined): string | true | undefined {
  const status = session.requireAcquisition().status();
  const done = status.timepointsDone;
  // (how many time points the run has left, at its interval now)
  const left = Number.isFinite(status.remainingS) && status.intervalS > 0 ? Math.floor(Math.max(0, status.remainingS - status.nextTimepointInS) / status.intervalS) + 1 : Infinity;
  if (afterT !== undefined && untilT !== undefined && untilT <= afterT) throw new InputError(`the change would start after time point ${afterT} and end at time point ${untilT}, which comes first; nothing was changed`);
  if (untilT !== undefined && untilT <= done) throw new InputError(`time point ${untilT} is already taken (${done} are done), so the change would be set back at once; nothing was changed: say how long it should last ("for the next 20 time points")`);
  if (afterT !== undefined && afterT >= done + left) throw new InputError(`the run ends after about ${done + left} time points (${done} are done), before time point ${afterT}: nothing would change; extend the run first; nothing was changed`);
  if (afterT !== undefined && afterT > done) return undefined;
  return afterT !== undefined ? `Time point ${afterT} is already taken (${done} are done), so the change is made from the next time point.` : true;
}

/** Changes made after a time point by its number ("after frame 40, ..."): checked against the plan now, made by the acquisition then, noted in its log. */
function timepointChanges(session: MicroscopeSession, changes: Adjustment[], afterT: number, untilT: number | undefined, ctx: ToolContext): ToolResult {
  return changesMadeLater(session, changes, ctx, {
    setBack: untilT !== undefined,
    start: (acquisition) => acquisition.applyAtTimepoint(changes, afterT, untilT),
    when: (status) => `After time point ${afterT} (${status.timepointsDone} are done now)`,
    back: untilT ? `, until time point ${untilT} (then set back)` : '',
    at: { afterTimepoint: afterT, ...(untilT ? { untilTimepoint: untilT } : {}) },
  });
}

/** Changes made later ("after 1 hour, ..."): checked against the plan now, made by the acquisition at their time and noted in its log. */
function scheduledChanges(session: MicroscopeSession, changes: Adjustment[], inS: number, forS: number | undefined, ctx: ToolContext): ToolResult {
  return changesMadeLater(session, changes, ctx, {
    setBack: forS !== undefined,
    start: (acquisition) => {
      const remainingS = acquisition.status().remainingS;
      if (Number.isFinite(remainingS) && inS >= remainingS) throw new InputError(`the run ends in ${formatDuration(remainingS)}, before ${formatDuration(inS)} from now: nothing would change; say a shorter time or extend the run first; nothing was changed`);
      acquisition.applyAfter(changes, inS, forS);
    },
    when: () => `In ${formatDuration(inS)} from now`,
    back: forS ? `, for ${formatDuration(forS)} (then set back)` : '',
    at: { inS },
  });
}

/**
 * Changes the acquisition makes later (at a time from now, after a time point): checked against the plan now (and their
 * set-back, when one is asked), started by `later.start`, said in one line; the run's log notes each when it is made.
 */
function changesMadeLater(session: MicroscopeSession, changes: Adjustment[], ctx: ToolContext, later: { setBack: boolean; start: (acquisition: Acquisition) => void; when: (status: AcquisitionStatus) => string; back: string; at: Record<string, number> }): ToolResult {
  const acquisition = session.requireAcquisition();
  acquisition.checkChanges(changes);
  if (later.setBack) acquisition.undoOf(changes);
  later.start(acquisition);
  const status = acquisition.status();
  const what = changes.map(describeAdjustment).join('; ');
  return {
    summary: `${later.when(status)}: ${what}${later.back}. Until then the run goes on as it is; the run's log notes the change when it is made.`,
    artifacts: registerFiles(ctx, status),
    values: { scheduled: changes.map((c) => ({ kind: c.kind, ...later.at, message: describeAdjustment(c) })), ...statusValues(status) },
  };
}

function controlTool(name: string, description: string, kind: 'pause' | 'resume' | 'stop'): ToolSpec {
  const schema =
    kind === 'stop'
      ? z.object({ finishTimepoint: z.boolean().default(false).describe('Finish the current time point first (default false: stop after the current image)') })
      : kind === 'pause'
        ? z.object({ forS: z.number().positive().max(7 * 86400).optional().describe('Resume by itself after this long, s (default: stay paused until resumed)') })
        : z.object({});
  return defineTool({
    name,
    description,
    schema,
    async run(args, ctx) {
      const session = await microscopeSession(ctx);
      const notRunning = session.notRunning();
      if (notRunning) {
        // nothing to stop is what a stop asks for: said, with what ended and when; a pause or resume of nothing is refused
        if (kind === 'stop') return { summary: `Nothing to stop: ${notRunning}.`, artifacts: [], values: { state: session.acquisition ? 'done' : 'none', stopped: false } };
        throw new InputError(`${notRunning}. Nothing to ${kind}: say what to image to start a new acquisition`);
      }
      const acquisition = session.requireAcquisition();
      const finish = kind === 'stop' && (args as { finishTimepoint?: boolean }).finishTimepoint;
      const forS = (args as { forS?: number }).forS;
      const result = kind === 'pause' ? acquisition.adjust({ kind: 'pause', ...(forS ? { forS } : {}) }) : kind === 'resume' ? acquisition.resume() : finish ? acquisition.finish() : acquisition.stop();
      if (kind === 'stop') await acquisition.done;
      const status = acquisition.status();
      return { summary: `${capitalise(result.message)}. ${acquisition.describeStatus('all')}`, artifacts: registerFiles(ctx, status), values: statusValues(status) };
    },
  }) as unknown as ToolSpec;
}

/** "after this time point", "once the current one is done": finish the time point first. */
function readStopRequest(c: RequestClause): Record<string, unknown> {
  return /\bafter (?:this|the current)|\bat the end of\b|\bfinish\w*\b|\bonce (?:this|the current)/i.test(c.text) ? { finishTimepoint: true } : {};
}

const pauseAcq = Object.assign(controlTool('pause_acquisition', 'Pauses the running acquisition after the current image (the microscope is then free for snap); resume_acquisition continues it.', 'pause'), { carriesOut: ['pause'] as MicroscopeCommand[], summary: 'Pauses the running acquisition.', words: ['pause', 'hold on', 'halt', 'wait'], examples: ['pause the acquisition', 'hold on for a moment'], consumes: [], produces: [], results: {} });
const resumeAcq = Object.assign(controlTool('resume_acquisition', 'Resumes a paused acquisition; time points missed while paused are skipped, the plan\'s end time stays.', 'resume'), { carriesOut: ['resume'] as MicroscopeCommand[], summary: 'Resumes a paused acquisition.', words: ['resume', 'continue', 'unpause', 'carry on', 'start again', 'restart', 'where it left off', 'pick up again'], examples: ['resume the acquisition', 'carry on imaging'], consumes: [], produces: [], results: {} });
const stopAcq = Object.assign(controlTool('stop_acquisition', 'Stops the whole running acquisition after the current image (or, with finishTimepoint, after the current time point) and closes its files; every frame so far stays readable. It cannot be undone, so a person approves it. To stop imaging one channel, use adjust_acquisition with dropChannel instead.', 'stop'), {
  // (nothing running: nothing to approve; the tool says what ended and when)
  needsApproval: async (args: Record<string, unknown>, ctx: ToolContext) => (!(await microscopeSession(ctx)).running ? undefined : args.finishTimepoint ? 'end the acquisition after the current time point (it cannot be resumed)' : 'stop the whole acquisition now (it cannot be resumed)'),
  fromRequest: readStopRequest,
  role: 'stop' as const,
  carriesOut: ['stop'] as MicroscopeCommand[],
  summary: 'Stops the running acquisition; every frame so far stays readable.', words: ['stop', 'abort', 'end', 'finish', 'terminate', 'cancel acquisition', 'stop imaging'], examples: ['stop the acquisition', 'stop imaging now', 'finish after this time point'], consumes: [], produces: [], results: {} });

// ---------------------------------------------------------------- rules

const addRuleSchema = z.object({
  rule: ruleSchema.optional().describe('The rule: {trigger:{kind:"division"}, action:{kind:"setInterval", intervalS:30}, holdFrames:10, revert:true}; triggers: division, cellCount, meanIntensity, focusScore, modelScore (with comparison, threshold and a release value for hysteresis); actions: setInterval, addChannel, zoom, autofocus, stop'),
  ruleId: z.string().optional().describe('Id of a rule proposed earlier (to activate it)'),
  confirm: z.boolean().default(false).describe('false (default): only show the rule in words; true: activate it (a person approves this: the model\'s own confirm never counts)'),
});

/** The rule, read from the whole request (its condition and its action may be in different clauses). */
function readRuleRequest(c: RequestClause): Record<string, unknown> {
  return c.read.acquisition(c.request, acquisitionStarted(c));
}

const addRule = defineTool({
  name: 'add_rule',
  role: 'rule',
  carriesOut: ['proposeRule', 'activateRule'],
  summary: 'Adds a self-driving rule to the acquisition: when something happens in the images (a division, a cell count, an intensity), change the imaging.',
  words: ['rule', 'trigger', 'self-driving', 'smart microscopy', 'event-driven', 'whenever', 'as soon as'],
  examples: ['when a cell divides, image every 10 s for 5 minutes', 'if the cell count exceeds 50, stop', 'as soon as the intensity drops below 100, raise the power'],
  consumes: [],
  produces: ['rule'],
  results: {},
  description:
    'Self-driving rule: a trigger computed from incoming frames (a cell divides, number of cells, mean intensity, focus score, a model score; with hysteresis and a minimum number of time points per mode) and an action (change interval, add a channel for a while, zoom, autofocus, stop), held to the dose budget. Without confirm it only shows the rule in words; with confirm: true it activates it, which a person approves first.',
  schema: addRuleSchema,
  needsApproval: async (args, ctx) => {
    if (args.confirm !== true) return undefined;
    const session = await microscopeSession(ctx);
    const rule = typeof args.ruleId === 'string' ? session.pending.get(args.ruleId) : (args.rule as Rule | undefined);
    return `activate a self-driving rule that will change the imaging on its own: ${rule ? describeRule(Object.assign({ id: '', revert: true, minFramesPerMode: 3 }, rule) as Rule) : String(args.ruleId)}`;
  },
  fromRequest: readRuleRequest,
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    const given = args.rule as Omit<Rule, 'id'> | undefined;
    if (args.confirm) {
      let rule: Rule;
      if (args.ruleId && (session.pending.has(args.ruleId) || !given)) rule = session.confirm(args.ruleId);
      else if (given) rule = session.confirm({ id: '', ...given });
      else throw new InputError('which rule? give ruleId (from the proposal) or rule');
      const path = ctx.outputPath(`${rule.id}.rule.json`);
      writeFileSync(path, JSON.stringify({ ...rule, description: describeRule(rule) }, null, 2) + '\n');
      const ref = ctx.addArtifact('rule', path, describeRule(rule));
      return {
        summary: `Rule ${rule.id} is active${session.running ? ' in the running acquisition' : ' for the next acquisition'}: ${describeRule(rule)}`,
        artifacts: [ref],
        values: { ruleId: rule.id, confirmed: true, description: describeRule(rule), rule },
      };
    }
    if (!given) throw new InputError('give the rule: {trigger, action}, e.g. {trigger:{kind:"division"}, action:{kind:"setInterval", intervalS:30}, holdFrames:10}');
    const parsed: Rule = { id: '', ...given };
    if (parsed.trigger.kind === 'modelScore') {
      const { checkModelExists } = await import('../src/microscope/modelScore.ts');
      await checkModelExists(parsed.trigger.model);
    }
    const { rule, description } = session.propose(parsed);
    return {
      summary: `The rule: ${description} It is not active yet: say yes to activate it (you will be asked to confirm).`,
      artifacts: [],
      values: { ruleId: rule.id, confirmed: false, description, rule },
    };
  },
});

const listRules = defineTool({
  name: 'list_rules',
  role: 'list',
  carriesOut: ['listRules'],
  summary: 'Lists the self-driving rules, active and proposed.',
  words: ['rules', 'list rules', 'active rules', 'show rules', 'which rules'],
  examples: ['show the rules', 'which rules are active?', 'list my rules'],
  consumes: [],
  produces: [],
  results: {},
  description: 'Lists the self-driving rules: active ones (with their current mode and how often they fired) and those waiting for confirmation.',
  schema: z.object({}),
  async run(_args, ctx) {
    const session = await microscopeSession(ctx);
    const live = session.running ? session.acquisition!.status().rules : [];
    const active = session.rules.map((r) => ({ ruleId: r.id, description: describeRule(r), mode: live.find((l) => l.id === r.id)?.mode ?? 'idle', triggers: live.find((l) => l.id === r.id)?.triggers ?? 0 }));
    const pending = [...session.pending.values()].map((r) => ({ ruleId: r.id, description: describeRule(r) }));
    const lines = [...active.map((r) => `${r.ruleId} (${r.mode}, fired ${r.triggers}x): ${r.description}`), ...pending.map((r) => `${r.ruleId} (waiting for confirmation): ${r.description}`)];
    return { summary: lines.length ? lines.join(' ') : 'No rules yet.', artifacts: [], values: { active, pending } };
  },
});

/** The rule named ("rule-2"), else the one the words point at as the acquisition language reads them ("that rule", "the division rule"), else a question. */
function readRemoveRuleRequest(c: RequestClause): Record<string, unknown> {
  const id = /\brule[- ]?#?(\d+)\b/i.exec(c.text);
  if (id) return { ruleId: `rule-${id[1]}` };
  const read = c.read.acquisition(c.text, acquisitionStarted(c));
  return typeof read.ruleId === 'string' || '$ask' in read ? read : { $ask: 'Which rule? Say its id, e.g. "remove rule-1" (list them with "show the rules").' };
}

const removeRule = defineTool({
  name: 'remove_rule',
  carriesOut: ['removeRule'],
  summary: 'Removes a self-driving rule.',
  words: ['remove rule', 'delete rule', 'cancel rule', 'disable rule', 'turn off rule', 'drop rule'],
  examples: ['remove rule-1', 'delete the division rule', 'cancel that rule'],
  consumes: [],
  produces: [],
  results: {},
  description: 'Removes a self-driving rule (active or waiting for confirmation) by id; a running acquisition stops applying it at once.',
  schema: z.object({ ruleId: z.string().min(1).describe('The rule id, e.g. "rule-1" (see list_rules)') }),
  needsApproval: (args) => `delete the self-driving rule ${String(args.ruleId)}`,
  fromRequest: readRemoveRuleRequest,
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    const rule = session.removeRule(args.ruleId);
    return { summary: `Removed ${rule.id}.`, artifacts: [], values: { ruleId: rule.id } };
  },
});

// ---------------------------------------------------------------- dose_report

const doseReport = defineTool({
  name: 'dose_report',
  role: 'status',
  carriesOut: ['dose'],
  summary: 'Reports the light dose delivered so far, per channel and position, against the budget (phototoxicity).',
  words: ['dose', 'light dose', 'phototoxicity', 'light budget', 'how much light', 'illumination', 'exposure so far'],
  examples: ['how much light have the cells had?', 'show the dose report', 'are we within the light budget?'],
  consumes: [],
  produces: ['table'],
  results: { totalJPerCm2: { about: 'total light dose', unit: 'J/cm²' }, doseJPerCm2: { about: 'light dose at the position or of the channel asked', unit: 'J/cm²' }, exposures: { about: 'exposures at the position or of the channel asked', unit: '' }, budgetJPerCm2: { about: 'dose budget', unit: 'J/cm²' } },
  description: 'The light-dose ledger of this session: dose (J/cm²), number of exposures and light-on time per position and channel, against the dose budget; written as a CSV table.',
  schema: z.object({
    output: outputArg.describe('Where to write the CSV; default a new file in the session folder'),
    position: z.string().optional().describe('Only this stage position: its name ("Pos1") or its number in the plan\'s list ("2" = the second)'),
    channel: z.string().optional().describe('Only this channel: its name ("Cy5") or its number in the plan ("2" = the second)'),
  }),
  fromRequest: readDoseRequest,
  async run(args, ctx) {
    const session = await microscopeSession(ctx);
    const entries = session.ledger.list();
    if (args.position !== undefined || args.channel !== undefined) return scopedDose(session, args.position, args.channel);
    const path = ctx.outputPath('dose_report.csv', args.output);
    const lines = ['position,channel,exposures,exposure_s,dose_j_per_cm2,budget_fraction'];
    const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    for (const e of entries) lines.push([csv(e.position), csv(e.channel), e.exposures, round(e.exposureS, 6), round(e.doseJPerCm2, 6), round(session.ledger.atPosition(e.position) / session.limits.doseBudgetJPerCm2, 4)].join(','));
    writeFileSync(path, lines.join('\n') + '\n');
    const ref = ctx.addArtifact('table', path, 'light dose per position and channel');
    const worst = session.ledger.maxPosition();
    return {
      summary: entries.length ? doseLine(session.ledger, session.limits.doseBudgetJPerCm2) : 'No light used yet in this session.',
      artifacts: [ref],
      values: { totalJPerCm2: round(session.ledger.total()), byChannel: session.ledger.byChannel(), byPosition: session.ledger.byPosition(), budgetJPerCm2: session.limits.doseBudgetJPerCm2, maxPosition: worst ?? null },
    };
  },
});

/** The position and channel a dose question is about ("how much light did position 2 get?", "the Cy5 dose so far"). */
function readDoseRequest(c: RequestClause): Record<string, unknown> {
  const t = c.text.toLowerCase();
  const ordinals = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  const name = /\bpos\s*(\d+)\b/.exec(t);
  const numbered = /\b(?:position|field|site|xy|fov|point)\s*(?:number\s*|no\.?\s*|#\s*)?(\d+)\b/.exec(t);
  const ordinal = new RegExp(`\\b(${ordinals.join('|')})\\s+(?:stage\\s+)?(?:position|field|site|fov)\\b`).exec(t);
  const position = name ? `Pos${name[1]}` : numbered ? numbered[1] : ordinal ? String(ordinals.indexOf(ordinal[1]) + 1) : undefined;
  // (a channel by its name or number only where the words say one: the wavelengths of a dose question are no channel of the plan)
  const channel = /\b(?:channel|ch)\b/.test(t) || c.read.channels().length > 0 ? c.read.channel() : undefined;
  return { ...(position ? { position } : {}), ...(channel !== undefined ? { channel: String(channel) } : {}) };
}

/** The dose at one position, of one channel, or both: the question's scope, never every position's numbers. */
async function scopedDose(session: MicroscopeSession, position: string | undefined, channel: string | undefined): Promise<ToolResult> {
  const { findChannel } = await import('../src/microscope/config.ts');
  const status = session.acquisition?.status();
  const entries = session.ledger.list();
  const positionNames = status?.positions.map((p) => p.name) ?? [...new Set(entries.map((e) => e.position))];
  const channelNames = status?.channels.map((c) => c.channel) ?? [...new Set(entries.map((e) => e.channel))];
  const pick = (asked: string, names: string[]) => {
    const exact = names.find((n) => n.toLowerCase() === asked.trim().toLowerCase());
    if (exact) return exact;
    const n = /^\s*(\d+)\s*$/.exec(asked);
    return n && Number(n[1]) >= 1 && Number(n[1]) <= names.length ? names[Number(n[1]) - 1] : asked.trim();
  };
  const pos = position !== undefined ? pick(position, positionNames) : undefined;
  // ("GFP" is the FITC preset, "405" the DAPI one: a channel said by a common name is the preset the plan runs)
  const ch = channel !== undefined ? (channelNames.some((n) => n.toLowerCase() === channel.trim().toLowerCase()) || /^\s*\d\s*$/.test(channel) ? pick(channel, channelNames) : findChannel(session.microscope.config, channel)?.name ?? channel.trim()) : undefined;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const chosen = entries.filter((e) => (pos === undefined || same(e.position, pos)) && (ch === undefined || same(e.channel, ch)));
  const said = (asked: string, name: string, noun: string) => (/^\s*\d+\s*$/.test(asked) && asked.trim() !== name ? `${noun} ${asked.trim()} (${name})` : `${noun} ${name}`);
  const scope = [pos !== undefined ? said(position!, pos, 'position') : '', ch !== undefined ? said(channel!, ch, 'channel') : ''].filter(Boolean).join(', ');
  const budget = session.limits.doseBudgetJPerCm2;
  const dose = chosen.reduce((sum, e) => sum + e.doseJPerCm2, 0);
  const exposures = chosen.reduce((n, e) => n + e.exposures, 0);
  // (a position's share of the budget is its peak, overlaps with other fields included, as the budget is kept)
  const share = pos !== undefined && ch === undefined ? session.ledger.atPosition(pos) : dose;
  const known = pos === undefined || positionNames.some((n) => same(n, pos)) ? '' : ` (the positions are ${positionNames.join(', ') || 'none yet'})`;
  const knownChannel = ch === undefined || channelNames.some((n) => same(n, ch)) ? '' : ` (the channels are ${channelNames.join(', ') || 'none yet'})`;
  const summary = chosen.length === 0
    ? `No light has reached ${scope} yet${known}${knownChannel}.`
    : `Light so far at ${scope}: ${round(dose, 3)} J/cm² in ${counted(exposures, 'exposure')}${pos !== undefined ? `, ${percentOf(share, budget)} of the ${budget} J/cm² budget` : ''}.`;
  return { summary, artifacts: [], values: { doseJPerCm2: round(dose), exposures, ...(pos !== undefined ? { position: pos } : {}), ...(ch !== undefined ? { channel: ch } : {}), budgetJPerCm2: budget } };
}

/**
 * The plan as started, in numbers: positions (x tiles) x channels x z planes x time points,
 * the images that makes, the interval and duration, and the clock time of the first and last time point.
 */
function startedLine(plan: Sequence, status: AcquisitionStatus, startedAtMs: number, durationS: number): string {
  const deltas = timeDeltasS(plan.timePlan);
  const lastS = deltas[deltas.length - 1] ?? 0;
  const tiles = plan.gridPlan ? plan.gridPlan.rows * plan.gridPlan.columns : 1;
  const everyS = deltas.length > 1 ? [...new Set(deltas.slice(1).map((d, i) => round(d - deltas[i], 6)))] : [];
  const interval = everyS.length === 1 ? `every ${formatDuration(everyS[0]!)}` : everyS.length > 1 ? `at intervals of ${everyS.slice(0, 3).map((s) => formatDuration(s!)).join(', ')}${everyS.length > 3 ? ', ...' : ''}` : 'once';
  const images = status.positions.length * tiles * status.channels.reduce((n, c) => n + Math.ceil(deltas.length / (c.acquireEvery ?? 1)), 0) * status.zPlanes;
  const parts = [
    `${status.positions.length} position${status.positions.length === 1 ? '' : 's'}${tiles > 1 ? ` (each ${plan.gridPlan!.rows} x ${plan.gridPlan!.columns} tiles)` : ''}`,
    `${status.channels.length} channel${status.channels.length === 1 ? '' : 's'} (${status.channels.map((c) => `${c.channel} ${c.exposureMs} ms ${c.powerPercent} %${(c.acquireEvery ?? 1) > 1 ? ` every ${c.acquireEvery}th` : ''}`).join(', ')})`,
    `${status.zPlanes} z plane${status.zPlanes === 1 ? '' : 's'}`,
    `${deltas.length} time point${deltas.length === 1 ? '' : 's'}`,
  ];
  const span = deltas.length > 1 ? `, ${interval} for ${formatDuration(lastS)}` : '';
  // the autofocus schedule, said (its sweep images are booked in the dose ledger like any other)
  const focus = plan.autofocusPlan ? ` ${capitalise(describeAutofocusPlan(plan.autofocusPlan))}; its z sweeps are short, dim images counted in the light dose.` : '';
  return `Started: ${parts.join(' × ')} = ${images} images${span}. First time point now (${clockAfter(startedAtMs, 0)})${deltas.length > 1 ? `, last at about ${clockAfter(startedAtMs, lastS)}` : ''}; about ${formatDuration(durationS)} in all.${focus}`;
}

/** A share of the budget as a percentage: two significant digits below 1 %. */
function percentOf(value: number, budget: number): string {
  const pct = (100 * value) / budget;
  return `${pct >= 1 ? Math.round(pct * 10) / 10 : +pct.toPrecision(2)} %`;
}

/** The dose in numbers: the total, per channel, and per position against the budget (the most lit position first, at most 6). */
function doseLine(ledger: MicroscopeSession['ledger'], budgetJPerCm2: number): string {
  const entries = ledger.list();
  const exposures = entries.reduce((n, e) => n + e.exposures, 0);
  const channels = Object.entries(ledger.byChannel()).map(([c, v]) => `${c} ${round(v, 3)} J/cm²`);
  const positions = Object.entries(ledger.byPosition()).sort((a, b) => b[1] - a[1]);
  const shown = positions.slice(0, 6).map(([p, v]) => `${p} ${round(v, 3)} J/cm² (${percentOf(v, budgetJPerCm2)})`);
  const more = positions.length > 6 ? ` and ${positions.length - 6} more (all in the table)` : '';
  return `Light so far: ${round(ledger.total(), 3)} J/cm² in ${counted(exposures, 'exposure')} (${round(ledger.totalExposureS(), 3)} s of light). Per channel: ${channels.join(', ')}. Per position, against the ${budgetJPerCm2} J/cm² budget: ${shown.join(', ')}${more}.`;
}

/** Said up front when the plan cannot finish within the dose budget (the ledger will stop it there). */
/**
 * The light the plan's autofocus schedule gives the position it runs at (the first, or each with eachPosition): a sweep of
 * AUTOFOCUS_PLANES images of the first fluorescence channel, at its power and a share of its exposure, before every time
 * point the schedule makes due, as the runner takes them.
 */
function plannedAutofocusDose(plan: Sequence, timepoints: number, status: AcquisitionStatus, session: MicroscopeSession, how: { defaultExposureMs: number; planes: number; exposureShare: number; transmitted: (channel: string) => boolean; exposureDose: (config: MicroscopeSession['microscope']['config'], channel: string, powerPercent: number, exposureMs: number) => number }): { runs: number; doseJPerCm2: number } {
  if (!plan.autofocusPlan) return { runs: 0, doseJPerCm2: 0 };
  let runs = 0;
  for (let t = 0; t < timepoints; t++) if (autofocusDue(plan.autofocusPlan, t)) runs++;
  const channel = (plan.channels.find((c) => !how.transmitted(c.config)) ?? plan.channels[0]).config;
  const ch = status.channels.find((c) => c.channel === channel);
  const exposureMs = Math.max(session.limits.minExposureMs, (ch?.exposureMs ?? how.defaultExposureMs) * how.exposureShare);
  return { runs, doseJPerCm2: runs * how.planes * how.exposureDose(session.microscope.config, channel, ch?.powerPercent ?? 0, exposureMs) };
}

function budgetWarning(dosePerTimepoint: number, timepoints: number, budgetJPerCm2: number): string {
  if (!(dosePerTimepoint > 0) || dosePerTimepoint * timepoints <= budgetJPerCm2) return '';
  return ` Warning: at this light the dose budget is reached at about time point ${Math.floor(budgetJPerCm2 / dosePerTimepoint)} of ${timepoints}, where the run will stop: lower the power or exposure, or image less often.`;
}

/** The clock time a span after a start, with its day when it is not the start's ("10:45:02 tomorrow", "10:45:02 in 2 days"): a time of day alone would read as today. */
export function clockAfter(startedAtMs: number, spanS: number): string {
  const at = new Date(startedAtMs + spanS * 1000);
  const days = Math.round((new Date(at).setHours(0, 0, 0, 0) - new Date(startedAtMs).setHours(0, 0, 0, 0)) / 86_400_000);
  return `${at.toTimeString().slice(0, 8)}${days === 1 ? ' tomorrow' : days > 1 ? ` in ${days} days` : ''}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// every tool of this file runs the microscope (the planner lets the acquisition language read their requests)
// every microscope step is an action or a report whose numbers the person needs: its summary is the answer
export const tools: ToolSpec[] = ([microscopeStatus, snap, moveStage, startAcq, adjustAcq, pauseAcq, resumeAcq, stopAcq, addRule, listRules, removeRule, doseReport] as unknown as ToolSpec[]).map((t) => Object.assign(t, { domain: 'microscope' as const, answersWithSummary: true }));
