// Arguments given where the tool's own declaration says they do not apply (ToolSpec.inapplicable):
// the step still runs as asked otherwise, and its summary says in one line what was not applied and why.
import type { ToolSpec } from '../../tools/types.ts';

/** The argument's default when it has one (a value equal to it was not asked for: an LLM may spell defaults out). */
function defaultOf(tool: Pick<ToolSpec, 'schema'>, name: string): unknown {
  const field = (tool.schema.shape as Record<string, { safeParse?: (v: unknown) => { success: boolean; data?: unknown } }>)[name];
  const parsed = field?.safeParse?.(undefined);
  return parsed?.success ? parsed.data : undefined;
}

/** Each argument given that does not apply, with why: "lut (a colour table applies only to method temporal_color)". */
export function inapplicableArguments(tool: Pick<ToolSpec, 'inapplicable' | 'schema'>, given: Record<string, unknown>, args: Record<string, unknown>): string[] {
  return Object.entries(tool.inapplicable ?? {})
    .filter(([name]) => given[name] !== undefined && given[name] !== defaultOf(tool, name))
    .map(([name, why]) => [name, why(args)] as const)
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
    .map(([name, why]) => `${name} (${why})`);
}

/** The line a summary or an answer ends with: " Not applied: a; b." or ''. */
export function notAppliedLine(reasons: string[]): string {
  return reasons.length ? ` Not applied: ${reasons.join('; ')}.` : '';
}
