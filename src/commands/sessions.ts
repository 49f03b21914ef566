// `cellpilot sessions [list|show ID] [--json]`: saved sessions and their provenance.
import { Session, sessionsRoot } from '../agent/session.ts';
import { InputError } from '../errors.ts';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot sessions [list|show ID] [--json]';

export const help = `options:
  list              the saved sessions (under sessions/ in this folder)
  show ID           one session's steps and results (continue it with \`cellpilot chat --resume ID\`)
  --json            print one JSON document on stdout
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true }, USAGE);
  const [sub = 'list', id, ...extra] = parsed.positionals;
  const json = parsed.values.json === true;
  if (extra.length) throw new InputError(`unexpected ${extra.join(' ')}; ${USAGE}`);
  if (sub === 'list') {
    const sessions = Session.list();
    if (json) {
      process.stdout.write(JSON.stringify({ root: sessionsRoot(), sessions }, null, 2) + '\n');
      return 0;
    }
    if (sessions.length === 0) {
      process.stdout.write(`no sessions in ${sessionsRoot()}\n`);
      return 0;
    }
    for (const s of sessions) {
      const last = s.lastRequest ? `  "${s.lastRequest.slice(0, 60)}"` : '';
      process.stdout.write(`${s.id}  ${s.createdAt.slice(0, 16).replace('T', ' ')}  ${s.steps} step${s.steps === 1 ? '' : 's'}, ${s.artifacts} artifact${s.artifacts === 1 ? '' : 's'}${last}\n`);
    }
    return 0;
  }
  if (sub === 'show') {
    if (!id) throw new InputError(`name the session to show; ${USAGE}`);
    const session = Session.open(id);
    const steps = session.provenance.read();
    const artifacts = session.store.list();
    if (json) {
      process.stdout.write(JSON.stringify({ id: session.id, dir: session.dir, meta: session.meta, steps, artifacts, transcript: session.transcript() }, null, 2) + '\n');
      return 0;
    }
    const lines = [`session ${session.id}  (${session.dir})`, 'steps:'];
    // a step undone or run again is no longer in effect: say so, as the chat's /log does
    const undone = new Set(session.meta.undoneSteps ?? []);
    const replaced = session.meta.replacedSteps ?? {};
    const state = (s: (typeof steps)[number]) => (undone.has(s.step) ? 'undone' : replaced[s.step] ? `→ ${replaced[s.step]}` : s.status);
    for (const s of steps) lines.push(`  ${s.step.padEnd(4)} ${s.tool.padEnd(20)} ${state(s).padEnd(9)} ${String(s.durationMs).padStart(7)} ms  ${s.summary ?? s.error ?? ''}`);
    lines.push('artifacts:');
    for (const a of artifacts) lines.push(`  ${a.id.padEnd(10)} ${a.type.padEnd(8)} ${a.description}  ${a.path}`);
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  }
  throw new InputError(`unknown sessions command "${sub}"; ${USAGE}`);
}
