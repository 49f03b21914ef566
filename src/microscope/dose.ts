// The light-dose ledger: how much light each channel has put on each stage position.
// Dose of one exposure = irradiance at 100 % × power fraction × exposure time, in J/cm²
// (W/cm² × s); the phototoxicity literature (e.g. Icha et al. 2017, doi:10.1002/bies.201700003)
// compares conditions in these units.
import type { MicroscopeConfig } from './config.ts';
import { findChannel, lightSourceOf } from './config.ts';

export interface DoseEntry {
  position: string;
  channel: string;
  exposures: number;
  doseJPerCm2: number;
  /** Total light-on time, s. */
  exposureS: number;
}

/** Dose of one exposure, J/cm². */
export function exposureDose(config: MicroscopeConfig, channel: string, powerPercent: number, exposureMs: number): number {
  const preset = findChannel(config, channel);
  if (!preset) return 0;
  const source = lightSourceOf(config, preset);
  return source.irradianceWPerCm2AtFull * (powerPercent / 100) * (exposureMs / 1000);
}

export class DoseLedger {
  private readonly entries = new Map<string, DoseEntry>();
  /** Where each ledger position is on the stage, µm. */
  private readonly locations = new Map<string, { xUm: number; yUm: number }>();

  /**
   * The ledger key for light falling at (xUm, yUm): an existing position within
   * `radiusUm` (the same field, whatever an acquisition calls it), else `name` if it is
   * free, else `name@x<x>_y<y>`. So the budget follows the sample, across snaps and acquisitions.
   */
  locate(name: string, xUm: number, yUm: number, radiusUm: number): string {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const [key, at] of this.locations) {
      const d = Math.hypot(at.xUm - xUm, at.yUm - yUm);
      if (d <= radiusUm && d < bestDistance) [best, bestDistance] = [key, d];
    }
    if (best !== undefined) return best;
    const key = this.locations.has(name) ? `${name}@x${Math.round(xUm)}_y${Math.round(yUm)}` : name;
    this.locations.set(key, { xUm, yUm });
    return key;
  }

  record(position: string, channel: string, doseJPerCm2: number, exposureMs: number): void {
    const key = `${position}\u0000${channel}`;
    const entry = this.entries.get(key) ?? { position, channel, exposures: 0, doseJPerCm2: 0, exposureS: 0 };
    entry.exposures += 1;
    entry.doseJPerCm2 += doseJPerCm2;
    entry.exposureS += exposureMs / 1000;
    this.entries.set(key, entry);
  }

  /** All entries, by position then channel. */
  list(): DoseEntry[] {
    return [...this.entries.values()].map((e) => ({ ...e })).sort((a, b) => a.position.localeCompare(b.position) || a.channel.localeCompare(b.channel));
  }

  atPosition(position: string): number {
    let sum = 0;
    for (const e of this.entries.values()) if (e.position === position) sum += e.doseJPerCm2;
    return sum;
  }

  byChannel(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries.values()) out[e.channel] = (out[e.channel] ?? 0) + e.doseJPerCm2;
    return out;
  }

  byPosition(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries.values()) out[e.position] = (out[e.position] ?? 0) + e.doseJPerCm2;
    return out;
  }

  total(): number {
    let sum = 0;
    for (const e of this.entries.values()) sum += e.doseJPerCm2;
    return sum;
  }

  totalExposureS(): number {
    let sum = 0;
    for (const e of this.entries.values()) sum += e.exposureS;
    return sum;
  }

  /** The position that has had the most light, and how much. */
  maxPosition(): { position: string; doseJPerCm2: number } | undefined {
    const byPosition = this.byPosition();
    let best: { position: string; doseJPerCm2: number } | undefined;
    for (const [position, dose] of Object.entries(byPosition)) if (!best || dose > best.doseJPerCm2) best = { position, doseJPerCm2: dose };
    return best;
  }
}
