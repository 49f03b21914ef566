// Turning a plan into acquisition events: a pure function, no hardware in sight
// (useq-schema's MDASequence.iter_events). The engine calls eventsAtTimepoint() one time
// point at a time, so that live changes to the plan apply to time points not yet started;
// iterateEvents() expands a whole plan lazily for previews and tests.
import type { Sequence } from './sequence.ts';
import { autofocusDue, gridOffsetsUm, timeDeltasS, zPositionsUm } from './sequence.ts';
import { AUTOFOCUS_EXPOSURE_SHARE, AUTOFOCUS_PLANES } from './autofocus.ts';

export interface EventIndex {
  /** Time point, position, grid field, channel (index into the plan's channels), z plane. */
  t: number;
  p: number;
  g: number;
  c: number;
  z: number;
}

export interface AcquisitionEvent {
  index: EventIndex;
  /** Channel preset as written in the plan. */
  channel: string;
  exposureMs?: number;
  powerPercent?: number;
  positionName: string;
  xUm: number;
  yUm: number;
  zUm: number;
  /** Earliest start, s from the start of the acquisition (the plan's time; the engine may shift it after live changes). */
  minStartTimeS: number;
}

/** Where the microscope is when the plan starts: relative z plans and a missing position list refer to it. */
export interface StageContext {
  xUm: number;
  yUm: number;
  zUm: number;
  /** Field of view at the sample, µm (for grid spacing). */
  fieldWidthUm: number;
  fieldHeightUm: number;
}

export interface ResolvedPosition {
  name: string;
  xUm: number;
  yUm: number;
  zUm: number;
}

export function positionsOf(seq: Sequence, stage: StageContext): ResolvedPosition[] {
  if (!seq.stagePositions || seq.stagePositions.length === 0) return [{ name: 'Pos0', xUm: stage.xUm, yUm: stage.yUm, zUm: stage.zUm }];
  return seq.stagePositions.map((p, i) => ({ name: p.name ?? `Pos${i}`, xUm: p.xUm, yUm: p.yUm, zUm: p.zUm ?? stage.zUm }));
}

/** Names of every field the plan visits: positions, with "_r<row>c<column>" for grid fields. */
export function fieldNames(seq: Sequence, stage: StageContext): string[] {
  const fields = gridOffsetsUm(seq.gridPlan, stage.fieldWidthUm, stage.fieldHeightUm);
  return positionsOf(seq, stage).flatMap((p) => (fields.length > 1 ? fields.map((f) => `${p.name}_r${f.row}c${f.column}`) : [p.name]));
}

/** Number of z planes the plan takes at each position. */
export function zCount(seq: Sequence): number {
  return zPositionsUm(seq.zPlan).positionsUm.length;
}

/** Events of time point `t` (all positions, fields, channels, planes) in the plan's axis order. */
export function eventsAtTimepoint(seq: Sequence, t: number, stage: StageContext, minStartTimeS = 0): AcquisitionEvent[] {
  const events: AcquisitionEvent[] = [];
  const { positionsUm, absolute } = zPositionsUm(seq.zPlan);
  const middle = Math.floor(positionsUm.length / 2); // useq: len(z_plan) // 2
  const fields = gridOffsetsUm(seq.gridPlan, stage.fieldWidthUm, stage.fieldHeightUm);
  positionsOf(seq, stage).forEach((position, p) => {
    fields.forEach((field, g) => {
      const push = (c: number, zi: number) => {
        const channel = seq.channels[c];
        if (t % channel.acquireEvery !== 0) return;
        if (!channel.doStack && zi !== middle) return;
        const zUm = (absolute ? positionsUm[zi] : position.zUm + positionsUm[zi]) + channel.zOffsetUm;
        events.push({
          index: { t, p, g, c, z: zi },
          channel: channel.config,
          exposureMs: channel.exposureMs,
          powerPercent: channel.powerPercent,
          positionName: fields.length > 1 ? `${position.name}_r${field.row}c${field.column}` : position.name,
          xUm: position.xUm + field.dxUm,
          yUm: position.yUm + field.dyUm,
          zUm,
          minStartTimeS,
        });
      };
      if (seq.axisOrder === 'tpgzc') {
        for (let zi = 0; zi < positionsUm.length; zi++) for (let c = 0; c < seq.channels.length; c++) push(c, zi);
      } else {
        for (let c = 0; c < seq.channels.length; c++) for (let zi = 0; zi < positionsUm.length; zi++) push(c, zi);
      }
    });
  });
  return events;
}

/** Exposure a channel gets when neither the plan nor the camera says one (the demo camera's), ms. */
export const DEFAULT_EXPOSURE_MS = 100;
/** Time each image takes beyond its exposure (readout, switching), ms, as the estimates count it. */
export const IMAGE_OVERHEAD_MS = 20;

/**
 * One whole time point (every position, field, channel and plane of time point 0, where every channel is imaged):
 * its images and the time they take with their exposures, s; the shortest interval the plan can keep.
 */
export function timepointImaging(seq: Sequence, stage: StageContext, defaultExposureMs = DEFAULT_EXPOSURE_MS, overheadMs = IMAGE_OVERHEAD_MS): { images: number; seconds: number } {
  const events = eventsAtTimepoint(seq, 0, stage);
  return { images: events.length, seconds: events.reduce((s, e) => s + ((e.exposureMs ?? defaultExposureMs) + overheadMs) / 1000, 0) };
}

/** All events of a plan, lazily, with the plan's minimum start times. */
export function* iterateEvents(seq: Sequence, stage: StageContext): Generator<AcquisitionEvent> {
  const deltas = timeDeltasS(seq.timePlan);
  for (let t = 0; t < deltas.length; t++) yield* eventsAtTimepoint(seq, t, stage, deltas[t]);
}

/** Planned duration of a plan, s: the last time point's start plus the time its exposures take. */
export function estimateDurationS(seq: Sequence, stage: StageContext, defaultExposureMs = DEFAULT_EXPOSURE_MS, overheadMsPerEvent = IMAGE_OVERHEAD_MS): number {
  const deltas = timeDeltasS(seq.timePlan);
  const imagingS = (t: number) => eventsAtTimepoint(seq, t, stage).reduce((s, e) => s + ((e.exposureMs ?? defaultExposureMs) + overheadMsPerEvent) / 1000, 0);
  if (!seq.autofocusPlan) return deltas[deltas.length - 1] + imagingS(deltas.length - 1);
  // the autofocus sweeps the schedule makes due run before their time points: a time point starts when it is
  // due or when the one before it (sweep and images) is done, whichever is later
  const sweepS = autofocusSweepS(seq, defaultExposureMs, overheadMsPerEvent) * (seq.autofocusPlan.eachPosition ? Math.max(1, seq.stagePositions?.length ?? 1) : 1);
  const lastImagingS = imagingS(deltas.length - 1);
  let end = 0;
  for (let t = 0; t < deltas.length; t++) {
    const work = (deltas.length <= EVENTS_COUNTED_EACH ? imagingS(t) : lastImagingS) + (autofocusDue(seq.autofocusPlan, t) ? sweepS : 0);
    end = Math.max(deltas[t], end) + work;
  }
  return end;
}

/** Time points up to which each one's images are counted; past it, every time point takes as long as the last. */
const EVENTS_COUNTED_EACH = 20_000;

/**
 * One autofocus sweep, s: AUTOFOCUS_PLANES short images (AUTOFOCUS_EXPOSURE_SHARE of the exposure of the
 * plan's first channel), each with the per-image overhead.
 */
export function autofocusSweepS(seq: Sequence, defaultExposureMs = 100, overheadMsPerEvent = 20): number {
  const exposureMs = (seq.channels[0]?.exposureMs ?? defaultExposureMs) * AUTOFOCUS_EXPOSURE_SHARE;
  return (AUTOFOCUS_PLANES * (exposureMs + overheadMsPerEvent)) / 1000;
}
