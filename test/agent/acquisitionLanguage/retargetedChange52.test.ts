// A correction of the channel the last change was made to ("no, the other channel", "not that one, the DAPI"), and the
// last change taken back said as a likeness ("make it like before") or by the setting's previous value ("the previous
// objective"), stop 52 helper E, in words of no eval file.
import { describe, expect, it } from 'vitest';
import { retargetedChange } from '../../../src/agent/acquisitionLanguage/retargetedChange.ts';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { takesBackTheLast } from '../../../src/agent/acquisitionLanguage/undo.ts';
import { DEMO_CONFIG } from '../../../src/microscope/config.ts';

const start = (channels: { config: string; exposureMs?: number }[], objective?: string) => ({ tool: 'start_acquisition', args: { plan: { channels, timePlan: { intervalS: 300, durationS: 36000 } }, ...(objective ? { objective } : {}) } });
const change = (...changes: Record<string, unknown>[]) => ({ tool: 'adjust_acquisition', args: { changes } });

describe('a correction of the channel the last change was made to', () => {
  it('moves a dropped channel to the only other one when "the other" is said', () => {
    const earlier = [start([{ config: 'FITC' }, { config: 'Cy5' }]), change({ kind: 'dropChannel', channel: 'FITC' })];
    expect(retargetedChange('nope, other one', earlier, DEMO_CONFIG)).toMatchObject({ args: { changes: [{ kind: 'addChannel', channel: 'FITC' }, { kind: 'dropChannel', channel: 'Cy5' }] } });
  });

  it('moves a light setting to the channel named, and sets the first back to its value before', () => {
    const earlier = [start([{ config: 'DAPI' }, { config: 'Rhodamine', exposureMs: 40 }]), change({ kind: 'exposure', exposureMs: 300, channel: 'Rhodamine' })];
    expect(retargetedChange('wrong channel sorry, the dapi', earlier, DEMO_CONFIG)).toMatchObject({ args: { changes: [{ kind: 'exposure', exposureMs: 40, channel: 'Rhodamine' }, { kind: 'exposure', exposureMs: 300, channel: 'DAPI' }] } });
  });

  it('names a value it cannot set back, asks when "the other" is not one channel, and leaves other words alone', () => {
    const earlier = [start([{ config: 'DAPI' }, { config: 'FITC' }]), change({ kind: 'power', powerPercent: 30, channel: 'FITC' })];
    const moved = retargetedChange('i meant the dapi power', earlier, DEMO_CONFIG);
    expect(moved).toMatchObject({ args: { changes: [{ kind: 'power', powerPercent: 30, channel: 'DAPI' }] } });
    expect(moved && 'notApplied' in moved ? moved.notApplied?.join(' ') : '').toMatch(/FITC keeps the power/);
    const three = [start([{ config: 'DAPI' }, { config: 'FITC' }, { config: 'Cy5' }]), change({ kind: 'dropChannel', channel: 'FITC' })];
    expect(retargetedChange('no, the other channel', three, DEMO_CONFIG)).toMatchObject({ ask: expect.stringMatching(/Which channel/) });
    // (a value said is a correction of the value, another reader's; a question is no correction)
    expect(retargetedChange('no, I meant 20%', earlier, DEMO_CONFIG)).toBeUndefined();
    expect(retargetedChange('is the other channel still on?', earlier, DEMO_CONFIG)).toBeUndefined();
    expect(retargetedChange('no, image the dapi every 2 min', earlier, DEMO_CONFIG)).toBeUndefined();
  });
});

describe('the last change taken back', () => {
  it('reads "like before" and "the previous <setting>" as taking it back', () => {
    expect(takesBackTheLast('ok make things like they were')).toBe(true);
    expect(takesBackTheLast('set it the way it was before')).toBe(true);
    expect(takesBackTheLast('back to the old lens please')).toBe(true);
    expect(takesBackTheLast('make it brighter')).toBe(false);
  });

  it('sets the objective back to the one the start named', () => {
    const earlier = [start([{ config: 'FITC' }], '10X'), change({ kind: 'objective', objective: '20X' })];
    expect(routeMicroscopeRequest('switch back to the previous magnification', { acquisitionRunning: true, earlier, config: DEMO_CONFIG })).toMatchObject({ args: { changes: [{ kind: 'objective', objective: '10X' }] } });
  });
});
