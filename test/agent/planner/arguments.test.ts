// The constraint sweep: for every argument of every tool schema, a request that states it
// (made from the schema: the argument's name words, a plausible value and its unit), and
// the plan either carries that value or its answer names the argument as not applied.
// A silent drop fails the test.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { adaptArgs, type PropertyInfo } from '../../../src/agent/planner/catalogue.ts';
import { nameWords, statedNumbers } from '../../../src/agent/planner/arguments.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { verbFor } from '../../../src/agent/planner/answers.ts';
import { toolJsonSchema } from '../../../tools/jsonSchema.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

/** Arguments that name artifacts, files, steps or whole plans: stated by references, not by words and numbers. */
const REFERENCES = /^(?:movie|labels|tracks|table|result|groundTruth|truth|drift|output|step|tool|changes|plan|rule|ruleId|steps|keep|inputs|pipeline|question|name|description|model|features|featurePenalties|channelNames|channelColors|points|idColumn|timeColumn|value|other|feature|xFeature|colorBy|frames|objective|channel|referenceChannel)$/;

type Prop = PropertyInfo & { minimum?: number; maximum?: number; exclusiveMinimum?: number };

function unitWord(name: string): string {
  if (/Px$/.test(name)) return ' px';
  if (/Um$/.test(name)) return ' µm';
  if (/Ms$/.test(name)) return ' ms';
  if (/[a-z]S$/.test(name)) return ' s';
  if (/Percent$/.test(name)) return '%';
  if (/Frames?$|Gap$|Lags?$/.test(name)) return ' frames';
  return '';
}

function plausible(p: Prop, integer: boolean): number {
  const lo = p.minimum ?? (p.exclusiveMinimum !== undefined ? p.exclusiveMinimum + (integer ? 1 : 0.5) : 0);
  const hi = p.maximum ?? lo + 100;
  const v = Math.min(hi, Math.max(lo, integer ? 7 : 2.5));
  return v === p.default ? Math.min(hi, v + 1) : v;
}

interface Statement { tool: string; arg: string; request: string; value: unknown }

/**
 * The same arguments as people write them: terse lab shorthand ("denoise, sigma 2.5 px"), a
 * sentence of its own ("...; the sigma should be 2.5 px"), a switch in everyday words
 * ("... and don't allow splitting"), and a value named before its argument ("use links for the kind").
 */
function peoplesStatements(): Statement[] {
  return statements().flatMap((s) => {
    const base = s.request.split(', with ')[0];
    const words = s.request.slice(base.length + ', with '.length);
    const numeric = /^an? (.+) of (\S+)(.*)$/.exec(words);
    // (a count of frames goes before its name: "7 mitosis frames", as "mitosis frames 7" reads as frame 7)
    if (numeric) return [
      { ...s, request: / frames$/.test(numeric[1]) ? `${base}, ${numeric[2]} ${numeric[1]}` : `${base}, ${numeric[1]} ${numeric[2]}${numeric[3]}` },
      { ...s, request: `${base}; the ${numeric[1]} should be ${numeric[2]}${numeric[3]}` },
    ];
    const value = /^(.+) as the (.+)$/.exec(words);
    if (value) return [{ ...s, request: `${base}, ${value[2]} ${value[1]}` }];
    if (typeof s.value === 'boolean') return [{ ...s, request: s.value ? `${base} and ${words}` : `${base} but don't ${words.replace(/^out\s+/, '')}` }];
    return [];
  });
}

/** One request per argument: the tool's own first example, then the argument said in words. */
function statements(): Statement[] {
  const out: Statement[] = [];
  for (const tool of ALL_TOOLS) {
    if (tool.domain === 'microscope' || !tool.examples?.length) continue; // microscope tools take typed plans (tests in acquisitionLanguage/)
    // the tool's own verb phrase, so that no other value is stated beside the one swept
    const example = verbFor(tool.name);
    const props = ((toolJsonSchema(tool) as { properties?: Record<string, Prop> }).properties) ?? {};
    for (const [arg, p] of Object.entries(props)) {
      if (REFERENCES.test(arg)) continue;
      const words = nameWords(arg).join(' ') ? arg.replace(/(Px|Um|Ms|S|Percent)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : arg;
      const types = [p.type, ...(p.anyOf ?? []).map((a) => a.type)].flat();
      const values = [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].filter((v): v is string => typeof v === 'string' && v !== p.default);
      if (values.length) out.push({ tool: tool.name, arg, request: `${example}, with ${values[0].replace(/_/g, ' ')} as the ${words}`, value: values[0] });
      else if (types.includes('boolean')) out.push({ tool: tool.name, arg, request: p.default === true ? `${example}, without ${words}` : `${example}, with ${words}`, value: p.default !== true });
      else if (types.includes('number') || types.includes('integer')) {
        const value = plausible(p, types.includes('integer') && !types.includes('number'));
        out.push({ tool: tool.name, arg, request: `${example}, with a ${words} of ${value}${unitWord(arg)}`, value });
      }
    }
  }
  return out;
}

describe('every argument stated in a request is applied or named', () => {
  beforeAll(async () => {
    await loadAcquisitionWords();
  });

  it.each([['in the schema\'s words', statements], ['in people\'s words', peoplesStatements]])('sweeps every argument of every analysis tool schema, %s', (_how, make) => {
    const sweep = make();
    expect(sweep.length).toBeGreaterThan(60);
    const silent: string[] = [];
    for (const s of sweep) {
      const conversation = { request: s.request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, { id: 'table-1', type: 'table', producedBy: 'measure' }], earlier: [], current: [], earlierRequests: [] };
      const plan = planRequest(conversation, catalogue);
      const step = plan.steps.find((st) => st.tool === s.tool);
      const applied = step && adaptArgs(step.args, catalogue.get(s.tool))[s.arg];
      if (applied === s.value) continue;
      // nothing ran and the answer asks for what is missing ("give the kymograph's line"): not a silent drop
      if (!step && plan.steps.length === 0 && plan.reply) continue;
      const said = [plan.reply ?? '', ...(plan.notes ?? [])].join(' ');
      const named = said.includes(String(s.value)) || nameWords(s.arg).some((w) => said.toLowerCase().includes(w));
      if (!named) silent.push(`${s.tool}.${s.arg}: "${s.request}" → ${step ? JSON.stringify(adaptArgs(step.args, catalogue.get(s.tool))[s.arg]) : `no ${s.tool} step`}`);
    }
    expect(silent, silent.join('\n')).toEqual([]);
  });

  it('reads a number with its unit by the words of the argument it belongs to', () => {
    expect(statedNumbers('track', 'track them with a max linking distance of 12 px', catalogue)).toEqual({ maxLinkingDistancePx: 12 });
    expect(statedNumbers('set_calibration', 'the frames were taken 2 minutes apart', catalogue)).toEqual({ frameIntervalS: 120 });
    expect(statedNumbers('set_calibration', 'the pixel size is 0.65 microns', catalogue)).toEqual({ pixelSizeUm: 0.65 });
    // a unit that does not fit the argument is not taken
    expect(statedNumbers('track', 'track them with a max linking distance of 12 s', catalogue)).toEqual({});
  });
});

describe('bounds said as comparisons', () => {
  it('reads "keep bigger than" as a lower bound and "throw away larger than" as an upper one', () => {
    expect(statedNumbers('segment', 'segment the nuclei, only the ones bigger than 50 px', catalogue)).toMatchObject({ minAreaPx: 50 });
    expect(statedNumbers('segment', 'find nuclei and throw away anything larger than 400 pixels', catalogue)).toMatchObject({ maxAreaPx: 400 });
    expect(statedNumbers('segment', 'keep objects smaller than 300 px', catalogue)).toMatchObject({ maxAreaPx: 300 });
  });
});

describe('numbers in a list', () => {
  it('gives each number of a comma list to the argument named by it ("snr 5, drift 2 px")', async () => {
    expect(statedNumbers('simulate_movie', 'simulate 30 frames, 12 cells, snr 5, drift 2 px, seed 7', catalogue)).toMatchObject({ snr: 5, driftPx: 2, seed: 7 });
    const { quantityWithRole } = await import('../../../src/agent/planner/extract.ts');
    const { findQuantities } = await import('../../../src/agent/planner/quantities.ts');
    expect(quantityWithRole(findQuantities('snr 5, drift 2 px'), ['length', 'count'], /drift/)?.value).toBe(2);
    expect(quantityWithRole(findQuantities('cells with 3 px of drift'), ['length', 'count'], /drift/)?.value).toBe(3);
  });
});

describe('numbers and values in people\'s words (brief R)', () => {
  it('reads "nothing bigger than" as an upper bound and "a moving average over 3 frames" as the window', () => {
    expect(statedNumbers('segment', 'segment, nothing bigger than 3000 pixels', catalogue)).toMatchObject({ maxAreaPx: 3000 });
    expect(statedNumbers('analyze_timeseries', 'smooth the traces with a moving average over 3 frames', catalogue)).toMatchObject({ windowFrames: 3 });
    expect(statedNumbers('track', 'link the objects; the splitting max distance should be 2.5 px', catalogue)).toEqual({ splittingMaxDistancePx: 2.5 });
  });

  it('reads the value said next to its argument\'s name', async () => {
    const { valuesByName } = await import('../../../src/agent/planner/arguments.ts');
    expect(valuesByName('segment', 'find nuclei or cells, target cells', catalogue)).toMatchObject({ target: 'cells' });
    expect(valuesByName('measure', 'measure objects, kind links', catalogue)).toMatchObject({ kind: 'links' });
    expect(valuesByName('embed', 'embed the features, linkage average', catalogue)).toMatchObject({ linkage: 'average' });
  });
});

describe('the nearer argument takes the number (brief R)', () => {
  it('gives "the nuclei with a sigma of 2" to the sigma, not the object size', () => {
    expect(statedNumbers('segment', 'segment the nuclei with a sigma of 2', catalogue)).toEqual({ sigmaPx: 2 });
  });
});

/**
 * The silent-drop sweep (brief s23/R): every tool's own verb phrase with one more part said in
 * words from no eval file (a method named by a name we do not have, another tool turned down,
 * a number in a unit none of the tool's arguments takes); the plan applies that part or its
 * answer names it. Each family counts its silent drops.
 */
const SWEEP_ARTIFACTS = [{ id: 'movie-1', type: 'movie' }, { id: 'labels-1', type: 'labels', producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks', producedBy: 'track' }, { id: 'table-1', type: 'table', producedBy: 'measure' }];
/** Method names made up for the sweep (no tool, list or eval file has them), written as people write names. */
const INVENTED_METHODS = ['QuickSegNet', 'the Heron3 model'];
const UNIT_BY_KIND: Record<string, string> = { px: '7 px', um: '3.5 µm', s: '45 s', frame: '6 frames', '%': '12%' };
/** Figures made up for the sweep, which no tool draws. */
const INVENTED_FIGURES = ['sunflower chart'];
/** Living things named as biology forms their names, in no tool's words. */
const LIVING_THINGS = ['Xenopus melanophores', 'zebrafish hepatocytes'];

function sweepTools() {
  return ALL_TOOLS.filter((t) => t.domain !== 'microscope' && t.examples?.length && !['help', 'undo', 'rerun'].includes(t.name));
}

function planned(request: string) {
  const plan = planRequest({ request, artifactsAtStart: SWEEP_ARTIFACTS, earlier: [], current: [], earlierRequests: [] }, catalogue);
  return { plan, said: [plan.reply ?? '', ...(plan.notes ?? [])].join(' ').toLowerCase() };
}

export function silentDropSweep(): Record<string, string[]> {
  const silent: Record<string, string[]> = { methods: [], negations: [], units: [], valuesElsewhere: [], figures: [], listNumbers: [], thingsImaged: [], ranges: [] };
  for (const tool of sweepTools()) {
    const verb = verbFor(tool.name);
    const schema = ((toolJsonSchema(tool) as { properties?: Record<string, Prop> }).properties) ?? {};
    // a value of the tool's own choice said in a sentence of its own ("... . I want umap for it.")
    for (const [arg, p] of Object.entries(schema)) {
      if (REFERENCES.test(arg)) continue;
      const value = [...(p.enum ?? []), ...(p.anyOf ?? []).flatMap((a) => a.enum ?? [])].find((v): v is string => typeof v === 'string' && v !== p.default && v.length > 3);
      if (!value) continue;
      const request = `${verb}. I want ${value.replace(/_/g, ' ')} for the ${arg.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}.`;
      const { plan, said } = planned(request);
      const step = plan.steps.find((st) => st.tool === tool.name);
      if (step && adaptArgs(step.args, catalogue.get(tool.name))[arg] !== value && !said.includes(value.replace(/_/g, ' ').toLowerCase())) silent.valuesElsewhere.push(`"${request}" → ${JSON.stringify(adaptArgs(step.args, catalogue.get(tool.name))[arg])}`);
    }
    // a figure no tool draws, asked beside the step
    for (const figure of INVENTED_FIGURES) {
      const request = `${verb} and draw a ${figure} of it`;
      const { plan, said } = planned(request);
      if (plan.steps.length > 0 && !said.includes(figure.split(' ')[0])) silent.figures.push(`"${request}" → ${plan.steps.map((st) => st.tool).join(', ')}`);
    }
    // a range of plain numbers no argument takes (brief s50/C: "x axis from 0 to 500"): applied or named
    {
      const request = `${verb}, display range 13 to 970`;
      const { plan, said } = planned(request);
      const taken = plan.steps.some((st) => JSON.stringify(st.args).includes('970'));
      if (plan.steps.length > 0 && !taken && !said.includes('970')) silent.ranges.push(`"${request}" → ${plan.steps.map((st) => st.tool).join(', ')}`);
    }
    // a list's number is no setting
    const listed = `- load the movie\n- 2. ${verb}`;
    const numbered = planned(listed).plan.steps.find((st) => st.tool === tool.name);
    if (numbered && Object.values(numbered.args).includes(2)) silent.listNumbers.push(`${JSON.stringify(listed)} → ${JSON.stringify(numbered.args)}`);
    // things imaged in words no tool knows are no request from elsewhere
    if ((tool.consumes ?? []).some((type) => type === 'labels' || type === 'movie') && /^(?:segment|track|measure)$/.test(tool.name)) {
      for (const thing of LIVING_THINGS) {
        const request = `${tool.name} the ${thing}`;
        const { plan } = planned(request);
        if (plan.steps.length === 0) silent.thingsImaged.push(`"${request}" → ${plan.reply}`);
      }
    }
    for (const [k, name] of INVENTED_METHODS.entries()) {
      const request = `${verb} ${['with', 'using'][k]} ${name}`;
      const { plan, said } = planned(request);
      const core = name.replace(/^(?:the|a)\s+/, '').split(' ')[0].toLowerCase();
      if (plan.steps.length > 0 && !said.includes(core)) silent.methods.push(`"${request}" → ${plan.steps.map((s) => s.tool).join(', ')}`);
    }
    const units = new Set(Object.keys(schema).map((a) => unitWord(a).trim()).map((u) => (u === 'µm' ? 'um' : u === 'frames' ? 'frame' : u)));
    for (const [unit, amount] of Object.entries(UNIT_BY_KIND)) {
      if (units.has(unit)) continue;
      const request = `${verb}, ${amount}`;
      const { plan, said } = planned(request);
      const value = amount.split(/\s|%/)[0];
      if (plan.steps.length > 0 && !said.includes(value)) silent.units.push(`"${request}" → ${plan.steps.map((s) => `${s.tool}${JSON.stringify(s.args)}`).join(', ')}`);
    }
    // (the tools that make what it reads, and one other by its place in the list: a sample of every pair, kept fast)
    const all = sweepTools();
    const at = all.indexOf(tool);
    const makers = all.filter((o) => (o.makes ?? []).some((type) => (tool.consumes ?? []).includes(type)));
    for (const other of new Set([...makers, all[(at + 5) % all.length]])) {
      if (other === tool) continue;
      const request = `${verb} but don't ${verbFor(other.name)}`;
      const { plan, said } = planned(request);
      const ran = plan.steps.some((s) => s.tool === other.name);
      const otherWords = verbFor(other.name).split(' ').filter((w) => w.length > 3);
      if (ran && !otherWords.some((w) => said.includes(w.toLowerCase())) && !said.includes(other.name)) silent.negations.push(`"${request}" → ${plan.steps.map((s) => s.tool).join(', ')}`);
    }
  }
  return silent;
}

describe('no silent drop: methods, turned-down steps and units (brief s23/R)', () => {
  beforeAll(async () => {
    await loadAcquisitionWords();
  });

  it('names every method it does not have, every step turned down that still runs, and every number no argument takes', () => {
    const silent = silentDropSweep();
    const counts = Object.fromEntries(Object.entries(silent).map(([k, v]) => [k, v.length]));
    console.log('silent drops by family', JSON.stringify(counts));
    expect(Object.values(silent).flat(), Object.values(silent).flat().join('\n')).toEqual([]);
  });
});
