// `cellpilot run` with two movies of one name: refused before anything is written, both named.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../commands/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-clash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('refuses two movies that would share an output folder, naming both, and makes no --out folder', async () => {
  for (const d of ['a', 'b']) {
    mkdirSync(join(dir, d));
    writeFileSync(join(dir, d, 'cells.tif'), '');
  }
  const pipeline = resolve(import.meta.dirname, '..', '..', 'pipelines', 'denoise-segment.yaml');
  const r = await runCli(['run', pipeline, join(dir, 'a', 'cells.tif'), join(dir, 'b', 'cells.tif'), '--out', join(dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`share the output folder "cells": ${join(dir, 'a', 'cells.tif')} and ${join(dir, 'b', 'cells.tif')}`);
  expect(existsSync(join(dir, 'out'))).toBe(false);
});
