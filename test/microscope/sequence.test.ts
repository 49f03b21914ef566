import { describe, expect, it } from 'vitest';
import { parseSequence, timeDeltasS, zPositionsUm, gridOffsetsUm } from '../../src/microscope/sequence.ts';
import { eventsAtTimepoint, iterateEvents, estimateDurationS } from '../../src/microscope/events.ts';
import { Timeline } from '../../src/microscope/timeline.ts';
import { VirtualClock } from '../../src/microscope/clock.ts';

const stage = { xUm: 100, yUm: 200, zUm: 50, fieldWidthUm: 256, fieldHeightUm: 256 };

describe('time plans (useq-schema semantics)', () => {
  const cases: [string, unknown, number[]][] = [
    ['interval + loops', { intervalS: 10, loops: 4 }, [0, 10, 20, 30]],
    ['duration + loops: the last loop occurs at the duration', { durationS: 60, loops: 4 }, [0, 20, 40, 60]],
    ['interval + duration: loops = duration // interval + 1', { intervalS: 25, durationS: 60 }, [0, 25, 50]],
    ['phases skip the first time point of later phases', { phases: [{ intervalS: 10, loops: 3 }, { intervalS: 60, loops: 3 }] }, [0, 10, 20, 80, 140]],
    ['none = one time point', undefined, [0]],
  ];
  for (const [name, plan, deltas] of cases) {
    it(name, () => expect(timeDeltasS(parseSequence({ channels: [{ config: 'DAPI' }], timePlan: plan }).timePlan)).toEqual(deltas));
  }
});

describe('z plans and grids', () => {
  it('range around: floor(range / step) + 1 planes centred on the focus', () => {
    expect(zPositionsUm({ rangeUm: 4, stepUm: 1 })).toEqual({ positionsUm: [-2, -1, 0, 1, 2], absolute: false });
    expect(zPositionsUm({ rangeUm: 3, stepUm: 2 })).toEqual({ positionsUm: [-1, 1], absolute: false });
  });
  it('above/below, top/bottom, relative, absolute', () => {
    expect(zPositionsUm({ aboveUm: 2, belowUm: 1, stepUm: 1 }).positionsUm).toEqual([-1, 0, 1, 2]);
    expect(zPositionsUm({ topUm: 12, bottomUm: 10, stepUm: 1 })).toEqual({ positionsUm: [10, 11, 12], absolute: true });
    expect(zPositionsUm({ relativeUm: [0, 5] })).toEqual({ positionsUm: [0, 5], absolute: false });
    expect(zPositionsUm({ absoluteUm: [3] })).toEqual({ positionsUm: [3], absolute: true });
  });
  it('grid: row-wise snake centred on the position, with overlap', () => {
    const offsets = gridOffsetsUm({ rows: 2, columns: 2, overlapPercent: 10 }, 100, 100);
    expect(offsets.map((o) => [o.row, o.column, o.dxUm, o.dyUm])).toEqual([
      [0, 0, -45, -45],
      [0, 1, 45, -45],
      [1, 1, 45, 45],
      [1, 0, -45, 45],
    ]);
  });
});

describe('events', () => {
  it('expands channels, z and positions in tpgcz order with acquire-every and do-stack', () => {
    const seq = parseSequence({
      channels: [{ config: 'GFP', exposureMs: 50 }, { config: 'DAPI', acquireEvery: 2, doStack: false }],
      zPlan: { rangeUm: 2, stepUm: 1 },
      stagePositions: [{ xUm: 0, yUm: 0, zUm: 10 }, { name: 'B', xUm: 500, yUm: 0 }],
      timePlan: { intervalS: 60, loops: 2 },
    });
    const t0 = eventsAtTimepoint(seq, 0, stage).map((e) => `${e.positionName}:${e.channel}:${e.zUm}`);
    expect(t0).toEqual(['Pos0:GFP:9', 'Pos0:GFP:10', 'Pos0:GFP:11', 'Pos0:DAPI:10', 'B:GFP:49', 'B:GFP:50', 'B:GFP:51', 'B:DAPI:50']);
    const t1 = eventsAtTimepoint(seq, 1, stage).map((e) => `${e.positionName}:${e.channel}`);
    expect(t1).toEqual(['Pos0:GFP', 'Pos0:GFP', 'Pos0:GFP', 'B:GFP', 'B:GFP', 'B:GFP']);
    const all = [...iterateEvents(seq, stage)];
    expect(all.length).toBe(14);
    expect(all[8].minStartTimeS).toBe(60);
    expect(estimateDurationS(seq, stage)).toBeGreaterThan(60);
  });
  it('tpgzc order interleaves channels at each plane', () => {
    const seq = parseSequence({ channels: [{ config: 'GFP' }, { config: 'DAPI' }], zPlan: { rangeUm: 1, stepUm: 1 }, axisOrder: 'tpgzc' });
    expect(eventsAtTimepoint(seq, 0, stage).map((e) => `${e.channel}${e.index.z}`)).toEqual(['GFP0', 'DAPI0', 'GFP1', 'DAPI1']);
  });
  it('grid fields become named positions', () => {
    const seq = parseSequence({ channels: [{ config: 'Cy5' }], gridPlan: { rows: 1, columns: 2 } });
    expect(eventsAtTimepoint(seq, 0, stage).map((e) => [e.positionName, e.xUm])).toEqual([
      ['Pos0_r0c0', -28],
      ['Pos0_r0c1', 228],
    ]);
  });
  it('refuses bad plans with the field named', () => {
    expect(() => parseSequence({ channels: [] })).toThrow(/channels/);
    expect(() => parseSequence({ channels: [{ config: 'GFP' }], timePlan: { intervalS: -1, loops: 3 } })).toThrow(/timePlan/);
    expect(() => parseSequence({ channels: [{ config: 'GFP' }, { config: 'gfp' }] })).toThrow(/listed twice/);
  });
});

describe('Timeline (live time plan)', () => {
  it('a duration plan keeps its end when the interval shrinks', () => {
    const tl = new Timeline({ intervalS: 60, durationS: 600 });
    const starts: number[] = [];
    for (let s = tl.nextStartS(); s !== undefined; s = tl.nextStartS()) {
      starts.push(s);
      tl.markTaken(s);
      if (s === 120) tl.setInterval(30);
    }
    expect(starts).toEqual([0, 60, 120, ...Array.from({ length: 16 }, (_, i) => 150 + 30 * i)]);
  });
  it('a loops plan keeps its count; remaining and last start follow changes', () => {
    const tl = new Timeline({ intervalS: 10, loops: 5 });
    expect(tl.remainingTimepoints()).toBe(5);
    expect(tl.lastStartPlannedS()).toBe(40);
    tl.markTaken(tl.nextStartS()!);
    tl.setInterval(100);
    expect(tl.remainingTimepoints()).toBe(4);
    expect(tl.lastStartPlannedS()).toBe(400);
    tl.setLoops(2, 1);
    expect(tl.remainingTimepoints()).toBe(1);
  });
  it('phases run in order and finish() ends the plan', () => {
    const tl = new Timeline({ phases: [{ intervalS: 10, loops: 2 }, { intervalS: 100, durationS: 200 }] });
    const starts: number[] = [];
    for (let s = tl.nextStartS(); s !== undefined; s = tl.nextStartS()) {
      starts.push(s);
      tl.markTaken(s);
    }
    expect(starts).toEqual([0, 10, 110, 210]);
    tl.finish();
    expect(tl.nextStartS()).toBeUndefined();
  });
});

describe('VirtualClock', () => {
  it('jumps to wake-ups and fires scheduled callbacks in time order, only while an actor sleeps', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.at(25_000, () => void log.push(`cmd@${clock.now()}`));
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      await clock.sleep(10_000);
      log.push(`tick@${clock.now()}`);
    }
    expect(log).toEqual(['tick@10000', 'tick@20000', 'cmd@25000', 'tick@30000', 'tick@40000', 'tick@50000']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
  it('an aborted sleep resolves early with false', async () => {
    const clock = new VirtualClock();
    const wake = new AbortController();
    clock.at(5_000, () => wake.abort());
    const full = await clock.sleep(60_000, wake.signal);
    expect(full).toBe(false);
    expect(clock.now()).toBe(5_000);
  });
});
