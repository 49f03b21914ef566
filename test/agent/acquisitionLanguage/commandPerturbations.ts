// Microscope commands reworded as people write them, by family, for measuring how often the
// acquisition language keeps its reading: a command is read once as written and once reworded,
// and the reworded one keeps it when the tool and its typed arguments are the same. The
// commands are built from the configuration's channels (commandFamilies.ts) and from the
// language's own words for time, light and the run (no eval sentence); the families are the
// planner's (typos, spelling, polite frames, run-on clauses, units, number words) and those of
// acquisitions: a span with its unit written out, joined or shortened ("five minutes", "5min",
// "5 mins"), two commands run on without a comma, and questions about the run said another way.
import { isDeepStrictEqual } from 'node:util';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { withoutHurry } from '../../../src/agent/planner/hurryWords.ts';
import { type PerturbationFamily, perturb, seedOf } from '../../../src/agent/planner/perturbations.ts';
import { withPoliteAskAsPlease, withWishAsPlease } from '../../../src/agent/planner/politeAsks.ts';
import { generatedCommands, RUNNING_PLAN, verdictOf } from './commandFamilies.ts';

export const RUNNING: EarlierStep[] = [{ tool: 'start_acquisition', args: { plan: RUNNING_PLAN } }];

/** A command with the tool a right reading runs. */
export interface RunCommand {
  text: string;
  tool: string;
}

// (spans in the units the language reads, each with the unit its value is said in)
const SPANS: [number, string][] = [[5, 'min'], [10, 'minutes'], [30, 's'], [2, 'hours'], [45, 'seconds'], [3, 'h'], [15, 'mins'], [20, 'min']];

/** Commands of time and of the run, built from spans: every one a command the language reads. */
function runCommands(): RunCommand[] {
  const out: RunCommand[] = [];
  SPANS.forEach(([n, unit], i) => {
    const span = `${n} ${unit}`;
    out.push({ text: `change the interval to ${span}`, tool: 'adjust_acquisition' });
    out.push({ text: `image every ${span} from now on`, tool: 'adjust_acquisition' });
    out.push({ text: `pause for ${span}`, tool: 'pause_acquisition' });
    out.push({ text: `extend the experiment by ${span}`, tool: 'adjust_acquisition' });
    out.push({ text: `${['keep imaging', 'carry on', 'continue'][i % 3]} for another ${span}`, tool: 'adjust_acquisition' });
  });
  // (distances, in a unit spelt two ways)
  for (const text of ['set the z step to 2 micrometres', 'make the z range 20 micrometers', 'change the step size to 0.5 micrometres']) out.push({ text, tool: 'adjust_acquisition' });
  return out;
}

/** Questions about the run, each a status question in its own words. */
export function runQuestions(): RunCommand[] {
  const asks = ['how long until', 'how much longer until', 'when will', 'how long before', 'how much time is left before'];
  const ends = ['it finishes', 'the run ends', 'the acquisition is done', 'the experiment is over', 'imaging stops', 'the time-lapse is finished'];
  const out: RunCommand[] = [];
  asks.forEach((a, i) => ends.forEach((e, j) => {
    // ("when will it finishes" is no English: "when will" takes the bare verb)
    const end = a === 'when will' ? e.replace(/finishes$/, 'finish').replace(/ends$/, 'end').replace(/stops$/, 'stop').replace(/\bis\b/, 'be') : e;
    out.push({ text: `${a} ${end}${(i + j) % 2 ? '?' : ''}`, tool: 'microscope_status' });
  }));
  for (const q of ['how many time points are left', 'how far along is the run', 'is it still acquiring', 'what time point are we on', 'how many frames have been taken so far']) out.push({ text: q, tool: 'microscope_status' });
  return out;
}

const UNIT_WORDS: Record<string, string> = { s: 'seconds', sec: 'seconds', secs: 'seconds', seconds: 'seconds', min: 'minutes', mins: 'minutes', minutes: 'minutes', h: 'hours', hr: 'hours', hrs: 'hours', hours: 'hours', ms: 'milliseconds' };
const SHORT_UNITS: Record<string, string[]> = { seconds: ['s', 'sec', 'secs'], minutes: ['min', 'mins'], hours: ['h', 'hr', 'hrs'], milliseconds: ['ms', 'msec'] };
const SAID = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'twenty-one'];
const TENS: Record<number, string> = { 30: 'thirty', 40: 'forty', 45: 'forty-five', 50: 'fifty', 60: 'sixty', 90: 'ninety' };
const said = (n: number) => SAID[n] ?? TENS[n];

/** A span's unit written out, joined to its number or shortened: "5 min" as "five minutes", "5min", "5 mins". */
function spanForms(text: string, seed: number): string | undefined {
  const m = /(?<![\w.])(\d+)\s?(ms|s|secs?|seconds|min|mins|minutes|h|hrs?|hours)\b/i.exec(text);
  if (!m) return undefined;
  const full = UNIT_WORDS[m[2].toLowerCase()];
  const n = Number(m[1]);
  const shorts = SHORT_UNITS[full].filter((u) => u !== m[2].toLowerCase());
  const forms = [said(n) ? `${said(n)} ${n === 1 ? full.replace(/s$/, '') : full}` : undefined, `${n}${shorts[0]}`, `${n} ${shorts.at(-1)}`, `${n} ${full}`].filter((f): f is string => !!f && f !== m[0]);
  return text.slice(0, m.index) + forms[seed % forms.length] + text.slice(m.index + m[0].length);
}

export const COMMAND_FAMILIES = ['typo', 'spelling', 'polite', 'runOn', 'units', 'numberWords', 'hyphens', 'upperCase', 'spanForms', 'twoRunOn'] as const;
export type CommandFamily = (typeof COMMAND_FAMILIES)[number];

/** One command reworded by a family (undefined when the family has nothing to change in it). */
export function reworded(text: string, family: CommandFamily, next?: string): string | undefined {
  const seed = seedOf(`${text}/${family}`);
  if (family === 'spanForms') return spanForms(text, seed);
  // (two commands run on: one after the other with no comma, "and" or full stop between)
  if (family === 'twoRunOn') return next ? `${text} ${next}` : undefined;
  return perturb(text, family as PerturbationFamily, seed);
}

export interface Reading {
  tool?: string;
  args?: unknown;
  ask?: string;
  then?: unknown[];
}

// (the frames of asking the planner reads as "please ..." before the route sees the request, normalise.ts: "I would like
// you to pause for 5 min" reaches the route as "please pause for 5 min")
const asAsked = (text: string) => withWishAsPlease(withPoliteAskAsPlease(withoutHurry(text)));
const readingOf = (text: string): Reading | undefined => routeMicroscopeRequest(asAsked(text), { acquisitionRunning: true, earlier: RUNNING }) as Reading | undefined;
const same = (a: Reading | undefined, b: Reading | undefined) => !!a && !!b && a.tool === b.tool && isDeepStrictEqual(a.args, b.args) && isDeepStrictEqual(a.then ?? [], b.then ?? []);

/** The commands read right as written, with their readings: the channel families (every `step`-th) and those of time and the run. */
export function commandsReadRight(step = 1): { text: string; reading: Reading }[] {
  const out: { text: string; reading: Reading }[] = [];
  generatedCommands().forEach((c, i) => {
    if (i % step) return;
    const r = readingOf(c.text);
    if (verdictOf(c, r as Parameters<typeof verdictOf>[1]).verdict === 'right') out.push({ text: c.text, reading: r! });
  });
  for (const c of [...runCommands(), ...runQuestions()]) {
    const r = readingOf(c.text);
    if (r?.tool === c.tool) out.push({ text: c.text, reading: r });
  }
  return out;
}

export interface FamilyScore {
  family: CommandFamily;
  applicable: number;
  kept: number;
  lost: string[];
}

/** For each family, how many commands it rewords and how many of those keep their reading. */
export function keepRates(commands: { text: string; reading: Reading }[], families: readonly CommandFamily[] = COMMAND_FAMILIES): FamilyScore[] {
  return families.map((family) => {
    const score: FamilyScore = { family, applicable: 0, kept: 0, lost: [] };
    commands.forEach((c, i) => {
      const next = family === 'twoRunOn' ? twoRunOnPartner(c, commands, i) : undefined;
      const text = reworded(c.text, family, next?.text);
      if (!text) return;
      score.applicable++;
      const expected = next ? joinedReading(c.reading, next.reading) : c.reading;
      const got = readingOf(text);
      if (expected && same(got, expected)) score.kept++;
      else score.lost.push(`${text} -> ${JSON.stringify(got)}`);
    });
    return score;
  });
}

/** A second command to run on after a change of settings: the next change of another kind of setting (a time command after a channel command). */
function twoRunOnPartner(c: { text: string; reading: Reading }, commands: { text: string; reading: Reading }[], i: number) {
  if (c.reading.tool !== 'adjust_acquisition' || /^[-+]/.test(c.text)) return undefined;
  const kinds = (r: Reading) => ((r.args as { changes?: { kind: string }[] })?.changes ?? []).map((x) => x.kind);
  const mine = kinds(c.reading);
  if (mine.length !== 1 || !/^(?:power|exposure)$/.test(mine[0]) || c.text.split(' ').length > 6) return undefined;
  const others = commands.filter((o) => o.reading.tool === 'adjust_acquisition' && kinds(o.reading).length === 1 && kinds(o.reading)[0] === 'interval' && /^change the interval/.test(o.text));
  return others[i % others.length];
}

/** The reading of two changes said one after the other: both changes, in order. */
function joinedReading(a: Reading, b: Reading): Reading | undefined {
  const changes = (r: Reading) => (r.args as { changes: unknown[] }).changes;
  return { tool: 'adjust_acquisition', args: { changes: [...changes(a), ...changes(b)] } };
}
