// The `cellpilot` command: a table of subcommands, each loaded lazily so that
// `cellpilot --help` stays fast (no onnxruntime, LangChain or Ink at start-up).
import { exitCodeOf, oneLine } from './errors.ts';
import { whenNativeTasksEnd } from './parallel/pool.ts';
import { stdioStreamMade } from './stdio.ts';

export interface Command {
  usage: string;
  summary: string;
  /** A command module may export `help` (its options) to extend `cellpilot NAME --help`. */
  load: () => Promise<{ run(argv: string[]): Promise<number>; help?: string }>;
}

export const COMMANDS: Record<string, Command> = {
  chat: {
    usage: 'cellpilot chat [movie...] [--model M] [--resume SESSION]',
    summary: 'open the chat in the terminal (the default)',
    load: () => import('./commands/chat.ts'),
  },
  ask: {
    usage: 'cellpilot ask "<request>" [--movie F] [--model M] [--json] [--session ID] [--yes]',
    summary: 'answer one request without the UI',
    load: () => import('./commands/ask.ts'),
  },
  tool: {
    usage: "cellpilot tool <name> --args '<json>' [--json] [--session ID]",
    summary: 'call one tool directly',
    load: () => import('./commands/tool.ts'),
  },
  tools: {
    usage: 'cellpilot tools [NAME] [--json]',
    summary: 'list the tools and their argument schemas (with NAME: that tool\'s arguments, units and results)',
    load: () => import('./commands/tools.ts'),
  },
  info: {
    usage: 'cellpilot info <file> [--json] [--check]',
    summary: 'print dimensions, dtype and metadata of a movie',
    load: () => import('./commands/info.ts'),
  },
  simulate: {
    usage: 'cellpilot simulate --out <file.tif> --truth <dir> [options]',
    summary: 'write a synthetic movie and its Cell Tracking Challenge ground truth',
    load: () => import('./commands/simulate.ts'),
  },
  run: {
    usage: 'cellpilot run <pipeline.yaml> <inputs...> --out <dir> [--jobs N]',
    summary: 'run a saved pipeline headless on movies (--set NAME=VALUE changes a parameter; --pixel-size-um, --interval-s calibrate)',
    load: () => import('./commands/run.ts'),
  },
  export: {
    usage: 'cellpilot export snakemake <pipeline.yaml> > Snakefile',
    summary: 'turn a pipeline into a Snakefile for cluster runs',
    load: () => import('./commands/export.ts'),
  },
  eval: {
    usage: 'cellpilot eval <suite.yaml|dir> [--model M] [--json] [--perturb]',
    summary: 'score the agent on an evaluation suite',
    load: () => import('./commands/eval.ts'),
  },
  models: {
    usage: 'cellpilot models [list|verify [NAME]|info NAME]',
    summary: 'list, inspect and verify the ONNX models',
    load: () => import('./commands/models.ts'),
  },
  sessions: {
    usage: 'cellpilot sessions [list|show ID]',
    summary: 'list and show saved sessions',
    load: () => import('./commands/sessions.ts'),
  },
  train: {
    usage: 'cellpilot train n2v <movie> [--out DIR]',
    summary: 'train a Noise2Void denoiser on your own movie (needs python3-torch)',
    load: () => import('./commands/train.ts'),
  },
};

export function helpText(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [
    'cellpilot: a natural-language assistant for live-cell imaging',
    '',
    'Usage:',
    '  cellpilot                  open the chat (same as: cellpilot chat)',
    ...lines,
    '',
    'Four ways to use it (one example each):',
    '  analyse a movie in the chat   cellpilot chat ~/data/cells.tif',
    '                                then: "correct the drift, segment the nuclei, track them and plot their speed over time"',
    '  save and rerun a pipeline     in the chat: "save this as a pipeline called nuclei", then:',
    '                                cellpilot run pipelines/nuclei.yaml other.tif --out results/',
    '  steer an acquisition          in the chat, on the simulated microscope (DAPI, FITC, Rhodamine, Cy5; 10X/20X/40X):',
    '                                "image GFP and DAPI every 5 minutes for 2 hours", "when a cell divides, image every 10 s for 5 minutes"',
    '  score the agent               cellpilot eval evals/ (suites of requests with expected tool calls)',
    '',
    'Models: --model offline (built-in planner, the default) or --model openai:<name>',
    '        (set OPENAI_API_KEY, and OPENAI_BASE_URL for Ollama, vLLM, llama.cpp or LM Studio).',
    'Exit codes: 0 ok, 1 the work failed, 2 bad usage or bad input.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write('cellpilot 0.1.0\n');
    return 0;
  }
  const command = name === undefined || name.startsWith('-') ? COMMANDS.chat : COMMANDS[name];
  if (!command) {
    process.stderr.write(`cellpilot: unknown command "${name}"; run "cellpilot --help" for the list\n`);
    return 2;
  }
  const args = name === undefined || name.startsWith('-') ? argv : rest;
  try {
    const mod = await command.load();
    if (args.includes('--help') || args.includes('-h')) {
      // `cellpilot tool NAME --help`: that tool's own arguments, units and results
      const toolName = name === 'tool' ? args.find((a) => !a.startsWith('-')) : undefined;
      if (toolName) {
        process.stdout.write((await import('./commands/tools.ts')).toolHelp(toolName));
        return 0;
      }
      process.stdout.write(`usage: ${command.usage}\n  ${command.summary}\n${mod.help ? '\n' + mod.help.trimEnd() + '\n' : ''}`);
      return 0;
    }
    return await mod.run(args);
  } catch (err) {
    process.stderr.write(`cellpilot: ${oneLine(err)}\n`);
    return exitCodeOf(err);
  }
}

/**
 * Exits once stdout and stderr have drained: process.exit() right after a large write
 * to a pipe would cut the output at the pipe buffer (64 KiB). A stream never made holds
 * nothing and is not made here (src/stdio.ts). Never while a worker thread runs native
 * code (an onnxruntime run): exiting then aborts the process (parallel/pool.ts).
 */
async function exitAfterFlush(code: number): Promise<void> {
  process.exitCode = code;
  await whenNativeTasksEnd();
  const streams = (['stdout', 'stderr'] as const).filter(stdioStreamMade);
  let pending = streams.length;
  if (pending === 0) process.exit(code);
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const name of streams) process[name].write('', done);
}

const isEntry = process.argv[1] && /cellpilot(\.js)?$|cli\.ts$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(exitAfterFlush, (err) => {
    process.stderr.write(`cellpilot: ${oneLine(err)}\n`);
    void exitAfterFlush(1);
  });
}
