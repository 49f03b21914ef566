// A command's options read from its command line, or one line saying what was wrong with them: Node's own
// words ("Unknown option '--movei'. To specify a positional argument starting with a '-', place it at the end
// of the command after '--', ...") become "unknown option --movei (did you mean --movie?)", then the usage.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../agent/validation.ts';
import { InputError } from '../errors.ts';

/** parseArgs(config), with a misread option refused as an InputError that names it, the nearest option and `usage`. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new InputError(`${optionProblem(err, Object.keys(config.options ?? {}))}; ${usage}`);
  }
}

/** What parseArgs could not read, in one line: an unknown option with its nearest known one, else Node's first sentence. */
export function optionProblem(err: unknown, known: readonly string[]): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown })?.code;
  const unknown = /^Unknown option '(-{1,2})([^']*)'/.exec(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const near = closest(unknown[2], known);
    return `unknown option ${unknown[1]}${unknown[2]}${near ? ` (did you mean --${near}?)` : ''}`;
  }
  const first = message.split('\n')[0].replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}
