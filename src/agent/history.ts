// Chat messages for the model: LangChain's message classes and the earlier turns rebuilt
// from the transcript. Imported by the loop on its first turn, not at start-up:
// @langchain/core is ~0.6 s of module loading on a busy 2-core machine.
//
// The rebuilt history follows the strictest backend's rules (OpenAI's), whoever wrote the
// transcript (the offline planner reuses ids across processes; a killed process leaves
// calls without results): every assistant tool call is followed at once by its tool
// message, tool-call ids are unique, and tool messages without their call are dropped.
import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { TranscriptEntry } from './session.ts';

export { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';

/** A tool-call id not used yet in this conversation (OpenAI style). */
export function freshCallId(used: Set<string>): string {
  let id: string;
  // Math.random, not node:crypto (uniqueness is checked here; loading crypto cost each command ~5 ms of CPU)
  do id = `call_${Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0')}`;
  while (used.has(id));
  used.add(id);
  return id;
}

/** Text cut to `maxChars`, saying so (a 100 MB reply is not sent back on every turn). */
export function capText(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)} [... cut: ${text.length - maxChars} more characters]`;
}

/** Rebuilds the chat messages of earlier turns from the transcript, starting at a user turn. */
export function historyMessages(entries: TranscriptEntry[], maxEntries: number, maxChars = 100_000): BaseMessage[] {
  let start = Math.max(0, entries.length - maxEntries);
  while (start < entries.length && entries[start].role !== 'user') start++;
  const out: BaseMessage[] = [];
  const used = new Set<string>();
  let i = start;
  while (i < entries.length) {
    const e = entries[i];
    if (e.role === 'user') {
      out.push(new HumanMessage(capText(e.content, maxChars)));
      i++;
      continue;
    }
    if (e.role === 'tool') {
      // a result whose call is not right before it cannot be replayed
      i++;
      continue;
    }
    // an assistant entry and the tool results written right after it
    let j = i + 1;
    const results: TranscriptEntry[] = [];
    for (; j < entries.length && entries[j].role === 'tool'; j++) results.push(entries[j]);
    const pairs: { name: string; args: Record<string, unknown>; content: string }[] = [];
    for (const call of e.toolCalls ?? []) {
      // a call whose result was never recorded (a killed process) is left out
      const k = results.findIndex((r) => r.toolCallId === call.id);
      if (k < 0) continue;
      pairs.push({ name: call.name, args: call.args && typeof call.args === 'object' ? call.args : {}, content: results[k].content });
      results.splice(k, 1);
    }
    i = j;
    if (!e.content && pairs.length === 0) continue;
    const ids = pairs.map(() => freshCallId(used));
    out.push(new AIMessage({ content: capText(e.content, maxChars), tool_calls: pairs.map((p, n) => ({ id: ids[n], name: p.name, args: p.args, type: 'tool_call' as const })) }));
    pairs.forEach((p, n) => out.push(new ToolMessage({ content: capText(p.content, maxChars), tool_call_id: ids[n] })));
  }
  return out;
}
