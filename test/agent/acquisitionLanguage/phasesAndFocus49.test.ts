// Stop 49 (helper A): two phases said in one message ("for the next 90 min every minute, then every 10 min") are the
// first change now and the second made by the tool when the span is over (inS); going back afterwards stays a change
// for a while (forS). The objective raised or lowered by a distance is the focus.
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { phasesSaid } from '../../../src/agent/acquisitionLanguage/phasedChanges.ts';
import { route, start } from './runningAcquisition.ts';

const gfp = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 43200 } });
const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false });

describe('two phases in one message', () => {
  it('are read with the span of the first', () => {
    expect(phasesSaid('for the next 90 min every minute, then every 10 min')).toEqual({ first: 'every minute', spanS: 5400, second: 'every 10 min' });
    expect(phasesSaid('every 2 min for the next hour, then every 10 min')).toEqual({ first: 'every 2 min', spanS: 3600, second: 'every 10 min' });
    expect(phasesSaid('for the next 2 hrs image every minute, then back to normal')).toBeUndefined();
    expect(phasesSaid('drop DAPI, then every 10 min')).toBeUndefined();
  });
  it('make the first change now and the second when the span is over', () => {
    expect(route('for the next 90 min every minute, then every 10 min', gfp)).toEqual({
      tool: 'adjust_acquisition',
      args: { changes: [{ kind: 'interval', intervalS: 60 }] },
      then: [{ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 600 }], inS: 5400 } }],
    });
    // (going back is one change for a while, as before)
    expect(route('for the next 2 hrs image every minute, then back to normal', gfp)).toEqual({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'interval', intervalS: 60 }], forS: 7200 } });
  });
});

describe('the objective moved by a distance', () => {
  it('is the focus moved', () => {
    expect(idle('lower the objective by 3 microns')).toMatchObject({ tool: 'move_stage', args: { zUm: -3, relative: true } });
    expect(idle('raise the objective 2 um')).toMatchObject({ tool: 'move_stage', args: { zUm: 2, relative: true } });
    expect(idle('switch to a lower objective')?.tool).not.toBe('move_stage');
  });
});
