// "What Gaussian blur did the segmentation apply?", "sigma of the segmentation?", "how many frames of gap did the
// tracker allow?": a question about how a step that ran worked, answered from that step's own record (the arguments
// it was given, the parameters it reports it chose, its schema's default) or said as not recorded, never with another
// value. Before, such a question took a value that only shared the word naming the step ("frames segmented" for
// "the segmentation": "Frames = 3 frames"), or ran measure or segment again.
import { findTool } from '../allTools.ts';
import type { PropertyInfo } from './catalogue.ts';
import type { PastResult } from './conversation.ts';
import type { ToolIndex } from './matcher.ts';
import { tokenize } from './words.ts';

/** A word that names a step by its doing ("segmentation", "tracking", "the tracker"), not a thing it finds. */
const STEP_NOUN = /(?:ion|ing|ment)$/;
/** A word for the one doing a step ("the tracker", "the segmenter"). */
const AGENT_NOUN = /(?:[^e]er|or)$/;

/** Words of the question's form that say nothing of which setting it asks ("what", "did", "use", "how much"). */
const FORM = /^(?:what|which|how|did|do|doe|was|were|is|are|the|use|us|appl|allow|assum|set|choos|chos|chose|pick|valu|much|man|count|run|ran|any|there|step|pleas|pl|just|exact|again|actual|sorry|silli|question|so|get|right|figur|legend|sure|want|need|know|tell|me|you|it|thi|that|your|i|my|in|px|pixel|micron|um|µm|amount|size|strong|strength|level|width|wide|big|larg|much|kind|type|sort)$/;

/** Verbs and nouns that ask how a step worked, not what it found. */
const HOW_IT_WORKED = /\b(?:use[ds]?|using|appl(?:y|ied|ies)|assum(?:e|ed|es)|set|chose|choose|chosen|allow(?:ed|s)?|kept|keep|pick(?:ed)?|sigma|parameters?|settings?|kernel|filter|cut-?off|smooth\w*|blur\w*|subtract\w*|split\w*|separat\w*|before|beforehand|prior)\b/i;
/** Verbs that ask what a step found or measured (a result, answered from its values or tables). */
const WHAT_IT_FOUND = /\b(?:find|found|detect(?:ed)?|count(?:ed)?|identif\w*|picked up|measur\w*|how many (?:cells?|nuclei|nucleus|objects?|tracks?|divisions?|spots?))\b/i;

/** The question's tokens that name a step that ran, and that step (the latest named). */
function namedStep(question: string, earlier: PastResult[], index: ToolIndex): { step: PastResult; naming: Set<string> } | undefined {
  const tokens = tokenize(question);
  const naming = new Set<string>();
  let step: PastResult | undefined;
  for (const r of [...earlier].reverse()) {
    if (!r.ok) continue;
    // (the tool's name and its own words: "before thresholding" names segment as "the segmentation" does)
    const name = new Set(index.meanings(tokenize(r.tool.replace(/_/g, ' '))));
    const own = new Set(index.meanings(tokenize(`${r.tool.replace(/_/g, ' ')} ${(findTool(r.tool)?.words ?? []).filter((w) => !/\s/.test(w)).join(' ')}`)));
    for (const t of tokens) {
      // (a noun of doing names the step by its own words, "thresholding"; an agent noun or the name itself only by the
      // tool's name, "the tracker": "bigger" is no step)
      const w = t.word.toLowerCase();
      const m = index.meanings([t])[0];
      if (m && (STEP_NOUN.test(w) ? own.has(m) : AGENT_NOUN.test(w) || w === r.tool ? name.has(m) : false)) { naming.add(m); step ??= r; }
    }
  }
  return step ? { step, naming } : undefined;
}

/**
 * The meanings of a question's words that name a step that ran ("segmentation" → segment): a value matched only by
 * them was matched by the step's name, not by what the question asks of it.
 */
export function stepNamingMeanings(question: string, earlier: PastResult[], index: ToolIndex): Set<string> {
  const named = namedStep(question, earlier, index);
  if (!named) return new Set();
  // (a step named by what it counts is asked that: "the first division" of detect_divisions, whose value is "divisions")
  const counted = new Set(earlier.filter((r) => r.ok).flatMap((r) => Object.keys(findTool(r.tool)?.results ?? {}).flatMap((k) => index.meanings(tokenize(words(k))))));
  return new Set([...named.naming].filter((m) => !counted.has(m)));
}

function words(key: string): string {
  // (minAreaPx is "minimum area": the abbreviations of a setting's name said in full, as people ask)
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/Px\b/, ' px').replace(/_/g, ' ').toLowerCase().replace(/\bmin\b/g, 'minimum').replace(/\bmax\b/g, 'maximum');
}

function shown(v: unknown, key: string): string {
  const unit = /Px$/.test(key) ? ' px' : /Frames?$|^maxFrameGap$/.test(key) ? ' frames' : '';
  return typeof v === 'number' ? `${Number(v.toPrecision(4))}${unit}` : typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The step that ran whose setting the question names by two words or more of the setting's own name ("seed distance"
 * → segment's minSeedDistancePx), when one step alone has such a setting; undefined otherwise.
 */
function stepBySettingName(question: string, earlier: PastResult[], index: ToolIndex, schemaOf: (tool: string) => Record<string, PropertyInfo>): { step: PastResult; naming: Set<string> } | undefined {
  const asked = new Set(tokenize(question).map((t) => index.meanings([t])[0]).filter((m): m is string => m !== undefined && !FORM.test(m)));
  const found: { step: PastResult; hits: number }[] = [];
  for (const r of [...earlier].reverse()) {
    if (!r.ok || found.some((f) => f.step.tool === r.tool)) continue;
    const parameters = r.values.parameters && typeof r.values.parameters === 'object' ? Object.keys(r.values.parameters as object) : [];
    // (the words of the setting's name, "seed distance" of minSeedDistancePx; minimum, maximum and px say no setting)
    const nameWords = (k: string) => [...new Set(index.meanings(tokenize(words(k)).filter((t) => !/^(?:minimum|maximum|px)$/i.test(t.word))))];
    // (two settings named as much: the one whose name is said whole, "seed distance" before "split ... distance" of a longer name)
    const said = [...Object.keys(schemaOf(r.tool)), ...parameters].map((k) => { const n = nameWords(k); const h = n.filter((m) => asked.has(m)).length; return { h, whole: h / Math.max(1, n.length) }; });
    // (and two steps so named: the one whose settings say more of the question's words, "seed ... splitting touching")
    const covered = [...asked].filter((m) => [...Object.keys(schemaOf(r.tool)), ...parameters].some((k) => nameWords(k).includes(m))).length;
    const hits = Math.max(0, ...said.filter((x) => x.h >= 2).map((x) => x.h + x.whole + covered / 100));
    if (hits >= 2) found.push({ step: r, hits });
  }
  const best = Math.max(0, ...found.map((f) => f.hits));
  const top = found.filter((f) => f.hits === best);
  return top.length === 1 ? { step: top[0].step, naming: new Set() } : undefined;
}

/**
 * The answer to a question about a setting of a step that ran, from its record; undefined when the question names no
 * step that ran, asks what it found, or a value it reports answers it better.
 */
export function settingAnswer(question: string, earlier: PastResult[], index: ToolIndex, schemaOf: (tool: string) => Record<string, PropertyInfo>): string | undefined {
  if (!HOW_IT_WORKED.test(question) || WHAT_IT_FOUND.test(question)) return undefined;
  // (no step named: "what was the seed distance for splitting touching nuclei?" names the setting itself, by two words
  // or more of its own name, and the step that has it is the one asked about)
  const named = namedStep(question, earlier, index) ?? stepBySettingName(question, earlier, index, schemaOf);
  if (!named) return undefined;
  const { step, naming } = named;
  const tokens = tokenize(question).filter((t) => !naming.has(index.meanings([t])[0] ?? ''));
  const rest = new Map<string, string>();
  for (const t of tokens) {
    const m = index.meanings([t])[0];
    if (m && !FORM.test(m) && !FORM.test(t.stem)) rest.set(m, t.word);
  }
  if (rest.size === 0) return undefined;
  const schema = schemaOf(step.tool);
  const parameters = (step.values.parameters && typeof step.values.parameters === 'object' ? step.values.parameters : {}) as Record<string, unknown>;
  const inputs = /^(?:movie|labels|tracks|table|output|input|result|groundTruth|frames|channel|drift)$/;
  const keys = [...new Set([...Object.keys(schema), ...Object.keys(parameters), ...Object.keys(step.args)])].filter((k) => !inputs.test(k));
  const text = (k: string) => `${words(k)} ${schema[k]?.description ?? ''}`;
  // (a word many settings share, "pixels" or "objects", says less than one only this setting has)
  const meaningsOf = new Map(keys.map((k) => [k, new Set(index.meanings(tokenize(text(k))))]));
  const spread = (m: string) => [...meaningsOf.values()].filter((s) => s.has(m)).length;
  // (a word of what the setting is, its name or the head of its description, before one said in passing: "smoothing
  // ... follow from it" of the object radius is not the smoothing itself)
  const headOf = new Map(keys.map((k) => [k, new Set(index.meanings(tokenize(`${words(k)} ${(schema[k]?.description ?? '').split(/[;(]/)[0]}`)))]));
  const score = (k: string) => [...rest.keys()].filter((m) => meaningsOf.get(k)!.has(m)).reduce((a, m) => a + (headOf.get(k)!.has(m) ? 1 : 0.5) / spread(m) + (index.meanings(tokenize(words(k))).includes(m) ? 1 : 0), 0);
  // a value the step reports answers before a setting that only shares as much ("the threshold used" is thresholdPerFrame)
  const declared = findTool(step.tool)?.results ?? {};
  const resultScore = Math.max(0, ...Object.entries(declared).filter(([, d]) => !d.setting).map(([k, d]) => [...rest.keys()].filter((m) => index.meanings(tokenize(`${words(k)} ${d.about}`)).includes(m)).length));
  const yesNo = /^\s*(?:(?:and|so|but|sorry|ok(?:ay)?)[,\s]+)*(?:\w+\s*,\s*)?(?:did|was|were|is|are|does|do|has|had)\b/i.test(question.replace(/^[^?]*?(?:silly question|quick question|just checking)[,\s-]*/i, ''));
  // (a switch answers a yes/no question; "what was the seed distance ...?" asks a value, before the switch
  // "split touching objects" that shares as many words)
  const isSwitch = (k: string) => schema[k]?.type === 'boolean' || typeof (step.args[k] ?? parameters[k]) === 'boolean';
  const ranked = keys.map((k) => ({ k, s: score(k) * (!yesNo && isSwitch(k) ? 0.5 : 1) })).filter((x) => x.s > 0).sort((a, b) => b.s - a.s);
  const record = `From the record of ${step.tool} (I ran nothing)`;
  if (ranked.length > 0 && ranked[0].s <= resultScore * 0.5) return undefined;
  if (ranked.length === 0) {
    // (no setting of the step says the question's words: a value it reports may, else the step does not record it)
    if (resultScore > 0) return undefined;
    const listed = Object.entries({ ...parameters, ...Object.fromEntries(Object.entries(step.args).filter(([k, v]) => !inputs.test(k) && typeof v !== 'object')) }).filter(([, v]) => v !== undefined).slice(0, 8).map(([k, v]) => `${k} = ${shown(v, k)}`);
    const asked = [...rest.values()].join(' ');
    return `Not recorded: ${step.tool} has no setting for ${asked} and its record does not say one.${listed.length ? ` ${record}: ${listed.join(', ')}.` : ''}${typeof step.values.method === 'string' ? ` Method: ${step.values.method}.` : ''}`;
  }
  const k = ranked[0].k;
  const about = (schema[k]?.description ?? '').split(/;\s|(?<=\.)\s/)[0].replace(/\.$/, '');
  const given = step.args[k];
  const v = given !== undefined ? given : parameters[k] !== undefined ? parameters[k] : step.values[k];
  const sources = step.values.parameterSources && typeof step.values.parameterSources === 'object' ? (step.values.parameterSources as Record<string, unknown>)[k] : undefined;
  const how = given !== undefined ? ', as given' : typeof sources === 'string' ? ` (${sources})` : '';
  if (v !== undefined && v !== null) {
    const verdict = yesNo ? (typeof v === 'boolean' ? (v ? 'Yes. ' : 'No. ') : typeof v === 'number' ? (v > 0 ? 'Yes. ' : 'No. ') : '') : '';
    return `${verdict}${record}: ${k} = ${shown(v, k)}${how}${about ? ` (${about})` : ''}.${typeof step.values.method === 'string' && k !== 'method' ? ` Method: ${step.values.method}.` : ''}`;
  }
  const fallback = schema[k]?.default;
  if (fallback !== undefined) return `${yesNo && typeof fallback === 'boolean' ? (fallback ? 'Yes. ' : 'No. ') : ''}${record}: ${k} was left at its default ${shown(fallback, k)}${about ? ` (${about})` : ''}.`;
  return `Not recorded: the record of ${step.tool} has no ${k}${about ? ` (${about})` : ''}${typeof step.values.method === 'string' ? `; it ran method ${step.values.method}` : ''} (I ran nothing).`;
}
