// A Microscope wrapped in its limits: every setter passes through limits.ts, so no
// command, plan or rule can drive the hardware past them, whatever path it takes.
// Clamped values are reported through onNote; refused ones throw a one-line InputError.
import type { Limits } from './limits.ts';
import { checkExposure, checkPower, checkStage } from './limits.ts';
import { resolveLightSource } from './config.ts';
import type { Microscope, MicroscopeState, Roi, Snapshot } from './microscope.ts';

export class GuardedMicroscope implements Microscope {
  constructor(
    readonly inner: Microscope,
    readonly limits: Limits,
    private readonly onNote: (note: string) => void = () => {},
  ) {}

  get config() {
    return this.inner.config;
  }

  getState(): MicroscopeState {
    return this.inner.getState();
  }

  setChannel(preset: string): Promise<void> {
    return this.inner.setChannel(preset);
  }

  async setExposure(exposureMs: number): Promise<void> {
    const checked = checkExposure(this.limits, exposureMs);
    if (checked.note) this.onNote(checked.note);
    await this.inner.setExposure(checked.value);
  }

  setBinning(binning: number): Promise<void> {
    return this.inner.setBinning(binning);
  }

  setRoi(roi: Roi | null): Promise<void> {
    return this.inner.setRoi(roi);
  }

  async setLightPower(source: string, percent: number): Promise<void> {
    const light = resolveLightSource(this.config, source);
    const checked = checkPower(this.limits, light.name, percent);
    if (checked.note) this.onNote(checked.note);
    await this.inner.setLightPower(light.name, checked.value);
  }

  async setXY(xUm: number, yUm: number): Promise<void> {
    checkStage(this.limits, { xUm, yUm });
    await this.inner.setXY(xUm, yUm);
  }

  async setZ(zUm: number): Promise<void> {
    checkStage(this.limits, { zUm });
    await this.inner.setZ(zUm);
  }

  setObjective(name: string): Promise<void> {
    return this.inner.setObjective(name);
  }

  snap(): Promise<Snapshot> {
    return this.inner.snap();
  }
}
