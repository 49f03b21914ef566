// "quantify the drift (in µm)", "measure the stage drift in microns", "can u quantify how much the sample drifted":
// a verb of measuring whose object is a fault that a tool declares it removes (correct_drift's "drift"), or a "how
// much / how far" question about such a fault put after that verb, asks how much of the fault there is. It is planned
// as that question, so the tool that removes the fault measures it on its way and keeps the data as recorded
// (measuredOnly.ts), never the objects' measure of a segmentation nobody asked for (stop 40, helper A, second task).
// Only a tool that declares results and can leave its corrected result unwritten (measuredOnly.ts) can say how much; a request with more steps after it is left as it is.
import { selfOf, type Catalogue } from './catalogue.ts';
import { writesAResult } from './measuredOnly.ts';
import { faultNamedByItsNoun } from './faultByItsVerb.ts';
import { COUNT_LEAD, FOLLOW_UP_OPENER } from './tableAnswers.ts';

/** Verbs of finding how much of something there is (the object's tool says which measurement). */
const MEASURING = String.raw`(?:quantify|quantitate|measure|estimate|determine|assess|gauge|calculate|compute|work out|figure out|find out|check)`;
const LEAD = `^${FOLLOW_UP_OPENER}${COUNT_LEAD}`;
/** What may follow the fault: its unit, a scope over the movie, a politeness ("(in µm)", "in microns", "over the movie pls"). */
const REST = /^(?:\s*\(?\s*(?:in|as)\s+(?:µm|um|μm|microns?|micromet\w+|px|pixels?|nm)\s*\)?|\s+(?:over|across|through(?:out)?|during)\s+(?:the\s+)?(?:whole\s+)?(?:movie|recording|time-?lapse|experiment|acquisition|run|frames)|\s+(?:please|pls|thanks|thx))*$/iu;

/** measurableFaults by catalogue: they depend on its declarations alone, and a request is planned several times. */
const FAULTS = new WeakMap<Catalogue, string[]>();

/** The faults the tools that declare results remove, longest first, as written ("stage drift", "drift"). */
function measurableFaults(catalogue: Catalogue): string[] {
  let kept = FAULTS.get(catalogue);
  if (!kept) FAULTS.set(catalogue, (kept = faultsOf(catalogue)));
  return kept;
}

function faultsOf(catalogue: Catalogue): string[] {
  const faults = [...catalogue.keys()].flatMap((name) => {
    const self = selfOf(name, catalogue);
    const props = catalogue.get(name)?.properties ?? {};
    // (one that can measure without writing its corrected result: "quantify the background" is no subtraction)
    const measuresOnly = Object.entries(props).some(([arg, p]) => writesAResult(arg, p));
    return measuresOnly && self?.results && Object.keys(self.results).length > 0 ? self.removes ?? [] : [];
  });
  return [...new Set(faults.map((f) => f.toLowerCase()))].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The request as the question of how much of the fault there is; undefined for anything else. */
export function measuredFaultAsQuestion(text: string, catalogue: Catalogue): string | undefined {
  const t = text.trim().replace(/[.!?\s]+$/, '');
  // ("how much signal is lost by the last frame?": the fault said by its verb, faultByItsVerb.ts)
  const byItsNoun = faultNamedByItsNoun(t, measurableFaults(catalogue));
  if (byItsNoun) return byItsNoun;
  if (/[,;:]|\b(?:then|and|after|before|but|plus|also|correct|fix|remove)\b/i.test(t.replace(/^(?:and|then)\s+/i, ''))) return undefined;
  const faults = measurableFaults(catalogue);
  if (faults.length === 0) return undefined;
  const fault = faults.map(escape).join('|');
  // "quantify the drift (in µm)": the fault itself as the verb's object
  const object = new RegExp(String.raw`${LEAD}${MEASURING}\s+(?:the\s+|any\s+|how\s+much\s+|all\s+(?:the\s+)?)?((?:\w+\s+)?(?:${fault}))\b(.*)$`, 'iu').exec(t);
  if (object && REST.test(object[2])) return `how much ${object[1]} is there${object[2]}?`;
  // "can u quantify how much the sample drifted": the question put after the verb, about a fault
  const embedded = new RegExp(String.raw`${LEAD}${MEASURING}\s+(how\s+(?:much|far)\b.*)$`, 'iu').exec(t);
  const faultWord = new RegExp(String.raw`\b(?:${fault})`, 'iu');
  if (embedded && faultWord.test(embedded[1])) return `${embedded[1]}?`;
  return undefined;
}
