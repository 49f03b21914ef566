import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellpilotCommand, cellpilotCommandLine, pathFrom, shellWord } from '../../src/agent/commandHint.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('command hints that work as printed', () => {
  it('npx inside the project, node and the bin elsewhere (when cellpilot is not on PATH)', () => {
    expect(cellpilotCommand(repo)).toBe('npx cellpilot');
    expect(cellpilotCommand(join(repo, 'test'))).toBe('npx cellpilot');
    const elsewhere = mkdtempSync(join(tmpdir(), 'cellpilot-hint-'));
    const path = process.env.PATH;
    process.env.PATH = [dirname(process.execPath), '/usr/bin', '/bin'].join(':');
    try {
      const command = cellpilotCommand(elsewhere);
      expect(command).toMatch(/^node \/.*bin\/cellpilot\.js$/);
      // and it runs
      const r = spawnSync('sh', ['-c', `${command} --version`], { cwd: elsewhere, encoding: 'utf8', timeout: 60_000 });
      expect(r.stdout).toMatch(/^cellpilot \d/);
    } finally {
      process.env.PATH = path;
    }
  }, 60_000);

  it('relative paths below the folder, absolute ones elsewhere, quoted for the shell', () => {
    expect(pathFrom('/data/run/pipelines/a.yaml', '/data/run')).toBe('pipelines/a.yaml');
    expect(pathFrom('/other/movie.tif', '/data/run')).toBe('/other/movie.tif');
    expect(shellWord("my movie's.tif")).toBe(`'my movie'\\''s.tif'`);
    expect(shellWord('results/')).toBe('results/');
    expect(cellpilotCommandLine(['run', 'p.yaml', 'a b.tif'], repo)).toBe("npx cellpilot run p.yaml 'a b.tif'");
  });
});
