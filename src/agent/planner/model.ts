// The offline planner as a LangChain chat model: bind it to the tools like any other
// chat model; each call reads the conversation and answers with the next tool call or
// the final text. No network, no weights: the planning is in planner.ts.
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { z } from 'zod';
import { findTool } from '../allTools.ts';
import { type Catalogue, catalogueFromBoundTools } from './catalogue.ts';
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
    const catalogue = boundCatalogue(options.tools as unknown[] | undefined);
    await loadMicroscopeLanguage();
    const action = nextAction(readConversation(messages), catalogue);
    const message =
      action.kind === 'call'
        ? new AIMessage({ content: '', tool_calls: [{ id: `call_${++callCounter}`, name: action.tool, args: action.args, type: 'tool_call' }] })
        : new AIMessage({ content: action.text });
    return { generations: [{ text: action.kind === 'answer' ? action.text : '', message }] };
  }
}

/** Catalogues of the tool sets bound lately, by their declarations (JSON); a few sets at most are bound in one process. */
const CATALOGUES = new Map<string, Catalogue>();
const KEPT_CATALOGUES = 8;

/**
 * The catalogue of the tools bound: the same object for the same declarations. What the planner reads from a catalogue
 * and keeps with it (stepMemo.ts answers, the word index, known words, argument names) then serves every step and every
 * session bound to those tools, where a catalogue built anew per step built all of that again each step. Those readings
 * depend on the declarations alone and the tools' self-descriptions (the same objects, checked), so plans are the same.
 */
function boundCatalogue(tools: unknown[] | undefined): Catalogue {
  let key: string;
  try {
    key = JSON.stringify(tools ?? []);
  } catch {
    return catalogueFromBoundTools(tools);
  }
  const kept = CATALOGUES.get(key);
  if (kept && [...kept.values()].every((info) => info.self === findTool(info.name))) return kept;
  const catalogue = catalogueFromBoundTools(tools);
  CATALOGUES.delete(key);
  if (CATALOGUES.size >= KEPT_CATALOGUES) CATALOGUES.delete(CATALOGUES.keys().next().value!);
  CATALOGUES.set(key, catalogue);
  return catalogue;
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
