// What the chat needs from the agent, as one small interface. The real implementation
// loads the agent (LangChain, the tool catalogue) lazily, after the first paint; tests
// pass a scripted fake.
import type { AgentEvents } from '../agent/events.ts';
import type { ProvenanceRecord } from '../agent/provenance.ts';
import type { SessionSummary, TranscriptEntry } from '../agent/session.ts';
import type { ArtifactRecord, ToolSpec } from '../../tools/types.ts';

/**
 * A tool as the chat sees it: its name and description, and what it declares it is
 * (tools/types.ts): the chat finds a tool by these, never by its name.
 */
export type ToolListing = Pick<ToolSpec, 'name' | 'description'> & Partial<Pick<ToolSpec, 'role' | 'carriesOut' | 'appliesToLaterSteps' | 'produces' | 'truth'>>;

/** The first tool that declares what `is` looks for, or undefined. */
export function toolThat(tools: readonly ToolListing[], is: (tool: ToolListing) => boolean | undefined): ToolListing | undefined {
  return tools.find((t) => is(t) === true);
}

export interface ChatBackend {
  /** "offline" or "openai:<name>". */
  readonly modelName: string;
  readonly sessionId: string;
  readonly events: AgentEvents;
  /** True when this backend continues a session that already has turns or steps (--resume, /resume). */
  readonly resumed?: boolean;
  /** The session's conversation so far (shown when it is resumed). */
  transcript?(): TranscriptEntry[];
  /** Movies loaded into the session (file names). */
  movies(): string[];
  /** Runs one request; progress arrives on `events`. Never throws for tool or model failures. */
  ask(request: string, signal: AbortSignal): Promise<void>;
  /** Runs one tool directly (slash commands), with the same events and provenance. */
  runTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<void>;
  tools(): ToolListing[];
  provenance(): ProvenanceRecord[];
  artifacts(): ArtifactRecord[];
  sessions(): SessionSummary[];
  /** A backend on another session (resume) or another model; InputError when unknown. */
  reopen(options: { sessionId?: string; model?: string }): Promise<ChatBackend>;
  /** Who answers y/n when a risky call (stopping an acquisition, activating a rule) needs a person's approval. */
  setApprover?(ask: (request: { tool: string; action: string }) => Promise<boolean>): void;
}

export interface BackendOptions {
  model?: string;
  sessionId?: string;
  movies?: string[];
}

/** The real backend: the agent with its session, loaded on demand. */
export async function createAgentBackend(options: BackendOptions): Promise<ChatBackend> {
  const [{ createAgent, defaultModelName }, { AgentEvents }, { Session }, { runStep }, { ALL_TOOLS }, { InputError }] = await Promise.all([
    import('../agent/index.ts'),
    import('../agent/events.ts'),
    import('../agent/session.ts'),
    import('../agent/executor.ts'),
    import('../agent/allTools.ts'),
    import('../errors.ts'),
  ]);
  const events = new AgentEvents();
  // until the chat sets an approver, a risky call is refused (never run without a person's yes)
  let approver: ((request: { tool: string; action: string }) => Promise<boolean>) | undefined;
  const approve = async (request: { tool: string; action: string }) => (approver ? approver(request) : false);
  const agent = await createAgent({ model: options.model, sessionId: options.sessionId, movies: options.movies, events, approve });
  const session = agent.session;
  let toolTurn = 0;
  /** The tool that made an artifact opens files the person names (its role): what it made is the person's own. */
  const opens = (tool: string) => ALL_TOOLS.some((t) => t.name === tool && t.role === 'open');
  const backend: ChatBackend = {
    modelName: defaultModelName(options.model),
    sessionId: session.id,
    events,
    resumed: options.sessionId !== undefined && (session.provenance.read().length > 0 || session.transcript().length > 0),
    transcript: () => session.transcript(),
    // the movies the user brought (named on the command line or opened in the chat), not derived ones
    movies: () => session.store.list().filter((a) => a.type === 'movie' && (a.producedBy === undefined || opens(a.producedBy))).map((a) => `${a.id} ${a.path.split('/').at(-1) ?? a.path}`),
    async ask(request, signal) {
      await agent.ask(request, { signal });
    },
    async runTool(name, args, signal) {
      toolTurn += 1;
      const turnId = `cmd${toolTurn}`;
      const started = performance.now();
      events.emit({ type: 'turn_start', turnId, request: `/${name}`, model: backend.modelName, at: new Date().toISOString() });
      const outcome = await runStep(session, ALL_TOOLS, name, args, { signal, events, turnId });
      const durationMs = Math.round(performance.now() - started);
      const status = outcome.status === 'cancelled' ? 'cancelled' : 'done';
      events.emit({ type: 'turn_end', turnId, status, answer: '', steps: 1, durationMs });
    },
    tools: () => ALL_TOOLS.map(({ name, description, role, carriesOut, appliesToLaterSteps, produces, truth }) => ({ name, description, role, carriesOut, appliesToLaterSteps, produces, truth })),
    provenance: () => session.provenance.read(),
    artifacts: () => session.store.list(),
    sessions: () => Session.list(),
    reopen: async (next) => {
      // a mistyped id would otherwise start a new, empty session under that name
      if (next.sessionId && !Session.list().some((s) => s.id === next.sessionId)) throw new InputError(`no saved session "${next.sessionId}": /sessions lists them`);
      return createAgentBackend({ model: next.model ?? backend.modelName, sessionId: next.sessionId ?? session.id });
    },
    setApprover: (ask) => {
      approver = ask;
    },
  };
  return backend;
}
