import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { VirtualClock } from '../../src/microscope/clock.ts';
import { MicroscopeSession } from '../../src/microscope/session.ts';
import { DEFAULT_LIMITS } from '../../src/microscope/limits.ts';
import { tools } from '../../tools/microscope.ts';
import { smallConfig, tempDir } from '../microscope/fixtures.ts';

const dir = tempDir('cellpilot-timepoint-changes-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const setUp = (name: string) => {
  const clock = new VirtualClock();
  const session = new MicroscopeSession({ clock, limits: { ...DEFAULT_LIMITS, xRangeUm: [-2000, 2000] }, simulator: { config: smallConfig(32), sample: { boundsUm: { x0: -20, y0: -20, x1: 20, y1: 20 }, cells: 3 } } });
  const ctx = createToolContext({ sessionDir: join(dir, name), state: new Map([['microscope', session]]) });
  const call = async (tool: string, args: unknown = {}) => {
    const spec = tools.find((t) => t.name === tool)!;
    return spec.run(spec.schema.parse(args) as never, ctx);
  };
  return { session, call };
};
const untilDone = async (session: MicroscopeSession, n: number) => {
  for (let i = 0; i < 4000 && session.acquisition!.status().timepointsDone < n && session.acquisition!.state !== 'done'; i++) await new Promise((r) => setTimeout(r, 2));
};

describe('a change from or until a time point by its number (stop 46)', () => {
  it('is made once that time point is taken, and set back once the until time point is, both in the run\'s log', async () => {
    const { session, call } = setUp('s1');
    await call('start_acquisition', { plan: { channels: [{ config: 'GFP', exposureMs: 10 }], timePlan: { intervalS: 60, loops: 10 } } });
    const starts: number[] = [];
    session.acquisition!.on('timepoint', (e) => starts.push(e.startS));
    const said = await call('adjust_acquisition', { changes: [{ kind: 'interval', intervalS: 30 }], afterTimepoint: 3, untilTimepoint: 6 });
    expect(said.summary).toMatch(/^After time point 3 \(\d+ are done now\): image every 30 s, until time point 6 \(then set back\)/);
    await session.acquisition!.done;
    // (the time between the starts of time points 1-2, 2-3: 60 s; 3-4, 4-5, 5-6: 30 s; then 60 s again)
    const gaps = starts.slice(1).map((s, i) => Math.round(s - starts[i]));
    expect(gaps).toEqual([60, 60, 30, 30, 30, 60, 60, 60, 60]);
    expect(session.acquisition!.status().notes.join(' ')).toMatch(/made after time point 3: image every 30 s.*set back after time point 6/);
  });
  it('makes a change until a time point now, says a time point already taken, and refuses one the run never reaches or one already passed for the end', async () => {
    const { session, call } = setUp('s2');
    await call('start_acquisition', { plan: { channels: [{ config: 'GFP', exposureMs: 10 }], timePlan: { intervalS: 60, loops: 1000 } } });
    await untilDone(session, 2);
    const done = session.acquisition!.status().timepointsDone;
    expect((await call('adjust_acquisition', { changes: [{ kind: 'exposure', exposureMs: 20 }], afterTimepoint: 1 })).summary).toMatch(/^Time point 1 is already taken \(\d+ are done\), so the change is made from the next time point\./);
    await expect(call('adjust_acquisition', { changes: [{ kind: 'exposure', exposureMs: 30 }], afterTimepoint: 5000 })).rejects.toThrow(/run ends after about \d+ time points .*before time point 5000: nothing would change/);
    await expect(call('adjust_acquisition', { changes: [{ kind: 'exposure', exposureMs: 30 }], untilTimepoint: 1 })).rejects.toThrow(/time point 1 is already taken .*set back at once; nothing was changed/);
    const until = await call('adjust_acquisition', { changes: [{ kind: 'exposure', exposureMs: 40 }], untilTimepoint: done + 50 });
    expect(until.summary).toMatch(new RegExp(`Until time point ${done + 50}; then back to: .*20 ms`));
    session.acquisition!.stop();
    await session.acquisition!.done;
  });
});
