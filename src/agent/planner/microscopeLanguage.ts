// The microscope engineer's request parsers, loaded on first need. Importing them pulls in
// the rule measurements (nucleus segmentation, the TIFF readers): ~0.3 s of module loading
// that the agent's start-up should not wait for. The offline model awaits the load before
// planning (and starts it in the background when it is created); the planner reads it
// synchronously.
type Language = typeof import('../../microscope/language.ts');

let loaded: Language | undefined;
let loading: Promise<Language> | undefined;

export function loadMicroscopeLanguage(): Promise<Language> {
  loading ??= import('../../microscope/language.ts').then((m) => (loaded = m));
  return loading;
}

/** The parsers; loadMicroscopeLanguage() must have been awaited (a programming error otherwise). */
export function microscopeLanguage(): Language {
  if (!loaded) throw new Error('internal: await loadMicroscopeLanguage() before planning');
  return loaded;
}
