// Which tool carries out each command of the acquisition language, as the tools declare it
// (tools/types.ts, `carriesOut`): the language names commands, never tools.
import { TOOLS } from '../../../tools/index.ts';
import type { MicroscopeCommand } from '../../../tools/types.ts';

/** The name of the tool that declares it carries out `command` (tools/types.ts, `carriesOut`). */
export function toolCarrying(command: MicroscopeCommand): string {
  const tool = TOOLS.find((t) => t.carriesOut?.includes(command));
  if (!tool) throw new Error(`internal: no tool declares that it carries out the microscope command "${command}"`);
  return tool.name;
}

/** True when the tool named declares it carries out `command`. */
export function carries(toolName: string, command: MicroscopeCommand): boolean {
  return TOOLS.some((t) => t.name === toolName && t.carriesOut?.includes(command));
}
