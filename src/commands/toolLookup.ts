// The tools `cellpilot tool NAME` needs: only the area that defines NAME (tools/areas.ts),
// found through an index of tool names written beside the command bundle the first time a
// command of that bundle loads the whole catalogue. A bundle never changes once built, so
// its index cannot go stale; from the sources (no bundle) the whole catalogue loads, as
// does a name the index does not hold (an agent tool, a misspelling: "did you mean").
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREAS } from '../../tools/areas.ts';
import type { ToolSpec } from '../../tools/types.ts';
import { runningBundleDir } from '../bundle/sourceImport.mjs';

const INDEX_FILE = 'tool-areas.json';

/** Tool name -> area key, from the running bundle's index; undefined when there is none. */
function readIndex(bundleDir: string): Record<string, string> | undefined {
  try {
    return JSON.parse(readFileSync(join(bundleDir, INDEX_FILE), 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Writes the index for the running bundle from the areas' own tool lists (best effort: a read-only cache just stays unindexed). */
async function writeIndex(bundleDir: string): Promise<void> {
  const index: Record<string, string> = {};
  for (const [area, load] of Object.entries(AREAS)) for (const tool of (await load()).tools) index[tool.name] ??= area;
  const path = join(bundleDir, INDEX_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(index));
    renameSync(tmp, path);
  } catch {
    // not writable: the next command loads the whole catalogue again
  }
}

/** The tools to look `name` up in: its own area's when the index knows it, else the whole catalogue. */
export async function toolsFor(name: string): Promise<ToolSpec[]> {
  const bundleDir = runningBundleDir();
  const area = bundleDir ? readIndex(bundleDir)?.[name] : undefined;
  if (area && Object.hasOwn(AREAS, area)) {
    const { tools } = await AREAS[area]!();
    if (tools.some((t) => t.name === name)) return tools;
  }
  const { ALL_TOOLS } = await import('../agent/allTools.ts');
  if (bundleDir && !readIndex(bundleDir)) await writeIndex(bundleDir);
  return ALL_TOOLS;
}
