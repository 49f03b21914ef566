// "segment the nuclei with Li; if that looks bad, try Otsu", "threshold with Li, otherwise fall back to Otsu", "use Li, and
// Otsu only if Li fails": a second way of doing a step asked, said as what to do when the first one's result is poor, is a
// fallback. Whether the first result is poor is the person's judgement after seeing it, so the step runs as first asked and
// the answer names the fallback as not run, with how to run it. Before, the fallback ran instead of the first way (Otsu
// ran), or both ran as two steps of the same tool.

/** The first way's result said to be poor, by a pronoun or the result's noun: "if that looks bad", "if it fails", "in case the masks are off". */
const POOR = String.raw`(?:['’]s\s+|(?:looks?|is|are|seems?|turns?\s+out(?:\s+to\s+be)?|comes?\s+out|goes|works?)\s+)?(?:(?:isn['’]t|aren['’]t|not)\s+(?:good|great|ok(?:ay)?|right|well|working)|bad(?:ly)?|poor(?:ly)?|wrong|off|rubbish|terrible|crap|messy|unsatisfactory|no\s+good|fails?|failed|(?:does\s*n[o'’]?t|doesn['’]t|do\s*n['’]?t|don['’]t|didn['’]t|won['’]t|does\s+not|do\s+not)\s+(?:work|look\s+(?:good|right|ok(?:ay)?))(?:\s+(?:out|well))?|(?:under|over)[\s-]?segments?|(?:under|over)[\s-]?segmented)`;
const RESULT_SAID = String.raw`(?:that|it(?=['’])|it|this|they|those|the\s+(?:first\s+(?:one|try|attempt|method)|results?|segmentation|tracking|outcome|masks?|labels?|output|threshold(?:ing)?))`;
/** Words that take up the other way: "try Otsu", "use Otsu", "switch to", "fall back to", "go with". */
const TAKE_UP = String.raw`(?:(?:then|please|just)\s+)*(?:try|use|switch\s+to|change\s+to|go\s+(?:with|for)|fall\s+back\s+(?:to|on)|redo\s+(?:it\s+)?with|do\s+it\s+with|run)\b`;

const FALLBACKS = [
  // "; if that looks bad, try Otsu", ", and in case it fails use triangle"
  new RegExp(String.raw`(?:^|[,;.!]|\s[-–—])\s*(?:(?:and|but|or)\s+)?(?:if|when|in\s+case|should)\s+${RESULT_SAID}(?:\s+|(?=['’]))${POOR}\b[^,;.!?]*?[,;:]?\s*${TAKE_UP}[^.;!?]*`, 'i'),
  // ", otherwise fall back to Otsu", "; if not, use Otsu", "failing that Otsu", "as a backup, triangle"
  new RegExp(String.raw`(?:^|[,;.!]|\s)\s*(?:(?:and|or)\s+)?(?:otherwise|else|if\s+not|failing\s+that|as\s+a\s+(?:fallback|backup|plan\s+b))\b[,:]?[^.;!?]*`, 'i'),
  // ", or Li if Otsu fails", ", and Otsu only if Li fails"
  new RegExp(String.raw`(?:^|[,;.!]|\s)\s*(?:or|and)\s+(?:(?:try|use)\s+)?[\p{L}-]+\s+(?:only\s+)?(?:if|when|in\s+case)\s+(?:[\p{L}-]+|${RESULT_SAID})\s+${POOR}\b[^.;!?]*`, 'iu'),
];

/** The request with its fallback cut out, and the fallback as said; undefined when it says none. */
export function fallbackCut(request: string): { rest: string; said: string } | undefined {
  for (const form of FALLBACKS) {
    const m = form.exec(request);
    if (!m || m.index === 0 && !/^\s*[,;.]/.test(m[0])) continue;
    const rest = `${request.slice(0, m.index)}${request.slice(m.index + m[0].length)}`.replace(/\s+([,.;!?])/g, '$1').replace(/[\s,;:-]+$/, '').trim();
    if (!/\p{L}/u.test(rest)) continue;
    return { rest, said: m[0].replace(/^[\s,;.!–—-]+/, '').replace(/\s*[.!]+$/, '').trim() };
  }
  return undefined;
}

/** The way said in the fallback, for planning alone: "if that looks bad, try Otsu" → "try Otsu". */
export function fallbackWay(said: string): string {
  return said.replace(/^.*?\b(?:if\s+not|failing\s+that|otherwise|else|as\s+a\s+(?:fallback|backup|plan\s+b))\b[,:]?\s*/i, '').replace(new RegExp(String.raw`^.*?${POOR}\b[^,;:]*?[,;:]?\s*(?=${TAKE_UP})`, 'i'), '').replace(/\s+(?:only\s+)?(?:if|when|in\s+case)\b.*$/i, '').replace(/^(?:and|or)\s+/i, '').trim();
}

/** The way without the verb taking it up, as a setting of the step: "switch to the model" → "the model". */
export function wayAsSetting(way: string): string {
  return way.replace(new RegExp(String.raw`^${TAKE_UP}\s*`, 'i'), '').trim();
}

/** The answer's line for a fallback not run. */
export function fallbackNote(said: string, tools: string[]): string {
  return `Not run: "${said}" — a fallback for when the first result looks poor; I ran ${tools.join(', ')} as first asked. Look at the result, and if it is poor say e.g. "${fallbackWay(said) || said}" to run that instead.`;
}
