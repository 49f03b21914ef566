// Chat-model backends: `offline` (the embedded planner) or `openai:<model>` for OpenAI
// and any OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) set by
// OPENAI_BASE_URL / OPENAI_API_KEY. LangChain is imported lazily.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { InputError } from '../errors.ts';

export interface ModelChoice {
  /** "offline" or "openai:<name>". */
  name: string;
  model: BaseChatModel;
}

/** The model name to use: the flag, else CELLPILOT_MODEL, else openai when a key or server is configured, else offline. */
export function defaultModelName(flag?: string): string {
  if (flag) return flag;
  if (process.env.CELLPILOT_MODEL) return process.env.CELLPILOT_MODEL;
  if (process.env.OPENAI_API_KEY || process.env.OPENAI_BASE_URL) return `openai:${process.env.OPENAI_MODEL ?? 'gpt-4o-mini'}`;
  return 'offline';
}

export async function createChatModel(flag?: string): Promise<ModelChoice> {
  const name = defaultModelName(flag);
  if (name === 'offline') {
    const { OfflineChatModel } = await import('./planner/model.ts');
    return { name, model: new OfflineChatModel() };
  }
  const m = /^openai:(.+)$/.exec(name);
  if (!m) throw new InputError(`unknown model "${name}": use --model offline or --model openai:<name> (e.g. openai:gpt-4o-mini, openai:llama3.1)`);
  const { ChatOpenAI } = await import('@langchain/openai');
  const baseURL = process.env.OPENAI_BASE_URL;
  const apiKey = process.env.OPENAI_API_KEY;
  if (!apiKey && !baseURL) throw new InputError(`--model ${name} needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama); or use --model offline`);
  const model = new ChatOpenAI({
    model: m[1],
    // local servers (Ollama, llama.cpp) accept any key
    apiKey: apiKey ?? 'not-needed',
    configuration: baseURL ? { baseURL } : undefined,
    temperature: 0,
    timeout: Number(process.env.CELLPILOT_LLM_TIMEOUT_S ?? 120) * 1000,
    maxRetries: Number(process.env.CELLPILOT_LLM_MAX_RETRIES ?? 3),
  });
  return { name, model: model as unknown as BaseChatModel };
}

/** Bounds on what one model reply may cost, from the environment (tests set them small). */
export interface TransportLimits {
  /** No bytes for this long (including before the first) ends the reply: CELLPILOT_LLM_IDLE_TIMEOUT_S, default 60. */
  idleMs: number;
  /** A whole reply may take this long: CELLPILOT_LLM_TOTAL_TIMEOUT_S, default 600. */
  totalMs: number;
  /** Characters of a reply (text and tool arguments) kept; the rest is cut: CELLPILOT_LLM_MAX_REPLY_CHARS, default 100 000. */
  maxReplyChars: number;
  /** Tool calls run from one reply; the rest are refused as tool errors: CELLPILOT_MAX_TOOL_CALLS_PER_REPLY, default 16. */
  maxToolCallsPerReply: number;
}

function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function transportLimits(): TransportLimits {
  return {
    idleMs: positiveNumber('CELLPILOT_LLM_IDLE_TIMEOUT_S', 60) * 1000,
    totalMs: positiveNumber('CELLPILOT_LLM_TOTAL_TIMEOUT_S', 600) * 1000,
    maxReplyChars: Math.floor(positiveNumber('CELLPILOT_LLM_MAX_REPLY_CHARS', 100_000)),
    maxToolCallsPerReply: Math.floor(positiveNumber('CELLPILOT_MAX_TOOL_CALLS_PER_REPLY', 16)),
  };
}

/** A reply the transport gave up on (stalled, too slow): its message is the one line the user sees. */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

/** One line telling the user what went wrong with the LLM server and what to do. */
export function describeModelError(err: unknown, modelName: string): string {
  if (err instanceof TransportError) return err.message;
  const e = err as { status?: number; code?: string; name?: string; message?: string; cause?: { code?: string } };
  const server = process.env.OPENAI_BASE_URL ?? 'api.openai.com';
  const status = e?.status ?? (/\b(401|403|404|429|500|502|503)\b/.exec(e?.message ?? '')?.[1] ? Number(/\b(401|403|404|429|500|502|503)\b/.exec(e?.message ?? '')![1]) : undefined);
  if (status === 401 || status === 403) return `the LLM server (${server}) rejected the API key (${status}): check OPENAI_API_KEY, or use --model offline`;
  if (status === 404) return `the LLM server (${server}) does not know the model "${modelName.replace(/^openai:/, '')}" (404): check the name with your server (e.g. "ollama list")`;
  if (status === 429) return `the LLM server (${server}) is rate-limiting requests (429) and retries did not help: wait a minute and try again, or use --model offline`;
  if (status !== undefined && status >= 500) return `the LLM server (${server}) failed (${status}): try again later, or use --model offline`;
  const text = `${e?.name ?? ''} ${e?.message ?? ''} ${e?.code ?? ''} ${e?.cause?.code ?? ''}`;
  if (/timed? ?out|timeout|ETIMEDOUT/i.test(text)) return `the LLM server (${server}) did not answer in time (CELLPILOT_LLM_TIMEOUT_S=${process.env.CELLPILOT_LLM_TIMEOUT_S ?? 120}): check that it is running and not overloaded, or use --model offline`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Connection error|fetch failed/i.test(text)) return `cannot reach the LLM server at ${server}: start it or fix OPENAI_BASE_URL, or use --model offline`;
  return `the model ${modelName} failed: ${(e?.message ?? String(err)).split('\n')[0]}`;
}
