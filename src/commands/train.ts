// `cellpilot train n2v <movie> [--out DIR] [--epochs N] [--channel C] [--json]`: trains a
// Noise2Void denoiser on the user's own movie (Python 3 + PyTorch) and writes a
// bioimage.io model folder, by default models/n2v-<movie name>, usable by `denoise`.
import { basename, extname, join, resolve } from 'node:path';
import { cellpilotCommand, shellWord } from '../agent/commandHint.ts';
import { InputError } from '../errors.ts';
import { resolveModelFolder } from '../onnx/registry.ts';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot train n2v <movie> [--out DIR] [--epochs N] [--channel C] [--json]';

export const help = `options:
  --out DIR         where the trained model goes (default a folder n2v-<movie> among your trained models)
  --epochs N        passes over the movie's patches (5)
  --channel C       the channel to train on, 1-based as in Fiji (1)
  --json            print one JSON document on stdout
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({
    args: argv,
    options: { out: { type: 'string' }, epochs: { type: 'string' }, channel: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
  }, USAGE);
  const [kind, moviePath, extra] = parsed.positionals;
  if (kind !== 'n2v') throw new InputError(`${kind === undefined ? 'missing' : `unknown`} model kind${kind ? ` "${kind}"` : ''}: only "n2v" can be trained; ${USAGE}`);
  if (!moviePath) throw new InputError(`train n2v needs a movie; ${USAGE}`);
  if (extra !== undefined) throw new InputError(`unexpected argument "${extra}"; ${USAGE}`);
  const epochs = parsed.values.epochs === undefined ? 5 : Number(parsed.values.epochs);
  if (!Number.isInteger(epochs) || epochs < 1) throw new InputError(`--epochs must be a whole number of at least 1, got ${parsed.values.epochs}`);
  const channel = parsed.values.channel === undefined ? 1 : Number(parsed.values.channel);
  if (!Number.isInteger(channel) || channel < 1) throw new InputError(`--channel is 1-based (1 = first channel), got ${parsed.values.channel}`);

  const { trainN2V, trainingUnavailable } = await import('../onnx/train.ts');
  const unavailable = trainingUnavailable();
  if (unavailable) throw new InputError(unavailable);
  const { openMovie } = await import('../image/index.ts');
  const { trainedModelsDir } = await import('../onnx/registry.ts');
  const movie = await openMovie(moviePath);
  try {
    const stem = basename(moviePath, extname(moviePath)).replace(/\.ome$/, '').replace(/[^A-Za-z0-9_-]+/g, '_');
    const outDir = parsed.values.out ?? join(trainedModelsDir(), `n2v-${stem}`);
    const json = parsed.values.json ?? false;
    let lastShown = -1;
    const result = await trainN2V(movie, {
      channel: channel - 1,
      outDir,
      epochs,
      onProgress: (done, total) => {
        const percent = Math.floor((100 * done) / total);
        if (!json && percent >= lastShown + 10) {
          lastShown = percent;
          process.stderr.write(`training: step ${done}/${total}\n`);
        }
      },
    });
    const summary = { ok: true, model: result.spec.key, folder: result.folder, steps: result.steps, planes: result.planes, finalLoss: result.finalLoss, seconds: result.seconds };
    process.stdout.write(
      json ? JSON.stringify(summary, null, 2) + '\n' : `trained ${result.spec.key} in ${Math.round(result.seconds)} s (${result.steps} steps on ${result.planes} planes); folder ${result.folder}\nuse it with: ${denoiseCommand(moviePath, result.spec.key, result.folder)}\n`,
    );
    return 0;
  } finally {
    await movie.close();
  }
}

/**
 * The command that denoises with a model just trained: by its name where the model folders hold it
 * (models/, CELLPILOT_MODELS), else by its folder (a folder given with --out elsewhere is found by
 * no name), quoted for the shell.
 */
export function denoiseCommand(moviePath: string, modelName: string, folder: string): string {
  let model = resolve(folder);
  try {
    if (resolveModelFolder(modelName) === model) model = modelName;
  } catch {
    // no model of that name: the folder it is in
  }
  return `${cellpilotCommand()} tool denoise --args ${shellWord(JSON.stringify({ movie: moviePath, model }))}`;
}
