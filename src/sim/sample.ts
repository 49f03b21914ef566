// The simulated sample: a population of cells in physical coordinates (µm), independent
// of any microscope. `step(dtS)` advances motion (persistent random walk: an
// Ornstein-Uhlenbeck velocity), growth, mitosis and division, and optional death;
// `expose()` bleaches fluorophores with the light dose. The cells migrate at random around
// the dish, with no collective flow: the cells present before and after a step keep their
// mean position, so the stage drift is the only motion they all share (drift.csv is then the
// well-defined truth for drift correction, which assumes exactly this). The renderer (render.ts) turns a
// view of the sample into photons; the camera (camera.ts) turns photons into counts.
import { Rng } from './random.ts';

export type CellPhase = 'interphase' | 'mitosis';

export interface Cell {
  /** Track id (Cell Tracking Challenge label), unique over the whole simulation, from 1. */
  readonly id: number;
  /** Mother's id, 0 for a founder cell. */
  readonly parent: number;
  xUm: number;
  yUm: number;
  zUm: number;
  vxUmPerS: number;
  vyUmPerS: number;
  /** Nucleus semi-axes at birth-size scale; the current size is `radiusUm * sizeScale`. */
  radiusUm: number;
  /** Ratio of the short to the long semi-axis (1 = round). */
  aspect: number;
  angleRad: number;
  ageS: number;
  /** Seconds a cell needs before it may enter mitosis (keeps daughters from dividing at once). */
  minCycleS: number;
  phase: CellPhase;
  /** Seconds spent in mitosis so far. */
  mitosisS: number;
  /** Relative brightness of this nucleus (cell-to-cell variation of the label). */
  brightness: number;
  /** Fraction of unbleached fluorophore per named label, 1 when missing. */
  fluorophore: Record<string, number>;
  /** Smooth random field (TEXTURE_SIZE²) in the cell's own frame: chromatin and nucleoli. */
  texture: Float32Array;
  /** Accumulated light dose in reference-dose units (for phototoxicity hooks). */
  doseTotal: number;
}

export const TEXTURE_SIZE = 16;

/** A cell touching this many others does not divide (contact inhibition). */
const MAX_NEIGHBOURS_TO_DIVIDE = 4;

export interface SampleOptions {
  /** Region the cells live in (reflecting walls), µm. */
  boundsUm: { x0: number; y0: number; x1: number; y1: number; z0?: number; z1?: number };
  /** Founder cells. Default 30. */
  cells?: number;
  /** Nucleus mean radius at birth size, µm. Default 4. */
  nucleusRadiusUm?: number;
  /** RMS speed of the persistent random walk, µm/s. Default 0.5 µm/min. */
  speedUmPerS?: number;
  /** Persistence time of the velocity, s. Default 600. */
  persistenceS?: number;
  /** Rate of entering mitosis per cell, 1/s. Default 0 (no divisions). */
  divisionHazardPerS?: number;
  /** Duration of mitosis (rounding and brightening) before the split, s. Default 1200. */
  mitosisDurationS?: number;
  /** Typical cell cycle, s: sets growth (area doubles over it) and the minimum age to divide (a third of it). Default 1 / hazard, at least 3 mitoses. */
  cycleS?: number;
  /** 0 (cells spread out, barely touch) to 1 (cells seeded in clusters, overlap up to 20%). Default 0.2. */
  crowding?: number;
  /** Multiplies the division hazard of a cell (e.g. slowed by phototoxic dose); default 1. */
  divisionHazardScale?: (cell: Cell) => number;
  /** Death rate of a cell, 1/s (e.g. from its dose); default 0. */
  deathHazardPerS?: (cell: Cell) => number;
}

export interface SampleEvents {
  divisions: { parent: number; daughters: [number, number] }[];
  deaths: number[];
}

export class Sample {
  cells: Cell[] = [];
  timeS = 0;
  private nextId = 1;
  private readonly rng: Rng;
  readonly options: Required<Omit<SampleOptions, 'divisionHazardScale' | 'deathHazardPerS'>> &
    Pick<SampleOptions, 'divisionHazardScale' | 'deathHazardPerS'>;

  constructor(options: SampleOptions, seed: number) {
    const hazard = options.divisionHazardPerS ?? 0;
    const mitosisDurationS = options.mitosisDurationS ?? 1200;
    this.options = {
      boundsUm: { z0: 0, z1: 0, ...options.boundsUm },
      cells: options.cells ?? 30,
      nucleusRadiusUm: options.nucleusRadiusUm ?? 4,
      speedUmPerS: options.speedUmPerS ?? 0.5 / 60,
      persistenceS: options.persistenceS ?? 600,
      divisionHazardPerS: hazard,
      mitosisDurationS,
      cycleS: options.cycleS ?? Math.max(hazard > 0 ? 1 / hazard : 24 * 3600, 3 * mitosisDurationS),
      crowding: options.crowding ?? 0.2,
      divisionHazardScale: options.divisionHazardScale,
      deathHazardPerS: options.deathHazardPerS,
    };
    this.rng = new Rng(seed, 'sample');
    this.seedCells();
  }

  private seedCells(): void {
    const { cells } = this.options;
    for (let i = 0; i < cells; i++) {
      const cell = this.newCell(0, 0, 0, this.rng.range(0.7, 1.3) * this.options.nucleusRadiusUm);
      cell.ageS = this.rng.uniform() * this.options.cycleS * 0.9;
      this.placeFounder(cell);
      this.cells.push(cell);
    }
  }

  /** Uniform placement avoiding overlap, or (with probability `crowding`) next to an existing cell. */
  private placeFounder(cell: Cell): void {
    const b = this.options.boundsUm;
    const r = this.sizeOf(cell);
    let best = { x: 0, y: 0, overlap: Infinity };
    for (let attempt = 0; attempt < 100; attempt++) {
      let x = this.rng.range(b.x0, b.x1);
      let y = this.rng.range(b.y0, b.y1);
      if (this.cells.length > 0 && this.rng.uniform() < this.options.crowding) {
        const other = this.cells[Math.floor(this.rng.uniform() * this.cells.length)];
        const angle = this.rng.range(0, 2 * Math.PI);
        const distance = (this.sizeOf(other) + r) * (1 - 0.1 * this.options.crowding);
        x = Math.min(b.x1, Math.max(b.x0, other.xUm + distance * Math.cos(angle)));
        y = Math.min(b.y1, Math.max(b.y0, other.yUm + distance * Math.sin(angle)));
      }
      const overlap = this.worstOverlap(x, y, r, cell);
      if (overlap < best.overlap) best = { x, y, overlap };
      if (overlap <= 0) break;
    }
    cell.xUm = best.x;
    cell.yUm = best.y;
  }

  private worstOverlap(x: number, y: number, r: number, self: Cell): number {
    let worst = -Infinity;
    for (const other of this.cells) {
      if (other === self) continue;
      const d = Math.hypot(other.xUm - x, other.yUm - y);
      worst = Math.max(worst, this.contactDistance(r, this.sizeOf(other)) - d);
    }
    return worst;
  }

  /** Centre distance below which two nuclei push each other apart. */
  private contactDistance(r1: number, r2: number): number {
    return (r1 + r2) * (1 - 0.2 * this.options.crowding);
  }

  private newCell(x: number, y: number, parent: number, radiusUm: number): Cell {
    const b = this.options.boundsUm;
    const sigma = this.velocitySigma();
    return {
      id: this.nextId++,
      parent,
      xUm: x,
      yUm: y,
      zUm: this.rng.range(b.z0 ?? 0, b.z1 ?? 0),
      vxUmPerS: sigma * this.rng.normal(),
      vyUmPerS: sigma * this.rng.normal(),
      radiusUm,
      aspect: this.rng.range(0.65, 0.95),
      angleRad: this.rng.range(0, Math.PI),
      ageS: 0,
      minCycleS: this.options.cycleS / 3,
      phase: 'interphase',
      mitosisS: 0,
      brightness: Math.exp(0.15 * this.rng.normal()),
      fluorophore: {},
      texture: makeTexture(this.rng),
      doseTotal: 0,
    };
  }

  /** Per-axis standard deviation of the velocity, µm/s. */
  private velocitySigma(): number {
    return this.options.speedUmPerS / Math.SQRT2;
  }

  /** Growth factor of the nucleus radius: area doubles over a cycle; mitotic cells round up and shrink a little. */
  sizeOf(cell: Cell): number {
    const growth = Math.sqrt(1 + Math.min(1, cell.ageS / this.options.cycleS));
    return cell.radiusUm * growth * (1 - 0.15 * this.mitosisProgress(cell));
  }

  /** 0 in interphase, rising to 1 at the split. */
  mitosisProgress(cell: Cell): number {
    return cell.phase === 'mitosis' ? Math.min(1, cell.mitosisS / this.options.mitosisDurationS) : 0;
  }

  /** Semi-axes (µm) and brightness factor of a nucleus now: mitosis rounds and brightens it (condensed chromatin). */
  shapeOf(cell: Cell): { aUm: number; bUm: number; brightness: number; textureContrast: number } {
    const m = this.mitosisProgress(cell);
    const r = this.sizeOf(cell);
    const aspect = cell.aspect + (1 - cell.aspect) * m;
    const a = r / Math.sqrt(aspect);
    return { aUm: a, bUm: a * aspect, brightness: cell.brightness * (1 + 0.8 * m), textureContrast: 1 + 1.5 * m };
  }

  /** Bleaches `fluorophore` in cells for which `where` holds: remaining *= exp(-bleachPerDose * dose). */
  expose(fluorophore: string, dose: number, bleachPerDose: number, where: (cell: Cell) => boolean = () => true): void {
    const keep = Math.exp(-bleachPerDose * dose);
    for (const cell of this.cells) {
      if (!where(cell)) continue;
      cell.fluorophore[fluorophore] = (cell.fluorophore[fluorophore] ?? 1) * keep;
      cell.doseTotal += dose;
    }
  }

  /** Advances the sample by dtS seconds and reports divisions and deaths. */
  step(dtS: number): SampleEvents {
    const events: SampleEvents = { divisions: [], deaths: [] };
    const next: Cell[] = [];
    const before = new Map(this.cells.map((cell) => [cell.id, [cell.xUm, cell.yUm]]));
    this.removeCommonVelocity();
    for (const cell of this.cells) {
      this.move(cell, dtS);
      cell.ageS += dtS;
      if (this.dies(cell, dtS)) {
        events.deaths.push(cell.id);
        continue;
      }
      if (cell.phase === 'interphase' && this.entersMitosis(cell, dtS)) {
        cell.phase = 'mitosis';
        cell.mitosisS = 0;
      } else if (cell.phase === 'mitosis') {
        cell.mitosisS += dtS;
        if (cell.mitosisS >= this.options.mitosisDurationS) {
          const daughters = this.divide(cell);
          events.divisions.push({ parent: cell.id, daughters: [daughters[0].id, daughters[1].id] });
          next.push(...daughters);
          continue;
        }
      }
      next.push(cell);
    }
    this.cells = next;
    this.relax();
    this.removeCommonDisplacement(before);
    this.timeS += dtS;
    return events;
  }

  /**
   * The cells migrate at random around a fixed frame (the dish): the population's mean velocity is taken
   * out, so 20 cells do not share a random collective drift that no drift corrector could tell from the
   * stage's (they all assume the sample has no collective flow).
   */
  private removeCommonVelocity(): void {
    const n = this.cells.length;
    if (n < 2) return;
    let vx = 0;
    let vy = 0;
    for (const cell of this.cells) (vx += cell.vxUmPerS), (vy += cell.vyUmPerS);
    for (const cell of this.cells) (cell.vxUmPerS -= vx / n), (cell.vyUmPerS -= vy / n);
  }

  /**
   * What walls, pushes and mitotic slowing leave of a common displacement is taken out too: over the cells
   * present before and after a step (neither divided nor died) the mean displacement is exactly zero, so the
   * stage drift is the only motion all cells share and a drift estimate has a well-defined truth.
   */
  private removeCommonDisplacement(before: Map<number, number[]>): void {
    let [sx, sy, n] = [0, 0, 0];
    for (const cell of this.cells) {
      const was = before.get(cell.id);
      if (!was) continue;
      sx += cell.xUm - was[0];
      sy += cell.yUm - was[1];
      n++;
    }
    if (n < 2) return;
    for (const cell of this.cells) (cell.xUm -= sx / n), (cell.yUm -= sy / n);
  }

  private move(cell: Cell, dtS: number): void {
    // Ornstein-Uhlenbeck velocity: persistent motion that decorrelates over persistenceS.
    const decay = Math.exp(-dtS / this.options.persistenceS);
    const kick = this.velocitySigma() * Math.sqrt(1 - decay * decay);
    const still = cell.phase === 'mitosis' ? 0.3 : 1;
    cell.vxUmPerS = decay * cell.vxUmPerS + kick * this.rng.normal();
    cell.vyUmPerS = decay * cell.vyUmPerS + kick * this.rng.normal();
    cell.xUm += cell.vxUmPerS * dtS * still;
    cell.yUm += cell.vyUmPerS * dtS * still;
    cell.angleRad += 0.05 * Math.sqrt(dtS / 60) * this.rng.normal();
    this.reflect(cell);
  }

  private reflect(cell: Cell): void {
    const b = this.options.boundsUm;
    if (cell.xUm < b.x0) [cell.xUm, cell.vxUmPerS] = [Math.min(b.x1, 2 * b.x0 - cell.xUm), Math.abs(cell.vxUmPerS)];
    if (cell.xUm > b.x1) [cell.xUm, cell.vxUmPerS] = [Math.max(b.x0, 2 * b.x1 - cell.xUm), -Math.abs(cell.vxUmPerS)];
    if (cell.yUm < b.y0) [cell.yUm, cell.vyUmPerS] = [Math.min(b.y1, 2 * b.y0 - cell.yUm), Math.abs(cell.vyUmPerS)];
    if (cell.yUm > b.y1) [cell.yUm, cell.vyUmPerS] = [Math.max(b.y0, 2 * b.y1 - cell.yUm), -Math.abs(cell.vyUmPerS)];
  }

  private clamp(cell: Cell): void {
    const b = this.options.boundsUm;
    cell.xUm = Math.min(b.x1, Math.max(b.x0, cell.xUm));
    cell.yUm = Math.min(b.y1, Math.max(b.y0, cell.yUm));
  }

  private dies(cell: Cell, dtS: number): boolean {
    const hazard = this.options.deathHazardPerS?.(cell) ?? 0;
    return hazard > 0 && this.rng.uniform() < 1 - Math.exp(-hazard * dtS);
  }

  private entersMitosis(cell: Cell, dtS: number): boolean {
    if (cell.ageS < cell.minCycleS) return false;
    const hazard = this.options.divisionHazardPerS * (this.options.divisionHazardScale?.(cell) ?? 1);
    return hazard > 0 && this.rng.uniform() < 1 - Math.exp(-hazard * dtS) && this.neighbours(cell) < MAX_NEIGHBOURS_TO_DIVIDE;
  }

  /** Cells in contact with this one (contact inhibition of proliferation stops division in a packed crowd). */
  private neighbours(cell: Cell): number {
    const r = this.sizeOf(cell);
    let count = 0;
    for (const other of this.cells) {
      if (other === cell) continue;
      const reach = this.contactDistance(r, this.sizeOf(other)) * 1.15;
      if ((other.xUm - cell.xUm) ** 2 + (other.yUm - cell.yUm) ** 2 < reach * reach) count++;
    }
    return count;
  }

  /** Two daughters of half the mother's area, placed apart along the division axis (perpendicular to the long axis). */
  private divide(mother: Cell): [Cell, Cell] {
    const r = this.sizeOf({ ...mother, ageS: mother.ageS, phase: 'interphase' }) / Math.SQRT2;
    const axis = mother.angleRad + Math.PI / 2 + 0.3 * this.rng.normal();
    const half = r * 1.05;
    const pair = [-1, 1].map((side) => {
      const d = this.newCell(mother.xUm + side * half * Math.cos(axis), mother.yUm + side * half * Math.sin(axis), mother.id, r);
      d.zUm = mother.zUm;
      d.brightness = mother.brightness * Math.exp(0.05 * this.rng.normal());
      d.fluorophore = { ...mother.fluorophore };
      d.doseTotal = mother.doseTotal;
      d.angleRad = axis + Math.PI / 2 + 0.2 * this.rng.normal();
      d.vxUmPerS += side * 0.5 * this.velocitySigma() * Math.cos(axis);
      d.vyUmPerS += side * 0.5 * this.velocitySigma() * Math.sin(axis);
      this.reflect(d);
      return d;
    });
    return [pair[0], pair[1]];
  }

  /** Pushes overlapping nuclei apart (a few relaxation sweeps), so cells touch but never hide each other. */
  private relax(): void {
    const cells = this.cells;
    // Cells held by a wall cannot move, so their neighbours take the whole push over later sweeps.
    for (let sweep = 0; sweep < 12; sweep++) {
      let moved = false;
      for (let i = 0; i < cells.length; i++) {
        const ri = this.sizeOf(cells[i]);
        for (let j = i + 1; j < cells.length; j++) {
          const dx = cells[j].xUm - cells[i].xUm;
          const dy = cells[j].yUm - cells[i].yUm;
          const contact = this.contactDistance(ri, this.sizeOf(cells[j]));
          const d2 = dx * dx + dy * dy;
          if (d2 >= contact * contact) continue;
          const d = Math.sqrt(d2) || 1e-6;
          const push = (contact - d) / 2;
          const ux = d2 > 0 ? dx / d : 1;
          const uy = d2 > 0 ? dy / d : 0;
          cells[i].xUm -= ux * push;
          cells[i].yUm -= uy * push;
          cells[j].xUm += ux * push;
          cells[j].yUm += uy * push;
          this.clamp(cells[i]);
          this.clamp(cells[j]);
          moved = true;
        }
      }
      if (!moved) break;
    }
  }
}

/** A smooth random field for chromatin texture with one to three dark nucleoli, zero mean, roughly unit spread. */
function makeTexture(rng: Rng): Float32Array {
  const n = TEXTURE_SIZE;
  const raw = new Float32Array(n * n);
  for (let i = 0; i < raw.length; i++) raw[i] = rng.normal();
  const smooth = new Float32Array(n * n);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      let sum = 0;
      let weight = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || yy >= n || xx < 0 || xx >= n) continue;
          const w = dx === 0 && dy === 0 ? 2 : 1;
          sum += w * raw[yy * n + xx];
          weight += w;
        }
      smooth[y * n + x] = (sum / weight) * 1.6;
    }
  const nucleoli = 1 + Math.floor(rng.uniform() * 3);
  for (let k = 0; k < nucleoli; k++) {
    const cx = rng.range(0.3, 0.7) * (n - 1);
    const cy = rng.range(0.3, 0.7) * (n - 1);
    const radius = rng.range(1.0, 1.8);
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        const d2 = ((x - cx) ** 2 + (y - cy) ** 2) / (radius * radius);
        smooth[y * n + x] -= 2.2 * Math.exp(-d2);
      }
  }
  return smooth;
}
