// A folder for this run's eval part scores (see evalParts.ts): made before any test file
// runs, handed to the files as inject('evalReportsDir'), removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    evalReportsDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cellpilot-eval-parts-'));
  project.provide('evalReportsDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
