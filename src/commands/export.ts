// `cellpilot export snakemake PIPELINE.yaml [MOVIES...] [--out DIR] [--cellpilot CMD] > Snakefile`
import { loadPipeline } from '../agent/pipeline.ts';
import { snakefile } from '../agent/snakemake.ts';
import { InputError } from '../errors.ts';
import { parseCommandLine } from './commandLine.ts';

const USAGE = 'usage: cellpilot export snakemake <pipeline.yaml> [movies...] [--out DIR] [--cellpilot CMD] > Snakefile';

export const help = `options:
  movies...         movies to write one rule each for; without them the Snakefile reads config["movies"]
  --out DIR         the results folder (config "out" overrides it; default results/)
  --cellpilot CMD   the command the rules run cellpilot with (default this installation's node and bin/cellpilot.js)
then: snakemake --cores 4 --config movies="a.tif 'day 2.tif'" args="--pixel-size-um 0.65"
`;

export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine({ args: argv, options: { out: { type: 'string' }, cellpilot: { type: 'string' } }, allowPositionals: true }, USAGE);
  const [format, pipelinePath, ...movies] = parsed.positionals;
  if (format === undefined) throw new InputError(`name what to export: "snakemake" (a Snakefile for a pipeline); ${USAGE}`);
  if (format !== 'snakemake') throw new InputError(`unknown export format "${format ?? ''}": only "snakemake" is supported; ${USAGE}`);
  if (!pipelinePath) throw new InputError(`name the pipeline YAML; ${USAGE}`);
  const pipeline = loadPipeline(pipelinePath);
  process.stdout.write(snakefile(pipeline, { pipelinePath, movies, outDir: parsed.values.out, command: parsed.values.cellpilot }) + '\n');
  return 0;
}
