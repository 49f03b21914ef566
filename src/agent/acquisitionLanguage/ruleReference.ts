// Which self-driving rule words point at: "rule-2" by its id, "that rule" / "it" (the one last
// added or talked about), "the last one" / "the first rule" (by the order they were added), "the
// division rule" (by what it watches or does), "all the rules". The rules are those this
// conversation proposed or activated and did not remove; when the words could mean several and
// none stands out (after a list of them), the rules are listed and asked about.
import { describeRule, type Rule } from '../../microscope/ruleSpec.ts';
import { carries } from './toolCommands.ts';

/** A step that ran earlier: its tool, arguments, and the values it reported where known. */
export interface RuleStepSeen {
  tool: string;
  args: Record<string, unknown>;
  values?: Record<string, unknown>;
}

export interface RuleSeen {
  id: string;
  description: string;
}

/** The words people use for what a rule watches, by trigger kind (besides the words of its description). */
const TRIGGER_WORDS: Record<Rule['trigger']['kind'], string[]> = {
  division: ['division', 'divide', 'dividing', 'mitosis', 'mitotic', 'split'],
  cellCount: ['count', 'number', 'cell', 'confluence', 'density'],
  meanIntensity: ['intensity', 'signal', 'bright', 'brightness', 'dim', 'bleach', 'bleaching'],
  focusScore: ['focus', 'blur', 'blurry', 'sharp', 'sharpness', 'drift'],
  modelScore: ['model', 'score', 'classifier', 'network'],
};

/** Words that say nothing about which rule is meant. */
const GENERIC = new Set(['rule', 'the', 'that', 'this', 'it', 'one', 'a', 'an', 'please', 'pls', 'remove', 'delete', 'cancel', 'drop', 'disable', 'deactivate', 'stop', 'kill', 'turn', 'switch', 'off', 'get', 'rid', 'of', 'forget', 'scrap', 'undo', 'we', 'i', 'you', 'can', 'could', 'just', 'now', 'again', 'for', 'and', 'my', 'our', 'your', 'new', 'old', 'don', 't', 'need', 'want', 'anymore', 'no', 'longer', 'with', 'when', 'if', 'then', 'in', 'on', 'at', 'to', 'is', 'are', 'be', 'goes', 'above', 'below', 'least', 'time', 'point', 'between', 'change', 'changes']);

const wordsOf = (text: string) => (text.toLowerCase().match(/[a-z]+/g) ?? []).map((w) => w.replace(/(?<=[a-z]{3})s$/, ''));

/**
 * The rules the conversation proposed or activated and did not remove, oldest first, and the one
 * last added or talked about (none after a list of several). A rule's id is the one its step
 * reported, else the session's numbering (rule-1, rule-2, ... per rule proposed).
 */
export function rulesSeen(earlier: RuleStepSeen[]): { rules: RuleSeen[]; salient?: string; words: Map<string, Set<string>> } {
  let rules: RuleSeen[] = [];
  const words = new Map<string, Set<string>>();
  let salient: string | undefined;
  let count = 0;
  for (const step of earlier) {
    const values = step.values ?? {};
    if (carries(step.tool, 'proposeRule')) {
      const given = step.args.rule as Omit<Rule, 'id'> | undefined;
      const reported = typeof values.ruleId === 'string' ? values.ruleId : undefined;
      // (activating a rule proposed before keeps its id; a rule given anew is numbered by the session)
      const id = reported ?? (typeof step.args.ruleId === 'string' ? step.args.ruleId : given ? `rule-${count + 1}` : undefined);
      if (!id) continue;
      count = Math.max(count, Number(/^rule-(\d+)$/.exec(id)?.[1] ?? count));
      const description = typeof values.description === 'string' ? values.description : given ? describeRule(Object.assign({ revert: true, minFramesPerMode: 3 }, given, { id }) as Rule) : id;
      if (!rules.some((r) => r.id === id)) rules.push({ id, description });
      // (its trigger's words as the words said are read: "mitosis" and "mitoses" alike)
      words.set(id, new Set([...(words.get(id) ?? []), ...wordsOf(description), ...(given ? TRIGGER_WORDS[given.trigger.kind].flatMap(wordsOf) : [])]));
      salient = id;
    } else if (carries(step.tool, 'removeRule')) {
      const id = typeof step.args.ruleId === 'string' ? step.args.ruleId : undefined;
      rules = rules.filter((r) => r.id !== id);
      salient = undefined;
    } else if (carries(step.tool, 'listRules')) {
      // (the list the tool reported is the truth where it is known)
      const listed = [...(Array.isArray(values.active) ? values.active : []), ...(Array.isArray(values.pending) ? values.pending : [])] as { ruleId?: unknown; description?: unknown }[];
      if (listed.length) rules = listed.filter((r) => typeof r.ruleId === 'string').map((r) => ({ id: r.ruleId as string, description: String(r.description ?? r.ruleId) }));
      salient = rules.length === 1 ? rules[0].id : undefined;
    }
  }
  return { rules, salient: rules.some((r) => r.id === salient) ? salient : undefined, words };
}

/**
 * "the division one", "the cell count one", "the one about focus": words that name one of the rules this
 * conversation set up by what it watches or does (a word of that rule's description or trigger).
 */
export function namesRuleByKind(t: string, earlier: RuleStepSeen[]): boolean {
  const m = /\bthe\s+((?:[\w-]+\s+){1,3})one\b|\bthe one (?:about|for|with|on|watching)\s+((?:[\w-]+\s*){1,3})/.exec(t);
  if (!m) return false;
  const named = wordsOf(m[1] ?? m[2]).filter((w) => !GENERIC.has(w));
  const { words } = rulesSeen(earlier);
  return named.length > 0 && [...words.values()].some((ws) => named.some((w) => ws.has(w)));
}

/** The rules listed for a question back: "rule-1 (When a cell divides, ...)". */
function listed(rules: RuleSeen[]): string {
  return rules.map((r) => `${r.id} (${r.description.replace(/;.*$/, '').replace(/\.$/, '')})`).join('; ');
}

/**
 * The ids of the rules `t` (lower case) points at, or the question to ask back. Called for words
 * that remove a rule and name none by its id.
 */
export function rulesMeant(t: string, earlier: RuleStepSeen[]): { ruleIds: string[] } | { ask: string } {
  const { rules, salient, words } = rulesSeen(earlier);
  if (!rules.length) return { ask: 'This conversation has set up no rule that is still there, so I removed nothing: say its id (e.g. "remove rule-1"), or list them with "show the rules".' };
  if (/\b(?:all|every|both)\b(?:\s+(?:of\s+)?the)?\s+(?:\w+\s+)?rules?\b|\brules?\b.*\b(?:all|both)\b/.test(t)) return { ruleIds: rules.map((r) => r.id) };
  // by the order they were added ("the last one", "the first rule", "the second one")
  const order = /\b(last|latest|newest|most recent|previous|first|earliest|oldest|original|second|third)\b\s*(?:one|rule|of them)?\b/.exec(t)?.[1];
  if (order) {
    const index = /^(?:first|earliest|oldest|original)$/.test(order) ? 0 : order === 'second' ? 1 : order === 'third' ? 2 : rules.length - 1;
    if (rules[index]) return { ruleIds: [rules[index].id] };
  }
  // by what it watches or does ("the division rule", "the one that refocuses")
  const said = wordsOf(t).filter((w) => !GENERIC.has(w));
  const scored = rules.map((r) => ({ r, score: said.filter((w) => words.get(r.id)?.has(w)).length }));
  const best = Math.max(...scored.map((s) => s.score));
  if (best > 0) {
    const matching = scored.filter((s) => s.score === best).map((s) => s.r);
    return matching.length === 1 ? { ruleIds: [matching[0].id] } : { ask: `Which rule? ${listed(matching)}: say its id, e.g. "remove ${matching[0].id}"; nothing was removed.` };
  }
  // "that rule", "it": the one last added or talked about, or the only one
  if (salient) return { ruleIds: [salient] };
  if (rules.length === 1) return { ruleIds: [rules[0].id] };
  return { ask: `Which rule? There are ${rules.length}: ${listed(rules)}. Say its id, e.g. "remove ${rules[rules.length - 1].id}"; nothing was removed.` };
}
