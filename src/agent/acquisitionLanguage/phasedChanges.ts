// A change for a while followed by another one, said in one message: "for the next 90 min every minute, then every
// 10 min", "image every 30 s for half an hour, afterwards every 5 min". The first is made now; the second is made by the
// tool when the span is over (its delay, inS). Going back afterwards ("then back to normal") is a change for a while,
// read elsewhere (forS); an end afterwards ("then stop") is the run's end, read elsewhere too.
import type { Adjustment } from '../../microscope/adjustment.ts';
import { durationsIn } from './words.ts';

/** Between the two phases: "then", "afterwards", "after that", "and then", "thereafter". */
const THEN = /\s*[,;]?\s+(?:and\s+)?(?:then|afterwards?|after\s+that|thereafter|from\s+then\s+on)\b\s*,?\s*/;
/** The span of the first phase: "for the next 90 min", "for the first half hour", "during the next hour". */
const FOR_SPAN = /\b(?:for|during|over)\s+(?:the\s+)?(?:next|first|coming|following)?\s*/g;
/** A second phase that goes back to the run as it was: the tool's change for a while does that. */
const GOES_BACK = /\b(?:back|normal|before|original|usual|previous|as it was|as before|revert|reset|restore)\b/;

/** The words of each phase and the first one's length, s; undefined when the words are not two phases. */
export function phasesSaid(text: string): { first: string; spanS: number; second: string } | undefined {
  const t = text.trim().replace(/[.!]+$/, '');
  const then = THEN.exec(t);
  if (!then || then.index === 0) return undefined;
  const head = t.slice(0, then.index);
  const second = t.slice(then.index + then[0].length).trim();
  if (!second || GOES_BACK.test(second)) return undefined;
  for (const m of head.matchAll(FOR_SPAN)) {
    // ("for the next hour": a unit alone is one of it)
    const rest = head.slice(m.index! + m[0].length).replace(/^(?:an?\s+|one\s+)?(?=(?:hour|hr|minute|min|day)s?\b)/, '1 ');
    const span = durationsIn(rest).find((d) => d.index === 0);
    if (!span || span.seconds <= 0) continue;
    const first = `${head.slice(0, m.index)} ${rest.slice(span.length)}`.replace(/\s*,\s*/g, ' ').replace(/\s+/g, ' ').trim();
    return first ? { first, spanS: span.seconds, second } : undefined;
  }
  return undefined;
}

/** Kinds of change a phase may make (the timing and the light of the run; never its end, a pause or a question). */
const PHASE_KINDS = new Set<Adjustment['kind']>(['interval', 'intervalFactor', 'exposure', 'exposureFactor', 'power', 'powerFactor', 'acquireEvery', 'addChannel', 'dropChannel', 'onlyChannels', 'zPlan']);

/**
 * The two phases as changes (`read` parses the words of one), the second made `inS` after now; undefined when either
 * phase reads as nothing or as a change no phase makes.
 */
export function phasedChanges(text: string, read: (words: string) => Adjustment[]): { now: Adjustment[]; later: Adjustment[]; inS: number } | undefined {
  const said = phasesSaid(text);
  if (!said) return undefined;
  try {
    const now = read(said.first);
    const later = read(said.second);
    if (!now.length || !later.length || ![...now, ...later].every((c) => PHASE_KINDS.has(c.kind))) return undefined;
    return { now, later, inS: said.spanS };
  } catch {
    return undefined;
  }
}
