// What the offline planner knows, read back from the LangChain messages: the current
// request, the artifacts of the session, and every earlier tool result (values for
// follow-up questions, artifacts for references such as "the denoised one").
import type { BaseMessage } from '@langchain/core/messages';
import { withRankedThingNamed } from './rankedReference.ts';
import { withPickedThingNamed } from './pickedReference.ts';
import { completedFollowUp } from './tableAnswers.ts';

export interface KnownArtifact {
  id: string;
  type: string;
  description?: string;
  /** Tool that produced it; "user" for inputs the user named. */
  producedBy?: string;
  path?: string;
  /** From the file header (session context only): frames, z slices, lateral pixel size in µm (null: unknown). */
  frames?: number;
  zSlices?: number;
  pixelSizeUm?: number | null;
  /** The channels' names, from the file header (session context only). */
  channelNames?: string[];
  /** Time between frames in s, from the file header (absent: unknown). */
  frameIntervalS?: number;
  /** Width and height of a plane in pixels, from the file header. */
  width?: number;
  height?: number;
}

export interface PastResult {
  tool: string;
  args: Record<string, unknown>;
  ok: boolean;
  summary: string;
  error?: string;
  values: Record<string, unknown>;
  artifacts: KnownArtifact[];
  /** How long the step ran, when its result says (for "how long did the segmentation take?"). */
  durationMs?: number;
}

export interface Conversation {
  request: string;
  /** Artifacts that existed when the request was made. */
  artifactsAtStart: KnownArtifact[];
  /** Results of earlier turns, oldest first. */
  earlier: PastResult[];
  /** Results of tool calls made for the current request, in order. */
  current: PastResult[];
  /** Earlier requests, oldest first. */
  earlierRequests: string[];
}

function text(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : (p as { text?: string }).text ?? '')).join('');
  return '';
}

export function readConversation(messages: BaseMessage[]): Conversation {
  const contextArtifacts: KnownArtifact[] = [];
  const calls = new Map<string, { name: string; args: Record<string, unknown> }>();
  const turns: { request: string; results: PastResult[]; answer?: string }[] = [];
  for (const message of messages) {
    const type = message.getType();
    if (type === 'system') {
      const block = /```json\s*([\s\S]*?)```/.exec(text(message.content));
      if (block) {
        try {
          const data = JSON.parse(block[1]) as { artifacts?: KnownArtifact[] };
          contextArtifacts.push(...(data.artifacts ?? []));
        } catch {
          // a context block the planner cannot read: it plans without it
        }
      }
    } else if (type === 'human') {
      turns.push({ request: text(message.content), results: [] });
    } else if (type === 'ai') {
      // (the turn's answer: what a follow-up's "the 3rd one" refers to)
      const said = text(message.content).trim();
      if (said && turns.length) turns.at(-1)!.answer = said;
      for (const c of (message as unknown as { tool_calls?: { id?: string; name: string; args: Record<string, unknown> }[] }).tool_calls ?? []) {
        calls.set(c.id ?? '', { name: c.name, args: c.args ?? {} });
      }
    } else if (type === 'tool') {
      const id = (message as unknown as { tool_call_id: string }).tool_call_id;
      const call = calls.get(id) ?? { name: (message as unknown as { name?: string }).name ?? 'unknown', args: {} };
      let data: { ok?: boolean; summary?: string; error?: string; values?: Record<string, unknown>; artifacts?: KnownArtifact[]; durationMs?: number } = {};
      try {
        data = JSON.parse(text(message.content));
      } catch {
        data = { ok: false, error: text(message.content) };
      }
      const result: PastResult = {
        tool: call.name,
        args: call.args,
        ok: data.ok !== false,
        summary: data.summary ?? data.error ?? '',
        error: data.error,
        values: data.values ?? {},
        artifacts: (data.artifacts ?? []).map((a) => ({ ...a, producedBy: call.name })),
        ...(typeof data.durationMs === 'number' ? { durationMs: data.durationMs } : {}),
      };
      if (turns.length === 0) turns.push({ request: '', results: [] });
      turns.at(-1)!.results.push(result);
    }
  }
  const last = turns.at(-1) ?? { request: '', results: [] };
  const earlier = turns.slice(0, -1).flatMap((t) => t.results);
  const artifactsAtStart = [...contextArtifacts];
  for (const r of earlier) for (const a of r.artifacts) if (!artifactsAtStart.some((k) => k.id === a.id)) artifactsAtStart.push(a);
  const earlierRequests = turns.slice(0, -1).map((t) => t.request);
  // "and the median?": the quantity of the question before it is meant
  // ("the 3rd one, what's its mean speed?": the thing at that place of the list the answer before gave)
  // ("which cell travelled farthest?" then "and how fast was it?": "it" is the thing that answer picked, track 7)
  const answerBefore = turns.length >= 2 ? turns.at(-2)!.answer : undefined;
  const request = withPickedThingNamed(withRankedThingNamed(last.request, answerBefore), answerBefore);
  return { request: completedFollowUp(request, earlierRequests), artifactsAtStart, earlier, current: last.results, earlierRequests };
}
