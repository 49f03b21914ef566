// The unit of a value: declared by its tool, else named at the end of its key.
import { describe, expect, it } from 'vitest';
import { unitOfName, valueUnit } from '../../src/agent/valueUnits.ts';

describe('units of values', () => {
  it('reads the unit a name ends with', () => {
    expect(unitOfName('objectRadiusPx')).toBe('px');
    expect(unitOfName('minAreaPx2')).toBe('px²');
    expect(unitOfName('cellMotionPxPerFrame')).toBe('px/frame');
    expect(unitOfName('frameIntervalS')).toBe('s');
    expect(unitOfName('exposureMs')).toBe('ms');
    expect(unitOfName('maxLagFrames')).toBe('frames');
    expect(unitOfName('fieldLostPercent')).toBe('%');
    for (const k of ['objects', 'threshold', 'tracks', 'areaMin']) expect(unitOfName(k), k).toBeUndefined();
  });

  it('prefers the declared unit, in the calibrated unit the step reported', () => {
    const tool = { results: { meanSpeed: { unit: 'px/frame' }, count: { unit: '' } } } as never;
    expect(valueUnit(tool, 'meanSpeed', { speedUnit: 'µm/min' })).toBe('µm/min');
    expect(valueUnit(tool, 'count', {})).toBe('');
    expect(valueUnit(tool, 'objectRadiusPx', {})).toBe('px');
  });
});
