// A step run again is compared with the step it replaced: the settings changed (as each run had them) and the numbers
// the tool declares among its results, before and after; never a setting the tool chose, never a value one run lacks.
import { describe, expect, it } from 'vitest';
import { comparedValues } from '../../src/agent/stepComparison.ts';

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
});
