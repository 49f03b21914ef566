// "image position 2 every minute, the others as they are": the interval at one position, named by its
// number in the list as a position is for dropping it, or by its name.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAcquisition } from '../../src/microscope/engine.ts';
import { simulatedScope, tempDir } from './fixtures.ts';

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
  it('is refused when longer than the run\'s (it would slow every position), nothing changed', async () => {
    const { clock, microscope } = simulatedScope({ sizePx: 64, seed: 2 });
    const acquisition = startAcquisition(plan, { microscope, clock, outputPath: join(tempDir(), 'only-slower.tif') });
    expect(() => acquisition.adjust({ kind: 'interval', intervalS: 600, onlyAt: '2' }, 'user')).toThrow(/more often than the others, not less often.*every 2 min.*nothing was changed/);
    expect(acquisition.status().intervalS).toBe(120);
    acquisition.adjust({ kind: 'stop' }, 'user');
    await acquisition.done;
  });
});
