// Settings written one after another with no comma ("interval 10 min exposure 30 ms", "exposure 30ms interval 10min",
// "power 5% exposure 100 ms"): a value with its unit followed at once by the noun of another setting ends the first
// setting, as a comma would. Without it the second setting's words were read as the first's tail and dropped. Stop 55.

/** A value with its unit (times, shares, lengths), as people write them after a setting's name. */
const VALUE_WITH_UNIT = String.raw`\d+(?:\.\d+)?\s*(?:ms|msecs?|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|%|percent|µm|um|microns?)`;

/** The nouns a setting of a run is named by at the head of a list item (a closed class). */
const SETTING_HEAD = String.raw`(?:interval|exposure(?:\s+time)?|exp|power|laser(?:\s+power)?|intensity|step\s+size|duration)`;

// (the next setting with a value of its own: "5% power", "a 6 µm z-stack" name the value before them, and stay whole)
const RUN_ON = new RegExp(String.raw`(${VALUE_WITH_UNIT})\s+(?=${SETTING_HEAD}\s*(?:[:=]|\b(?:to|at|of|is)\b)?\s*\d)`, 'gi');

/** The text with a comma where one setting's value runs on into the next setting's name. */
export function withRunOnSettingsApart(text: string): string {
  return text.replace(RUN_ON, '$1, ');
}
