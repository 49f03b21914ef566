import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../onnx/fixtures', import.meta.url));

function cellpilot(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/cellpilot.js', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CELLPILOT_MODELS: FIXTURES } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cellpilot models', () => {
  it('lists, describes and verifies a dropped-in bioimage.io model', () => {
    const list = cellpilot('models', 'list', '--json');
    expect(list.code).toBe(0);
    const models = JSON.parse(list.stdout).models as Array<{ name: string; problem: string | null }>;
    expect(models.find((m) => m.name === 'tiny-unet')?.problem).toBeNull();

    const info = cellpilot('models', 'info', 'tiny-unet');
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/input raw: batch:\*, channel:1, y:16\+8n, x:16\+8n/);
    expect(info.stdout).toMatch(/postprocessing sigmoid/);

    const verify = cellpilot('models', 'verify', 'tiny-unet', '--json');
    expect(verify.code).toBe(0);
    const report = JSON.parse(verify.stdout);
    expect(report.ok).toBe(true);
    expect(report.results[0].maxAbsDiff).toBeLessThan(1e-4);
  });

  it('answers an unknown model or action with one line and exit 2', () => {
    const r = cellpilot('models', 'info', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no model called "nope" \(available: .*tiny-unet/);
    expect(cellpilot('models', 'frobnicate').code).toBe(2);
  });
});

describe('cellpilot train', () => {
  it('explains bad usage in one line with exit 2', () => {
    const kind = cellpilot('train', 'care', 'movie.tif');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/only "n2v" can be trained/);
    const epochs = cellpilot('train', 'n2v', 'movie.tif', '--epochs', 'many');
    expect(epochs.code).toBe(2);
    expect(epochs.stderr).toMatch(/--epochs must be a whole number/);
  });
});
