// "image position 2 every minute, the others as they are": the interval at one position, named by its
// number in the list as a position is for dropping it, or by its name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAcquisition } from '../../src/microscope/engine.ts';
import { readFramesTable, simulatedScope, tempDir } from './fixtures.ts';

describe('the interval at one position', () => {
  const plan = { channels: [{ config: 'GFP', exposureMs: 10 }], timePlan: { intervalS: 120, durationS: 600 }, stagePositions: [{ name: 'cells', xUm: 0, yUm: 0 }, { name: 'empty', xUm: 2000, yUm: 0 }] };
  it.each([
    ['2', 'empty'],
    ['cells', 'cells'],
  ])('onlyAt %s is the position %s', async (onlyAt, name) => {
    const { clock, microscope } = simulatedScope({ sizePx: 64, seed: 2 });
    const acquisition = startAcquisition(plan, { microscope, clock, outputPath: join(tempDir(), `only-${onlyAt}.tif`) });
    const result = acquisition.adjust({ kind: 'interval', intervalS: 30, onlyAt }, 'user');
    expect(result.message).toMatch(new RegExp(`at ${name}; the other positions stay every 2 min`));
    acquisition.adjust({ kind: 'stop' }, 'user');
    await acquisition.done;
  });
  it('longer than the run\'s leaves that position out of the time points until it is due; the others keep the run\'s', async () => {
    const { clock, microscope } = simulatedScope({ sizePx: 64, seed: 2 });
    const acquisition = startAcquisition(plan, { microscope, clock, outputPath: join(tempDir(), 'only-slower.tif') });
    const result = acquisition.adjust({ kind: 'interval', intervalS: 240, onlyAt: '2' }, 'user');
    expect(result.message).toMatch(/interval set to 4 min at empty; the other positions stay every 2 min/);
    const status = await acquisition.done;
    const rows = readFramesTable(readFileSync(status.framesTable, 'utf8'));
    const times = (position: string) => rows.filter((r) => r.position === position).map((r) => Math.round(Number(r.time_s)));
    expect(times('cells')).toEqual([0, 120, 240, 360, 480, 600]);
    expect(times('empty').slice(1).map((t, i) => t - times('empty')[i])).toEqual(times('empty').slice(1).map(() => 240));
  });
});
