// `cellpilot tool NAME --args JSON [--json] [--session ID]`: one tool call, validated
// and recorded exactly as when the agent makes it.
import { existsSync, fstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runStep } from '../agent/executor.ts';
import { lockSession } from '../agent/locks.ts';
import { Session, sessionsRoot } from '../agent/session.ts';
import { toolsFor } from './toolLookup.ts';
import { parseCommandLine } from './commandLine.ts';
import { writeStdout } from '../stdio.ts';

const USAGE = "usage: cellpilot tool <name> --args '<json>' [--json] [--session ID]";

export const help = `options:
  <name>            a tool's name: \`cellpilot tools\` lists them, \`cellpilot tool NAME --help\` shows one's arguments and units
  --args JSON       its arguments as one JSON object, e.g. '{"movie":"cells.tif","method":"otsu"}'
  --session ID      run in a session, where artifact ids such as "labels-1" name its results (each call prints its ID)
  --json            print one JSON document (summary, artifacts, values) on stdout
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({
    args: argv,
    options: { args: { type: 'string' }, json: { type: 'boolean' }, session: { type: 'string' } },
    allowPositionals: true,
  }, USAGE);
  const { values, positionals } = parsed;
  const json = values.json === true;
  const fail = (code: number, error: string) => {
    if (json) writeStdout(JSON.stringify({ ok: false, error }) + '\n');
    process.stderr.write(`cellpilot: ${error}\n`);
    return code;
  };
  if (positionals.length !== 1) return fail(2, `name one tool; ${USAGE}`);
  let args: unknown = {};
  if (values.args !== undefined) {
    try {
      args = JSON.parse(values.args);
    } catch (err) {
      return fail(2, `--args is not valid JSON (${(err as Error).message}); write it like --args '{"movie": "cells.tif"}'`);
    }
  }
  // one writer per session: a second call on the same --session waits for this one, or refuses
  const lock = await lockSession(values.session, sessionsRoot());
  const session = Session.openOrCreate(values.session);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let lastPercent = -1;
  let progressShown: boolean | undefined;
  const outcome = await runStep(session, await toolsFor(positionals[0]), positionals[0], args, {
    signal: controller.signal,
    onProgress: (done, total) => {
      if (json || total <= 0 || !(progressShown ??= stderrIsTerminal())) return;
      const percent = Math.floor((100 * done) / total);
      if (percent !== lastPercent) process.stderr.write(`\r${positionals[0]}: ${done}/${total} (${percent}%)`);
      lastPercent = percent;
      if (done >= total) process.stderr.write('\n');
    },
  }).finally(() => {
    process.off('SIGINT', onSigint);
    lock?.release();
  });

  if (outcome.status !== 'ok') {
    // a call refused before anything ran leaves no session of its own behind (each mistyped --args made one)
    if (outcome.status === 'invalid' && values.session === undefined) removeUnusedSession(session.dir);
    return fail(outcome.errorKind === 'input' ? 2 : 1, outcome.error ?? outcome.summary);
  }
  const artifacts = outcome.artifacts.map((a) => ({ id: a.id, type: a.type, path: a.path }));
  if (json) {
    writeStdout(JSON.stringify({ ok: true, summary: outcome.summary, artifacts, values: outcome.values, session: session.id }) + '\n');
    return 0;
  }
  const lines = [outcome.summary];
  for (const a of artifacts) lines.push(`  ${a.id.padEnd(10)} ${a.type.padEnd(8)} ${a.path}`);
  const shown = Object.entries(outcome.values).filter(([, v]) => typeof v !== 'object' || v === null);
  if (shown.length) lines.push('  ' + shown.map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : String(v)}`).join('  '));
  lines.push(`session ${session.id} (continue with --session ${session.id})`);
  writeStdout(lines.join('\n') + '\n');
  return 0;
}

/** Removes a session folder this command created that holds nothing but the record of a refused call. */
function removeUnusedSession(dir: string): void {
  const artifacts = join(dir, 'artifacts');
  const empty = !existsSync(artifacts) || readdirSync(artifacts).length === 0;
  const own = readdirSync(dir).every((name) => ['session.json', 'provenance.jsonl', 'artifacts', 'transcript.jsonl', 'manifest.jsonl', 'hashes.jsonl', 'artifacts.jsonl'].includes(name));
  if (empty && own) rmSync(dir, { recursive: true, force: true });
}

/**
 * Whether stderr is a terminal, without making process.stderr (a stream, ~4-7 ms of CPU) when
 * it is a file or a pipe: only a character device can be a terminal.
 */
function stderrIsTerminal(): boolean {
  try {
    if (!fstatSync(2).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stderr.isTTY === true;
}
