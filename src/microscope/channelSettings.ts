// What each image of a channel gets: the plan's exposure and power, or the microscope's
// settings when the plan leaves them unset, always within the limits; and the channel a
// rule or autofocus looks at by default (the first fluorescence one).
import { lightSourceOf, resolveChannel, type MicroscopeConfig } from './config.ts';
import type { ResolvedEvent } from './engine.ts';
import type { AcquisitionEvent } from './events.ts';
import { checkExposure, checkPower, type Limits } from './limits.ts';
import type { MicroscopeState } from './microscope.ts';
import type { Sequence } from './sequence.ts';

export class ChannelSettings {
  readonly defaultExposureMs: number;
  private readonly defaultPower: Record<string, number>;

  constructor(
    private readonly config: MicroscopeConfig,
    private readonly limits: Limits,
    atStart: MicroscopeState,
  ) {
    this.defaultExposureMs = atStart.exposureMs;
    this.defaultPower = { ...atStart.powerPercent };
  }

  /** Power of a channel's light source when the plan does not set it, %. */
  defaultPowerFor(channel: string): number {
    return this.defaultPower[lightSourceOf(this.config, resolveChannel(this.config, channel)).name] ?? 0;
  }

  /**
   * The event with the live plan's exposure and power (they change from the next image). A
   * channel dropped during the time point is still imaged to its end, with the settings it
   * had (`atTimepointStart`), so a drop takes effect from the next time point, as reported.
   */
  resolve(event: AcquisitionEvent, plan: Sequence, atTimepointStart: Sequence = plan): ResolvedEvent | undefined {
    const spec = plan.channels.find((c) => c.config === event.channel) ?? atTimepointStart.channels.find((c) => c.config === event.channel);
    if (!spec) return undefined;
    const source = lightSourceOf(this.config, resolveChannel(this.config, spec.config)).name;
    const exposureMs = checkExposure(this.limits, spec.exposureMs ?? this.defaultExposureMs).value;
    const powerPercent = checkPower(this.limits, source, spec.powerPercent ?? this.defaultPowerFor(spec.config)).value;
    return { index: event.index, channel: spec.config, exposureMs, powerPercent, positionName: event.positionName, xUm: event.xUm, yUm: event.yUm, zUm: event.zUm };
  }

  /** The channel rules and autofocus watch by default: the plan's first fluorescence channel. */
  triggerChannel(plan: Sequence): string {
    return (plan.channels.find((c) => !resolveChannel(this.config, c.config).transmitted) ?? plan.channels[0]).config;
  }
}
