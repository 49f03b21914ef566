import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { VirtualClock } from '../../src/microscope/clock.ts';
import { MicroscopeSession } from '../../src/microscope/session.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { tools } from '../../tools/microscope.ts';
import { smallConfig, tempDir } from '../microscope/fixtures.ts';

const dir = tempDir('cellpilot-position-visit-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('move_stage to one of the acquisition\'s positions (stop 45)', () => {
  it('goes there between time points, by name, number or "next", and refuses a position the plan lacks', async () => {
    const session = new MicroscopeSession({ clock: new VirtualClock(), limits: { ...DEFAULT_LIMITS, xRangeUm: [-2000, 2000] }, simulator: { config: smallConfig(64), sample: { boundsUm: { x0: -40, y0: -40, x1: 60, y1: 60 }, cells: 6 } } });
    const ctx = createToolContext({ sessionDir: join(dir, 's1'), state: new Map([['microscope', session]]) });
    const call = async (tool: string, args: unknown = {}) => {
      const spec = tools.find((t) => t.name === tool)!;
      return spec.run(spec.schema.parse(args) as never, ctx);
    };
    await expect(call('move_stage', { position: '2' })).rejects.toThrow(/no acquisition whose position 2/);
    await call('start_acquisition', { plan: { channels: [{ config: 'GFP', exposureMs: 10 }], timePlan: { intervalS: 600, loops: 100 }, stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }, { xUm: 1600, yUm: 0 }] } });
    await call('pause_acquisition');
    // (the pause takes effect after the current image)
    for (let i = 0; i < 1000 && session.acquisition!.state !== 'paused'; i++) await new Promise((r) => setTimeout(r, 5));
    const moved = await call('move_stage', { position: '2' });
    expect(moved.values).toMatchObject({ position: 'Pos1', xUm: 800, yUm: 0 });
    expect(moved.summary).toMatch(/Stage at Pos1 \(800, 0\) µm.*stays paused/);
    expect((await call('move_stage', { position: 'next' })).values).toMatchObject({ position: 'Pos2', xUm: 1600 });
    expect((await call('move_stage', { position: 'pos0' })).values).toMatchObject({ position: 'Pos0', xUm: 0 });
    await expect(call('move_stage', { position: '7' })).rejects.toThrow(/has 3 positions \(Pos0, Pos1, Pos2\): there is no position 7; the stage was not moved/);
    session.acquisition!.stop();
    await session.acquisition!.done;
  });
});
