// An option the command line cannot read is refused in one line of our own words, naming the nearest option.
import { describe, expect, it } from 'vitest';
import { optionProblem, parseCommandLine } from '../../src/commands/commandLine.ts';
import { InputError } from '../../src/errors.ts';
import { runCli } from './run-cli.ts';

const OPTIONS = { movie: { type: 'string' }, json: { type: 'boolean' }, session: { type: 'string' } } as const;
const USAGE = 'usage: cellpilot ask "<request>" [--movie F]';

/** The InputError parseCommandLine throws for `args`. */
function refusal(args: string[]): InputError {
  try {
    parseCommandLine({ args, options: OPTIONS, allowPositionals: true }, USAGE);
  } catch (err) {
    return err as InputError;
  }
  throw new Error(`${args.join(' ')} was read without complaint`);
}

describe('parseCommandLine', () => {
  it('reads options and positionals as parseArgs does', () => {
    const parsed = parseCommandLine({ args: ['segment', '--movie', 'a.tif', '--json'], options: OPTIONS, allowPositionals: true }, USAGE);
    expect(parsed.values).toEqual({ movie: 'a.tif', json: true });
    expect(parsed.positionals).toEqual(['segment']);
  });

  it('names a mistyped option and the one meant, without Node advice about positionals', () => {
    const err = refusal(['--movei', 'a.tif', 'segment']);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe(`unknown option --movei (did you mean --movie?); ${USAGE}`);
    expect(refusal(['--sesion', 'x']).message).toMatch(/^unknown option --sesion \(did you mean --session\?\);/);
  });

  it('names an option far from every known one alone, and a short one as typed', () => {
    expect(refusal(['--frobnicate']).message).toBe(`unknown option --frobnicate; ${USAGE}`);
    expect(refusal(['-x']).message).toBe(`unknown option -x; ${USAGE}`);
  });

  it('keeps the first sentence of other problems, in lower case', () => {
    expect(refusal(['--movie']).message).toBe(`option '--movie <value>' argument missing; ${USAGE}`);
    expect(optionProblem(new Error('Option \'--json\' does not take an argument.\nmore'), ['json'])).toBe("option '--json' does not take an argument");
  });

  it('is what the commands say for a mistyped option (exit 2, one line)', async () => {
    const r = await runCli(['info', 'a.tif', '--chek']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['cellpilot: unknown option --chek (did you mean --check?); usage: cellpilot info <file> [--json] [--check]']);
  });
});
