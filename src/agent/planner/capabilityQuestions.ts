// "can you do cellpose?", "do you support StarDist?", "is BM3D available?", "do you have li thresholding?": a question
// whether a method is here, asked of the method alone (no movie, no objects, no step to run on them). It is answered
// from the tools' own declarations, nothing run: a method a tool stands in for (its `insteadOf`) is said as not here,
// with the step that runs in its place when asked for it; a value of a tool's argument (its allowed values and their
// words) is said as here, with the step and the setting that run it. Before this, such a question ran the step (a
// segmentation with our U-Net for "can you do cellpose?"), or was not understood.
import { allowedValues, type Catalogue, selfOf, type ToolInfo } from './catalogue.ts';

/** The name asked about, said as what is (not) here: the words between a capability verb and the end of the question. */
const ASKED_OF_ME = String.raw`(?:can|do|does)\s+(?:you|u|cellpilot|it|this(?:\s+(?:tool|thing|software|app))?|the\s+(?:tool|software|app))\s+(?:also\s+|actually\s+|already\s+|even\s+)?(?:do|run|use|support|handle|offer|have|provide|include|work\s+with|know|perform|apply)`;
const IS_IT_HERE = String.raw`(?:is|are)\s+(?:there\s+)?(?:an?\s+)?`;
const HERE_WORDS = String.raw`(?:available|installed|supported|included|built[\s-]?in|an?\s+option|possible|there|in\s+there|on\s+offer|implemented)`;
/** What may follow the name and still ask only about it ("here", "too", "for segmentation", "at all"). */
const TAIL = String.raw`(?:\s+(?:here|too|also|as\s+well|at\s+all|in\s+here|in\s+cellpilot|yet|now|already|please|pls|by\s+any\s+chance|(?:for|in)\s+(?:me|this|that|it|(?:the\s+)?[\p{L}-]+(?:ing|ation|ion|ment)))|\s*,?\s*(?:or\s+not|then))*`;
const NAME = String.raw`((?:[\p{L}\d][\p{L}\d.+-]*)(?:\s+[\p{L}\d][\p{L}\d.+-]*){0,2})`;

const FORMS = [
  new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question)[,!\s]+)*${ASKED_OF_ME}\s+(?:the\s+|an?\s+)?${NAME}${TAIL}\s*[?.!]*\s*$`, 'iu'),
  new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question)[,!\s]+)*${IS_IT_HERE}${NAME}\s+${HERE_WORDS}${TAIL}\s*[?.!]*\s*$`, 'iu'),
  new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question)[,!\s]+)*(?:is|are)\s+there\s+(?:an?\s+|any\s+)?${NAME}${TAIL}\s*[?.!]*\s*$`, 'iu'),
];

/** Words said around a method's name that are no part of it ("li thresholding", "the cellpose model", "stardist segmentation"). */
const AROUND = /^(?:the|a|an|method|methods|model|models|algorithm|plugin|network|net|thresholding|threshold|segmentation|tracking|tracker|denoising|registration|correction|filter|filtering|detector|detection|option|support|mode)$/i;

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\d]/gu, '');

interface Known {
  tool: string;
  /** The method is here: the setting that runs it; else the setting of the step that stands in for it. */
  here: boolean;
  args: Record<string, unknown>;
  say?: string;
}

/** Every name a tool declares for a method it has (its allowed values, their words) or stands in for (its insteadOf). */
const KNOWN = new WeakMap<Catalogue, Map<string, Known>>();
function knownNames(catalogue: Catalogue): Map<string, Known> {
  const kept = KNOWN.get(catalogue);
  if (kept) return kept;
  const names = new Map<string, Known>();
  KNOWN.set(catalogue, names);
  for (const [tool, info] of catalogue) {
    const self = selfOf(tool, catalogue);
    if (!self || self.domain === 'microscope') continue;
    for (const [word, instead] of Object.entries(self.insteadOf ?? {})) if (!names.has(squash(word))) names.set(squash(word), { tool, here: false, args: instead.args, say: instead.say });
    // (the method a tool runs by: its allowed values, and the words it declares for each)
    for (const arg of ['method', 'model']) {
      const property = info.properties[arg];
      if (!property) continue;
      for (const value of allowedValues(property)) {
        if (value.length < 2 || /^(?:auto|manual|none|default)$/i.test(value)) continue;
        const words = [value, ...(self.valueWords?.[arg]?.[value] ?? [])];
        for (const w of words) if (squash(w).length >= 2 && !names.has(squash(w))) names.set(squash(w), { tool, here: true, args: { [arg]: value } });
      }
    }
  }
  return names;
}

function settingText(args: Record<string, unknown>): string {
  const set = Object.entries(args);
  return set.length ? ` with ${set.map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ')}` : '';
}

/** The first clause of a stand-in's own line when it says the method is not here ("Cellpose is not installed here"). */
function notHereClause(say: string | undefined, said: string): string {
  const first = (say ?? '').replace(/^Not applied:\s*/i, '').split(/[,;:](?=\s)|\s+so\s+/)[0].trim();
  return /\bnot\b/i.test(first) && first.length < 90 ? first.replace(/^./, (c) => c.toUpperCase()) : `${said} itself is not available here`;
}

/**
 * The answer to a question whether a method is here, from the tools' declarations (nothing run), or undefined when the
 * request is no such question or names no method a tool declares.
 */
export function capabilityAnswer(text: string, catalogue: Catalogue): string | undefined {
  const plain = text.replace(/\s+/g, ' ').trim();
  const m = FORMS.map((f) => f.exec(plain)).find(Boolean);
  if (!m) return undefined;
  // ("can you run otsu?", "can you do li?": a method that is here, asked with a verb of doing, is a request to run it)
  const doing = /^\s*(?:\S+[,!\s]+)*?can\s+\S+\s+(?:also\s+|actually\s+|already\s+|even\s+)?(?:do|run|use|perform|apply)\b/i.test(plain);
  const words = m[1].split(/\s+/).filter((w) => !AROUND.test(w));
  if (words.length === 0 || words.length > 2) return undefined;
  const said = words.join(' ');
  const known = knownNames(catalogue).get(squash(said));
  if (!known) return undefined;
  const summary = (selfOf(known.tool, catalogue)?.summary ?? '').replace(/\s+$/, '');
  if (known.here) {
    if (doing) return undefined;
    return `Yes: \`${known.tool}\`${settingText(known.args)} runs ${said}${summary ? ` (${known.tool}: ${summary.replace(/\.$/, '')})` : ''}. Nothing was run; ask for it on your movie (e.g. "${known.tool.split('_')[0]} with ${said}").`;
  }
  return `${notHereClause(known.say, said)}. Asked for ${said}, I run \`${known.tool}\`${settingText(known.args)} in its place and say so in the answer${summary ? ` (${known.tool}: ${summary.replace(/\.$/, '')})` : ''}. Nothing was run.`;
}

/** "what formats can you export to?", "which methods can you segment with?", "what kinds of plot do you make?". */
const OPTIONS_ASKED = /^\s*(?:(?:so|and|ok(?:ay)?|hey)[,\s]+)*(?:what|which)\s+(?:other\s+|different\s+)?(?:kinds?\s+of\s+|types?\s+of\s+|sorts?\s+of\s+)?([a-z]+?)s?\s+(?:can|could|do|does|will)\s+(?:you|u|cellpilot)\s*(.*?)\s*[?.!]*\s*$/i;

/**
 * The answer to a question about the values a tool's setting allows ("what formats can you export to?": export's
 * `format`), from the tool's declaration, nothing run; undefined when the noun names no setting of one tool the words
 * point at.
 */
export function optionsAnswer(text: string, catalogue: Catalogue, toolsNamed: (words: string) => string[]): string | undefined {
  const m = OPTIONS_ASKED.exec(text.replace(/\s+/g, ' ').trim());
  if (!m) return undefined;
  const noun = m[1].toLowerCase().replace(/ie$/, 'y');
  const having = [...catalogue].filter(([tool, info]) => selfOf(tool, catalogue)?.domain !== 'microscope' && allowedValues(info.properties[noun] ?? {}).length >= 2).map(([tool]) => tool);
  if (having.length === 0) return undefined;
  const named = toolsNamed(m[2]).filter((t) => having.includes(t));
  const tool = named[0] ?? (having.length === 1 && m[2].split(/\s+/).filter(Boolean).length <= 2 ? having[0] : undefined);
  if (!tool) return undefined;
  const property = catalogue.get(tool)!.properties[noun];
  const values = allowedValues(property).filter((v) => !/^(?:auto)$/i.test(v));
  const about = (property.description ?? '').replace(/\s+/g, ' ').trim();
  const shortAbout = about.length > 420 ? `${about.slice(0, 420).replace(/;[^;]*$/, '')}; ...` : about;
  const standIns = Object.keys(selfOf(tool, catalogue)?.insteadOf ?? {});
  return `\`${tool}\` takes these ${noun}s (from its declaration; nothing was run): ${values.join(', ')}${shortAbout ? ` (${shortAbout})` : ''}.${standIns.length ? ` Not here, with a stand-in said when asked: ${standIns.join(', ')}.` : ''}`;
}

/**
 * "can you do 3D?", "do you handle z-stacks?", "is it possible to segment in 3D with this software?": whether cellpilot does
 * something that is no method's name but a kind of data or work (a feature), asked of cellpilot alone. Answered from what the
 * tools declare of it (their summaries, descriptions, settings and results), nothing run; undefined when the question points
 * at the data ("can you handle these nuclei?") or its words are only steps' own words ("can you do tracking?" stays a request).
 */
const FEATURE_ASKED = [
  new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question|also)[,!\s]+)*(?:can|could|does|do|will)\s+(?:you|u|cellpilot|it|this(?:\s+(?:tool|thing|software|app|program))?|the\s+(?:tool|software|app|program))\s+(?:also\s+|actually\s+|even\s+)?(?:do|handle|support|work\s+(?:with|on|in)|deal\s+with|cope\s+with|process|analy[sz]e)\s+(.+?)\s*[?.!]*\s*$`, 'iu'),
  new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question|also)[,!\s]+)*is\s+it\s+(?:possible|doable|feasible)\s+to\s+(.+?)(?:\s+(?:with|in|using|on)\s+(?:this|the|cellpilot|your)(?:\s+(?:tool|software|app|program|thing))?)?\s*[?.!]*\s*$`, 'iu'),
  new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question|also)[,!\s]+)*(?:is|are)\s+(.+?)\s+(?:supported|possible|doable|handled)(?:\s+(?:here|at\s+all|too|with\s+this(?:\s+(?:tool|software|app|program))?))?\s*[?.!]*\s*$`, 'iu'),
];
/** Words of the question that point at the data or say nothing of a feature. */
const POINTS_AT_DATA = /\b(?:this|these|those|that|my|our|it|them|the\s+(?:cells?|nuclei|nucleus|movie|image|tracks?|objects?))\b|\b[a-z]+-\d+\b/i;
const NO_FEATURE = /^(?:in|with|on|of|for|to|and|or|the|a|an|any|some|data|images?|movies?|files?|stuff|things?|analysis|too|also|well|as|at|all|here|please|pls|me|do|does|doing|make|run|perform|use|using|get|have|apply)$/i;

/** A feature's written form as a pattern over declarations: its letters and digits apart or joined by a space or hyphen, a plural too. */
function featurePattern(term: string): RegExp {
  const stem = term.toLowerCase().replace(/[^\p{L}\d]/gu, '').replace(/(?<=\p{L}{3})s$/u, '');
  const parts = stem.match(/\p{L}+|\d+/gu) ?? [];
  return new RegExp(String.raw`(?<![\p{L}\d])${parts.map((p) => p.split('').join('[\\s-]?')).join('[\\s-]?')}`, 'iu');
}

/** A tool's own names, in lower case: its name, the parts of its name and the words people use for it. */
function ownNames(tool: string, catalogue: Catalogue): string[] {
  return [tool, ...tool.split('_'), ...(selfOf(tool, catalogue)?.words ?? [])].map((w) => w.toLowerCase());
}

/** What a tool's declaration says of itself: its summary, its description and its arguments' descriptions. */
function declaredTexts(tool: string, info: ToolInfo, catalogue: Catalogue): string[] {
  return [selfOf(tool, catalogue)?.summary ?? '', info.description, ...Object.values(info.properties).map((p) => p.description ?? '')];
}

export function featureAnswer(text: string, catalogue: Catalogue): string | undefined {
  const plain = text.replace(/\s+/g, ' ').trim();
  const asked = FEATURE_ASKED.map((f) => f.exec(plain)).find(Boolean)?.[1];
  if (!asked || POINTS_AT_DATA.test(asked) || asked.split(/\s+/).length > 5) return undefined;
  const stepWords = new Set([...catalogue.keys()].flatMap((tool) => ownNames(tool, catalogue)));
  const words = asked.split(/\s+/).map((w) => w.replace(/[^\p{L}\d-]/gu, '')).filter((w) => w && !AROUND.test(w) && !NO_FEATURE.test(w));
  const features = words.filter((w) => !stepWords.has(w.toLowerCase()) && !/(?:ing|ion|ment)$/i.test(w));
  if (features.length === 0 || features.length > 2 || features.length === words.length && words.length > 1) return undefined;
  const named = words.filter((w) => stepWords.has(w.toLowerCase())).map((w) => w.toLowerCase());
  const patterns = features.map(featurePattern);
  // ("is it possible to do projection with minimum?": a setting of the step the words name, min of project's method, is a
  // request for that step with it, not a feature asked about)
  const said = new Set(words.map((w) => w.toLowerCase()));
  const namedSteps = [...catalogue].filter(([tool]) => ownNames(tool, catalogue).flatMap((w) => w.split(/\s+/)).some((w) => said.has(w)));
  if (namedSteps.some(([tool, info]) => patterns.every((p) => declaredTexts(tool, info, catalogue).some((t) => p.test(t)) || Object.values(info.properties).some((prop) => allowedValues(prop).some((v) => p.test(v)))))) return undefined;
  const lines: string[] = [];
  for (const [tool, info] of catalogue) {
    const self = selfOf(tool, catalogue);
    if (!self || self.domain === 'microscope') continue;
    const texts = declaredTexts(tool, info, catalogue);
    // (a result is found by its account or the words people ask it by, and said by its account: "z slices (planes) of the z-stack")
    const sentence = texts.flatMap((t) => t.split(/(?<=[.;])\s+/)).find((s) => patterns.every((p) => p.test(s)))
      ?? Object.values(self.results ?? {}).find((r) => patterns.every((p) => p.test(`${r.about} ${(r.words ?? []).join(', ')}`)))?.about;
    if (sentence) lines.push(`\`${tool}\`: ${sentence.trim().replace(/[.;]$/, '')}`);
  }
  // (the steps the question names first: "segment in 3D" is asked of segment)
  lines.sort((a, b) => Number(named.some((n) => b.startsWith(`\`${n}`))) - Number(named.some((n) => a.startsWith(`\`${n}`))));
  const feature = features.join(' ');
  if (lines.length === 0) return `No step here declares ${feature} (from the tools' declarations; nothing was run). Ask "help" for what cellpilot does.`;
  return `What the tools declare of ${feature} (from their declarations; nothing was run): ${lines.slice(0, 4).join('; ')}. Ask for the step on your movie to run it.`;
}
