// Slash commands: parsed here into what the chat should do; the App carries it out.
import { toolThat, type ChatBackend } from './backend.ts';
import { argumentLines, formatDuration, truncate } from './format.ts';
import { MICROMETRES_PER_WORD, SECONDS_PER_WORD, TIME_UNIT_WORDS } from '../image/calibration.ts';
import { COMMANDS } from '../agent/chatCommands.ts';

export type SlashOutcome =
  | { type: 'notice'; tone: 'info' | 'error' | 'help'; text: string }
  | { type: 'ask'; request: string }
  | { type: 'tool'; name: string; args: Record<string, unknown> }
  | { type: 'reopen'; sessionId?: string; model?: string }
  | { type: 'clear' }
  | { type: 'quit' };

export const DEMO_REQUEST = 'simulate a movie with 30 dividing nuclei, segment and track them, then plot the tracks';

export const HELP_TEXT = [
  'Ask in plain words, e.g. "correct the drift, then segment the nuclei and track them" or "plot the area over time".',
  'Commands:',
  '  /help                this help              /tools             the tools I can run',
  '  /log                 steps with arguments   /artifacts         files made so far',
  '  /save-pipeline NAME [ID...]   save the steps that lead to the results (or to the IDs) as a pipeline',
  '  /calibrate 0.65 um 5 min [z 2 um] [DAPI=blue GFP=green]   pixel size, frame interval, channels',
  '  /sessions            saved sessions         /resume ID         continue a session',
  '  /model [NAME]        show or switch model   /acq               acquisition status',
  '  /demo                run the demo           /clear             clear the screen',
  '  /quit                leave (prints how to resume)',
  'Keys: Enter sends · ↑/↓ history · Esc cancels the running step · Ctrl-C twice quits',
].join('\n');


const CALIBRATE_USAGE = 'usage: /calibrate PIXEL_SIZE um FRAME_INTERVAL min [z STEP um] [NAME=COLOUR ...], e.g. /calibrate 0.65 um 5 min DAPI=blue GFP=green; /calibrate alone shows it, /calibrate clear forgets it';

/** set_calibration's arguments from "/calibrate 0.65 um 5 min z 2 um DAPI=blue"; a string names what was not understood. */
export function calibrationArgs(text: string): Record<string, unknown> | string {
  const args: Record<string, unknown> = {};
  if (/^clear$/i.test(text.trim())) return { clear: true };
  // "0.65um" and "0.65 um" alike; "/px", "per pixel", "apart" and "," are filler
  const words = text.replace(/(^|\s)(\d*\.?\d+)([a-zµμ])/gi, '$1$2 $3').replace(/\/(px|pixel)\b/gi, ' ').replace(/,/g, ' ').split(/\s+/).filter((w) => w && !/^(\/px|\/pixel|per|pixel|pixels|px|apart|every|interval|frames?|pixel-size|size|and|step)$/i.test(w));
  const names: string[] = [];
  const colors: string[] = [];
  let zNext = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (/^z(-?(step|spacing))?$/i.test(word)) {
      zNext = true;
      continue;
    }
    const channel = /^([^=:\s]+)[=:]([a-z]+|#[0-9a-f]{6})$/i.exec(word);
    if (channel) {
      names.push(channel[1]);
      colors.push(channel[2].toLowerCase());
      continue;
    }
    const value = Number(word);
    const unit = words[i + 1]?.toLowerCase();
    if (!Number.isFinite(value) || value <= 0 || unit === undefined) return `"${word}" is not a value with a unit; ${CALIBRATE_USAGE}`;
    if (unit in MICROMETRES_PER_WORD) {
      if (zNext) args.zStepUm = value * MICROMETRES_PER_WORD[unit];
      else args.pixelSizeUm = value * MICROMETRES_PER_WORD[unit];
    } else if (unit in TIME_UNIT_WORDS) {
      args.frameIntervalS = value * SECONDS_PER_WORD[unit];
      args.timeUnit = TIME_UNIT_WORDS[unit];
    } else return `"${words[i + 1]}" is not a unit of length (nm, um, mm) or time (ms, s, min, h); ${CALIBRATE_USAGE}`;
    zNext = false;
    i++;
  }
  if (names.length) {
    args.channelNames = names;
    args.channelColors = colors;
  }
  return args;
}

function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

/** What `/name args` means; `backend` is undefined while the agent is still loading. */
export function handleSlash(line: string, backend: ChatBackend | undefined, width = 80): SlashOutcome {
  const [rawName, ...rest] = line.slice(1).trim().split(/\s+/);
  const name = (rawName ?? '').toLowerCase();
  const arg = rest.join(' ').trim();
  const notice = (text: string, tone: 'info' | 'error' | 'help' = 'info'): SlashOutcome => ({ type: 'notice', tone, text });
  if (name === 'help' || name === '?' || name === '') return notice(HELP_TEXT, 'help');
  if (name === 'quit' || name === 'exit' || name === 'q') return { type: 'quit' };
  if (name === 'clear') return { type: 'clear' };
  if (name === 'demo') return { type: 'ask', request: DEMO_REQUEST };
  if (!COMMANDS.includes(name)) {
    const near = COMMANDS.filter((c) => c.startsWith(name.slice(0, 2)));
    return notice(`unknown command /${name}${near.length ? `; did you mean ${near.map((c) => `/${c}`).join(' or ')}?` : ''} (/help lists them)`, 'error');
  }
  if (!backend) return notice('still starting the agent; try again in a moment', 'error');
  switch (name) {
    case 'tools':
      return notice(backend.tools().map((t) => `  ${t.name.padEnd(20)} ${truncate(firstSentence(t.description), Math.max(30, width - 25))}`).join('\n'), 'help');
    case 'log': {
      const records = backend.provenance();
      if (!records.length) return notice('no steps in this session yet');
      // each step on its line, its arguments below it (wrapped, nothing cut but very long values)
      const lines = records.flatMap((r) => {
        const outs = r.outputs.map((o) => o.id).join(', ');
        const head = `  ${r.step.padEnd(4)} ${r.tool.padEnd(18)} ${r.status.padEnd(9)} ${formatDuration(r.durationMs).padStart(8)}${outs ? `  → ${outs}` : ''}${r.error ? `  ${truncate(r.error, 60)}` : ''}`;
        return [head, ...argumentLines(r.args, Math.max(30, width - 8)).map((l) => `       ${l}`)];
      });
      return notice([`Provenance of session ${backend.sessionId} (provenance.jsonl):`, ...lines].join('\n'), 'help');
    }
    case 'artifacts': {
      const list = backend.artifacts();
      if (!list.length) return notice('no artifacts yet');
      // the path on its own line: paths are long and wrap badly beside a description
      return notice(list.map((a) => `  ${a.id.padEnd(11)} ${truncate(a.description, Math.max(20, width - 16))}\n  ${' '.repeat(11)} ${a.path}`).join('\n'), 'help');
    }
    case 'calibrate': {
      const args = calibrationArgs(arg);
      if (typeof args === 'string') return notice(args, 'error');
      // the file header's pixel size and interval count too: without the movie, a calibrated
      // file read as "no calibration (lengths in px)"; the newest movie the person opened, else the newest movie
      // (the calibration is what every later step reads: the tool declares appliesToLaterSteps)
      const tools = backend.tools();
      const calibrates = toolThat(tools, (t) => t.appliesToLaterSteps);
      if (!calibrates) return notice('no tool in this build sets the calibration', 'error');
      const opened = new Set(tools.filter((t) => t.role === 'open').map((t) => t.name));
      const movies = backend.artifacts().filter((a) => a.type === 'movie');
      const movie = [...movies].reverse().find((a) => !a.producedBy || a.producedBy === 'user' || opened.has(a.producedBy)) ?? movies.at(-1);
      return { type: 'tool', name: calibrates.name, args: movie && !args.clear ? { ...args, movie: movie.id } : args };
    }
    case 'save-pipeline': {
      // NAME, then optionally the results to keep (default: the final analysis's end results)
      const [pipelineName = '', ...keep] = rest;
      const usage = 'usage: /save-pipeline NAME [RESULT-ID...] (NAME in lowercase letters, digits, "-" or "_", e.g. /save-pipeline nuclei plot-2 tracks-3)';
      if (!/^[a-z0-9][a-z0-9_-]*$/.test(pipelineName)) return notice(usage, 'error');
      const bad = keep.find((id) => !/^[a-z]+-\d+$/.test(id));
      if (bad) return notice(`"${bad}" is not a result id like plot-2; ${usage}`, 'error');
      const saver = toolThat(backend.tools(), (t) => t.produces?.includes('pipeline'));
      if (!saver) return notice('no tool in this build saves pipelines', 'error');
      return { type: 'tool', name: saver.name, args: keep.length ? { name: pipelineName, keep } : { name: pipelineName } };
    }
    case 'sessions': {
      const list = backend.sessions().slice(0, 10);
      if (!list.length) return notice('no saved sessions');
      return notice(
        ['Recent sessions (/resume ID):', ...list.map((s) => `  ${s.id}${s.id === backend.sessionId ? ' (this one)' : ''}  ${s.steps} steps, ${s.artifacts} artifacts${s.lastRequest ? `  "${truncate(s.lastRequest, 40)}"` : ''}`)].join('\n'),
        'help',
      );
    }
    case 'resume':
      if (!arg) return notice('usage: /resume ID (/sessions lists them)', 'error');
      return { type: 'reopen', sessionId: arg };
    case 'model':
      if (!arg) return notice(`model: ${backend.modelName} (switch with /model offline or /model openai:<name>)`);
      return { type: 'reopen', model: arg };
    case 'acq': {
      // the tool that carries out the acquisition language's status command
      const status = toolThat(backend.tools(), (t) => t.carriesOut?.includes('status'));
      if (!status) return notice('no microscope tools in this build yet: acquisition control is not available', 'error');
      return { type: 'tool', name: status.name, args: {} };
    }
  }
  return notice(`unknown command /${name}`, 'error');
}
