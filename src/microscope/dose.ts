// The light-dose ledger: how much light has fallen on each part of the sample. Dose of
// one exposure = irradiance at 100 % × power fraction × exposure time, in J/cm² (W/cm² × s;
// the phototoxicity literature, e.g. Icha et al. 2017, doi:10.1002/bies.201700003, compares
// conditions in these units). Light is booked on the field of view it lit (a rectangle on
// the stage, µm), so fields that overlap add up where they overlap: a move smaller than the
// field does not start a fresh budget. The ledger is the microscope's, not the process's:
// with a file it is re-read before every check and written after every exposure, so
// separate processes on the same session share one budget.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** A lit field on the stage: centre and size, µm. */
export interface Field {
  xUm: number;
  yUm: number;
  widthUm: number;
  heightUm: number;
}

interface FieldRecord extends Field {
  label: string;
  byChannel: Record<string, { exposures: number; doseJPerCm2: number; exposureS: number }>;
}

/** Dose of one exposure, J/cm². */
export function exposureDose(config: MicroscopeConfig, channel: string, powerPercent: number, exposureMs: number): number {
  const preset = findChannel(config, channel);
  if (!preset) return 0;
  const source = lightSourceOf(config, preset);
  return source.irradianceWPerCm2AtFull * (powerPercent / 100) * (exposureMs / 1000);
}

const fieldKey = (f: Field) => [f.xUm, f.yUm, f.widthUm, f.heightUm].map((v) => Math.round(v * 10) / 10).join(',');

export class DoseLedger {
  private fields = new Map<string, FieldRecord>();
  private loadedStamp = '';

  /** `path`: a JSON file shared by every process of the session (none: this process only). */
  constructor(readonly path?: string) {
    this.reload();
  }

  /** The label light on `field` is booked under: the field's own, else `name` (made unique). */
  locate(name: string, field: Field): string {
    this.reload();
    const existing = this.fields.get(fieldKey(field));
    if (existing) return existing.label;
    const taken = new Set([...this.fields.values()].map((f) => f.label));
    return taken.has(name) ? `${name}@x${Math.round(field.xUm)}_y${Math.round(field.yUm)}` : name;
  }

  /** Highest dose at any point of `field`, J/cm², counting every field that overlaps it. */
  peakDose(field: Field): number {
    this.reload();
    return peakOver(field, [...this.fields.values()]);
  }

  /** Why one more exposure of `doseJPerCm2` on `field` would pass the budget, or undefined when it fits. */
  refusal(field: Field, doseJPerCm2: number, budgetJPerCm2: number): string | undefined {
    const already = this.peakDose(field);
    if (already + doseJPerCm2 <= budgetJPerCm2 + 1e-9) return undefined;
    return `this field has had up to ${round3(already)} J/cm² and ${round3(doseJPerCm2)} J/cm² more would pass the ${budgetJPerCm2} J/cm² dose budget: move to a fresh field or lower the power or exposure`;
  }

  /** Books one exposure on `field` under `label` (see locate). */
  record(label: string, field: Field, channel: string, doseJPerCm2: number, exposureMs: number): void {
    this.reload();
    const key = fieldKey(field);
    const rec = this.fields.get(key) ?? { label, ...field, byChannel: {} };
    const c = (rec.byChannel[channel] ??= { exposures: 0, doseJPerCm2: 0, exposureS: 0 });
    c.exposures += 1;
    c.doseJPerCm2 += doseJPerCm2;
    c.exposureS += exposureMs / 1000;
    this.fields.set(key, rec);
    this.save();
  }

  /** All entries, by position then channel. */
  list(): DoseEntry[] {
    this.reload();
    const out: DoseEntry[] = [];
    for (const f of this.fields.values()) for (const [channel, c] of Object.entries(f.byChannel)) out.push({ position: f.label, channel, ...c });
    return out.sort((a, b) => a.position.localeCompare(b.position) || a.channel.localeCompare(b.channel));
  }

  /** Peak dose on the field booked under `label` (overlaps included), J/cm². */
  atPosition(label: string): number {
    this.reload();
    const f = [...this.fields.values()].find((r) => r.label === label);
    return f ? peakOver(f, [...this.fields.values()]) : 0;
  }

  byChannel(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.list()) out[e.channel] = (out[e.channel] ?? 0) + e.doseJPerCm2;
    return out;
  }

  /** Peak dose per field label (overlaps included), J/cm². */
  byPosition(): Record<string, number> {
    this.reload();
    const all = [...this.fields.values()];
    return Object.fromEntries(all.map((f) => [f.label, peakOver(f, all)]));
  }

  total(): number {
    return this.list().reduce((s, e) => s + e.doseJPerCm2, 0);
  }

  totalExposureS(): number {
    return this.list().reduce((s, e) => s + e.exposureS, 0);
  }

  /** The field that has had the most light (overlaps included), and how much. */
  maxPosition(): { position: string; doseJPerCm2: number } | undefined {
    let best: { position: string; doseJPerCm2: number } | undefined;
    for (const [position, dose] of Object.entries(this.byPosition())) if (!best || dose > best.doseJPerCm2) best = { position, doseJPerCm2: dose };
    return best;
  }

  private reload(): void {
    if (!this.path || !existsSync(this.path)) return;
    const stat = statSync(this.path);
    const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (stamp === this.loadedStamp) return;
    try {
      const records = JSON.parse(readFileSync(this.path, 'utf8')).fields as FieldRecord[];
      this.fields = new Map(records.map((r) => [fieldKey(r), r]));
      this.loadedStamp = stamp;
    } catch {
      // a torn or hand-edited file: keep what this process knows (it only ever adds)
    }
  }

  private save(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, fields: [...this.fields.values()] }));
    renameSync(tmp, this.path);
    const stat = statSync(this.path);
    this.loadedStamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  }
}

/** Highest sum of doses at any point of `area` (each record lights its rectangle uniformly). */
function peakOver(area: Field, records: FieldRecord[]): number {
  const box = (f: Field) => ({ x0: f.xUm - f.widthUm / 2, x1: f.xUm + f.widthUm / 2, y0: f.yUm - f.heightUm / 2, y1: f.yUm + f.heightUm / 2 });
  const a = box(area);
  const lit = records
    .map((r) => ({ ...box(r), dose: Object.values(r.byChannel).reduce((s, c) => s + c.doseJPerCm2, 0) }))
    .filter((r) => r.dose > 0 && r.x0 < a.x1 && r.x1 > a.x0 && r.y0 < a.y1 && r.y1 > a.y0);
  if (lit.length === 0) return 0;
  // the sum is constant on each cell of the grid made by the rectangles' edges: test each cell's centre
  const cuts = (lo: number, hi: number, edges: number[]) => [...new Set([lo, hi, ...edges.filter((e) => e > lo && e < hi)])].sort((p, q) => p - q);
  const xs = cuts(a.x0, a.x1, lit.flatMap((r) => [r.x0, r.x1]));
  const ys = cuts(a.y0, a.y1, lit.flatMap((r) => [r.y0, r.y1]));
  let peak = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const x = (xs[i] + xs[i + 1]) / 2;
    for (let j = 0; j + 1 < ys.length; j++) {
      const y = (ys[j] + ys[j + 1]) / 2;
      let sum = 0;
      for (const r of lit) if (x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1) sum += r.dose;
      if (sum > peak) peak = sum;
    }
  }
  return peak;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
