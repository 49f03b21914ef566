// The chat's view state: a transcript of items built from the agent's events (and from
// slash commands). A pure reducer, so the UI holds no state the agent needs and the
// transitions are testable without a terminal.
import type { AgentEvent, StepStatus } from '../agent/events.ts';
import type { ArtifactRef } from '../../tools/types.ts';
import type { HeaderInfo } from './components/Header.tsx';

export interface TablePreview {
  path: string;
  columns: string[];
  rows: Record<string, unknown>[];
  totalRows: number;
}

export interface ImagePreview {
  path: string;
  /** Text rendering (half-blocks) or an inline-image escape sequence. */
  lines: string[];
  inline?: string;
}

export interface ToolCardState {
  stepId: string;
  tool: string;
  args: Record<string, unknown>;
  status: 'running' | StepStatus;
  done?: number;
  total?: number;
  label?: string;
  elapsedS?: number;
  etaS?: number;
  durationMs?: number;
  summary?: string;
  artifacts: ArtifactRef[];
  values: Record<string, unknown>;
  table?: TablePreview;
  image?: ImagePreview;
  /** Files the step wrote for the user (an export's CSV, XML or CTC folder), shown with their full path. */
  files?: string[];
}

export type TranscriptItem =
  | { kind: 'user'; id: string; text: string }
  | { kind: 'assistant'; id: string; text: string; streaming?: boolean }
  | { kind: 'tool'; id: string; card: ToolCardState }
  | { kind: 'notice'; id: string; tone: 'info' | 'error' | 'help'; text: string }
  | { kind: 'header'; id: string; info: HeaderInfo };

export interface ChatState {
  /** Finished items: printed once, never redrawn. */
  committed: TranscriptItem[];
  /** Items of the running turn: redrawn as progress arrives. */
  live: TranscriptItem[];
  busy: boolean;
  /** True until the agent has loaded: items wait in `live`, below the provisional header. */
  starting: boolean;
  turnId?: string;
}

export const initialChatState: ChatState = { committed: [], live: [], busy: false, starting: true };

let counter = 0;
export function itemId(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

/**
 * Streamed pieces of the assistant's text, for backends that stream tokens. Not (yet) in
 * the agent's AgentEvent union; the chat shows them as they come when it sends them.
 */
export interface AssistantDeltaEvent {
  type: 'assistant_delta';
  turnId: string;
  text: string;
}

export type ChatAction =
  | { type: 'agent'; event: AgentEvent | AssistantDeltaEvent }
  | { type: 'user'; text: string }
  | { type: 'notice'; tone: 'info' | 'error' | 'help'; text: string }
  | { type: 'attach'; stepId: string; table?: TablePreview; image?: ImagePreview; files?: string[] }
  | { type: 'header'; info: HeaderInfo; intro?: string }
  /** Items of a resumed session's earlier turns, printed once below the header. */
  | { type: 'history'; items: TranscriptItem[] }
  | { type: 'clear' };

function updateCard(items: TranscriptItem[], stepId: string, change: (card: ToolCardState) => ToolCardState): TranscriptItem[] {
  return items.map((item) => (item.kind === 'tool' && item.card.stepId === stepId ? { ...item, card: change(item.card) } : item));
}

/**
 * The answer without what the tool cards above it already say: backends (the offline
 * planner) often answer by repeating each step's summary; the cards show those, so the
 * answer keeps only the rest, or a one-line list of what was made.
 */
export function condenseAnswer(answer: string, shownSummaries: string[]): string {
  let rest = answer;
  let removed = false;
  for (const summary of shownSummaries) {
    if (summary.length > 20 && rest.includes(summary)) {
      rest = rest.replace(summary, ' ');
      removed = true;
    }
  }
  if (!removed) return answer;
  const ids = [...rest.matchAll(/\[([a-z]+-\d+(?:,\s*[a-z]+-\d+)*)\]/g)].flatMap((m) => m[1].split(/,\s*/));
  rest = rest.replace(/\[([a-z]+-\d+(?:,\s*[a-z]+-\d+)*)\]/g, ' ').replace(/\s+/g, ' ').trim();
  const made = ids.length ? `Made ${ids.join(', ')}.` : '';
  if (!/[A-Za-z0-9]{3}/.test(rest)) return made ? `Done. ${made}` : 'Done.';
  return made ? `${rest} ${made}` : rest;
}

function reduceAgent(state: ChatState, event: AgentEvent | AssistantDeltaEvent): ChatState {
  switch (event.type) {
    case 'assistant_delta': {
      const last = state.live.at(-1);
      if (last?.kind === 'assistant' && last.streaming) return { ...state, live: [...state.live.slice(0, -1), { ...last, text: last.text + event.text }] };
      return { ...state, live: [...state.live, { kind: 'assistant', id: itemId('say'), text: event.text, streaming: true }] };
    }
    case 'turn_start':
      return { ...state, busy: true, turnId: event.turnId };
    case 'step_start': {
      const card: ToolCardState = { stepId: event.stepId, tool: event.tool, args: event.args, status: 'running', artifacts: [], values: {} };
      return { ...state, live: [...state.live, { kind: 'tool', id: itemId('tool'), card }] };
    }
    case 'tool_progress':
      return {
        ...state,
        live: updateCard(state.live, event.stepId, (c) => ({ ...c, done: event.done, total: event.total, label: event.label, elapsedS: event.elapsedS, etaS: event.etaS })),
      };
    case 'step_end':
      return {
        ...state,
        live: updateCard(state.live, event.stepId, (c) => ({
          ...c,
          status: event.status,
          durationMs: event.durationMs,
          summary: event.status === 'ok' ? event.summary : event.error ?? event.summary,
          artifacts: event.artifacts,
          values: event.values,
        })),
      };
    case 'assistant_text': {
      // the whole text replaces what was streamed of it
      const last = state.live.at(-1);
      const live = last?.kind === 'assistant' && last.streaming ? state.live.slice(0, -1) : state.live;
      const summaries = live.flatMap((i) => (i.kind === 'tool' && i.card.status === 'ok' && i.card.summary ? [i.card.summary] : []));
      const text = event.final ? condenseAnswer(event.text, summaries) : event.text;
      if (!text.trim()) return { ...state, live };
      return { ...state, live: [...live, { kind: 'assistant', id: itemId('say'), text }] };
    }
    case 'turn_end': {
      const said = state.live.some((i) => i.kind === 'assistant');
      const extra: TranscriptItem[] = [];
      if (event.status === 'error') extra.push({ kind: 'notice', id: itemId('err'), tone: 'error', text: event.error ?? event.answer });
      else if (!said && event.answer.trim()) extra.push({ kind: 'assistant', id: itemId('say'), text: event.answer });
      return { ...state, committed: [...state.committed, ...state.live, ...extra], live: [], busy: false, turnId: undefined };
    }
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'agent':
      return reduceAgent(state, action.event);
    case 'user': {
      const item: TranscriptItem = { kind: 'user', id: itemId('user'), text: action.text };
      return state.busy || state.starting ? { ...state, live: [...state.live, item] } : { ...state, committed: [...state.committed, item] };
    }
    case 'header': {
      // the transcript is append-only (Ink prints it once): a new header goes at the end
      const items: TranscriptItem[] = [{ kind: 'header', id: itemId('hdr'), info: action.info }];
      if (action.intro) items.push({ kind: 'notice', id: itemId('note'), tone: 'info', text: action.intro });
      if (!state.starting) return state.busy ? { ...state, live: [...state.live, ...items] } : { ...state, committed: [...state.committed, ...items] };
      return { ...state, starting: false, committed: [...state.committed, ...items, ...(state.busy ? [] : state.live)], live: state.busy ? state.live : [] };
    }
    case 'history':
      return state.busy || state.starting ? { ...state, live: [...state.live, ...action.items] } : { ...state, committed: [...state.committed, ...action.items] };
    case 'notice': {
      const item: TranscriptItem = { kind: 'notice', id: itemId('note'), tone: action.tone, text: action.text };
      return state.busy || state.starting ? { ...state, live: [...state.live, item] } : { ...state, committed: [...state.committed, item] };
    }
    case 'attach': {
      const change = (c: ToolCardState): ToolCardState => ({ ...c, ...(action.table ? { table: action.table } : {}), ...(action.image ? { image: action.image } : {}), ...(action.files?.length ? { files: action.files } : {}) });
      return { ...state, live: updateCard(state.live, action.stepId, change), committed: updateCard(state.committed, action.stepId, change) };
    }
    case 'clear':
      return { ...state, committed: [] };
  }
}
