// Turning a plan into acquisition events: a pure function, no hardware in sight
// (useq-schema's MDASequence.iter_events). The engine calls eventsAtTimepoint() one time
// point at a time, so that live changes to the plan apply to time points not yet started;
// iterateEvents() expands a whole plan lazily for previews and tests.
import type { Sequence } from './sequence.ts';
import { gridOffsetsUm, timeDeltasS, zPositionsUm } from './sequence.ts';

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

/** All events of a plan, lazily, with the plan's minimum start times. */
export function* iterateEvents(seq: Sequence, stage: StageContext): Generator<AcquisitionEvent> {
  const deltas = timeDeltasS(seq.timePlan);
  for (let t = 0; t < deltas.length; t++) yield* eventsAtTimepoint(seq, t, stage, deltas[t]);
}

/** Planned duration of a plan, s: the last time point's start plus the time its exposures take. */
export function estimateDurationS(seq: Sequence, stage: StageContext, defaultExposureMs = 100, overheadMsPerEvent = 20): number {
  const deltas = timeDeltasS(seq.timePlan);
  const last = eventsAtTimepoint(seq, deltas.length - 1, stage);
  const lastS = last.reduce((s, e) => s + ((e.exposureMs ?? defaultExposureMs) + overheadMsPerEvent) / 1000, 0);
  return deltas[deltas.length - 1] + lastS;
}
