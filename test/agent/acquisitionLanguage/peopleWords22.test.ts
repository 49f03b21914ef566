// People's wording of commands to a running acquisition (stop 22), read in general forms, each
// with fresh variants of its class (none of them in an eval file): any part of a time unit ("a
// tenth of a second"); exposures in µs; spans written as a clock (h:min:s); an amount taken off a
// setting ("knock 20% off"); two parts switched off and on joined by "and"; several positions with
// the verb's particle at the end ("take positions 3 and 4 out"); coordinates each with its unit; one
// new position added (never the list replaced); rules asked about with a verb of making in the past;
// a rule by what it watches ("the division one"); another value offered for the one just set.
import { describe, expect, it } from 'vitest';
import type { EarlierStep } from '../../../src/agent/acquisitionLanguage/route.ts';
import { asked, changes, fourPositions, route, threeChannels, toolOf, withExposures } from './runningAcquisition.ts';

const after = (...steps: Record<string, unknown>[][]): EarlierStep[] => [...threeChannels, ...steps.map((c) => ({ tool: 'adjust_acquisition', args: { changes: c } }))];
const twoRules: EarlierStep[] = [
  ...threeChannels,
  { tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 60 } } }, values: { ruleId: 'rule-1' } },
  { tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 100 }, action: { kind: 'setInterval', intervalS: 1200 } } }, values: { ruleId: 'rule-2' } },
];

describe('a part of a time unit', () => {
  it('is that share of the unit, for any part a camera exposure is said in', () => {
    expect(changes('Cy5 exposure a twentieth of a second')).toEqual([{ kind: 'exposure', exposureMs: 50, channel: 'Cy5' }]);
    expect(changes('DAPI exposure two tenths of a second')).toEqual([{ kind: 'exposure', exposureMs: 200, channel: 'DAPI' }]);
    expect(changes('GFP exposure a hundredth of a second')).toEqual([{ kind: 'exposure', exposureMs: 10, channel: 'FITC' }]);
  });
});

describe('an exposure in microseconds', () => {
  it('is in ms', () => {
    expect(changes('GFP exposure 800 us')).toEqual([{ kind: 'exposure', exposureMs: 0.8, channel: 'FITC' }]);
    expect(changes('mCherry exposure 750 microseconds')).toEqual([{ kind: 'exposure', exposureMs: 0.75, channel: 'Rhodamine' }]);
    expect(changes('DAPI exposure to 1500 µs')).toEqual([{ kind: 'exposure', exposureMs: 1.5, channel: 'DAPI' }]);
  });
});

describe('a span written as a clock', () => {
  it('reads h:min:s, and min:s or h:min with their unit', () => {
    expect(changes('interval 0:00:30')).toEqual([{ kind: 'interval', intervalS: 30 }]);
    expect(changes('set the interval to 00:10:00')).toEqual([{ kind: 'interval', intervalS: 600 }]);
    expect(changes('every 1:30 min')).toEqual([{ kind: 'interval', intervalS: 90 }]);
  });
  it('leaves a time of day alone (asked, never a span)', () => {
    expect(asked('stop at 14:30')).toMatch(/clock time/);
  });
});

describe('an amount taken off a setting', () => {
  it('reduces the setting by it, never sets the amount as its value', () => {
    expect(changes('knock 20% off the GFP power')).toEqual([{ kind: 'powerFactor', factor: 0.8, channel: 'FITC' }]);
    expect(changes('shave 10 ms off the DAPI exposure', withExposures)).toEqual([{ kind: 'exposure', exposureMs: 20, channel: 'DAPI' }]);
    expect(changes('take 1 min off the interval')).toEqual([{ kind: 'interval', intervalS: 240 }]);
    expect(changes('take a third off the Hoechst exposure')).toEqual([{ kind: 'exposureFactor', factor: 0.666667, channel: 'DAPI' }]);
  });
});

describe('two parts switched off and on, joined by "and"', () => {
  it('is two changes, neither dropped', () => {
    expect(changes('DAPI off and Cy5 on')).toEqual([{ kind: 'dropChannel', channel: 'DAPI' }, { kind: 'addChannel', channel: 'Cy5' }]);
    expect(changes('switch mCherry off and brightfield on')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }, { kind: 'addChannel', channel: 'Brightfield' }]);
    expect(changes('turn GFP off and the far red on')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }, { kind: 'addChannel', channel: 'Cy5' }]);
  });
});

describe('several positions with the verb\'s particle at the end', () => {
  it('drops each of them, never the run', () => {
    const dropped = (text: string) => (changes(text, fourPositions) as { position: string }[]).map((c) => c.position).sort();
    expect(dropped('take positions 3 and 4 out')).toEqual(['3', '4']);
    expect(dropped('positions 1 and 2 off please')).toEqual(['1', '2']);
    expect(dropped('leave positions 2 and 4 out from now')).toEqual(['2', '4']);
  });
});

describe('a position added by its coordinates', () => {
  it('reads each coordinate with its unit', () => {
    expect(changes('add another stage position at (2000 µm, 350 µm)', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 2000, yUm: 350 }]);
    expect(changes('add a point at (2000um, -350um)', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 2000, yUm: -350 }]);
  });
  it('adds one new position to the list, never replaces the list by it', () => {
    expect(changes('new position x = 1200 µm, y = 800 µm', fourPositions)).toEqual([{ kind: 'addPosition', xUm: 1200, yUm: 800 }]);
  });
});

describe('the rules', () => {
  it('are listed when asked about with a verb of making in the past', () => {
    expect(toolOf('what triggers have you set up?', twoRules)).toBe('list_rules');
    expect(toolOf('list the rules we added', twoRules)).toBe('list_rules');
    expect(toolOf('show me the automations you created', twoRules)).toBe('list_rules');
  });
  it('are removed by what they watch: "the division one"', () => {
    expect(route('delete the mitosis one', twoRules)).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
    expect(route('scrap the cell count one', twoRules)).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-2' } });
    // (after another change, not only right after the rule)
    const later: EarlierStep[] = [...twoRules, { tool: 'adjust_acquisition', args: { changes: [{ kind: 'power', powerPercent: 5, channel: 'FITC' }] } }];
    expect(route('get rid of the division one', later)).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
  });
});

describe('another value offered for the one just set', () => {
  it('replaces the value, in its unit', () => {
    expect(changes('a bit more, say 70', after([{ kind: 'exposure', exposureMs: 50, channel: 'FITC' }]))).toEqual([{ kind: 'exposure', exposureMs: 70, channel: 'FITC' }]);
    expect(changes('try 40', after([{ kind: 'exposure', exposureMs: 100, channel: 'Rhodamine' }]))).toEqual([{ kind: 'exposure', exposureMs: 40, channel: 'Rhodamine' }]);
    expect(changes('hmm, 2% then', after([{ kind: 'power', powerPercent: 5, channel: 'DAPI' }]))).toEqual([{ kind: 'power', powerPercent: 2, channel: 'DAPI' }]);
  });
});
