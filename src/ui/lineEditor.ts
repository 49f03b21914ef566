// The input line's editing rules as a pure function: cursor movement, deletion,
// history (up/down) and paste. Ink delivers a paste as one `input` string.

export interface EditorKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  escape?: boolean;
}

export interface EditorState {
  value: string;
  /** Index in `value` where the next character goes. */
  cursor: number;
  /** Earlier submitted lines, oldest first. */
  history: string[];
  /** Position while browsing history; history.length = the line being written. */
  historyIndex: number;
  /** The unfinished line kept while browsing history. */
  draft: string;
}

export function emptyEditor(history: string[] = []): EditorState {
  return { value: '', cursor: 0, history, historyIndex: history.length, draft: '' };
}

export interface EditResult {
  state: EditorState;
  /** Set when Enter submitted a non-empty line. */
  submitted?: string;
}

// Bracketed-paste markers and control characters other than tab never belong in a request.
function cleanPaste(text: string): string {
  return text
    .replace(/\x1b?\[20[01]~/g, '')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/\t/g, ' ')
    .replace(/[\x00-\x1f\x7f]/g, '');
}

function insert(state: EditorState, text: string): EditorState {
  const value = state.value.slice(0, state.cursor) + text + state.value.slice(state.cursor);
  return { ...state, value, cursor: state.cursor + text.length, historyIndex: state.history.length };
}

function previousWordStart(value: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && value[i - 1] === ' ') i--;
  while (i > 0 && value[i - 1] !== ' ') i--;
  return i;
}

function browse(state: EditorState, step: number): EditorState {
  const index = Math.min(state.history.length, Math.max(0, state.historyIndex + step));
  if (index === state.historyIndex) return state;
  const draft = state.historyIndex === state.history.length ? state.value : state.draft;
  const value = index === state.history.length ? draft : state.history[index];
  return { ...state, historyIndex: index, draft, value, cursor: value.length };
}

export function applyKey(state: EditorState, input: string, key: EditorKey): EditResult {
  if (key.return) {
    const line = state.value.trim();
    if (!line) return { state: { ...state, value: '', cursor: 0 } };
    const history = state.history.at(-1) === line ? state.history : [...state.history, line];
    return { state: { value: '', cursor: 0, history, historyIndex: history.length, draft: '' }, submitted: line };
  }
  if (key.upArrow) return { state: browse(state, -1) };
  if (key.downArrow) return { state: browse(state, +1) };
  if (key.leftArrow) return { state: { ...state, cursor: key.ctrl || key.meta ? previousWordStart(state.value, state.cursor) : Math.max(0, state.cursor - 1) } };
  if (key.rightArrow) return { state: { ...state, cursor: Math.min(state.value.length, state.cursor + 1) } };
  if (key.home || (key.ctrl && input === 'a')) return { state: { ...state, cursor: 0 } };
  if (key.end || (key.ctrl && input === 'e')) return { state: { ...state, cursor: state.value.length } };
  // Most terminals send DEL (0x7f) for the backspace key, which Ink reports as `delete`.
  if (key.backspace || key.delete) {
    if (state.cursor === 0) return { state };
    const value = state.value.slice(0, state.cursor - 1) + state.value.slice(state.cursor);
    return { state: { ...state, value, cursor: state.cursor - 1 } };
  }
  if (key.ctrl && input === 'd') {
    const value = state.value.slice(0, state.cursor) + state.value.slice(state.cursor + 1);
    return { state: { ...state, value } };
  }
  if (key.ctrl && input === 'u') return { state: { ...state, value: state.value.slice(state.cursor), cursor: 0 } };
  if (key.ctrl && input === 'k') return { state: { ...state, value: state.value.slice(0, state.cursor) } };
  if (key.ctrl && input === 'w') {
    const start = previousWordStart(state.value, state.cursor);
    return { state: { ...state, value: state.value.slice(0, start) + state.value.slice(state.cursor), cursor: start } };
  }
  if (key.ctrl || key.escape || key.tab) return { state };
  // keys typed faster than the terminal is read arrive as one chunk: "demo\r" is typing then Enter
  // (before the terminal is in raw mode, Enter arrives as "\n")
  const typedThenEnter = /^[^\r\n]+[\r\n]$/.exec(input);
  if (typedThenEnter) return applyKey(insert(state, cleanPaste(input.slice(0, -1))), '', { return: true });
  const text = cleanPaste(input);
  return text ? { state: insert(state, text) } : { state };
}
