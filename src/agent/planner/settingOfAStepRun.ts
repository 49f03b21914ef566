// "also allow a max frame gap of 2" after a tracking, "bump the rolling ball to 60" after a background subtraction: a
// follow-up that states a setting of a step that ran, in that setting's own words, while the only tool the matcher found
// is one whose arguments the words do not state ("frame" is a word of frame interpolation, but no setting of it is said
// here). The step that ran is run again with that setting. Before, the tool the stray word named ran, on the raw movie.

export interface SettingReaders {
  /** The settings of `tool` the words state (no inputs, outputs, references). */
  settingsOf: (tool: string, words: string) => Record<string, unknown>;
  /** The words open with the tool's own verb or name ("interpolate the frames ..."): a step of its own. */
  namesItself: (tool: string, words: string) => boolean;
}

/**
 * The step that ran whose settings the words state, with those settings, when no tool the words mention states any of
 * its own; undefined otherwise. `mentioned`: the tools the matcher found; `ran`: the tools that ran, latest first.
 */
export function settingOfAStepRun(text: string, mentioned: string[], ran: string[], read: SettingReaders): { tool: string; changes: Record<string, unknown> } | undefined {
  if (mentioned.length === 0 || mentioned.some((t) => ran.includes(t) || read.namesItself(t, text) || Object.keys(read.settingsOf(t, text)).length > 0)) return undefined;
  for (const tool of ran) {
    const changes = read.settingsOf(tool, text);
    if (Object.keys(changes).length > 0) return { tool, changes };
  }
  return undefined;
}
