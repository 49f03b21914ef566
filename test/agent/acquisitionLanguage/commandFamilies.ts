// A generator of microscope commands by families, for measuring the acquisition language on
// whole families instead of sentences: {action} x {channel named by dye / laser line / filter
// band / index / sign} x {scope: none, position, z, time} x {unit spelling}. Each command
// carries what a right reading must do, so a sweep counts silent drops and wrong targets.
// The words here are in no eval file: they are built from the configuration's channels.

export type ChannelNaming = 'dye' | 'laser' | 'filter' | 'index' | 'sign';
export type Scope = 'none' | 'position' | 'z' | 'time';

export interface GeneratedCommand {
  text: string;
  /** The channel preset the command is about, and its number in the running plan (1-based; undefined when not imaged). */
  preset: string;
  index?: number;
  /** The change kind a right reading makes, and its value in the schema's unit (ms, %, factor). */
  kind: 'power' | 'exposure' | 'exposureFactor' | 'dropChannel' | 'addChannel';
  value?: number;
  naming: ChannelNaming;
  scope: Scope;
  /** The scope's words ("at position 2"): applied, asked about, or named as not applied. */
  scopeWords?: string;
}

/** The plan the commands are said to: FITC, DAPI and Rhodamine imaged (Cy5 and Brightfield not), four positions, a z-stack. */
export const RUNNING_PLAN = {
  channels: [{ config: 'FITC' }, { config: 'DAPI' }, { config: 'Rhodamine' }],
  timePlan: { intervalS: 300, durationS: 43200 },
  stagePositions: [0, 1, 2, 3].map((i) => ({ name: `Pos${i}`, xUm: i * 3000, yUm: 0 })),
  zPlan: { rangeUm: 6, stepUm: 1 },
};

const NAMES: Record<string, { dye: string[]; laser: string[]; filter: string[]; index?: number }> = {
  FITC: { dye: ['GFP', 'mNeonGreen', 'gfp'], laser: ['the 488', '488 nm laser', 'the 488 line'], filter: ['the 525/50', '525/50 filter', 'the ET525/50m'], index: 1 },
  DAPI: { dye: ['DAPI', 'Hoechst', 'dapi'], laser: ['the 405', '405 nm laser', 'the 405 line'], filter: ['the 460/50', '460/50 filter', 'the ET460/50m'], index: 2 },
  Rhodamine: { dye: ['mCherry', 'tdTomato', 'mcherry'], laser: ['the 561', '561 nm laser', 'the 561 line'], filter: ['the 600/50', '600/50 filter', 'the ET600/50m'], index: 3 },
  Cy5: { dye: ['Cy5', 'SiR-DNA', 'cy5'], laser: ['the 640', '640 nm laser', 'the 640 line'], filter: ['the 700/75', '700/75 filter', 'the ET700/75m'] },
  Brightfield: { dye: ['brightfield', 'BF', 'DIC'], laser: [], filter: [] },
};
const ORDINAL = ['', 'first', 'second', 'third'];

const SCOPES: Record<Scope, string[]> = {
  none: [''],
  position: [' at position 2', ' in pos 3', ' for field 2 only'],
  z: [' at the top plane only', ' for the middle slice only'],
  time: [' for the next 20 min', ' for 3 time points only'],
};

const PERCENT = ['%', ' %', ' percent', ' per cent', ' pct'];
const MILLIS = [' ms', 'ms', ' msec', ' milliseconds', ' millis'];

function channelWords(preset: string, naming: ChannelNaming): string[] {
  const n = NAMES[preset];
  if (naming === 'dye') return n.dye;
  if (naming === 'laser') return n.laser;
  if (naming === 'filter') return n.filter;
  if (naming === 'index') return n.index ? [`channel ${n.index}`, `the ${ORDINAL[n.index]} channel`] : [];
  return n.dye.slice(0, 2);
}

/** Every command of the families, in a fixed order. */
export function generatedCommands(): GeneratedCommand[] {
  const out: GeneratedCommand[] = [];
  for (const preset of Object.keys(NAMES)) {
    const index = NAMES[preset].index;
    for (const naming of ['dye', 'laser', 'filter', 'index', 'sign'] as ChannelNaming[]) {
      const words = channelWords(preset, naming);
      words.forEach((ch, w) => {
        for (const scope of Object.keys(SCOPES) as Scope[]) {
          for (const scopeWords of SCOPES[scope]) {
            const base = { preset, index, naming, scope, ...(scope === 'none' ? {} : { scopeWords: scopeWords.trim() }) };
            if (naming === 'sign') {
              if (index) out.push({ ...base, text: `-${ch}${scopeWords}`, kind: 'dropChannel' });
              else out.push({ ...base, text: `+${ch}${scopeWords}`, kind: 'addChannel' });
              continue;
            }
            if (index) {
              const value = [5, 12, 30][w % 3];
              const unit = PERCENT[(w + out.length) % PERCENT.length];
              out.push({ ...base, text: `set ${ch} to ${value}${unit}${scopeWords}`, kind: 'power', value });
              const ms = [40, 150, 250][w % 3];
              const msUnit = MILLIS[(w + out.length) % MILLIS.length];
              out.push({ ...base, text: `${ch} exposure ${ms}${msUnit}${scopeWords}`, kind: 'exposure', value: ms });
              out.push({ ...base, text: `halve ${ch.startsWith("the ") ? ch : `the ${ch}`} exposure${scopeWords}`, kind: 'exposureFactor', value: 0.5 });
              out.push({ ...base, text: `drop ${ch}${scopeWords}`, kind: 'dropChannel' });
            } else if (naming !== 'index') {
              out.push({ ...base, text: `add ${ch}${scopeWords}`, kind: 'addChannel' });
            }
          }
        }
      });
    }
  }
  return out;
}

export type Verdict = 'right' | 'asked' | 'named' | 'silentDrop' | 'wrongTarget' | 'unrouted';

interface RouteSeen {
  tool?: string;
  args?: Record<string, unknown>;
  ask?: string;
  notApplied?: string[];
  then?: { tool: string; args: Record<string, unknown> }[];
}

/** How a route read a generated command: right, asked back, applied with the rest named, a silent drop, a wrong target, or not read at all. */
export function verdictOf(c: GeneratedCommand, route: RouteSeen | undefined): { verdict: Verdict; why: string } {
  if (!route) return { verdict: 'unrouted', why: 'not read as a microscope command' };
  if (route.tool === undefined) return { verdict: 'asked', why: route.ask ?? '' };
  if (route.tool !== 'adjust_acquisition') return { verdict: 'wrongTarget', why: `ran ${route.tool}` };
  const changes = (route.args?.changes ?? []) as Record<string, unknown>[];
  const named = (route.notApplied ?? []).join(' ');
  const targets = (x: Record<string, unknown>) => {
    const ch = String(x.channel ?? '');
    return ch.toLowerCase() === c.preset.toLowerCase() || (c.index !== undefined && ch === String(c.index));
  };
  const mine = changes.filter((x) => x.kind === c.kind || (c.scope === 'z' && (x.kind === 'channelStack' || x.kind === 'channelZOffset')));
  if (!mine.length) return { verdict: changes.some((x) => 'channel' in x) ? 'wrongTarget' : 'silentDrop', why: `changes ${JSON.stringify(changes)}` };
  if (!mine.some(targets)) {
    if (mine.every((x) => x.channel === undefined)) return named.includes('channel') || /\b(?:525|460|600|700)\/\d+/.test(named) ? { verdict: 'named', why: named } : { verdict: 'silentDrop', why: `no channel: ${JSON.stringify(changes)}` };
    return { verdict: 'wrongTarget', why: JSON.stringify(changes) };
  }
  if (c.value !== undefined) {
    const v = mine.find((x) => targets(x) && x.kind === c.kind);
    if (!v) return { verdict: 'silentDrop', why: `value dropped: ${JSON.stringify(changes)}` };
    const got = v.powerPercent ?? v.exposureMs ?? v.factor;
    if (got !== c.value) return { verdict: 'wrongTarget', why: `value ${String(got)} for ${c.value}` };
  }
  if (c.scopeWords) {
    // (a plane said for a channel is its own stack setting: "only the middle plane" is channelStack false)
    // (a span of time is the change made for that long: the tool sets it back after forS)
    const applied = changes.some((x) => x.onlyAt !== undefined || x.position !== undefined) || !!route.then?.length || (c.scope === 'z' && changes.some((x) => (x.kind === 'channelStack' || x.kind === 'channelZOffset') && targets(x))) || (c.scope === 'time' && typeof route.args?.forS === 'number' && route.args.forS > 0);
    if (applied) return { verdict: 'right', why: '' };
    if (named && named.toLowerCase().includes(c.scopeWords.toLowerCase().replace(/\s+only$/, '').split(' ').at(-1)!)) return { verdict: 'named', why: named };
    return { verdict: 'silentDrop', why: `scope "${c.scopeWords}" dropped: ${JSON.stringify(changes)}` };
  }
  return { verdict: 'right', why: '' };
}

/** A plan to start or a picture to take with nothing running: two channels named, and a scope. */
export interface GeneratedStart {
  text: string;
  presets: string[];
  scope: Scope;
  scopeWords?: string;
  naming: ChannelNaming;
}

// (no count of time points: a plan to start has its own, and one said twice is a contradiction, not a scope)
const START_SCOPES: Record<Scope, string[]> = { none: [''], position: [' at position 2'], z: [' at the top plane only'], time: [] };

/** Starts and snaps of two channels (each naming but by sign and number, which need a running plan), with each scope. */
export function generatedStarts(): GeneratedStart[] {
  const out: GeneratedStart[] = [];
  const pairs = [['FITC', 'Rhodamine'], ['DAPI', 'Cy5'], ['Rhodamine', 'DAPI']];
  for (const naming of ['dye', 'laser', 'filter'] as ChannelNaming[]) {
    for (const [a, b] of pairs) {
      channelWords(a, naming).forEach((wa, w) => {
        const wb = channelWords(b, naming)[w];
        for (const scope of Object.keys(START_SCOPES) as Scope[]) {
          for (const s of START_SCOPES[scope]) {
            const base = { presets: [a, b], scope, naming, ...(scope === 'none' ? {} : { scopeWords: s.trim() }) };
            out.push({ ...base, text: `image ${wa} and ${wb} every 5 min for 2 h${s}` });
            if (scope !== 'time') out.push({ ...base, text: `snap ${wa} and ${wb}${s}` });
          }
        }
      });
    }
  }
  return out;
}

/** How a route read a generated start: every channel in the plan (or named), the scope applied, asked about or named. */
export function startVerdictOf(c: GeneratedStart, route: RouteSeen | undefined): { verdict: Verdict; why: string } {
  if (!route) return { verdict: 'unrouted', why: 'not read as a microscope command' };
  if (route.tool === undefined) return { verdict: 'asked', why: route.ask ?? '' };
  if (route.tool !== 'start_acquisition' && route.tool !== 'snap') return { verdict: 'wrongTarget', why: `ran ${route.tool}` };
  const said = JSON.stringify([route.args, ...(route.then ?? []).map((s) => s.args)]).toLowerCase();
  const named = (route.notApplied ?? []).join(' ');
  const missing = c.presets.filter((p) => !said.includes(`"${p.toLowerCase()}"`));
  if (missing.length && !named) return { verdict: 'silentDrop', why: `no ${missing.join(', ')}: ${said}` };
  if (c.scopeWords) {
    const applied = c.scope === 'z' ? /dostack|zoffsetum/.test(said) : c.scope === 'time' ? /loops/.test(said) : /stagepositions/.test(said);
    if (!applied && !named.includes(c.scopeWords.replace(/\s+only$/, '').replace(/^(?:at|for)\s+(?:the\s+)?/, '').split(' ')[0])) return { verdict: 'silentDrop', why: `scope "${c.scopeWords}" dropped: ${said}` };
  }
  return { verdict: missing.length || named ? 'named' : 'right', why: named };
}
