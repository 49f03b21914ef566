// Applying a live change to an acquisition plan: a pure function (the plan in, a new plan
// and what happened out), so a person's command, a rule and a dry run ("what would this
// do?") all go through the same checks. Timing and run control (interval, pause, stop)
// belong to the runner; this file changes what each time point acquires.
import { InputError } from '../errors.ts';
import { toZPlan, type Adjustment } from './adjustment.ts';
import { lightSourceOf, resolveChannel, resolveObjective, type MicroscopeConfig } from './config.ts';
import { positionsOf, type StageContext } from './events.ts';
import { checkExposure, checkPower, checkStage, type Limits } from './limits.ts';
import { segmentNuclei } from './measures.ts';
import type { Snapshot } from './microscope.ts';
import { zPlaneCount, zPositionsUm, type ChannelSpec, type Sequence } from './sequence.ts';

export interface PlanEnv {
  config: MicroscopeConfig;
  limits: Limits;
  stage: StageContext;
  /** Exposure (ms) and power (%) a channel gets when the plan leaves them unset. */
  defaultExposureMs: number;
  defaultPowerPercent(channel: string): number;
  /** The objective in use (or already asked for). */
  objective: string;
  latestImage?(position: string): Snapshot | undefined;
}

export interface PlanEdit {
  plan: Sequence;
  /** What was done, in one sentence. */
  message: string;
  /** Limits that clamped a value. */
  notes: string[];
  /** An objective to switch to before the next time point. */
  objective?: string;
}

export type PlanAdjustment = Extract<Adjustment, { kind: 'exposure' | 'exposureFactor' | 'power' | 'powerFactor' | 'addChannel' | 'dropChannel' | 'onlyChannels' | 'acquireEvery' | 'channelZOffset' | 'channelStack' | 'axisOrder' | 'zPlan' | 'positions' | 'addPosition' | 'dropPosition' | 'grid' | 'moveStage' | 'zoom' | 'objective' }>;

const PLAN_KINDS = new Set<string>(['exposure', 'exposureFactor', 'power', 'powerFactor', 'addChannel', 'dropChannel', 'onlyChannels', 'acquireEvery', 'channelZOffset', 'channelStack', 'axisOrder', 'zPlan', 'positions', 'addPosition', 'dropPosition', 'grid', 'moveStage', 'zoom', 'objective']);

export function changesPlan(adj: Adjustment): adj is PlanAdjustment {
  return PLAN_KINDS.has(adj.kind);
}

/** The plan after `adj`, never touching `plan` itself; InputError (one line) when a value is refused. */
export function applyAdjustment(plan: Sequence, adj: PlanAdjustment, env: PlanEnv): PlanEdit {
  const next: Sequence = structuredClone(plan);
  const notes: string[] = [];
  const note = (n: string | undefined) => n && notes.push(n);
  const done = (message: string, objective?: string): PlanEdit => ({ plan: next, message, notes, ...(objective ? { objective } : {}) });
  switch (adj.kind) {
    case 'exposure':
    case 'exposureFactor': {
      const specs = channelsFor(next, adj.channel, env);
      for (const spec of specs) {
        const current = spec.exposureMs ?? env.defaultExposureMs;
        const checked = checkExposure(env.limits, adj.kind === 'exposure' ? adj.exposureMs : current * adj.factor);
        note(checked.note);
        spec.exposureMs = round(checked.value);
      }
      return done(`${specs.map((s) => `${s.config} exposure ${s.exposureMs} ms`).join(', ')} from the next image`);
    }
    case 'power':
    case 'powerFactor': {
      const specs = channelsFor(next, adj.channel, env);
      for (const spec of specs) {
        const source = lightSourceOf(env.config, resolveChannel(env.config, spec.config)).name;
        const current = spec.powerPercent ?? env.defaultPowerPercent(spec.config);
        const checked = checkPower(env.limits, source, adj.kind === 'power' ? adj.powerPercent : current * adj.factor);
        note(checked.note);
        spec.powerPercent = round(checked.value);
      }
      return done(`${specs.map((s) => `${s.config} light power ${s.powerPercent} %`).join(', ')} from the next image`);
    }
    case 'addChannel': {
      const preset = resolveChannel(env.config, adj.channel);
      const exposure = adj.exposureMs !== undefined ? checkExposure(env.limits, adj.exposureMs) : undefined;
      const power = adj.powerPercent !== undefined ? checkPower(env.limits, preset.lightSource, adj.powerPercent) : undefined;
      note(exposure?.note);
      note(power?.note);
      const existing = next.channels.find((c) => c.config === preset.name);
      if (existing) {
        if (exposure) existing.exposureMs = exposure.value;
        if (power) existing.powerPercent = power.value;
        if (adj.acquireEvery) existing.acquireEvery = adj.acquireEvery;
        return done(`${preset.name} is already imaged${exposure ? `; exposure now ${exposure.value} ms` : ''}${adj.acquireEvery ? `; every ${ordinal(adj.acquireEvery)} time point` : ''}`);
      }
      if (next.channels.length >= 20) throw new InputError('an acquisition may have at most 20 channels');
      next.channels.push({ config: preset.name, exposureMs: exposure?.value, powerPercent: power?.value, acquireEvery: adj.acquireEvery ?? 1, doStack: true, zOffsetUm: 0 });
      return done(`${preset.name} added from the next time point${adj.acquireEvery && adj.acquireEvery > 1 ? `, every ${ordinal(adj.acquireEvery)} time point` : ''}`);
    }
    case 'dropChannel': {
      const preset = channelPreset(next, adj.channel, env);
      const i = next.channels.findIndex((c) => c.config === preset.name);
      if (i < 0) throw new InputError(`${preset.name} is not being imaged (channels: ${next.channels.map((c) => c.config).join(', ')}): nothing to drop`);
      if (next.channels.length === 1) throw new InputError(`cannot drop ${preset.name}: it is the only channel; to end the acquisition, ask to stop it (a person confirms that)`);
      next.channels.splice(i, 1);
      return done(`${preset.name} dropped from the next time point; ${next.channels.map((c) => c.config).join(', ')} go on`);
    }
    case 'onlyChannels': {
      const wanted = [...new Set(adj.channels.map((c) => channelPreset(next, c, env).name))];
      const dropped = next.channels.filter((c) => !wanted.includes(c.config)).map((c) => c.config);
      const added = wanted.filter((w) => !next.channels.some((c) => c.config === w));
      next.channels = wanted.map((w) => next.channels.find((c) => c.config === w) ?? { config: w, acquireEvery: 1, doStack: true, zOffsetUm: 0 });
      return done(`only ${wanted.join(' and ')} from the next time point${dropped.length ? `; ${dropped.join(' and ')} dropped` : ''}${added.length ? `; ${added.join(' and ')} added` : ''}`);
    }
    case 'acquireEvery': {
      for (const spec of channelsFor(next, adj.channel, env)) spec.acquireEvery = adj.every;
      return done(`${channelPreset(next, adj.channel, env).name} every ${ordinal(adj.every)} time point from the next one`);
    }
    case 'channelZOffset': {
      const spec = channelsFor(next, adj.channel, env)[0];
      // the offset plane must stay within the stage's z range at every position
      for (const p of positionsOf(next, env.stage)) checkStage(env.limits, { zUm: (p.zUm ?? env.stage.zUm) + adj.zOffsetUm });
      spec.zOffsetUm = adj.zOffsetUm;
      return done(`${spec.config} focused ${adj.zOffsetUm} µm from the plan's focus from the next image`);
    }
    case 'channelStack': {
      const spec = channelsFor(next, adj.channel, env)[0];
      spec.doStack = adj.doStack;
      const stack = next.zPlan ? '' : ' (the plan has no z-stack now: this holds when one is added)';
      return done(`${spec.config} ${adj.doStack ? 'with the whole z-stack' : 'at the middle plane only'} from the next time point${stack}`);
    }
    case 'axisOrder': {
      next.axisOrder = adj.axisOrder;
      return done(`${adj.axisOrder === 'tpgzc' ? 'every channel at each plane, then the next plane' : 'the whole z-stack of each channel, then the next channel'} from the next time point`);
    }
    case 'zPlan': {
      if (!adj.zPlan) {
        next.zPlan = undefined;
        return done('single plane from the next time point');
      }
      const zPlan = toZPlan(adj.zPlan);
      const planes = zPlaneCount(zPlan); // counted before listing: a huge stack is refused without allocating it
      if (planes > 500) throw new InputError(`a z-stack of ${planes} planes is refused: the limit is 500; use a larger step`);
      const { positionsUm, absolute } = zPositionsUm(zPlan);
      for (const p of positionsOf(next, env.stage)) for (const dz of [positionsUm[0], positionsUm[positionsUm.length - 1]]) checkStage(env.limits, { zUm: absolute ? dz : p.zUm + dz });
      next.zPlan = zPlan;
      return done(`z-stack of ${planes} planes, ${'stepUm' in zPlan ? `${zPlan.stepUm} µm apart, ` : ''}from the next time point`);
    }
    case 'positions': {
      for (const p of adj.positions) checkStage(env.limits, p);
      next.stagePositions = adj.positions.map((p, i) => ({ ...p, name: p.name ?? `Pos${i}`, zUm: p.zUm ?? env.stage.zUm }));
      return done(`${adj.positions.length} position(s) from the next time point: ${next.stagePositions.map((p) => `${p.name} (${round(p.xUm)}, ${round(p.yUm)}) µm`).join(', ')}`);
    }
    case 'addPosition': {
      const offset = adj.dxUm !== undefined || adj.dyUm !== undefined;
      if (offset && (adj.xUm !== undefined || adj.yUm !== undefined)) throw new InputError('a position is given by x and y or by an offset from the last one (dxUm, dyUm), not both; nothing was changed');
      if ((adj.xUm === undefined) !== (adj.yUm === undefined)) throw new InputError('a position needs both x and y (or neither, for where the stage is now); nothing was changed');
      const here = !offset && (adj.xUm === undefined || adj.yUm === undefined);
      // ("a position 200 µm to the right": from the run's last position, the place a person has in mind)
      const last = positionsOf(next, env.stage).at(-1) ?? env.stage;
      const target = offset
        ? { xUm: last.xUm + (adj.dxUm ?? 0), yUm: last.yUm + (adj.dyUm ?? 0), zUm: adj.zUm ?? last.zUm ?? env.stage.zUm }
        : { xUm: adj.xUm ?? env.stage.xUm, yUm: adj.yUm ?? env.stage.yUm, zUm: adj.zUm ?? env.stage.zUm };
      checkStage(env.limits, target);
      next.stagePositions = positionsOf(next, env.stage).map((p) => ({ ...p }));
      // ("add the current position" while the run has just moved the stage to one of its own positions: that one, not a new place)
      const same = here ? next.stagePositions.find((p) => Math.hypot(p.xUm - target.xUm, p.yUm - target.yUm) < 1) : undefined;
      if (same) throw new InputError(`the stage is at ${same.name} (${round(same.xUm)}, ${round(same.yUm)}) µm now, one of the run's own positions: move it to the new place first ("move the stage 500 µm right") or say the coordinates ("add a position at (1500, -300)"); nothing was changed`);
      if (next.stagePositions.length >= 1000) throw new InputError('an acquisition may have at most 1000 positions');
      const taken = new Set(next.stagePositions.map((p) => p.name));
      let n = next.stagePositions.length;
      while (taken.has(`Pos${n}`)) n++;
      next.stagePositions.push({ name: `Pos${n}`, ...target });
      return done(`Pos${n} at (${round(target.xUm)}, ${round(target.yUm)}) µm added from the next time point; ${next.stagePositions.length} positions`);
    }
    case 'dropPosition': {
      next.stagePositions = positionsOf(next, env.stage).map((p) => ({ ...p }));
      const i = positionIndex(next.stagePositions.map((p) => p.name!), adj.position);
      if (next.stagePositions.length === 1) throw new InputError(`cannot drop ${next.stagePositions[0].name}: it is the only position; to end the acquisition, ask to stop it (a person confirms that)`);
      const [gone] = next.stagePositions.splice(i, 1);
      return done(`${gone.name} dropped from the next time point; ${next.stagePositions.map((p) => p.name).join(', ')} go on`);
    }
    case 'grid': {
      next.gridPlan = adj.grid ?? undefined;
      return done(adj.grid ? `each position tiled ${adj.grid.rows} x ${adj.grid.columns} from the next time point` : 'no grid from the next time point');
    }
    case 'moveStage': {
      next.stagePositions = positionsOf(next, env.stage).map((p) => ({ ...p }));
      // ("move position 2 by 50 µm to the right": the position named, else the first)
      const p = next.stagePositions[adj.position === undefined ? 0 : positionIndex(next.stagePositions.map((q) => q.name!), adj.position)];
      const target = {
        xUm: adj.xUm === undefined ? p.xUm : adj.relative ? p.xUm + adj.xUm : adj.xUm,
        yUm: adj.yUm === undefined ? p.yUm : adj.relative ? p.yUm + adj.yUm : adj.yUm,
        zUm: adj.zUm === undefined ? p.zUm : adj.relative ? (p.zUm ?? 0) + adj.zUm : adj.zUm,
      };
      checkStage(env.limits, target);
      Object.assign(p, target);
      return done(`${p.name} moved to (${round(target.xUm)}, ${round(target.yUm)}) µm from the next time point`);
    }
    case 'objective': {
      const objective = resolveObjective(env.config, adj.objective).name;
      return done(`switching to the ${objective} objective at the next time point`, objective);
    }
    case 'zoom':
      return zoom(next, adj, env, notes);
  }
}

function zoom(next: Sequence, adj: Extract<Adjustment, { kind: 'zoom' }>, env: PlanEnv, notes: string[]): PlanEdit {
  next.stagePositions = positionsOf(next, env.stage).map((p) => ({ ...p }));
  // (a position by its name or its number, as dropPosition takes it; none named: the first)
  const position = adj.position === undefined ? next.stagePositions[0] : next.stagePositions[positionIndex(next.stagePositions.map((p) => p.name!), adj.position)];
  const snapshot = env.latestImage?.(position.name!);
  let xPx = adj.xPx;
  let yPx = adj.yPx;
  let what = xPx !== undefined ? `pixel (${Math.round(xPx)}, ${Math.round(yPx ?? 0)})` : 'the centre';
  if (adj.cell !== undefined) {
    if (!snapshot) throw new InputError(`no image of ${position.name} yet: cells are numbered from the latest image`);
    const nuclei = segmentNuclei(snapshot.data, snapshot.widthPx, snapshot.heightPx, snapshot.pixelSizeUm).nuclei;
    const chosen = nuclei[adj.cell - 1];
    if (!chosen) throw new InputError(`there is no cell ${adj.cell}: the latest ${snapshot.channel} image of ${position.name} has ${nuclei.length} cells (numbered 1 to ${nuclei.length})`);
    [xPx, yPx, what] = [chosen.xPx, chosen.yPx, `cell ${adj.cell}`];
  }
  const widthPx = snapshot?.widthPx ?? env.stage.fieldWidthUm;
  const heightPx = snapshot?.heightPx ?? env.stage.fieldHeightUm;
  const pixelSizeUm = snapshot?.pixelSizeUm ?? 1;
  const dxUm = xPx === undefined ? 0 : (xPx - (widthPx - 1) / 2) * pixelSizeUm;
  const dyUm = yPx === undefined ? 0 : ((yPx ?? 0) - (heightPx - 1) / 2) * pixelSizeUm;
  const target = { xUm: position.xUm + dxUm, yUm: position.yUm + dyUm };
  checkStage(env.limits, target);
  const objectives = [...env.config.objectives].sort((a, b) => a.magnification - b.magnification);
  const current = objectives.findIndex((o) => o.name === env.objective);
  const objective = adj.objective ? resolveObjective(env.config, adj.objective) : objectives[Math.min(objectives.length - 1, current + 1)];
  position.xUm = target.xUm;
  position.yUm = target.yUm;
  return { plan: next, notes, objective: objective.name, message: `zooming on ${what}: stage moved by (${round(dxUm)}, ${round(dyUm)}) µm, ${objective.name} objective (${objective.pixelSizeUm} µm/px) from the next time point` };
}

/** A channel by preset, wavelength or dye, or by its number in the plan ("2", "channel 2": 1-based, as tool arguments are). */
function channelPreset(plan: Sequence, channel: string, env: PlanEnv): ReturnType<typeof resolveChannel> {
  // one or two digits: a number in the plan (at most 20 channels); three are a wavelength ("488")
  const numbered = /^\s*(?:channel|ch|c)?\s*#?\s*(\d{1,2})\s*$/i.exec(channel);
  if (numbered) {
    const spec = plan.channels[Number(numbered[1]) - 1];
    if (!spec) throw new InputError(`there is no channel ${numbered[1]}: the plan images ${plan.channels.map((c, i) => `${i + 1} = ${c.config}`).join(', ')}`);
    return resolveChannel(env.config, spec.config);
  }
  return resolveChannel(env.config, channel);
}

/** A position by its name ("Pos1", "pos 1") or its number in the list ("2" = the second), as an index; InputError naming the positions otherwise. */
function positionIndex(names: string[], position: string): number {
  const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const byName = names.findIndex((n) => key(n) === key(position));
  if (byName >= 0) return byName;
  // ("pos 3" with Pos0-Pos2: no name, so the third, as people count)
  const numbered = /^\s*(?:position|pos|field|site)?\s*#?\s*(\d+)\s*$/i.exec(position);
  if (numbered && Number(numbered[1]) >= 1 && Number(numbered[1]) <= names.length) return Number(numbered[1]) - 1;
  throw new InputError(`there is no position "${position}": the plan images ${names.map((n, i) => `${i + 1} = ${n}`).join(', ')}`);
}

function channelsFor(plan: Sequence, channel: string | undefined, env: PlanEnv): ChannelSpec[] {
  if (channel === undefined) return plan.channels;
  const preset = channelPreset(plan, channel, env);
  const spec = plan.channels.find((c) => c.config === preset.name);
  if (!spec) throw new InputError(`${preset.name} is not being imaged (channels: ${plan.channels.map((c) => c.config).join(', ')}); add it first`);
  return [spec];
}

function ordinal(n: number): string {
  if (n === 1) return '1st';
  const suffix = n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : n % 10 === 1 && n % 100 !== 11 ? 'st' : 'th';
  return `${n}${suffix}`;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
