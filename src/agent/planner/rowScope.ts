// "the speed per track", "the speed of each track", "mean intensity per nucleus": a distributive scope says what the rows of
// a table of measurements are, not which result a step takes ("each track" there is no tracks file to export).

const THINGS = String.raw`(?:tracks?|trajector(?:y|ies)|cells?|nucle(?:us|i)|objects?)`;
const ROW_SCOPE = new RegExp(String.raw`\b(?:per|each|every)[\s-]+${THINGS}(?:['’]s?)?(?=\W|$)|\b(?:of|for|in)\s+(?:each|every)\s+(?:single\s+)?${THINGS}\b`, 'gi');

/**
 * The text with its distributive scopes blanked (same length, so positions hold); with `tracksOnly`, only the scopes over
 * tracks (the ones whose word names a step of its own: "for each track" is no tracking, while "per cell" tells a measurement).
 */
export function withoutRowScope(text: string, tracksOnly = false): string {
  return text.replace(ROW_SCOPE, (m) => (tracksOnly && !/track|trajector/i.test(m) ? m : ' '.repeat(m.length)));
}
