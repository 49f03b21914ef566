// Chat messages for the model: LangChain's message classes and the earlier turns rebuilt
// from the transcript. Imported by the loop on its first turn, not at start-up:
// @langchain/core is ~0.6 s of module loading on a busy 2-core machine.
import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { TranscriptEntry } from './session.ts';

export { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';

/** Rebuilds the chat messages of earlier turns from the transcript, starting at a user turn. */
export function historyMessages(entries: TranscriptEntry[], maxEntries: number): BaseMessage[] {
  let start = Math.max(0, entries.length - maxEntries);
  while (start < entries.length && entries[start].role !== 'user') start++;
  const out: BaseMessage[] = [];
  const answered = new Set(entries.filter((e) => e.role === 'tool').map((e) => e.toolCallId));
  for (const e of entries.slice(start)) {
    if (e.role === 'user') out.push(new HumanMessage(e.content));
    else if (e.role === 'assistant') {
      // a call whose result was never recorded (a killed process) cannot be replayed
      const calls = (e.toolCalls ?? []).filter((c) => answered.has(c.id));
      if (!e.content && calls.length === 0) continue;
      out.push(new AIMessage({ content: e.content, tool_calls: calls.map((c) => ({ id: c.id, name: c.name, args: c.args, type: 'tool_call' as const })) }));
    } else if (e.role === 'tool') out.push(new ToolMessage({ content: e.content, tool_call_id: e.toolCallId ?? '' }));
  }
  return out;
}
