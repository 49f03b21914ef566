// Answers of the planner's pure readings, kept for one planning step. The offline model builds a
// new catalogue for each step (model.ts), and within a step the planner reads the same words
// several times over (each reading of the request, each clause, each argument): findEnumValue
// about 3.4 times per distinct question in a plan-only suite, isOutOfScope 2.3. Keyed by the
// catalogue object, so the answers go with it; only functions whose answer depends on nothing
// but their arguments (and the tools' own static declarations) may use it, and only for answers
// that are never changed by their callers (strings, numbers, booleans, undefined).

type Plain = string | number | boolean | undefined;

const stores = new WeakMap<object, Map<string, Map<string, Plain>>>();

/** Entries kept per function and catalogue; past this the oldest go (a step asks a few hundred at most). */
const KEPT = 2048;

/** `compute()`, or its answer of an earlier call with the same `of` (a catalogue), `what` (the function) and `key`. */
export function memoForStep<T extends Plain>(of: object, what: string, key: string, compute: () => T): T {
  let byFunction = stores.get(of);
  if (!byFunction) stores.set(of, (byFunction = new Map()));
  let answers = byFunction.get(what);
  if (!answers) byFunction.set(what, (answers = new Map()));
  if (answers.has(key)) return answers.get(key) as T;
  const answer = compute();
  if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
  answers.set(key, answer);
  return answer;
}

const copiedStores = new WeakMap<object, Map<string, Map<string, { answer: unknown }>>>();

/**
 * As memoForStep, for an answer made of plain data (objects, arrays, strings, numbers): each caller gets a copy of
 * it (structuredClone), so a caller that changes what it is given changes nothing another is given.
 */
export function memoCopiedForStep<T>(of: object, what: string, key: string, compute: () => T): T {
  let byFunction = copiedStores.get(of);
  if (!byFunction) copiedStores.set(of, (byFunction = new Map()));
  let answers = byFunction.get(what);
  if (!answers) byFunction.set(what, (answers = new Map()));
  let kept = answers.get(key);
  if (!kept) {
    kept = { answer: compute() };
    if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
    answers.set(key, kept);
  }
  return structuredClone(kept.answer) as T;
}
