// What a self-driving rule is (trigger, action, hold, hysteresis) and how it reads in
// plain words. Kept apart from the rule runner so that the language parsers can describe
// a rule without loading the frame measures (segmentation, image I/O).
import { z } from 'zod';
import { formatDuration } from './adjustment.ts';

const channel = z.string().min(1).optional().describe('Channel the trigger watches (default: the first fluorescence channel)');
const level = { comparison: z.enum(['above', 'below']).describe('Fires when the value goes above or below the threshold'), threshold: z.number().describe('Value that turns the rule on'), release: z.number().optional().describe('Value that turns it off again (hysteresis; default the threshold)') };

/** A rule as data (the add_rule tool's schema): trigger, action, hold and hysteresis. */
export const ruleSchema = z.object({
  trigger: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('division').describe('A cell divides (division detection on the frames just acquired)'), channel }),
    z.object({ kind: z.literal('cellCount').describe('The number of cells (nuclei) in the frame'), channel, ...level }),
    z.object({ kind: z.literal('meanIntensity').describe('The mean intensity of the frame, counts'), channel, ...level }),
    z.object({ kind: z.literal('focusScore').describe('The focus score (normalised variance) of the frame'), channel, ...level }),
    z.object({ kind: z.literal('modelScore').describe("A model's score of the frame"), model: z.string().min(1).describe('A model in models/ that scores a frame'), channel, ...level }),
  ]).describe('What turns the rule on, measured on the frames as they arrive'),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('setInterval').describe('Image at another interval'), intervalS: z.number().min(0).describe('Interval while the rule is on, s'), atTriggerPosition: z.boolean().optional().describe('Only at the position where it fired; the other positions keep their interval (default false: all positions)') }),
    z.object({ kind: z.literal('addChannel').describe('Add a channel while the rule is on'), channel: z.string().min(1).describe('Channel preset, wavelength or dye'), exposureMs: z.number().positive().optional().describe('Its exposure, ms') }),
    z.object({ kind: z.literal('zoom').describe('Zoom in on where it fired'), objective: z.string().optional().describe('Objective: 10X, 20X or 40X (default: the next higher)') }),
    z.object({ kind: z.literal('autofocus').describe('Refocus') }),
    z.object({ kind: z.literal('stop').describe('Stop the acquisition') }),
  ]).describe('What the rule does while it is on'),
  holdS: z.number().positive().max(7 * 86400).optional().describe('Keep the action on this long after the last trigger, s'),
  holdFrames: z.number().int().positive().max(100_000).optional().describe('Keep the action on for this many time points after the last trigger'),
  revert: z.boolean().default(true).describe('Undo the action when the hold ends'),
  revertIntervalS: z.number().min(0).optional().describe('Interval to go back to, s (default: the one before)'),
  minFramesPerMode: z.number().int().min(1).max(1000).default(3).describe('Fewest time points between two mode changes (hysteresis in time)'),
  text: z.string().max(2000).optional().describe('The words the rule was made from'),
});

export type TriggerSpec =
  | { kind: 'division'; channel?: string }
  | { kind: 'cellCount'; channel?: string; comparison: 'above' | 'below'; threshold: number; release?: number }
  | { kind: 'meanIntensity'; channel?: string; comparison: 'above' | 'below'; threshold: number; release?: number; region?: { xPx: number; yPx: number; widthPx: number; heightPx: number } }
  | { kind: 'focusScore'; channel?: string; comparison: 'above' | 'below'; threshold: number; release?: number }
  | { kind: 'modelScore'; model: string; channel?: string; comparison: 'above' | 'below'; threshold: number; release?: number };

export type RuleAction =
  | { kind: 'setInterval'; intervalS: number; atTriggerPosition?: boolean }
  | { kind: 'addChannel'; channel: string; exposureMs?: number }
  | { kind: 'zoom'; objective?: string }
  | { kind: 'autofocus' }
  | { kind: 'stop' };

export interface Rule {
  id: string;
  /** The words the rule was made from, if any. */
  text?: string;
  trigger: TriggerSpec;
  action: RuleAction;
  /** Keep the action on this long after the last trigger, s. */
  holdS?: number;
  /** Keep the action on for this many time points after the last trigger. */
  holdFrames?: number;
  /** Undo the action when the hold ends (and a level trigger has released). */
  revert: boolean;
  /** Interval to go back to, s, when the rule said so ("then back to every 2 minutes"); default: the one before. */
  revertIntervalS?: number;
  /** Fewest time points between two mode changes. Default 3. */
  minFramesPerMode: number;
}

/** The rule in plain words, for the person to confirm. */
export function describeRule(rule: Rule): string {
  const t = rule.trigger;
  const channel = t.channel ? ` in ${t.channel}` : '';
  const level = (what: string, tr: { comparison: 'above' | 'below'; threshold: number; release?: number }) =>
    `${what} goes ${tr.comparison} ${fmt(tr.threshold)}${tr.release !== undefined && tr.release !== tr.threshold ? ` (until it comes back ${tr.comparison === 'above' ? 'below' : 'above'} ${fmt(tr.release)})` : ''}`;
  const when =
    t.kind === 'division'
      ? `a cell divides${channel}`
      : t.kind === 'cellCount'
        ? `the number of cells${channel} ${level('', t).trim()}`
        : t.kind === 'meanIntensity'
          ? `the mean intensity${t.region ? ' in the region' : ''}${channel} ${level('', t).trim()}`
          : t.kind === 'focusScore'
            ? `the focus score${channel} ${level('', t).trim()}`
            : `the ${t.model} score${channel} ${level('', t).trim()}`;
  const a = rule.action;
  const what =
    a.kind === 'setInterval'
      ? `image every ${formatDuration(a.intervalS)}${a.atTriggerPosition ? ' at the position where it happened (the others keep their interval)' : ''}`
      : a.kind === 'addChannel'
        ? `add the ${a.channel} channel${a.exposureMs ? ` (${a.exposureMs} ms)` : ''}`
        : a.kind === 'zoom'
          ? `zoom in on it${a.objective ? ` with the ${a.objective} objective` : ''}`
          : a.kind === 'autofocus'
            ? 'refocus (autofocus)'
            : 'stop the acquisition';
  const hold = [rule.holdS ? `for ${formatDuration(rule.holdS)}` : '', rule.holdFrames ? `for ${rule.holdFrames} time point(s)` : ''].filter(Boolean).join(' and ');
  const back = !rule.revert
    ? ''
    : a.kind === 'setInterval'
      ? `, then go back to ${rule.revertIntervalS !== undefined ? `every ${formatDuration(rule.revertIntervalS)}` : 'the previous interval'}`
      : a.kind === 'addChannel'
        ? `, then drop ${a.channel} again`
        : '';
  return `When ${when}, ${what}${hold ? ' ' + hold : ''}${back}; at least ${rule.minFramesPerMode} time points between changes.`;
}

function fmt(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}
