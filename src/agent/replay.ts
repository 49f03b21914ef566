// Undo and change for a session: which steps are downstream of a step (their arguments
// name its results, directly or through other steps), undoing them, and running a step
// again with changed arguments followed by its downstream steps, rewired to the new
// results. Old artifacts stay addressable by id; session.json keeps what was undone and
// what replaced what, and the new steps are ordinary provenance records.
import { InputError, WorkError } from '../errors.ts';
import type { Replacement, StepHistory } from '../../tools/history.ts';
import type { ProvenanceRecord } from './provenance.ts';
import type { Session } from './session.ts';
import { comparedValues } from './stepComparison.ts';

/** An analysis step made a result (a movie, labels, tracks, a table, a plot...): questions, calibration, undo and saved pipelines did not. */
function isAnalysis(r: ProvenanceRecord): boolean {
  return r.outputs.some((o) => o.type !== 'pipeline');
}

/** Every string inside an argument value (artifact ids hide in arrays and objects). */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** The same value with artifact ids replaced through `map`. */
function rewire(value: unknown, map: Map<string, string>): unknown {
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewire(v, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewire(v, map)]));
  return value;
}

/** Steps undone or replaced. */
function setAsideSteps(session: Session): Set<string> {
  return new Set([...(session.meta.undoneSteps ?? []), ...Object.keys(session.meta.replacedSteps ?? {})]);
}

/** The steps still in effect: ok, not undone, not replaced. */
export function liveSteps(session: Session): ProvenanceRecord[] {
  const gone = setAsideSteps(session);
  return session.provenance.read().filter((r) => r.status === 'ok' && !gone.has(r.step));
}

/** `step` and the live steps after it that use its results, in order. */
export function downstreamOf(steps: ProvenanceRecord[], step: ProvenanceRecord): ProvenanceRecord[] {
  const produced = new Set(step.outputs.map((o) => o.id));
  const chain = [step];
  for (const record of steps.slice(steps.indexOf(step) + 1)) {
    if (stringsIn(record.args).some((s) => produced.has(s))) {
      chain.push(record);
      for (const o of record.outputs) produced.add(o.id);
    }
  }
  return chain;
}

function findStep(steps: ProvenanceRecord[], step: string | undefined, tool: string | undefined): ProvenanceRecord {
  if (step) {
    const found = steps.find((r) => r.step === step);
    if (!found) throw new InputError(`no step ${step} in effect in this session (steps: ${steps.map((r) => `${r.step} ${r.tool}`).join(', ') || 'none'})`);
    return found;
  }
  const candidates = steps.filter((r) => (tool ? r.tool === tool : isAnalysis(r)));
  const last = candidates.at(-1);
  if (!last) throw new InputError(tool ? `no ${tool} step in this session to act on` : 'no analysis step in this session yet');
  return last;
}

export function sessionHistory(session: Session): StepHistory {
  return {
    setAside: () => [...setAsideSteps(session)],
    undo(step, tool) {
      const steps = liveSteps(session);
      const chain = downstreamOf(steps, findStep(steps, step, tool));
      const undone = chain.map((r) => r.step);
      const artifacts = chain.flatMap((r) => r.outputs.map((o) => o.id));
      session.markUndone(undone, artifacts);
      return { undone, artifacts };
    },
    async replay(step, tool, changes, ctx) {
      const [{ runStep }, { ALL_TOOLS }] = await Promise.all([import('./executor.ts'), import('./allTools.ts')]);
      const steps = liveSteps(session);
      const target = findStep(steps, step, tool);
      if (!isAnalysis(target)) throw new InputError(`${target.step} (${target.tool}) is not an analysis step to run again`);
      const chain = downstreamOf(steps, target);
      const map = new Map<string, string>();
      const replacements: Replacement[] = [];
      for (const [index, record] of chain.entries()) {
        // user-named outputs are left out: the old files stay as they were, addressable by id
        const { output: _output, ...kept } = record.args;
        const args = rewire(index === 0 ? { ...kept, ...changes } : kept, map) as Record<string, unknown>;
        ctx.progress(index, chain.length, record.tool);
        const outcome = await runStep(session, ALL_TOOLS, record.tool, args, { signal: ctx.signal });
        if (outcome.status !== 'ok') {
          const done = replacements.length ? ` (${replacements.map((r) => `${r.oldStep} -> ${r.newStep}`).join(', ')} were replaced before it)` : '';
          throw new WorkError(`running ${record.step} (${record.tool}) again failed: ${outcome.error}${done}`);
        }
        const artifacts: Record<string, string> = {};
        record.outputs.forEach((old, i) => {
          const fresh = outcome.artifacts.filter((a) => a.type === old.type)[record.outputs.filter((o, j) => j < i && o.type === old.type).length];
          if (fresh) (artifacts[old.id] = fresh.id), map.set(old.id, fresh.id);
        });
        // (what changed: the settings asked and the numbers the tool declares, the old step's against the new one's)
        const results = ALL_TOOLS.find((t) => t.name === record.tool)?.results ?? {};
        const compared = comparedValues(results, record, { args, values: outcome.values }, index === 0 ? Object.keys(changes) : []);
        replacements.push({ oldStep: record.step, newStep: outcome.stepId, tool: record.tool, artifacts, ...(compared.length ? { compared } : {}) });
        session.markReplaced(record.step, outcome.stepId, Object.keys(artifacts));
      }
      ctx.progress(chain.length, chain.length, 'done');
      return replacements;
    },
  };
}
