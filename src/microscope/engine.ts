// The engine interface, as in pymmcore-plus (MDAEngine): the runner (runner.ts) owns time,
// the event queue, pause/resume/cancel and the signals; an engine only knows how to set up
// and execute one event on its hardware. MicroscopeEngine (microscopeEngine.ts) drives any
// `Microscope` (the simulated one, or a bridge to Micro-Manager); another stand needs only
// another engine, never a change to the runner. test/microscope/engineContract.ts is the
// contract every engine must pass.
import type { Sequence } from './sequence.ts';
import type { Snapshot } from './microscope.ts';

/** One image to take, with every setting resolved from the live plan when it is due. */
export interface ResolvedEvent {
  /** Time point, position, grid field, channel and z plane indices. */
  index: { t: number; p: number; g: number; c: number; z: number };
  /** Channel preset name (resolved: "FITC", not "GFP"). */
  channel: string;
  exposureMs: number;
  powerPercent: number;
  positionName: string;
  xUm: number;
  yUm: number;
  zUm: number;
}

/** What executing an event gave: the image and its light, or why the engine refused to expose. */
export type EventOutcome =
  | { kind: 'frame'; snapshot: Snapshot; doseJPerCm2: number; doseLabel: string }
  | { kind: 'refused'; reason: string };

export interface AcquisitionEngine {
  /** Once, before the first event (objective, hardware sequencing). */
  setupSequence(plan: Sequence): Promise<void>;
  /** Before each event: stage, channel, exposure, light power. */
  setupEvent(event: ResolvedEvent): Promise<void>;
  /** Exposes (when the dose budget allows) and returns the image. */
  execEvent(event: ResolvedEvent): Promise<EventOutcome>;
  /** After each executed event, whatever happened. */
  teardownEvent(event: ResolvedEvent): Promise<void>;
  /** Once, at the end, whatever happened (stop, error, budget). */
  teardownSequence(plan: Sequence): Promise<void>;
  /** Optional: a software autofocus at a position before the next time point; returns the z shift, µm. */
  autofocus?(at: { positionName: string; xUm: number; yUm: number; zUm: number; channel: string; exposureMs: number; powerPercent: number }): Promise<number>;
  /** Optional: switches the objective between time points. */
  setObjective?(name: string): Promise<void>;
}

export { Acquisition, startAcquisition, type AcquisitionOptions, type AcquisitionState, type AcquisitionStatus, type AdjustResult, type FrameEvent, type TimepointEvent } from './acquisition.ts';
