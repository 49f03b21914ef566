// `cellpilot ask "<request>" [--movie F] [--model M] [--json] [--session ID]`: one
// request through the agent, no UI. Progress goes to stderr, the answer to stdout.
import { approveAll, createAgent, refuseAll } from '../agent/index.ts';
import { AgentEvents } from '../agent/events.ts';
import { lockSession } from '../agent/locks.ts';
import { sessionsRoot } from '../agent/session.ts';
import { InputError } from '../errors.ts';
import { nothingRanReason } from './askOutcome.ts';
import { savedFiles } from '../ui/preview.ts';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot ask "<request>" [--movie F] [--model M] [--json] [--session ID] [--yes] [--wait]';

export const help = `options:
  --movie FILE      a movie to work on (TIFF, OME-TIFF, a folder of frames or a pattern like "t{t:3}.tif"); repeat for several
  --session ID      ask on in a session: its movies, results and calibration (each ask prints its session id)
  --json            print one JSON document (answer, tool calls, artifacts, session) on stdout
  --yes             confirm risky microscope actions (stopping a run, a large raise of light); without it they are not done
  --model M         offline (the built-in planner, default) or openai:<name>
  --max-steps N     at most N tool calls for this request
  --wait            when the request starts an acquisition, keep running until it ends (Ctrl-C stops it);
                    without it the acquisition stops when this command ends: steer a long one in \`cellpilot chat\`
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({
    args: argv,
    options: { movie: { type: 'string', multiple: true }, model: { type: 'string' }, json: { type: 'boolean' }, session: { type: 'string' }, 'max-steps': { type: 'string' }, yes: { type: 'boolean' }, wait: { type: 'boolean' } },
    allowPositionals: true,
  }, USAGE);
  const { values, positionals } = parsed;
  const request = positionals.join(' ').trim();
  if (!request) throw new InputError(`say what to do; ${USAGE}`);
  const json = values.json === true;
  const events = new AgentEvents();
  let streamed = '';
  if (!json) {
    events.on((e) => {
      // an OpenAI-compatible backend's answer appears as it is written
      if (e.type === 'assistant_delta') {
        process.stdout.write(e.text);
        streamed += e.text;
      }
      if (e.type === 'assistant_text' && streamed) {
        if (!e.final) process.stdout.write('\n');
        streamed = e.final ? streamed : '';
      }
      if (e.type === 'step_start') process.stderr.write(`▸ ${e.tool} ${JSON.stringify(e.args)}\n`);
      if (e.type === 'step_end') {
        process.stderr.write(`  ${e.status === 'ok' ? '✓' : '✗'} ${e.summary} (${(e.durationMs / 1000).toFixed(1)} s)\n`);
        // an export's summary names its file; where it is, is said here
        for (const path of savedFiles(e)) process.stderr.write(`    saved: ${path}\n`);
      }
    });
  }
  const maxSteps = values['max-steps'] === undefined ? undefined : Number(values['max-steps']);
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps >= 1)) throw new InputError(`--max-steps must be a whole number of at least 1, got "${values['max-steps']}"`);
  // one writer per session: a second `ask --session SAME` waits for this one, or refuses
  const lock = await lockSession(values.session, sessionsRoot());
  // risky calls (stopping an acquisition, activating a rule, a large raise of light) need --yes: there is no one to ask
  const approve = values.yes
    ? approveAll((r) => process.stderr.write(`confirmed by --yes: ${r.action}\n`))
    : refuseAll((r) => process.stderr.write(`not done: "${r.action}" needs confirmation: run again with --yes to confirm it\n`));
  // a movie that cannot be read (a JPEG named .tif, a truncated file) is bad input: one line and exit 2 before any step runs
  for (const movie of values.movie ?? []) await readable(movie);
  const agent = await createAgent({ model: values.model, sessionId: values.session, movies: values.movie, events, maxSteps, approve });
  // (the session's requests before this one: a follow-up such as "same for frame 3" asks one of them again)
  const earlierRequests = agent.session.transcript().filter((e) => e.role === 'user').map((e) => e.content);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const result = await agent.ask(request, { signal: controller.signal }).finally(() => {
    process.off('SIGINT', onSigint);
    lock?.release();
  });
  const last = result.toolCalls.at(-1);
  // a request that ran nothing and answered no question did not do what was asked: exit 1, saying why in one line
  const nothing = await nothingRanReason(request, result, earlierRequests);
  const ok = result.status === 'done' && (!last || last.status === 'ok') && !nothing;
  if (json) {
    process.stdout.write(
      JSON.stringify({
        answer: result.answer,
        status: result.status,
        toolCalls: result.toolCalls.map((c) => ({ name: c.tool, args: c.args, status: c.status, summary: c.summary, step: c.stepId, durationMs: c.durationMs, artifacts: c.artifacts.map((a) => a.id) })),
        artifacts: result.artifacts.map((a) => ({ id: a.id, type: a.type, path: a.path })),
        session: agent.session.id,
        error: result.error ?? nothing,
      }) + '\n',
    );
  } else if (result.status === 'error') {
    process.stderr.write(`cellpilot: ${result.error ?? result.answer}\n`);
  } else if (streamed && streamed.trim() === result.answer.trim()) {
    process.stdout.write('\n');
  } else {
    process.stdout.write(`${result.answer}\n`);
  }
  if (nothing && !json) process.stderr.write(`cellpilot: ${nothing}\n`);
  // (after the answer: "Started: ..." is read first, then the wait or the stop)
  await endAcquisition(agent.session.state, values.wait === true);
  // the session holds what ran: a follow-up question reads it (the id is in --json's "session"); a step that
  // failed asking for something (objects dark or bright) is answered by a follow-up too
  if (!json && !values.session && result.toolCalls.length > 0) {
    const { cellpilotCommandLine } = await import('../agent/commandHint.ts');
    process.stderr.write(`session ${agent.session.id}; a follow-up reads its results: ${cellpilotCommandLine(['ask', '--session', agent.session.id])} "your next request or question"\n`);
  }
  return ok ? 0 : 1;
}

/**
 * An acquisition the request started runs in this process: with --wait, the command waits for its
 * end (Ctrl-C stops it); without, it is stopped now, and stderr says so in one line, with how much
 * was imaged, so a "Started: ... last at 23:10" is never taken for a run that goes on.
 */
async function endAcquisition(state: Map<string, unknown>, wait: boolean): Promise<void> {
  const { acquisitionStillRunning } = await import('../../tools/microscope.ts');
  const acquisition = acquisitionStillRunning(state);
  if (!acquisition) return;
  if (wait) {
    process.stderr.write(`waiting for the acquisition "${acquisition.name}" to end (Ctrl-C stops it)\n`);
    const onSigint = () => acquisition.stop('stopped with Ctrl-C');
    process.once('SIGINT', onSigint);
    const status = await acquisition.done.finally(() => process.off('SIGINT', onSigint));
    process.stderr.write(`acquisition ended: ${imagedText(status)}${status.stopReason ? ` (${status.stopReason})` : ''}\n`);
    return;
  }
  // (the reason and the advice are kept with the session's record of it: a later `ask --session` that steers it is told
  // when and why it ended, how much it imaged, and how to keep one running)
  const { stopRunningAcquisition } = await import('../../tools/microscope.ts');
  const status = (await stopRunningAcquisition(state, 'the `cellpilot ask` command that started it ended', KEEP_RUNNING))!;
  process.stderr.write(
    `note: the acquisition stopped when this command ended, after ${imagedText(status)}: ` +
      'it runs inside the command that started it; add --wait to let it run to its end, or start and steer it in `cellpilot chat`\n',
  );
}

/** How to keep an acquisition running past the command that starts it. */
const KEEP_RUNNING = 'an acquisition runs inside the command that starts it: to keep one running, start it with `cellpilot ask --wait` (it runs to its end) or start and steer it in `cellpilot chat`';

function imagedText(status: { imagesAcquired: number; timepointsDone: number }): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(status.imagesAcquired, 'image')} in ${plural(status.timepointsDone, 'time point')}`;
}

/**
 * Opens a movie given with --movie and closes it: its header and its first and last planes are
 * read as `info` reads them (every plane of a small one), so a file that is no movie or is truncated fails here with
 * its own one line, and one whose planes hold a single value is named.
 */
async function readable(movie: string): Promise<void> {
  const { userPath } = await import('../agent/artifacts.ts');
  const { inspectInput } = await import('../agent/filePolicy.ts');
  const { openMovie } = await import('../image/index.ts');
  const path = userPath(movie);
  inspectInput(movie, path, ['movie']);
  const opened = await openMovie(path);
  try {
    const { readEndPlanes, uniformPlanesNote, wholeIsCheap } = await import('../image/info.ts');
    // a movie of one value (all zeros) would be analysed into nothing: said before any step runs
    const every = wholeIsCheap(opened);
    const uniform = uniformPlanesNote(await readEndPlanes(opened, every), every);
    if (uniform) process.stderr.write(`note: ${movie}: ${uniform}\n`);
    const { imagesNote } = await import('../image/moviePath.ts');
    const note = imagesNote(opened.meta.extra?.omeImages);
    if (note) process.stderr.write(`note: ${movie}: ${note}\n`);
  } finally {
    await opened.close();
  }
}
