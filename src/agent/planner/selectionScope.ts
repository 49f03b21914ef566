// A rule that picks some of the things a result holds, said as the scope of a step that reads them ("measure the speeds,
// but only for tracks that last at least 10 frames", "export the tracks as csv, leaving out tracks shorter than 3 frames"):
// applied by the tool that declares it selects that type of result (`selects`, filter_tracks for tracks), before the step,
// its result then the step's input. A selection said after the steps it scopes runs before them (a filter made after a
// measurement would change nothing measured), unless words order it after them ("then keep only ...").
import { buildArgs } from './builders.ts';
import { type Catalogue, acceptedInputs, producesOf, selfOf } from './catalogue.ts';
import type { Conversation } from './conversation.ts';
import type { Plan, PlannedStep, Ref } from './types.ts';
import { shifted, unshifted } from './regionScope.ts';
import { thingsOf } from './selectionAsked.ts';

/** Words that place a step after another ("then keep only ..."): a selection said so keeps its place. */
const SAID_AFTER = /\b(?:then|after(?:wards?)?|next|finally|once\s+(?:that|this|it)\s+is\s+done)\b/i;

/** A scope said on the things of a step ("but only for tracks ...", "leaving out tracks ...", "for tracks longer than"): the words from its cue on. */
const SCOPE_CUE = /\b(?:(?:but\s+)?only|just|solely|restricted\s+to|limited\s+to|excluding|except(?:\s+for)?|leaving\s+out|without|ignoring|dropping|but\s+(?:leave\s+out|drop|skip|ignore|exclude|remove|discard|throw\s+(?:out|away)))\b[^.;!?]*$/i;

/** A count of things ranked as a step's object: "the 5 fastest tracks", "top 10 tracks by distance", "the 3 most motile cells". */
const RANKED_THINGS = /\b(?:the\s+)?(?:top\s+\d+|\d+\s+(?:most\s+[\p{L}-]+|least\s+[\p{L}-]+|[\p{L}]+est))\s+(?:tracks?|trajectories|paths|cells|nuclei|objects)\b[^.;!?]*$/iu;

/** The tool that declares it selects things of a type, and that type. */
function selector(catalogue: Catalogue): { tool: string; type: string } | undefined {
  for (const name of catalogue.keys()) {
    const type = selfOf(name, catalogue)?.selects;
    if (type) return { tool: name, type };
  }
  return undefined;
}

/**
 * The clause names the things with a rank before them ("the 10 longest tracks", "the 3 fastest trajectories", "the top 5
 * tracks"): a few of them picked by the selector's own measures, as the object of another step's verb.
 */
function namesThings(clause: string, things: Set<string>): boolean {
  if (things.size === 0) return false;
  // (one picked, "the longest track": the noun in the singular)
  const nouns = [...things].map((t) => `${t.replace(/s$/, '')}s?`).join('|');
  return new RegExp(String.raw`\b(?:top|bottom|(?:the\s+)?(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(?:(?:most|least)\s+)?[\p{L}-]+est|(?:the\s+)?[\p{L}-]+est\s+(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty)|the\s+(?:(?:most|least)\s+)?[\p{L}-]+est)\s+(?:(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+)?(?:${nouns})\b`, 'iu').test(clause);
}

/** The selector's things with words of a rule after them ("tracks whose net displacement is ...", "tracks of at least 8 frames"). */
function thingsWithRule(things: Set<string>): RegExp | undefined {
  if (things.size === 0) return undefined;
  const nouns = [...things].map((t) => `${t.replace(/s$/, '')}s?`).join('|');
  return new RegExp(String.raw`\b(?:${nouns})\s+(?:that|which|whose|of|with|lasting|longer|shorter|faster|slower|moving|over|under|above|below|at\s+(?:least|most)|more|less|fewer|no\s+(?:less|more|shorter|longer|faster|slower|fewer))\b[^.;!?]*`, 'i');
}

/** Whether the selector's arguments state a rule (any value but its inputs, its output and the defaults of its ranking). */
function statesRule(args: Record<string, unknown>, type: string): boolean {
  return Object.entries(args).some(([k, v]) => v !== undefined && v !== false && !k.startsWith('$') && ![type, 'output', 'rankFrom', 'rankBy'].includes(k));
}

/** The plan with a selection said as a step's scope run before that step (see the top of this file). */
export function withSelectionFirst(given: Plan, conversation: Conversation, catalogue: Catalogue): Plan {
  const sel = selector(catalogue);
  if (!sel || given.steps.length === 0) return given;
  const plan = withoutIdleSelection(given, sel);
  // a step that reads the type and does not make it (measure, export, plot of tracks; not the tracker)
  const reads = (s: PlannedStep) => s.tool !== sel.tool && s.args[sel.type] !== undefined && acceptedInputs(s.tool, catalogue.get(s.tool)).includes(sel.type as never) && !producesOf(s.tool, catalogue).includes(sel.type);
  const at = plan.steps.findIndex((s) => s.tool === sel.tool);
  if (at >= 0) {
    const first = plan.steps.findIndex(reads);
    if (first < 0 || first > at || SAID_AFTER.test(plan.steps[at].clause)) return plan;
    const steps = [...plan.steps];
    const [selection] = steps.splice(at, 1);
    steps.splice(first, 0, selection);
    return { ...plan, steps, notes: withoutStaleScopeNotes(plan.notes, selection.clause) };
  }
  // no selection step: one said inside a reading step's own words ("measure speeds, but only for tracks of 10+ frames"),
  // or as the object of its verb ("measure the speed of the 5 fastest tracks", "export the 15 longest tracks as csv",
  // "plot the 10 fastest tracks": things ranked, by the selector's own nouns or a count before a superlative)
  const things = thingsOf(sel.tool, catalogue);
  // ("export the tracks longer than 15 frames", "plot the speed for tracks of at least 8 frames": the things with a rule after them)
  const withRule = thingsWithRule(things);
  const scopeOf = (clause: string) => SCOPE_CUE.exec(clause)?.[0] ?? RANKED_THINGS.exec(clause)?.[0] ?? (namesThings(clause, things) ? clause : undefined) ?? withRule?.exec(clause)?.[0];
  const readerAt = plan.steps.findIndex((s) => reads(s) && scopeOf(s.clause) !== undefined);
  if (readerAt < 0) return withSelectionAfterMaker(plan, sel, conversation, catalogue);
  const said = scopeOf(plan.steps[readerAt].clause)!;
  const args = buildArgs(sel.tool, { clause: said, text: said, conversation, catalogue, request: conversation.request });
  if (!statesRule(args, sel.type) || args.$ask !== undefined) return plan;
  const { $note, ...rest } = args;
  const selection: PlannedStep = { tool: sel.tool, args: { ...rest, [sel.type]: { $ref: sel.type, mode: 'chain' } as Ref }, clause: said.trim() };
  const steps = plan.steps.map((s, i) => (i >= readerAt ? shifted(s, readerAt) : s));
  steps.splice(readerAt, 0, selection);
  return { ...plan, steps, notes: [...(withoutStaleScopeNotes(withoutLinesOfTheRule(plan.notes, plan.steps[readerAt].clause, said), said) ?? []), ...(typeof $note === 'string' ? [$note] : [])] };
}

/**
 * The notes without a line that names as not applied words of the rule the selection now applies ("Not applied: "export the
 * tracks longer than 15 frames" — no option of `export` takes this value"): every number of the quoted words is in the rule's words.
 */
function withoutLinesOfTheRule(notes: string[] | undefined, clause: string, said: string): string[] | undefined {
  const from = clause.indexOf(said);
  if (!notes || from < 0) return notes;
  const inRule = (q: string) => {
    const at = clause.indexOf(q);
    const numbers = [...q.matchAll(/\d+(?:\.\d+)?/g)];
    return at >= 0 && numbers.length > 0 && numbers.every((n) => at + (n.index ?? 0) >= from && at + (n.index ?? 0) < from + said.length);
  };
  return notes.filter((n) => !(/^Not applied:/.test(n) && quotedIn(n).length > 0 && quotedIn(n).every(inRule)));
}

/**
 * A rule said on the things the step that makes them keeps ("track the cells but ignore anything that lives fewer than 5
 * frames"), that the making step cannot take (its line names it as not applied) but the selector's own reader reads a rule
 * from: the selection runs right after the maker, on what it made, and the line naming the words as dropped goes.
 */
function withSelectionAfterMaker(plan: Plan, sel: { tool: string; type: string }, conversation: Conversation, catalogue: Catalogue): Plan {
  const makerAt = plan.steps.findIndex((s) => s.tool !== sel.tool && producesOf(s.tool, catalogue).includes(sel.type) && SCOPE_CUE.test(s.clause));
  if (makerAt < 0) return plan;
  const said = SCOPE_CUE.exec(plan.steps[makerAt].clause)![0];
  // (only words named as not applied: a scope the maker took, or one named for another reason, is left as it was)
  const dropped = (plan.notes ?? []).filter((n) => /^Not applied:/.test(n) && quotedIn(n).length > 0 && quotedIn(n).every((q) => said.includes(q)));
  if (dropped.length === 0) return plan;
  const args = buildArgs(sel.tool, { clause: said, text: said, conversation, catalogue, request: conversation.request });
  if (!statesRule(args, sel.type) || args.$ask !== undefined || args.$decline !== undefined) return plan;
  const { $note, ...rest } = args;
  const selection: PlannedStep = { tool: sel.tool, args: { ...rest, [sel.type]: { $ref: sel.type, mode: 'chain' } as Ref }, clause: said.trim() };
  const steps = plan.steps.map((s, i) => (i > makerAt ? shifted(s, makerAt + 1) : s));
  steps.splice(makerAt + 1, 0, selection);
  const notes = (plan.notes ?? []).filter((n) => !dropped.includes(n));
  return { ...plan, steps, notes: [...notes, ...(typeof $note === 'string' ? [$note] : [])] };
}

/**
 * A selection step that keeps everything (no rule read), whose words are frames another step took ("ignore the first 3
 * frames while tracking": the frames left were segmented, as its line says): the words were that scope, no selection.
 */
function withoutIdleSelection(plan: Plan, sel: { tool: string; type: string }): Plan {
  const framesSaid = (plan.notes ?? []).flatMap((n) => [...n.matchAll(/as you asked \("([^"]+)"\)/g)].map((m) => m[1].trim())).filter((q) => q.length > 0);
  const idle = plan.steps.findIndex((s) => s.tool === sel.tool && !statesRule(s.args, sel.type) && s.args.top === undefined && framesSaid.some((q) => s.clause.includes(q)));
  if (idle < 0) return plan;
  return { ...plan, steps: plan.steps.filter((_, i) => i !== idle).map((s, i) => (i >= idle ? unshifted(s, idle) : s)) };
}

/** The quoted words of a note's line ("Not applied: "a", "b" — ..."), trimmed. */
function quotedIn(note: string): string[] {
  return [...note.split(/\s[—-]\s/)[0].matchAll(/"([^"]+)"/g)].map((q) => q[1].trim()).filter((q) => q.length > 0);
}

/** The notes without the line that the reading step could not restrict itself to the words the selection now applies (as regionScope.ts). */
function withoutStaleScopeNotes(notes: string[] | undefined, said: string): string[] | undefined {
  if (!notes) return notes;
  return notes.filter((n) => !(/cannot restrict itself/.test(n) && [...n.matchAll(/"([^"]+)"/g)].some((q) => said.includes(q[1].trim()) || q[1].includes(said.trim()))));
}
