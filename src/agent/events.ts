// The agent's progress events: what the chat UI (src/ui), `cellpilot ask` and the
// eval runner listen to while a request runs. The agent never draws anything; it only
// announces state changes here (model apart from view).
//
// Order of events for one user request (a "turn"):
//
//   turn_start
//     ( assistant_delta*                     pieces of the model's text as they stream in (OpenAI-compatible
//                                            backends; the offline planner answers at once and sends none)
//       assistant_text?                      text the model said before calling tools
//       step_start                           one per tool call, in call order
//       tool_progress*                       0..n, done/total planes (or items)
//       step_end )*                          always follows its step_start, even on error/cancel
//     assistant_text                         the final answer (may repeat once per model reply)
//   turn_end                                 always the last event of a turn
//
// Usage, either style:
//
//   const events = new AgentEvents();
//   const off = events.on((e) => { if (e.type === 'step_end') render(e) });   // listener
//   for await (const e of events.stream()) { ... }                            // async iterator,
//                                            // ends after the next turn_end (or close())
//
// A listener that throws is reported on stderr and never stops the agent.
import type { ArtifactRef } from '../../tools/types.ts';

/** Status of one tool call. `invalid` = the arguments failed validation (nothing ran). */
export type StepStatus = 'ok' | 'error' | 'invalid' | 'cancelled';

/** How a turn ended. */
export type TurnStatus = 'done' | 'cancelled' | 'step_limit' | 'error';

export interface TurnStartEvent {
  type: 'turn_start';
  turnId: string;
  /** The user's text, as typed. */
  request: string;
  /** Backend that answers, e.g. "offline" or "openai:gpt-4o-mini". */
  model: string;
  at: string;
}

export interface StepStartEvent {
  type: 'step_start';
  turnId: string;
  /** Unique in the session, e.g. "s3"; the same id appears in provenance.jsonl. */
  stepId: string;
  tool: string;
  /** The arguments as the model gave them (before validation). */
  args: Record<string, unknown>;
  at: string;
}

export interface ToolProgressEvent {
  type: 'tool_progress';
  turnId: string;
  stepId: string;
  tool: string;
  done: number;
  total: number;
  label?: string;
  /** Seconds since step_start. */
  elapsedS: number;
  /** Estimated seconds left (linear extrapolation), undefined until done > 0. */
  etaS?: number;
}

export interface StepEndEvent {
  type: 'step_end';
  turnId: string;
  stepId: string;
  tool: string;
  status: StepStatus;
  durationMs: number;
  /** One-line summary for ok steps; the one-line error otherwise. */
  summary: string;
  error?: string;
  artifacts: ArtifactRef[];
  values: Record<string, unknown>;
}

export interface AssistantTextEvent {
  type: 'assistant_text';
  turnId: string;
  text: string;
  /** True when this is the turn's final answer (no tool call follows). */
  final: boolean;
}

/** A piece of the model's reply as it streams in; the whole text follows as assistant_text. */
export interface AssistantDeltaEvent {
  type: 'assistant_delta';
  turnId: string;
  /** The new characters (append them to what came before in this model call). */
  text: string;
}

export interface TurnEndEvent {
  type: 'turn_end';
  turnId: string;
  status: TurnStatus;
  /** The final answer shown to the user (an explanation when cancelled or failed). */
  answer: string;
  steps: number;
  durationMs: number;
  error?: string;
}

export type AgentEvent = TurnStartEvent | StepStartEvent | ToolProgressEvent | StepEndEvent | AssistantDeltaEvent | AssistantTextEvent | TurnEndEvent;

export type AgentEventListener = (event: AgentEvent) => void;

/** A small typed event bus with both a listener API and an async-iterator API. */
export class AgentEvents {
  private readonly listeners = new Set<AgentEventListener>();

  /** Subscribes; returns the function that unsubscribes. */
  on(listener: AgentEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AgentEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        process.stderr.write(`cellpilot: an event listener failed: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  }

  /**
   * Events as an async iterator. Ends after the first turn_end (set untilTurnEnd: false to
   * keep it open) or when the signal aborts.
   */
  stream(options: { untilTurnEnd?: boolean; signal?: AbortSignal } = {}): AsyncIterableIterator<AgentEvent> {
    const untilTurnEnd = options.untilTurnEnd ?? true;
    const queue: AgentEvent[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    const off = this.on((event) => {
      queue.push(event);
      wake?.();
    });
    const finish = () => {
      finished = true;
      off();
      wake?.();
    };
    options.signal?.addEventListener('abort', finish, { once: true });
    const iterator: AsyncIterableIterator<AgentEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      async next(): Promise<IteratorResult<AgentEvent>> {
        while (queue.length === 0 && !finished) await new Promise<void>((r) => (wake = r));
        const event = queue.shift();
        if (event === undefined) return { done: true, value: undefined };
        if (untilTurnEnd && event.type === 'turn_end') finish();
        return { done: false, value: event };
      },
      async return(): Promise<IteratorResult<AgentEvent>> {
        finish();
        return { done: true, value: undefined };
      },
    };
    return iterator;
  }
}
