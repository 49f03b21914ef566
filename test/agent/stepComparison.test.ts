// A step run again is compared with the step it replaced: the settings changed (as each run had them) and the numbers
// the tool declares among its results, before and after; never a setting the tool chose, never a value one run lacks.
import { describe, expect, it } from 'vitest';
import { comparedValues } from '../../src/agent/stepComparison.ts';
import { comparisonText } from '../../tools/history.ts';

const results = {
  objects: { about: 'objects found over all frames', unit: '' },
  meanAreaPx: { about: 'mean object area', unit: 'px²' },
  objectRadiusPx: { about: 'typical object radius', unit: 'px', setting: true },
  method: { about: 'the method that ran' },
};

describe('comparedValues', () => {
  it('gives the changed setting as each run had it, then the declared numbers both runs report', () => {
    const compared = comparedValues(results, { args: { method: 'auto' }, values: { method: 'otsu', objects: 30, meanAreaPx: 150.5, objectRadiusPx: 7 } }, { args: { method: 'li' }, values: { method: 'li', objects: 34, meanAreaPx: 140, objectRadiusPx: 6 } }, ['method']);
    expect(compared).toEqual([
      { name: 'method', about: 'method', unit: '', before: 'otsu', after: 'li', setting: true },
      { name: 'objects', about: 'objects found over all frames', unit: '', before: 30, after: 34 },
      { name: 'meanAreaPx', about: 'mean object area', unit: 'px²', before: 150.5, after: 140 },
    ]);
  });

  it('leaves out a number one run lacks, and a setting said again with the value it had', () => {
    const compared = comparedValues(results, { args: { target: 'nuclei' }, values: { target: 'nuclei', objects: 30 } }, { args: { target: 'nuclei' }, values: { target: 'nuclei', objects: 30, meanAreaPx: 12 } }, ['target']);
    expect(compared).toEqual([{ name: 'objects', about: 'objects found over all frames', unit: '', before: 30, after: 30 }]);
  });

  it('says "default" for a setting the replaced run neither gave nor reported', () => {
    const compared = comparedValues({}, { args: {}, values: {} }, { args: { sigmaPx: 2 }, values: {} }, ['sigmaPx']);
    expect(compared).toEqual([{ name: 'sigmaPx', about: 'sigmaPx', unit: '', before: 'default', after: 2, setting: true }]);
  });

  it('gives each run\'s number in the unit it reported, and does not compare numbers of two units', () => {
    const speed = { meanSpeed: { about: 'mean speed', unit: 'px/frame' } };
    const calibrated = { lengthUnit: 'µm', timeUnit: 'min' };
    expect(comparedValues(speed, { args: {}, values: { meanSpeed: 0.286, ...calibrated } }, { args: {}, values: { meanSpeed: 0.286, ...calibrated } }, [])).toEqual([{ name: 'meanSpeed', about: 'mean speed', unit: 'µm/min', before: 0.286, after: 0.286 }]);
    const changed = comparedValues(speed, { args: {}, values: { meanSpeed: 1.79, lengthUnit: 'px', timeUnit: 'frame' } }, { args: {}, values: { meanSpeed: 0.286, ...calibrated } }, []);
    expect(changed).toEqual([{ name: 'meanSpeed', about: 'mean speed', unit: 'µm/min', unitBefore: 'px/frame', before: 1.79, after: 0.286 }]);
    expect(comparisonText([{ oldStep: 's1', newStep: 's2', tool: 'measure', artifacts: {}, compared: changed }])).toContain('mean speed: 1.79 px/frame → 0.286 µm/min (units changed with the calibration)');
  });
});
