// `cellpilot tool NAME` loads only NAME's area once the running bundle has an index of
// tool names; from the sources, or for a name the index lacks, the whole catalogue.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { setRunningBundle } from '../../src/bundle/sourceImport.mjs';
import { toolsFor } from '../../src/commands/toolLookup.ts';
import { AREAS } from '../../tools/areas.ts';
import { TOOLS } from '../../tools/index.ts';

const names = (tools: { name: string }[]) => tools.map((t) => t.name);

describe('toolsFor', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cellpilot-toollookup-'));
  });
  afterEach(() => {
    setRunningBundle(null);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the catalogue of tools/ is every area, in order', async () => {
    const areas = await Promise.all(Object.values(AREAS).map((load) => load()));
    expect(names(TOOLS)).toEqual(areas.flatMap((a) => names(a.tools)));
  });

  it('from the sources: the whole catalogue, and no index written', async () => {
    setRunningBundle(null);
    expect(names(await toolsFor('project'))).toEqual(names(ALL_TOOLS));
  });

  it('from a bundle: the first call loads everything and indexes it; later calls load only the area', async () => {
    setRunningBundle({ dir, entryUrl: '', modules: new Map() });
    expect(names(await toolsFor('project'))).toEqual(names(ALL_TOOLS));
    const index = JSON.parse(readFileSync(join(dir, 'tool-areas.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(index).sort()).toEqual(names(TOOLS).sort());
    const area = await toolsFor('project');
    expect(names(area)).toContain('project');
    expect(names(area)).not.toContain('segment');
    expect(names(area)).toEqual(names((await AREAS[index.project!]!()).tools));
    // the agent's own tools are in no area: the whole catalogue
    const agentTool = ALL_TOOLS.find((t) => !index[t.name])!;
    expect(names(await toolsFor(agentTool.name))).toEqual(names(ALL_TOOLS));
    // a misspelt name gets the whole catalogue, for "did you mean"
    expect(names(await toolsFor('projet'))).toEqual(names(ALL_TOOLS));
  });

  it('an index that names the wrong area or an unknown one falls back to the whole catalogue', async () => {
    setRunningBundle({ dir, entryUrl: '', modules: new Map() });
    writeFileSync(join(dir, 'tool-areas.json'), JSON.stringify({ project: 'io', segment: 'nowhere' }));
    expect(names(await toolsFor('project'))).toEqual(names(ALL_TOOLS));
    expect(names(await toolsFor('segment'))).toEqual(names(ALL_TOOLS));
    expect(existsSync(join(dir, 'tool-areas.json'))).toBe(true);
  });
});
