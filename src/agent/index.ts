// The agent's public surface, for the chat UI (src/ui), the commands and the evals.
export { Agent, type AgentOptions, type TurnResult, sessionContext } from './loop.ts';
export { AgentEvents, type AgentEvent, type AgentEventListener, type StepStatus, type TurnStatus } from './events.ts';
export { Session, sessionsRoot, type SessionSummary, type TranscriptEntry } from './session.ts';
export { approveAll, refuseAll, type Approver, type ApprovalRequest } from './approval.ts';
export { modelText, runStep, type StepExecutor, type StepOutcome, type StepOptions } from './executor.ts';
export { createChatModel, defaultModelName, describeModelError } from './models.ts';
export { loadPipeline, parsePipeline, pipelineFromSession, executePipeline, type Pipeline } from './pipeline.ts';

import { ALL_TOOLS } from './allTools.ts';
import { AgentEvents } from './events.ts';
import { userPath } from './artifacts.ts';
import { inspectInput } from './filePolicy.ts';
import { Agent } from './loop.ts';
import type { Approver } from './approval.ts';
import { createChatModel, defaultModelName } from './models.ts';
import { Session } from './session.ts';

/**
 * One call to get a ready agent: opens (or creates) the session, picks the model
 * (`offline`, `openai:<name>`, or the configured default) and binds every tool.
 */
export async function createAgent(
  options: {
    model?: string;
    session?: Session;
    /** Opens this session when it exists, else creates it. */
    sessionId?: string;
    /** Opens this existing session (`chat --resume ID`); InputError naming the id when there is none. */
    resume?: string;
    movies?: string[];
    events?: AgentEvents;
    maxSteps?: number;
    /** Asks a person before a risky tool call (stopping an acquisition, activating a rule); default: refuse such calls. */
    approve?: Approver;
  } = {},
): Promise<Agent> {
  // the offline model is ready when the first request comes, not before the agent is: its
  // LangChain imports load in the background; an OpenAI model is checked (key, name) at once
  const name = defaultModelName(options.model);
  const choice = createChatModel(options.model);
  const model = name === 'offline' ? choice.then((c) => c.model) : (await choice).model;
  // a failed background load surfaces on the first request, not as an unhandled rejection
  if (model instanceof Promise) model.catch(() => undefined);
  const session = options.session ?? (options.resume ? Session.open(options.resume) : Session.openOrCreate(options.sessionId, { model: name }));
  for (const movie of options.movies ?? []) {
    // a FIFO, device or folder without frames is refused before anything reads it
    inspectInput(movie, userPath(movie), ['movie']);
    session.addInput('movie', movie);
  }
  return new Agent({ session, tools: ALL_TOOLS, model, modelName: name, events: options.events, maxSteps: options.maxSteps, approve: options.approve });
}
