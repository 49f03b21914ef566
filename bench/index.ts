// `npm run bench`: runs every area's benchmark in turn. Each prints its own table with
// our figure, the named peer's figure measured in the same run, and the ratio.
// Pass area names to run only some: npm run bench -- image drift
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const areas = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((a) => wanted.length === 0 || wanted.includes(a))
  .sort();

let failed = 0;
for (const area of areas) {
  process.stdout.write(`\n=== bench: ${area} ===\n`);
  try {
    const mod = await import(pathToFileURL(join(dir, `${area}.ts`)).href);
    if (typeof mod.run === 'function') await mod.run();
  } catch (err) {
    failed++;
    process.stdout.write(`bench ${area} failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
process.exit(failed ? 1 : 0);
