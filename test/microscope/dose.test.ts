// The dose ledger is the microscope's: light is booked on the field it lit, overlapping
// fields add up where they overlap, every process on a session shares one budget, and
// autofocus light is charged like any other image.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DoseLedger } from '../../src/microscope/dose.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { startAcquisition } from '../../src/microscope/acquisition.ts';
import { simulatedScope, tempDir } from './fixtures.ts';

const dir = tempDir('cellpilot-dose-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const field = (xUm: number, yUm = 0, sizeUm = 512) => ({ xUm, yUm, widthUm: sizeUm, heightUm: sizeUm });

describe('dose ledger', () => {
  it('overlapping fields add up where they overlap; a field apart starts fresh', () => {
    const ledger = new DoseLedger();
    ledger.record('A', field(0), 'FITC', 150, 100);
    // a 130 µm move with a 512 µm field: most of the field is the same sample
    expect(ledger.peakDose(field(130))).toBe(150);
    expect(ledger.refusal(field(130), 100, 200)).toMatch(/has had up to 150 J\/cm² and 100 J\/cm² more would pass the 200 J\/cm² dose budget/);
    ledger.record('B', field(130), 'FITC', 40, 100);
    expect(ledger.peakDose(field(0))).toBe(190); // the overlap has had both
    expect(ledger.byPosition()).toEqual({ A: 190, B: 190 });
    expect(ledger.peakDose(field(600))).toBe(40); // touches only B's far edge
    expect(ledger.peakDose(field(1000))).toBe(0);
  });

  it('two ledgers on one file (two processes) share the budget', () => {
    const path = join(dir, 'shared', 'dose.json');
    const first = new DoseLedger(path);
    const second = new DoseLedger(path);
    first.record('P', field(0), 'FITC', 120, 100);
    expect(second.refusal(field(0), 100, 200)).toBeDefined();
    second.record('P', field(0), 'DAPI', 60, 100);
    expect(first.peakDose(field(0))).toBe(180);
    expect(first.list().map((e) => [e.channel, e.doseJPerCm2])).toEqual([['DAPI', 60], ['FITC', 120]]);
  });

  it('autofocus images are charged to the field, and refused past the budget', async () => {
    const { clock, microscope } = simulatedScope();
    const ledger = new DoseLedger();
    const acquisition = startAcquisition({ channels: [{ config: 'FITC', exposureMs: 100, powerPercent: 100 }], timePlan: { intervalS: 60, loops: 3 } }, { microscope, clock, outputPath: join(dir, 'af.tif'), ledger, limits: DEFAULT_LIMITS });
    acquisition.adjust({ kind: 'autofocus' });
    const status = await acquisition.done;
    // 3 images of 0.5 J/cm² plus 11 autofocus images of 0.1 J/cm² (a fifth of the exposure)
    expect(status.imagesAcquired).toBe(3);
    expect(ledger.total()).toBeCloseTo(3 * 0.5 + 11 * 0.1, 6);
    expect(ledger.list()[0].exposures).toBe(14);
  });
});

describe('the dose budget across processes (`cellpilot tool snap --session S`)', () => {
  it('six 50 J/cm² snaps on one field: four are allowed, two refused, and dose_report sees them all', async () => {
    const repo = resolve(import.meta.dirname, '..', '..');
    // the virtual clock: a 10 s exposure takes no wall time
    const env = { ...process.env, CELLPILOT_SESSIONS: join(dir, 'sessions'), CELLPILOT_MICROSCOPE_CLOCK: 'virtual' };
    const tool = async (name: string, args: string) => {
      try {
        return JSON.parse((await promisify(execFile)('node', [join(repo, 'bin/cellpilot.js'), 'tool', name, '--session', 'S', '--json', '--args', args], { env })).stdout);
      } catch (err) {
        return JSON.parse((err as { stdout: string }).stdout);
      }
    };
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await tool('snap', '{"channel":"FITC","powerPercent":100,"exposureMs":10000}'));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false, false]);
    expect(results[4].error).toMatch(/snap refused: this field has had up to 200 J\/cm² and 50 J\/cm² more would pass the 200 J\/cm² dose budget/);
    const report = await tool('dose_report', '{}');
    expect(report.values.totalJPerCm2).toBe(200);
    expect(readFileSync(report.artifacts[0].path, 'utf8')).toMatch(/stage_x0_y0,FITC,4,40,200,1\n/);
  }, 120_000);
});
