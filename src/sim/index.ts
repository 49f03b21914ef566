// The sample simulator: movies of moving, dividing, bleaching nuclei under a drifting
// stage and a noisy camera, with Cell Tracking Challenge ground truth.
export { simulate, Simulation, resolveSimOptions, type SimOptions, type SimResult, type SimFrame, type LineageRow, type ResolvedSimOptions } from './simulate.ts';
export { writeSimulation, simulateToFiles, ctcFrameName, formatManTrack, formatDriftCsv, type SimulationFiles } from './truth.ts';
export { Sample, TEXTURE_SIZE, type Cell, type SampleOptions, type SampleEvents } from './sample.ts';
export { renderNuclei, renderBrightfield, illuminationField, type FieldView, type NucleiRenderOptions, type BrightfieldRenderOptions } from './render.ts';
export { expose, expectedCounts, cameraWithDefaults, peakPhotonsForSnr, type Camera, type CameraOptions } from './camera.ts';
export { driftPath, type DriftRow } from './drift.ts';
export { Rng } from './random.ts';
