// A range said for a setting that takes one value ("a linking distance of 10 to 15 px", "sigma 1-2"): neither end is
// applied as if it were the value, nor handed to another step's setting (the segmentation added to feed the tracker
// once took 15 px as its radius); the range is named in one line and the setting left to its default. A range that
// a pair of settings shares ("an area between 30 and 800 px": minAreaPx and maxAreaPx) is applied by the arguments
// reader and stays as it is.
import { type Catalogue, selfOf } from './catalogue.ts';
import { findQuantities, type Quantity } from './quantities.ts';
import type { Plan, PlannedStep } from './types.ts';

/** A range as written: its two ends and the words that state it. */
export interface SaidRange {
  low: Quantity;
  high: Quantity;
  said: string;
}

/** Words between the two ends of a range: "to", "-", "–", "and" (after "between"), with the first end's unit. */
const JOIN = /^\s*(?:px|pixels?|µm|um|microns?|s|sec|seconds?|min|minutes?|frames?)?\s*(?:to|-|–|—|~|or)\s*$/i;
const JOIN_AFTER_BETWEEN = /^\s*(?:px|pixels?|µm|um|microns?|s|sec|seconds?|min|minutes?|frames?)?\s*and\s*$/i;
/** A range of which frames, channels, time points or planes: a scope, another reader's. */
const SCOPE_BEFORE = /\b(?:frames?|time ?points?|timepoints?|channels?|slices?|planes?|z|t|wells?|positions?|tracks?|cells?|objects?|nuclei|ids?|labels?|#)\s*(?:from\s+|between\s+)?$/i;

/** Things before a range ("objects 8-12 px"): their size where the range has a unit of length. */
const THINGS_BEFORE = /\b(?:cells?|objects?|nuclei)\s*$/i;

/** Two coordinate ranges that state a rectangle: "x 10-100, y 20-80", "x from 5 to 60 and y from 5 to 45". */
const RECTANGLE = /\bx\s*(?:=|:|from)?\s*\d+\s*(?:-|–|to)\s*\d+\s*(?:,|and)?\s*y\s*(?:=|:|from)?\s*\d+\s*(?:-|–|to)\s*\d+/gi;

/** The ranges the words state: "10 to 15 px", "1-2", "between 5 and 8 px", "from 3 to 5 µm". */
export function saidRanges(text: string): SaidRange[] {
  const qs = findQuantities(text);
  const out: SaidRange[] = [];
  // (a rectangle by its two ranges, "x 10-100, y 20-80", is the cropping reader's, no range of one setting)
  const rectangles = [...text.matchAll(RECTANGLE)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
  for (let i = 0; i + 1 < qs.length; i++) {
    const [low, high] = [qs[i], qs[i + 1]];
    const between = text.slice(low.end, high.start);
    const opened = /\bbetween\s*$/i.test(text.slice(0, low.start));
    if (!(JOIN.test(between) || (opened && JOIN_AFTER_BETWEEN.test(between)))) continue;
    if (low.value >= high.value || (low.unit !== '' && high.unit !== '' && low.unit !== high.unit)) continue;
    if (low.unit === 'frame' || high.unit === 'frame' || /^\s*(?:st|nd|rd|th)?\s*frames?\b/i.test(high.unit === '' ? text.slice(high.end) : '')) continue;
    // ("cells 3-5" are which cells; "objects 8-12 px radius", with a unit of length, is their size)
    if (SCOPE_BEFORE.test(text.slice(Math.max(0, low.start - 24), low.start)) && !(/^(?:px|µm|um)$/.test(high.unit) && THINGS_BEFORE.test(text.slice(Math.max(0, low.start - 24), low.start)))) continue;
    if (rectangles.some(([from, to]) => low.start >= from && high.end <= to)) continue;
    // ("(5, 6) to (9, 7)", "3x3 to 5x5": coordinates and sizes are no range of one setting)
    if (/(?:[(,×]|\d\s*x)\s*$/i.test(text.slice(0, low.start))) continue;
    out.push({ low, high, said: text.slice(opened ? text.slice(0, low.start).search(/\bbetween\s*$/i) : low.start, high.end).trim() });
  }
  return out;
}

/** What a setting's name is about, without the word for its end: "minAreaPx" and "maxAreaPx" are both "areapx". */
function settingOf(name: string): string {
  return name.replace(/(?:min|max|minimum|maximum|from|to|start|end|low|lower|high|upper|first|last)(?=[A-Z]|$)|^(?:min|max|minimum|maximum|from|to|start|end|low|lower|high|upper|first|last)/g, '').toLowerCase();
}

/** The step's settings that hold one number and took an end of the range as it. */
function settingsTakingAnEnd(step: PlannedStep, range: SaidRange): string[] {
  const ends = [range.low.value, range.high.value];
  const numeric = Object.entries(step.args).filter(([k, v]) => !k.startsWith('$') && typeof v === 'number');
  const taking = numeric.filter(([, v]) => ends.includes(v as number)).map(([k]) => k);
  // (the two ends on a pair of one setting, "minAreaPx" and "maxAreaPx", "fromFrame" and "toFrame": a range applied)
  const paired = taking.filter((k) => taking.some((other) => other !== k && step.args[other] !== step.args[k] && settingOf(other) === settingOf(k)));
  return taking.filter((k) => !paired.includes(k));
}

/** The words of a setting's name: "maxLinkingDistancePx" → max, linking, distance. */
function nameWords(name: string): string[] {
  return name.replace(/(?:Px|Um|S|Min|Frames)$/, '').replace(/([a-z\d])([A-Z])/g, '$1 $2').toLowerCase().split(' ').filter((w) => w.length > 0);
}

/**
 * The step's one-number settings whose name's words stand by the range, just before it ("patch distance 2-4 px") or just
 * after it ("objects 8-12 px radius"), unless the step set them. A "max"/"min" of the name may go unsaid, and of a name of
 * two words or more one may be said in other words ("linking radius 10-15 px" names the max linking distance).
 */
function settingsNamedBefore(step: PlannedStep, range: SaidRange, catalogue: Catalogue): string[] {
  const before = step.clause.slice(0, range.low.start).split(/[,;.:]|\b(?:and|then|but|with)\b/i).at(-1)?.toLowerCase() ?? '';
  const after = step.clause.slice(range.high.end).split(/[,;.:]|\b(?:and|then|but|with|or)\b/i)[0]?.toLowerCase() ?? '';
  const singular = (w: string) => w.replace(/(?<=[a-z]{2}[^su])s$/, '');
  const words = new Set(`${before} ${after}`.match(/[a-z\d]+/g)?.map(singular) ?? []);
  const props = catalogue.get(step.tool)?.properties ?? {};
  const own = (name: string) => nameWords(name).filter((w) => !/^(?:max|min|maximum|minimum)$/.test(w)).map(singular);
  const saidOf = (name: string) => own(name).filter((w) => words.has(w)).length;
  // (one end of a pair whose other end the step set too, "area in 50 to 500 px" as minAreaPx and maxAreaPx: the range applied)
  const setAlready = (name: string) => /^(?:min|max)[A-Z]/.test(name) && Object.keys(step.args).some((k) => k !== name && step.args[k] !== undefined && settingOf(k) === settingOf(name)) && step.args[name] !== undefined;
  // (a range of lengths is never a setting without a length unit: "area in [50, 500] px" is no share of a typical object)
  const lengthRange = /^(?:px|pixels?|µm|um|microns?|nm)\b/i.test(range.high.unit ?? '');
  const named = Object.entries(props).filter(([name, p]) => (p.type === 'number' || p.type === 'integer') && !setAlready(name) && !(lengthRange && !/(?:Px|Um|Pixels?|Microns?)$/.test(name)) && own(name).length > 0 && (saidOf(name) === own(name).length || (own(name).length >= 2 && saidOf(name) === own(name).length - 1)));
  // (of names said, the one with most words said, then the shortest: "gap closing max distance" over "max distance")
  const most = Math.max(0, ...named.map(([name]) => saidOf(name)));
  return named.filter(([name]) => saidOf(name) === most).sort(([a], [b]) => own(a).length - own(b).length).map(([name]) => name).slice(0, 1);
}

/**
 * Each step's settings that took an end of a range said in its words, when the setting takes one value: unset, and
 * named in one line each ("Not applied: ..."). Microscope commands are the acquisition language's (it reads its own
 * ranges). Returns the lines; the steps are changed in place.
 */
export function rangesForOneValue(steps: PlannedStep[], catalogue: Catalogue): string[] {
  const taken = new Map<string, { range: SaidRange; settings: string[]; used: string[] }>();
  steps.forEach((step, i) => {
    if (selfOf(step.tool, catalogue)?.domain === 'microscope') return;
    // (a step added to make a later step's input reads that step's words: its settings are unset, the line is the later step's)
    const added = steps.slice(i + 1).some((later) => later.clause === step.clause && later.tool !== step.tool);
    for (const range of saidRanges(step.clause)) {
      const took = settingsTakingAnEnd(step, range);
      for (const arg of took) delete step.args[arg];
      // (a range that no setting took, said right after a setting's name: "sigma 2-4 px" dropped in silence otherwise)
      const settings = took.length ? took : settingsNamedBefore(step, range, catalogue);
      if (settings.length === 0 || added) continue;
      const entry = taken.get(range.said) ?? { range, settings: [], used: [] };
      entry.settings.push(...settings.map((a) => `\`${step.tool}\`'s ${a}`));
      entry.used.push(...settings.filter((a) => step.args[a] !== undefined).map((a) => `${a} ${JSON.stringify(step.args[a])}`));
      taken.set(range.said, entry);
    }
  });
  return [...taken.values()].map(({ range, settings, used }) => {
    const unit = range.high.unit ? ` ${range.high.unit}` : '';
    const kept = used.length ? `I used ${used.join(' and ')} from your other words` : `its default stands (chosen from the movie where it can be)`;
    return `Not applied: the range "${range.said}" — ${settings.join(' and ')} ${settings.length === 1 ? 'takes' : 'take'} one value, so neither end was applied and ${kept}; say one value (e.g. "${range.high.value}${unit}") to set it.`;
  });
}

/** The plan with each range for a one-value setting unset and named (the plan's steps are copied, not changed). */
export function withRangesNamed(plan: Plan, catalogue: Catalogue): Plan {
  const steps = plan.steps.map((s) => ({ ...s, args: { ...s.args } }));
  // (a range a step's own reading already told of, "the size range "10-20 µm in diameter" is ...": applied or named there)
  const told = (l: string) => { const said = /the range "([^"]+)"/.exec(l)?.[1]; return !!said && (plan.notes ?? []).some((n) => [...n.matchAll(/"([^"]+)"/g)].some((q) => q[1].includes(said))); };
  const lines = rangesForOneValue(steps, catalogue).filter((l) => !(plan.notes ?? []).includes(l) && !told(l));
  return lines.length ? { ...plan, steps, notes: [...(plan.notes ?? []), ...lines] } : plan;
}
