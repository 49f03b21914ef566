// Which microscope tool a sentence asks for, with its typed arguments, or a question to
// ask back. The offline planner calls this; an LLM fills the same schemas itself.
import type { Adjustment } from '../../microscope/adjustment.ts';
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { parseSequence } from '../../microscope/sequence.ts';
import { AmbiguousCommand, MixedRequest, parseAdjustment } from './adjustments.ts';
import { parseAcquisitionRequest, timeSpans } from './requests.ts';
import { parseRule } from './rules.ts';
import { exposureMs, findChannels, normaliseText, percent } from './words.ts';

export type MicroscopeToolName = 'microscope_status' | 'snap' | 'move_stage' | 'start_acquisition' | 'adjust_acquisition' | 'pause_acquisition' | 'resume_acquisition' | 'stop_acquisition' | 'add_rule' | 'dose_report';

export type MicroscopeRoute =
  /** `fallback`: not read as a command, only named the microscope (a status is the best guess). */
  | { tool: MicroscopeToolName; args: Record<string, unknown>; understood?: string; fallback?: true }
  /** The words could mean different things, or lack something: ask this (one line). */
  | { tool?: undefined; ask: string };

/** The typed arguments of one microscope tool for `text`, or undefined when it is not about the microscope. */
export function routeMicroscopeRequest(text: string, options: { acquisitionRunning?: boolean; config?: MicroscopeConfig } = {}): MicroscopeRoute | undefined {
  const config = options.config ?? DEMO_CONFIG;
  const t = normaliseText(text).toLowerCase();
  if (/^(?:when(?:ever)?|if|as soon as|each time|every time|once|after)\b.+[,:]|\bwhenever\b|^(?:add|set up|create|make) (?:a )?rule\b/.test(t) && !/^once (this|the current)\b/.test(t)) {
    try {
      const { id: _id, ...rule } = parseRule(text.replace(/^\s*(?:add|set up|create|make) (?:a )?rule:?\s*/i, ''), config);
      return { tool: 'add_rule', args: { rule, confirm: false } };
    } catch {
      // not a rule after all
    }
  }
  const hasChannel = findChannels(t, config).length > 0;
  const spans = timeSpans(t);
  const timeLapse = /\bevery\b|\binterval\b|\btime[\s-]?lapse\b|\btime ?points\b|\bframes\b/.test(t) && (/\bfor\b|\bover\b|\bovernight\b|\d+\s*(?:time ?points|frames)/.test(t) || (spans.intervalS !== undefined && spans.durationS !== undefined));
  if (hasChannel && timeLapse && /\b(image|acquire|record|start|take|run|film|capture|time[\s-]?lapse|snap|imaging)\b/.test(t) && !options.acquisitionRunning) {
    try {
      const parsed = parseAcquisitionRequest(text, config);
      return { tool: 'start_acquisition', args: { plan: parseSequenceChecked(parsed.sequence), ...(parsed.objective ? { objective: parsed.objective } : {}) }, understood: parsed.understood };
    } catch (err) {
      return { ask: capitalise((err as Error).message) };
    }
  }
  if (/\b(snap|take (?:a|an|one) (?:picture|image|snapshot|photo)|single image|one image)\b/.test(t) && !timeLapse) {
    const channel = findChannels(t, config)[0]?.preset;
    const exposure = exposureMs(t);
    const power = percent(t);
    return { tool: 'snap', args: { ...(channel ? { channel } : {}), ...(exposure !== undefined ? { exposureMs: exposure } : {}), ...(power !== undefined ? { powerPercent: power } : {}) } };
  }
  let changes: Adjustment[];
  try {
    changes = parseAdjustment(text, config);
  } catch (err) {
    if (err instanceof AmbiguousCommand) return { ask: capitalise(err.message) };
    // words to stop something that were not understood while imaging: asked back, never left to a guess that could end the run
    if (options.acquisitionRunning && STOP_WORD.test(t) && !(err instanceof MixedRequest)) return { ask: `I am not sure what to stop in "${text.trim()}": say "stop the acquisition" to end it (I will ask you to confirm), or name a channel ("drop DAPI"), the z-stack or the grid` };
    return /\b(microscope|stage|objective|acquisition|laser)\b/.test(t) ? { tool: 'microscope_status', args: {}, fallback: true } : undefined;
  }
  const route = toolFor(changes, options.acquisitionRunning ?? false);
  // nothing running and the words start a plan ("image GFP every 2 minutes"): a start that lacks something
  if (route.tool === 'adjust_acquisition' && !options.acquisitionRunning && hasChannel && IMAGING_VERB.test(t)) {
    try {
      const parsed = parseAcquisitionRequest(text, config);
      return { tool: 'start_acquisition', args: { plan: parseSequenceChecked(parsed.sequence), ...(parsed.objective ? { objective: parsed.objective } : {}) }, understood: parsed.understood };
    } catch (err) {
      return { ask: capitalise((err as Error).message) };
    }
  }
  return route;
}

/** A word that could end the acquisition. */
const STOP_WORD = /\b(stop|end|halt|abort|cancel|kill|terminate|quit|cease|finish)\b/;

/** Words that begin a new acquisition, not a change to one. */
const IMAGING_VERB = /^(?:please\s+)?(?:image|acquire|record|film|capture|start (?:a )?(?:time[\s-]?lapse|imaging|acquisition|acquiring)|time[\s-]?lapse)\b(?!.*\b(?:instead|from now|anymore|any more)\b)/;

/** One tool call for the changes: run control and questions have their own tools; the rest is adjust_acquisition. */
function toolFor(changes: Adjustment[], running: boolean): MicroscopeRoute {
  const only = changes.length === 1 ? changes[0] : undefined;
  if (changes.some((c) => c.kind === 'stop' || c.kind === 'finish')) {
    if (changes.length > 1) return { ask: 'Stopping the acquisition is asked for on its own: say "stop the acquisition" (you will be asked to confirm), then the other changes' };
    return { tool: 'stop_acquisition', args: only!.kind === 'finish' ? { finishTimepoint: true } : {} };
  }
  if (only?.kind === 'status') return only.about === 'dose' ? { tool: 'dose_report', args: {} } : { tool: 'microscope_status', args: {} };
  if (only?.kind === 'pause') return { tool: 'pause_acquisition', args: only.forS !== undefined ? { forS: only.forS } : {} };
  if (only?.kind === 'resume') return { tool: 'resume_acquisition', args: {} };
  if (!running && only?.kind === 'moveStage') return { tool: 'move_stage', args: { ...(only.xUm !== undefined ? { xUm: only.xUm } : {}), ...(only.yUm !== undefined ? { yUm: only.yUm } : {}), ...(only.zUm !== undefined ? { zUm: only.zUm } : {}), relative: only.relative ?? false } };
  if (!running && only?.kind === 'objective') return { tool: 'move_stage', args: { objective: only.objective } };
  return { tool: 'adjust_acquisition', args: { changes } };
}

/** The plan as the tool will check it (so a refusal, e.g. a 10^9-plane stack, is asked back at once). */
function parseSequenceChecked(sequence: unknown): unknown {
  parseSequence(sequence);
  return sequence;
}

function capitalise(s: string): string {
  const line = s.split('\n')[0];
  return line.charAt(0).toUpperCase() + line.slice(1) + (/[.?!]$/.test(line) ? '' : '.');
}
