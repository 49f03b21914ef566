// Run by crash.test.ts in a child process that is killed mid-acquisition (SIGKILL): the
// file on disk must still open with every complete time point.
import { RealClock } from '../../src/microscope/clock.ts';
import { startAcquisition } from '../../src/microscope/engine.ts';
import { SimulatedMicroscope } from '../../src/microscope/simulated.ts';
import { smallConfig } from './fixtures.ts';

const outputPath = process.argv[2];
const clock = new RealClock();
const microscope = new SimulatedMicroscope({ clock, seed: 2, config: smallConfig(64), sample: { boundsUm: { x0: -16, y0: -16, x1: 16, y1: 16 }, cells: 2 }, readoutMs: 1 });
const acquisition = startAcquisition({ channels: [{ config: 'GFP', exposureMs: 2 }, { config: 'DAPI', exposureMs: 2 }], timePlan: { intervalS: 0.05, loops: 100000 } }, { microscope, clock, outputPath });
acquisition.on('timepoint', (e) => process.stdout.write(`timepoint ${e.t}\n`));
