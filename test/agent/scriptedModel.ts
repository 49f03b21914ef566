// A chat model that replays scripted replies and records what it was sent: for testing
// the loop's handling of tool errors, step limits and history without a planner.
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

export type ScriptedReply = { text: string } | { tool: string; args: Record<string, unknown> };

export class ScriptedChatModel extends BaseChatModel<BaseChatModelCallOptions & { tools?: BindToolsInput[] }> {
  readonly received: BaseMessage[][] = [];
  private index = 0;
  constructor(private readonly replies: ScriptedReply[], private readonly repeatLast = false) {
    super({});
  }
  _llmType() {
    return 'scripted';
  }
  override bindTools(tools: BindToolsInput[]) {
    return this.withConfig({ tools } as never);
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.received.push(messages);
    const reply = this.replies[Math.min(this.index++, this.replies.length - 1)];
    if (!this.repeatLast && this.index > this.replies.length) throw new Error('script exhausted');
    const message = 'text' in reply
      ? new AIMessage({ content: reply.text })
      : new AIMessage({ content: '', tool_calls: [{ id: `c${this.index}`, name: reply.tool, args: reply.args, type: 'tool_call' }] });
    return { generations: [{ text: 'text' in reply ? reply.text : '', message }] };
  }
}
