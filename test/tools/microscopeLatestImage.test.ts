import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { VirtualClock } from '../../src/microscope/clock.ts';
import { MicroscopeSession } from '../../src/microscope/session.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { decodePng } from '../../src/plot/png.ts';
import { readFileSync } from 'node:fs';
import { tools } from '../../tools/microscope.ts';
import { smallConfig, tempDir } from '../microscope/fixtures.ts';

const dir = tempDir('cellpilot-latest-image-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the running acquisition\'s latest image, shown (stop 46)', () => {
  it('is saved as a picture per channel by microscope_status, of the position asked, and a position the run lacks is said', async () => {
    const session = new MicroscopeSession({ clock: new VirtualClock(), limits: { ...DEFAULT_LIMITS, xRangeUm: [-2000, 2000] }, simulator: { config: smallConfig(64), sample: { boundsUm: { x0: -40, y0: -40, x1: 60, y1: 60 }, cells: 6 } } });
    const ctx = createToolContext({ sessionDir: join(dir, 's1'), state: new Map([['microscope', session]]) });
    const call = async (tool: string, args: unknown = {}) => {
      const spec = tools.find((t) => t.name === tool)!;
      return spec.run(spec.schema.parse(args) as never, ctx);
    };
    await call('start_acquisition', { plan: { channels: [{ config: 'GFP', exposureMs: 10 }, { config: 'DAPI', exposureMs: 10 }], timePlan: { intervalS: 600, loops: 100 }, stagePositions: [{ xUm: 0, yUm: 0 }, { xUm: 800, yUm: 0 }] } });
    for (let i = 0; i < 2000 && session.acquisition!.status().timepointsDone < 1; i++) await new Promise((r) => setTimeout(r, 5));
    const shown = await call('microscope_status', { latestImage: true });
    expect(shown.summary).toMatch(/^The latest image of Pos0 \(FITC, DAPI\) is saved as a picture/);
    const pictures = shown.artifacts.filter((a) => a.type === 'plot');
    expect(pictures).toHaveLength(2);
    for (const p of pictures) {
      expect(existsSync(p.path)).toBe(true);
      expect(decodePng(readFileSync(p.path))).toMatchObject({ width: 64, height: 64 });
    }
    expect((await call('microscope_status', { latestImage: true, position: '2' })).summary).toMatch(/^The latest image of Pos1/);
    expect((await call('microscope_status', { latestImage: true, position: '5' })).summary).toMatch(/no position "5" \(it images Pos0, Pos1\), so no latest image was saved/);
    // (a plain status saves no picture)
    expect((await call('microscope_status')).artifacts.filter((a) => a.type === 'plot')).toHaveLength(0);
    session.acquisition!.stop();
    await session.acquisition!.done;
  });
});
