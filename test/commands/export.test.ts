import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('cellpilot export', () => {
  it('without a format names the one there is (was: unknown export format "")', async () => {
    const { code, stderr } = await runCli(['export']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cellpilot: name what to export: "snakemake" \(a Snakefile for a pipeline\); usage: cellpilot export snakemake/);
    expect(stderr).not.toMatch(/format ""/);
  });
});
