// The command `train n2v` prints to use the model it trained works: by name where the model
// folders hold it, else by its folder (one trained with --out elsewhere is found by no name).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { denoiseCommand } from '../../src/commands/train.ts';

describe('train n2v: the command it prints', () => {
  it('names a model in the model folders by its name, and one elsewhere by its folder ("no model called n2vtest" before)', () => {
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'cellpilot-train-')), 'my model');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'rdf.yaml'), 'name: mine\n');
    const byFolder = denoiseCommand('cells.tif', 'my model', elsewhere);
    expect(byFolder).toMatch(/ tool denoise --args '\{"movie":"cells\.tif","model":"[^"]*\/my model"\}'$/);
    // n2v-nuclei ships in models/: its name is enough
    expect(denoiseCommand('cells.tif', 'n2v-nuclei', join(import.meta.dirname, '../../models/n2v-nuclei'))).toMatch(/ tool denoise --args '\{"movie":"cells\.tif","model":"n2v-nuclei"\}'$/);
  });
});
