import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { listModels } from '../../src/onnx/registry.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/tiny-unet', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cellpilot-registry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('listModels', () => {
  it('reads an rdf.yaml once while it is unchanged, and again once it changes', () => {
    const folder = join(root, 'my-unet');
    cpSync(FIXTURE, folder, { recursive: true });
    const first = listModels([root]);
    const second = listModels([root]);
    expect(first[0].key).toBe('my-unet');
    // the same parsed spec, not a second parse of the same file
    expect(second[0].spec).toBe(first[0].spec);
    const rdf = join(folder, 'rdf.yaml');
    const text = readFileSync(rdf, 'utf8');
    expect(text).toMatch(/^name: /m);
    writeFileSync(rdf, text.replace(/^name: .*$/m, 'name: renamed tiny network'));
    const third = listModels([root]);
    expect(third[0].spec).not.toBe(first[0].spec);
    expect(third[0].spec?.name).toBe('renamed tiny network');
  });
});
