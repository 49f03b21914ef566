import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';

const RUN = (positions = 3) => [{ tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', powerPercent: 50 }, { config: 'Rhodamine' }], timePlan: { intervalS: 300, durationS: 21600 }, stagePositions: Array.from({ length: positions }, (_, i) => ({ name: `Pos${i}`, xUm: i * 500, yUm: 0 })) } } }];
const running = (text: string, positions = 3) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier: RUN(positions) });

describe('a vague change settled by the next words (stop 42)', () => {
  it('the next clause that sets the same setting says how much', () => {
    expect(running('could you maybe go a bit faster? every 2 min would be great')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 120 }] } });
    expect(running('a bit slower? every 10 min is fine')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 600 }] } });
    expect(running('less light please. GFP power to 5%')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'FITC' }] } });
  });
  it('alone, how much is still asked', () => {
    for (const text of ['a bit faster please', 'less light please']) expect(running(text)).toMatchObject({ ask: expect.stringMatching(/how much/i), command: true });
  });
});

describe('the middle position(s), by the run\'s count (stop 42)', () => {
  it('the middle one of an odd number, every one but the ends, or the middle N', () => {
    expect(running('only the middle position from now on')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropPosition', position: '3' }, { kind: 'dropPosition', position: '1' }] } });
    expect(running('only the middle positions', 5)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropPosition', position: '5' }, { kind: 'dropPosition', position: '1' }] } });
    expect(running('only image the middle two positions', 4)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropPosition', position: '4' }, { kind: 'dropPosition', position: '1' }] } });
    expect(running('drop the middle position', 5)).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropPosition', position: '3' }] } });
  });
  it('no middle one is asked, nothing changed', () => {
    expect(running('only the middle position', 4)).toMatchObject({ ask: expect.stringMatching(/no single one is in the middle.*nothing was changed/), command: true });
  });
});

describe('time points and units in people\'s words (stop 42)', () => {
  it('a time point by its number is no stage point, and a count the run keeps is its length', () => {
    expect(running('end the run at time point 100')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'loops', loops: 100 }] } });
    expect(running('end the run once we have 100 frames')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'loops', loops: 100 }] } });
  });
  it('a unit of time misspelt after its number', () => {
    expect(running('intervals of 3 minuts pls')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 180 }] } });
    expect(running('GFP exposure 50 milisecs')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }] } });
  });
  it('asking whether the change is alright asks for it; "then back to 5" is in the interval\'s unit', () => {
    expect(running('hmm maybe every 90 seconds? would that be ok')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 90 }] } });
    expect(running('1 min interval for the next hour then back to 5')).toMatchObject({ tool: 'adjust_acquisition', args: { forS: 3600, changes: [{ kind: 'interval', intervalS: 60 }] } });
  });
});

describe('the rate changed by a share (stop 42)', () => {
  it('"50% faster" is 1.5 times the rate, "25% less often" 0.75 of it (was twice as fast, or asked)', () => {
    expect(running('go 50% faster')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 0.667 }] } });
    expect(running('go 20% faster')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 0.833 }] } });
    expect(running('image 25% less often')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'intervalFactor', factor: 1.333 }] } });
  });
});
