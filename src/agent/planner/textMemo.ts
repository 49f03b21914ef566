// Readings of a text kept by the text: the planner reads one request many times over in a turn (each reading of the
// request, each clause, each argument, each candidate answer), and some readings are asked again and again with the same
// words. In a plan-only run of three tuned suites (238 cases), plainQuestion was called 20 340 times for 539 distinct
// texts, isAskedForm 12 662 times for 519, asksOfTheData 3 753 for 68. Only a reading whose answer depends on nothing but
// its text (and constant words, or the tools' static declarations) may be kept, and only answers that callers cannot
// change (strings, numbers, booleans, undefined).
// (Kept by the reading's function, not in a store made beside it: a function declaration exists before its module's
// body runs, so a reading asked while modules are still loading, through an import cycle, is kept as well.)

type Plain = string | number | boolean | undefined;

/** Texts kept per reading; past this the oldest go (a turn reads a few hundred distinct texts at most). */
const KEPT = 4096;

const stores = new Map<(text: string) => Plain, Map<string, Plain>>();

/** `read(text)`, or what it answered before for the same text. */
export function readOnce<T extends Plain>(read: (text: string) => T, text: string): T {
  let answers = stores.get(read) as Map<string, T> | undefined;
  if (!answers) stores.set(read, (answers = new Map()));
  const kept = answers.get(text);
  if (kept !== undefined || answers.has(text)) return kept as T;
  const answer = read(text);
  if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
  answers.set(text, answer);
  return answer;
}

const copiedStores = new Map<(text: string) => unknown, Map<string, unknown>>();

/**
 * As readOnce, for a reading whose answer is made of objects (a list of the numbers or clauses found): each caller gets
 * `copy` of the kept answer, so a caller that changes what it is given changes nothing another is given.
 */
export function readOnceCopied<T>(read: (text: string) => T, text: string, copy: (answer: T) => T): T {
  let answers = copiedStores.get(read) as Map<string, T> | undefined;
  if (!answers) copiedStores.set(read, (answers = new Map()));
  let answer = answers.get(text);
  if (answer === undefined) {
    answer = read(text);
    if (answers.size >= KEPT) answers.delete(answers.keys().next().value!);
    answers.set(text, answer);
  }
  return copy(answer);
}
