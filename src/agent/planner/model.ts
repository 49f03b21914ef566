// The offline planner as a LangChain chat model: bind it to the tools like any other
// chat model; each call reads the conversation and answers with the next tool call or
// the final text. No network, no weights: the planning is in planner.ts.
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { z } from 'zod';
import { catalogueFromBoundTools } from './catalogue.ts';
import { readConversation } from './conversation.ts';
import { loadMicroscopeLanguage } from './microscopeLanguage.ts';
import { nextAction } from './planner.ts';

export interface OfflineCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
}

let callCounter = 0;

export class OfflineChatModel extends BaseChatModel<OfflineCallOptions> {
  constructor() {
    super({});
    // off the start-up path: by the time the first request comes, the parsers are there
    void loadMicroscopeLanguage().catch(() => undefined);
  }

  _llmType(): string {
    return 'cellpilot-offline';
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Partial<OfflineCallOptions>) {
    return this.withConfig({ ...kwargs, tools: tools.map(asJsonSchemaTool) } as Partial<OfflineCallOptions>);
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const catalogue = catalogueFromBoundTools(options.tools as unknown[] | undefined);
    await loadMicroscopeLanguage();
    const action = nextAction(readConversation(messages), catalogue);
    const message =
      action.kind === 'call'
        ? new AIMessage({ content: '', tool_calls: [{ id: `call_${++callCounter}`, name: action.tool, args: action.args, type: 'tool_call' }] })
        : new AIMessage({ content: action.text });
    return { generations: [{ text: action.kind === 'answer' ? action.text : '', message }] };
  }
}

/** LangChain tools carry zod or JSON schemas; the planner reads JSON schema. */
function asJsonSchemaTool(tool: BindToolsInput): unknown {
  const t = tool as { name?: string; description?: string; schema?: unknown };
  if (t.schema && typeof (t.schema as { safeParse?: unknown }).safeParse === 'function') {
    try {
      return { name: t.name, description: t.description, schema: z.toJSONSchema(t.schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) };
    } catch {
      return { name: t.name, description: t.description, schema: {} };
    }
  }
  return tool;
}
