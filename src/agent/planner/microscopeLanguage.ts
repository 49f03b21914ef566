// The language of acquisitions (src/agent/acquisitionLanguage), loaded on first need.
// Importing it pulls in the microscope's config and plan schemas: module loading that the
// agent's start-up should not wait for. The offline model awaits the load before planning
// (and starts it in the background when it is created); the planner reads it synchronously.
// routeMicroscopeRequest(text) gives a microscope tool with its typed arguments, or a
// question to ask back ({ ask }).
type Language = typeof import('../acquisitionLanguage/index.ts');

let loaded: Language | undefined;
let loading: Promise<Language> | undefined;

export function loadMicroscopeLanguage(): Promise<Language> {
  loading ??= import('../acquisitionLanguage/index.ts').then((m) => (loaded = m));
  return loading;
}

/** The parsers; loadMicroscopeLanguage() must have been awaited (a programming error otherwise). */
export function microscopeLanguage(): Language {
  if (!loaded) throw new Error('internal: await loadMicroscopeLanguage() before planning');
  return loaded;
}
