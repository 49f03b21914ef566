// Small simulated microscopes for the microscope tests: a 128x128 or 256x256 sensor keeps
// every frame cheap, so a simulated two-hour acquisition runs in a few seconds.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../src/microscope/config.ts';
import { SimulatedMicroscope, type SimulatedMicroscopeOptions } from '../../src/microscope/simulated.ts';
import { VirtualClock } from '../../src/microscope/clock.ts';

export function smallConfig(sizePx = 128): MicroscopeConfig {
  return { ...DEMO_CONFIG, sensorWidthPx: sizePx, sensorHeightPx: sizePx };
}

export function simulatedScope(options: SimulatedMicroscopeOptions & { sizePx?: number } = {}): { clock: VirtualClock; microscope: SimulatedMicroscope } {
  const clock = new VirtualClock();
  const sizePx = options.sizePx ?? 128;
  const halfFieldUm = (sizePx * 0.5) / 2;
  const microscope = new SimulatedMicroscope({
    seed: 7,
    ...options,
    clock,
    config: options.config ?? smallConfig(sizePx),
    sample: { boundsUm: { x0: -halfFieldUm, y0: -halfFieldUm, x1: halfFieldUm, y1: halfFieldUm }, cells: Math.round((sizePx / 128) ** 2 * 5), ...options.sample },
  });
  return { clock, microscope };
}

export function tempDir(prefix = 'cellpilot-microscope-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Rows of a frames.csv written by the sink. */
export function readFramesTable(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}
