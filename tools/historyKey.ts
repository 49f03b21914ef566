// The key under which a session installs its step history (StepHistory, tools/history.ts) in
// ctx.state. Its own module: the session imports only this string, not the undo and rerun
// tools (their zod schemas cost every `cellpilot tool` command ~5 ms of CPU to build).
export const HISTORY_KEY = 'history';
