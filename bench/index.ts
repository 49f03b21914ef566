// `npm run bench`: runs every area's benchmark in turn, each in a fresh process (so no
// area's memory or warm caches colour the next), prints each area's own table, then the
// summary of the issue's "Done when" rows (each area prints them as "@row {json}" lines)
// with the ratio peer time / our time (above 1: cellpilot is faster) and the load average.
// Pass area names to run only some: npm run bench -- image drift; `done-when` stands for the areas
// with the issue's "Done when" rows (npm run bench -- done-when); and --only to run only some rows of
// them: npm run bench -- image --only project
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadNote, RUN_TS, type SummaryRow } from './_harness.ts';
import { summaryLines, type AreaRow } from './_summary.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const DONE_WHEN = ['drift', 'image', 'onnx', 'pipeline', 'segment', 'track'];
// area names, and `--only KEY[,KEY]`, passed on, to run only some rows of an area (see bench/README.md)
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const passOn = onlyAt >= 0 ? args.slice(onlyAt, onlyAt + 2) : [];
const wanted = args.filter((a, i) => !a.startsWith('-') && (onlyAt < 0 || i !== onlyAt + 1)).flatMap((a) => (a === 'done-when' ? DONE_WHEN : [a]));
const areas = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((a) => wanted.length === 0 || wanted.includes(a))
  // the areas with issue 16's "Done when" rows first (their figures come soonest), then the others
  .sort((a, b) => Number(!DONE_WHEN.includes(a)) - Number(!DONE_WHEN.includes(b)) || a.localeCompare(b));

/** Runs one area's benchmark in a child process, echoing its output; returns its summary rows. */
function runArea(area: string): Promise<{ rows: SummaryRow[]; ok: boolean }> {
  return new Promise((resolve) => {
    const rows: SummaryRow[] = [];
    // the issue's "memory bounded" row needs the > 4 GiB movie (image --big, ~3-4 min): on by default here, BENCH_BIG=0 leaves it out
    const big = area === 'image' && process.env.BENCH_BIG !== '0' ? ['--big'] : [];
    const child = spawn(process.execPath, [RUN_TS, join(dir, `${area}.ts`), ...passOn, ...big], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('@row ')) rows.push(JSON.parse(line.slice(5)) as SummaryRow);
      else process.stdout.write(line + '\n');
    });
    child.on('close', (code) => resolve({ rows, ok: code === 0 }));
  });
}

const summary: AreaRow[] = [];
const failedAreas: string[] = [];
const durations: string[] = [];
const startedAt = Date.now();
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
let failed = 0;
for (const area of areas) {
  const areaStart = Date.now();
  process.stdout.write(`\n=== bench: ${area} (${clock(areaStart)} UTC, ${loadNote()}) ===\n`);
  const { rows, ok } = await runArea(area);
  if (!ok) {
    failed++;
    failedAreas.push(area);
    process.stdout.write(`bench ${area} failed\n`);
  }
  durations.push(`${area} ${((Date.now() - areaStart) / 60000).toFixed(1)} min`);
  summary.push(...rows.map((row) => ({ area, row })));
}

if (areas.some((a) => DONE_WHEN.includes(a))) {
  process.stdout.write(`\n=== summary: issue 16's "Done when" rows, ratio = peer time / cellpilot time (above 1: cellpilot faster); ${loadNote()} at the end ===\n`);
  process.stdout.write(summaryLines(summary, failedAreas).join('\n') + '\n');
}
process.stdout.write(`\nran ${clock(startedAt)}-${clock(Date.now())} UTC, ${((Date.now() - startedAt) / 60000).toFixed(1)} min (${durations.join(', ')})${failed ? `; ${failed} area(s) failed` : ''}\n`);
process.exit(failed ? 1 : 0);
