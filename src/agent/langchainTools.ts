// The catalogue as LangChain tools (`tool()` from @langchain/core/tools), for binding to
// a chat model. The JSON schema (not the zod schema) is given to LangChain so that
// validation stays ours: a bad call comes back to the model as a readable tool message.
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import type { ToolSpec } from '../../tools/types.ts';
import { toolJsonSchema } from '../../tools/jsonSchema.ts';
import { modelText, type StepExecutor, type StepOptions } from './executor.ts';

/** LangChain tools whose functions run the step through `execute` (validation, provenance, events). */
export function toLangChainTools(tools: ToolSpec[], execute: StepExecutor, options: StepOptions = {}): StructuredToolInterface[] {
  return tools.map((spec) =>
    tool(async (input: Record<string, unknown>) => modelText(await execute(spec.name, input, options)), {
      name: spec.name,
      description: spec.description,
      schema: toolJsonSchema(spec) as never,
    }) as unknown as StructuredToolInterface,
  );
}
