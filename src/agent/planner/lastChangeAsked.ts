// "what did you just change?", "what exactly did you change?", "which setting did you change?": a question about the
// last change made in this conversation, answered from its record (the step run again with its settings old and new,
// or the acquisition's adjustment, or the step undone), nothing run. Before, the word "change" re-ran the last step
// (rerun_step) or, while imaging, read the microscope's status, which does not say what was changed.
import type { PastResult } from './conversation.ts';

const VERB = String.raw`(?:change|changed|alter|altered|adjust|adjusted|modify|modified|tweak|tweaked|switch|switched|set|undo|undid|undone)`;
/** The question, asked of me: what (exactly) did you change, which settings have you changed, what (just) changed. */
const ASKED = new RegExp(
  String.raw`^\s*(?:(?:so|ok(?:ay)?|and|wait|sorry|hmm+|um+|hold on|hang on)[,\s]+)*(?:` +
    String.raw`(?:what|which\s+(?:settings?|values?|parameters?|things?|ones?))\s+(?:exactly\s+|precisely\s+)?(?:did|have|has|had)\s+(?:you|u|it)\s+(?:just\s+|exactly\s+|actually\s+|now\s+)?${VERB}` +
    String.raw`|what(?:'s|\s+has|\s+was|\s+got|\s+have)?\s+(?:just\s+|exactly\s+|actually\s+)?(?:been\s+)?(?:changed|altered|adjusted|modified)` +
    String.raw`)(?:\s+(?:just\s+now|now|exactly|there|then|in\s+the\s+(?:end|last\s+step)|with\s+(?:that|the\s+last\s+(?:one|step|command))))*(?:\s*\?+)?(?:[\s,.!]*(?:cheers|thanks|thank\s+you|thx|ta|please|pls))*[\s.!?]*$`,
  'i',
);

export function asksWhatChanged(text: string): boolean {
  return ASKED.test(text.trim());
}

/** "method li, objectRadiusPx 6": the settings of a step in the words of its arguments. */
function settings(args: Record<string, unknown>): string {
  return Object.entries(args)
    .filter(([k, v]) => v !== undefined && k !== 'output' && !(typeof v === 'object' && v !== null && '$ref' in (v as object)))
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/**
 * The line that says the last change made, from the steps that ran (oldest first); `describe` words an acquisition's
 * adjustment, `changes` says whether a tool changes a running acquisition.
 */
export function lastChangeAnswer(earlier: PastResult[], describe: (change: Record<string, unknown>) => string, changesARun: (tool: string) => boolean): string {
  const done = earlier.filter((r) => r.ok);
  const last = done.at(-1);
  if (!last) return 'Nothing has been run or changed in this conversation yet, so there is no change to tell.';
  if (changesARun(last.tool) && Array.isArray(last.args.changes)) {
    return `The last change was to the running acquisition: ${(last.args.changes as Record<string, unknown>[]).map(describe).join('; ')} (${last.tool}). Nothing else was changed, and nothing was run now.`;
  }
  if (typeof last.args.changes === 'object' && last.args.changes !== null && !Array.isArray(last.args.changes)) {
    const tool = typeof last.args.tool === 'string' ? last.args.tool : undefined;
    const changes = last.args.changes as Record<string, unknown>;
    const before = tool ? done.slice(0, -1).reverse().find((r) => r.tool === tool) : undefined;
    const each = Object.entries(changes).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}${before && before.args[k] !== undefined && typeof before.args[k] !== 'object' ? ` (was ${String(before.args[k])})` : before ? ' (was its default)' : ''}`);
    return `The last change: I ran ${tool ?? 'the last step'} again with ${each.join(', ') || 'the same settings'}${last.summary ? `. ${last.summary.replace(/[.\s]+$/, '')}` : ''}. Nothing was run now.`;
  }
  // (a step that undid others: its result names the steps undone)
  if (Array.isArray(last.values.undone)) {
    return `The last change: I undid ${typeof last.args.tool === 'string' ? `the latest ${last.args.tool} step` : typeof last.args.step === 'string' ? `step ${last.args.step}` : 'the last step'}${last.summary ? ` (${last.summary})` : ''}. Nothing was run now.`;
  }
  const set = settings(last.args);
  return `The last step changed no earlier setting: it ran ${last.tool}${set ? ` with ${set}` : ''}. Nothing was run now.`;
}
