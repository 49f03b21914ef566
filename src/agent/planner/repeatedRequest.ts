// "do the same for the other movie", "now do exactly that on the second movie", "same for movie-2": the request before,
// planned again on another movie the person holds. "again but skip the drift correction", "redo that without the bleach
// correction": the request before planned again without that step, the steps after it reading what it had read (the
// original movie, never the corrected one). Before, the first ran only the last step again on the same data (the
// tracking, with the labels of the first movie), and the second was not understood or ran the skipped step again.
import { producesOf, selfOf, type Catalogue } from './catalogue.ts';
import type { Conversation, KnownArtifact, PastResult } from './conversation.ts';
import { findArtifactIds, findChannel, findPaths, isMoviePath } from './extract.ts';
import { indexFor } from './toolIndex.ts';
import { asksForOtherFiles } from './otherFiles.ts';
import type { Plan, PlannedStep, Ref } from './types.ts';

/** The work before asked again: "the same", "exactly that", "again", "redo that", "repeat it". */
const AGAIN = /\b(?:(?:the\s+)?same(?:\s+(?:thing|steps?|analysis|processing|again))?|exactly\s+(?:that|this|the\s+same)|(?:do|run|try)\s+(?:it|that|this|them|everything|all\s+that)\s+again|again|once\s+more(?!\s+than\b)|re-?do\s+(?:it|that|this|everything|all\s+(?:of\s+)?(?:it|that))|re-?run\s+(?:it|that|this|everything)|repeat\s+(?:it|that|this|everything|the\s+(?:steps?|analysis))|repeat(?=\s+(?:on|for|with|in|to)\b)|(?:do|run|apply)\s+(?:it|that|this|those|these|them|everything|all\s+(?:of\s+)?(?:it|that|this))\s+(?=(?:on|to|for|in|with)\b))/i;
/** Another movie, by its place among the person's movies: "the other movie", "the second one", "the next file". */
const ANOTHER_MOVIE = /\b(?:the\s+)?(other|second|2nd|third|3rd|next|remaining|last|first|1st)\s+(?:movie|one|file|stack|recording|video|time-?lapse|dataset|position|acquisition|image)\b/i;
/** A step left out this time: "but skip the drift correction", "without the bleach correction", "leaving out the denoising". */
const LEFT_OUT = /\b(?:skip(?:ping)?|without|leav(?:e|ing)\s+out|omit(?:ting)?|minus|drop(?:ping)?)\s+(?:the\s+|any\s+|doing\s+the\s+|doing\s+)?(.+?)\s*(?:[,.;!?]|\bthis\s+time\b|\bplease\b|\bpls\b|$)/i;

/** The person's own movies (not made by a step), oldest first. */
function ownMovies(artifacts: KnownArtifact[]): KnownArtifact[] {
  return artifacts.filter((a) => a.type === 'movie' && (!a.producedBy || a.producedBy === 'user'));
}

/** The latest earlier request that asked for steps (not a question answered from the record), and its place. */
function requestBefore(conversation: Conversation): { text: string; at: number } | undefined {
  const requests = conversation.earlierRequests ?? [];
  for (let at = requests.length - 1; at >= 0; at--) if (requests[at].trim().length > 0 && !/\?\s*$/.test(requests[at].trim())) return { text: requests[at], at };
  return undefined;
}

/** The movie of the person's that the steps before read first (the latest step that read one of their own movies). */
function movieReadBefore(earlier: PastResult[], own: KnownArtifact[]): string | undefined {
  // (by its id, or by its file's name: "segment b.tif" read b.tif)
  const ownOf = (m: unknown) => (typeof m !== 'string' ? undefined : own.find((a) => a.id === m || sameFile(m, a))?.id);
  return [...earlier].reverse().map((r) => ownOf(r.args.movie)).find((m): m is string => m !== undefined);
}

/** The other movie the words point at: an id named, or one by its place ("the other", "the second"); undefined when none or unsure. */
export function otherMovieNamed(text: string, conversation: Conversation): string | undefined {
  return ANOTHER_MOVIE.test(text) ? otherMovie(text, conversation) : undefined;
}

function otherMovie(text: string, conversation: Conversation): string | undefined {
  const own = ownMovies(conversation.artifactsAtStart);
  if (own.length < 2) return undefined;
  const before = movieReadBefore(conversation.earlier, own);
  // (a movie of theirs by its file's name: "do that on pos2.tif too")
  const byFile = findPaths(text).flatMap((p) => own.filter((a) => sameFile(p, a)).map((a) => a.id));
  const named = [...new Set([...findArtifactIds(text), ...byFile])].filter((id) => own.some((a) => a.id === id) && id !== before);
  if (named.length === 1) return named[0];
  if (named.length > 1) return undefined;
  const place = ANOTHER_MOVIE.exec(text)?.[1]?.toLowerCase();
  if (!place) return undefined;
  const others = own.filter((a) => a.id !== before);
  if (place === 'other' || place === 'remaining' || place === 'next') return others.length === 1 ? others[0].id : undefined;
  const at = { first: 0, '1st': 0, second: 1, '2nd': 1, third: 2, '3rd': 2, last: own.length - 1 }[place];
  const picked = at === undefined ? undefined : own[at]?.id;
  return picked !== before ? picked : undefined;
}

/** The file a path names is that movie's: the same name, by its path or the file named in its description. */
function sameFile(path: string, movie: KnownArtifact): boolean {
  const name = path.split('/').pop()?.toLowerCase();
  if (!name) return false;
  const own = [movie.path, ...(movie.description ?? '').split(/\s+/)].filter((p): p is string => !!p).map((p) => p.split('/').pop()?.toLowerCase());
  return own.includes(name) || (path.includes('/') && movie.path !== undefined && movie.path.toLowerCase().endsWith(path.toLowerCase()));
}

/** A movie file the words name that is none of the person's movies yet ("do that on data/movie2.tif too"). */
function newMovieFile(text: string, own: KnownArtifact[]): string | undefined {
  const files = findPaths(text).filter((p) => isMoviePath(p) && !p.includes('*') && !p.endsWith('/') && !own.some((a) => sameFile(p, a)));
  return files.length === 1 ? files[0] : undefined;
}

/** The tool that opens a movie file into the session, by its declared role. */
function opener(catalogue: Catalogue): string | undefined {
  return [...catalogue.keys()].find((t) => selfOf(t, catalogue)?.role === 'open');
}

/** A channel as the words name it: "channel 2", "ch2", "c2", "the second channel", "the GFP channel". */
const CHANNEL_PHRASE = /\b(?:(?:channel|chan|ch|c)\s*#?\s*\d+|(?:the\s+)?(?:first|second|third|fourth|fifth|[1-9](?:st|nd|rd|th))\s+channel|channel)\b/gi;

/** A reference to the artifact id given. */
function isRefTo(arg: unknown, id: string): boolean {
  return typeof arg === 'object' && arg !== null && (arg as Ref).mode === 'id' && (arg as Ref).id === id;
}

/** Words left once what points at the other input and "the same" are out: none when the turn asks only that. */
function restBesides(text: string, ...said: (string | RegExp)[]): string {
  let rest = text;
  for (const s of said) rest = typeof s === 'string' ? rest.split(s).join(' ') : rest.replace(s, ' ');
  return rest.replace(AGAIN, ' ').replace(/\b(?:now|ok(?:ay)?|and|then|please|pls|do|for|on|with|to|in|too|as\s+well|also|it|that|this|those|these|them|everything|all|of|the|steps?|same|thing|just|exactly|can|could|you|would|run|apply|repeat|one)\b/gi, ' ').replace(/[\s,.;:!?]+/g, ' ').trim();
}

/** The words without a step said to be left out ("..., but skip the tracking this time"). */
function withoutLeftOut(text: string): string {
  const skip = LEFT_OUT.exec(text);
  return skip ? text.replace(skip[0], ' ').replace(/\b(?:but|this\s+time|though)\b/gi, ' ') : text;
}

/** The words without an elliptic opening that asks the same of something else: "and for", "what about", "how about", "now". */
function withoutElliptic(text: string): string {
  return text.replace(/^\s*(?:(?:and|ok(?:ay)?|now|so|then|right|great|thanks)[\s,!.]+)*(?:(?:and\s+)?(?:for|on|with|in|to)\b|(?:what|how)\s+about\b)?/i, ' ');
}

/** The steps with their first movie (before any step of theirs makes one) read from `movie`. */
function readingFrom(steps: PlannedStep[], movie: string, catalogue: Catalogue): PlannedStep[] {
  let made = false;
  return steps.map((step) => {
    const ref = step.args.movie as Ref | string | undefined;
    // (a movie file named in the words before, "segment the nuclei in pos1.tif", read the person's movie as recorded,
    // wherever its step comes: its place is taken by the other movie too)
    const named = typeof ref === 'string' && !/^movie-\d+$/.test(ref);
    const fromBefore = named || (!made && (ref === undefined ? false : typeof ref === 'string' || ref.mode !== 'id' || ref.id !== movie));
    if (producesOf(step.tool, catalogue)[0] === 'movie') made = true;
    return fromBefore ? { ...step, args: { ...step.args, movie: { $ref: 'movie', mode: 'id', id: movie } satisfies Ref } } : step;
  });
}

/**
 * The plan of a request that asks for the request before again, on another movie or without one of its steps; undefined
 * when the request is no such ask (`plan` plans a conversation's request).
 */
export function repeatedRequestPlan(conversation: Conversation, catalogue: Catalogue, plan: (asked: Conversation) => Plan): Plan | undefined {
  const text = conversation.request;
  // ("and for the other file?", "what about pos2.tif?", "now well_A2.tif, but skip the tracking this time": the request
  // before asked again by naming only the other movie, elliptically)
  const elliptic = !AGAIN.test(text) && otherMovie(text, conversation) !== undefined && restBesides(withoutElliptic(withoutLeftOut(text)), ANOTHER_MOVIE, /\bmovie-\d+\b/gi, ...findPaths(text)).length === 0;
  if (!AGAIN.test(text) && !elliptic) return undefined;
  const found = requestBefore(conversation);
  if (!found) return undefined;
  const before = found.text;
  // (planned as it was asked then: the requests before it, none of this turn's results)
  const planOf = (request: string) => plan({ ...conversation, request, current: [], earlierRequests: (conversation.earlierRequests ?? []).slice(0, found.at) });
  // (the request before, planned again; undefined when it ran nothing here, ran the microscope or kept a pipeline: "run it
  // on data/b.tif" after a pipeline was saved is that pipeline's run, never the save again)
  const againPlan = (): Plan | undefined => {
    const again = planOf(before);
    if (again.reply || again.steps.length === 0 || again.steps.some((st) => selfOf(st.tool, catalogue)?.domain === 'microscope' || producesOf(st.tool, catalogue)[0] === 'pipeline')) return undefined;
    return again;
  };
  const own = ownMovies(conversation.artifactsAtStart);
  const paths = findPaths(text);
  const elsewhere = otherMovie(text, conversation);
  if (elsewhere) {
    // (what is asked is all in the words before: the words now name only the movie, the rest is "the same")
    // ("..., but skip the tracking this time": a step of it left out, one whose result no later step reads)
    const skip = LEFT_OUT.exec(text);
    const skipped = skip ? indexFor(catalogue).match(skip[1]).filter((m) => !m.byArgument).map((m) => m.tool).find((t) => conversation.earlier.some((r) => r.ok && r.tool === t)) : undefined;
    if (restBesides(withoutElliptic(skipped && skip ? text.replace(skip[0], ' ').replace(/\b(?:but|this\s+time|though)\b/gi, ' ') : text), ANOTHER_MOVIE, /\bmovie-\d+\b/gi, ...paths).length > 0) return undefined;
    const again = againPlan();
    if (!again) return undefined;
    const main = skipped ? producesOf(skipped, catalogue)[0] : undefined;
    const at = skipped ? again.steps.findIndex((st) => st.tool === skipped) : -1;
    if (skipped && (at < 0 || (main !== 'movie' && again.steps.slice(at + 1).some((st) => main !== undefined && st.args[main] !== undefined)))) return undefined;
    const kept = skipped ? again.steps.filter((st) => st.tool !== skipped) : again.steps;
    if (kept.length === 0) return undefined;
    return { ...again, steps: readingFrom(kept, elsewhere, catalogue), notes: [...(again.notes ?? []), `The same steps as for "${before.trim().replace(/[.!?]+$/, '')}", now on ${elsewhere}${skipped ? `, without ${skipped}` : ''}.`] };
  }
  // "do that on data/movie2.tif too": a movie file not open yet is opened (by the tool whose role is to open one), and the
  // steps of the request before read it
  // (never a run over many files or a folder, "run it on everything in /data/exp3": that is the saved pipeline's, otherFiles.ts)
  const file = asksForOtherFiles(text) ? undefined : newMovieFile(text, own);
  const open = opener(catalogue);
  if (file && open && restBesides(text, ...paths).length === 0) {
    const again = againPlan();
    if (!again) return undefined;
    const loaded: Ref = { $ref: 'movie', mode: 'producer', producers: [open] };
    const steps = readingFrom(again.steps, '(opened)', catalogue).map((st) => (isRefTo(st.args.movie, '(opened)') ? { ...st, args: { ...st.args, movie: loaded } } : st));
    return { ...again, steps: [{ tool: open, args: { movie: file }, clause: text }, ...steps], notes: [...(again.notes ?? []), `The same steps as for "${before.trim().replace(/[.!?]+$/, '')}", now on ${file}, opened first.`] };
  }
  // "now do the same for channel 2", "repeat that for ch2": the request before again, its steps that read a channel on
  // this one (or, where none was said, its first steps on the person's movie that take one)
  const channel = findChannel(text);
  if (channel !== undefined && restBesides(text, CHANNEL_PHRASE, String(channel)).length === 0) {
    const again = againPlan();
    if (!again) return undefined;
    const takes = (tool: string) => 'channel' in (catalogue.get(tool)?.properties ?? {});
    const said = again.steps.some((st) => st.args.channel !== undefined);
    let made = false;
    const steps = again.steps.map((st) => {
      const first = !made && st.args.movie !== undefined;
      if (producesOf(st.tool, catalogue)[0] === 'movie') made = true;
      return takes(st.tool) && (said ? st.args.channel !== undefined : first) ? { ...st, args: { ...st.args, channel } } : st;
    });
    if (steps.every((st, i) => st === again.steps[i])) return undefined;
    return { ...again, steps, notes: [...(again.notes ?? []), `The same steps as for "${before.trim().replace(/[.!?]+$/, '')}", now on channel ${channel}.`] };
  }
  const left = LEFT_OUT.exec(text);
  if (!left) return undefined;
  const index = indexFor(catalogue);
  const skipped = index.match(left[1]).filter((m) => !m.byArgument).map((m) => m.tool).find((t) => conversation.earlier.some((r) => r.ok && r.tool === t));
  if (!skipped) return undefined;
  const whole = planOf(before);
  if (whole.reply || !whole.steps.some((st) => st.tool === skipped)) return undefined;
  // (a step whose result a later step needs in its place, its masks or tracks, cannot be left out: only one that changes the
  // movie, whose input the later steps read instead, or one whose result no later step reads)
  const main = producesOf(skipped, catalogue)[0];
  const at = whole.steps.findIndex((st) => st.tool === skipped);
  const readLater = whole.steps.slice(at + 1).some((st) => main !== undefined && st.args[main] !== undefined);
  if (main !== 'movie' && readLater) return undefined;
  const without = { ...whole, steps: whole.steps.filter((st) => st.tool !== skipped) };
  if (without.steps.length === 0) return undefined;
  // (the steps after it read what the skipped step read: its run before, on the person's movie)
  const ran = [...conversation.earlier].reverse().find((r) => r.ok && r.tool === skipped);
  const input = typeof ran?.args.movie === 'string' ? ran.args.movie : undefined;
  const steps = input && main === 'movie' ? readingFrom(without.steps, input, catalogue) : without.steps;
  return { ...without, steps, notes: [...(without.notes ?? []), `The steps of "${before.trim().replace(/[.!?]+$/, '')}" again without ${skipped}${input ? `, from ${input}` : ''}; the earlier results stay addressable by id.`] };
}
