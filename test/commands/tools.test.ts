import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { validateArgs } from '../../src/agent/validation.ts';
import { toolHelp } from '../../src/commands/tools.ts';
import { runCli } from './run-cli.ts';

describe('cellpilot tools', () => {
  it('lists every tool with its description and JSON schema (--json), and a readable table otherwise', async () => {
    const json = await runCli(['tools', '--json']);
    expect(json.code).toBe(0);
    const { tools } = JSON.parse(json.stdout) as { tools: { name: string; description: string; parameters: { type: string; properties: Record<string, { description?: string }> } }[] };
    expect(tools.map((t) => t.name)).toEqual(ALL_TOOLS.map((t) => t.name));
    const segment = tools.find((t) => t.name === 'segment')!;
    expect(segment.parameters.type).toBe('object');
    expect(segment.parameters.properties.movie.description).toMatch(/artifact id/);
    const text = await runCli(['tools']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${ALL_TOOLS.length} tools`);
    expect(text.stdout).toMatch(/correct_drift\s+/);
  });

  it('`tool NAME --help` prints that tool\'s own arguments, defaults and result units, not the generic usage', async () => {
    const help = await runCli(['tool', 'track', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^track: /);
    expect(help.stdout).toMatch(/labels {2}\(string, required\)/);
    expect(help.stdout).toMatch(/method {2}\(one of "lap" \| "overlap", default "lap"\)/);
    expect(help.stdout).toContain('maxLinkingDistancePx');
    const same = await runCli(['tools', 'segment']);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/results:\n(.*\n)*  thresholdPerFrame \(grey levels\)/);
    const typo = await runCli(['tool', 'trak', '--help']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no tool "trak" (did you mean track?)');
  });

  it('every tool\'s usage line holds arguments of the right form (kymograph showed "points":0, adjust_acquisition "changes":0)', () => {
    for (const tool of ALL_TOOLS) {
      const usage = /--args '(.*)' \[--json\]/.exec(toolHelp(tool.name))?.[1];
      expect(usage, tool.name).toBeDefined();
      // the placeholder "..." stands for a file or an artifact id
      const args = JSON.parse(usage!.replace(/"\.\.\."/g, '"movie-1"'));
      const checked = validateArgs(tool, args);
      expect(checked.ok, `${tool.name}: ${usage} -> ${checked.ok ? '' : checked.error}`).toBe(true);
    }
  });
});

