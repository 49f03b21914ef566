// Light past the safety limits (brief s32/B): a power over 100 % or an exposure past the camera's limit is planned at
// the limit and said in one line; a cap on the light dose is no command's to set, said, nothing changed.
import { describe, expect, it } from 'vitest';
import { doseCapRefusal, withinLightLimits } from '../../../src/agent/acquisitionLanguage/lightLimits.ts';
import { DEFAULT_LIMITS } from '../../../src/microscope/limits.ts';
import { asked, fourPositions, route } from './runningAcquisition.ts';

describe('withinLightLimits', () => {
  it('clamps every power and exposure at any depth, one line each, and leaves values within the limits alone', () => {
    const { args, notes } = withinLightLimits({ changes: [{ kind: 'power', powerPercent: 150, channel: 'Rhodamine' }, { kind: 'exposure', exposureMs: 20_000 }, { kind: 'power', powerPercent: 30 }] });
    expect(args).toEqual({ changes: [{ kind: 'power', powerPercent: DEFAULT_LIMITS.maxPowerPercent, channel: 'Rhodamine' }, { kind: 'exposure', exposureMs: DEFAULT_LIMITS.maxExposureMs }, { kind: 'power', powerPercent: 30 }] });
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/Rhodamine.*150 %.*100 %/);
    expect(notes[1]).toMatch(/20000 ms.*10000 ms/);
  });

  it('takes the limits given, and leaves a value no limit makes sense of to the tool', () => {
    expect(withinLightLimits({ plan: { channels: [{ config: 'FITC', powerPercent: 60 }] } }, { ...DEFAULT_LIMITS, maxPowerPercent: 50 }).args).toEqual({ plan: { channels: [{ config: 'FITC', powerPercent: 50 }] } });
    expect(withinLightLimits({ powerPercent: -5 })).toEqual({ args: { powerPercent: -5 }, notes: [] });
  });
});

describe('the router plans light within the limits', () => {
  it('clamps a power or exposure said past the limit, names it, and never stops the run', () => {
    const r = route('put the 561 at 150% power', fourPositions) as { tool: string; args: { changes: unknown[] }; notApplied?: string[] };
    expect(r.tool).toBe('adjust_acquisition');
    expect(r.args.changes).toEqual([{ kind: 'power', powerPercent: 100, channel: 'Rhodamine' }]);
    expect(r.notApplied?.join(' ')).toMatch(/150 %.*100 % limit/);
    const e = route('set the dapi exposure to 20 seconds') as unknown as { args: { changes: unknown[] }; notApplied?: string[] };
    expect(e.args.changes).toEqual([{ kind: 'exposure', exposureMs: 10_000, channel: 'DAPI' }]);
    expect(e.notApplied?.join(' ')).toMatch(/10000 ms limit/);
  });

  it('says nothing when the light is within the limits', () => {
    expect((route('put the 561 at 15% power', fourPositions) as { notApplied?: string[] }).notApplied).toBeUndefined();
  });
});

describe('a cap on the light dose', () => {
  it('is refused in one line that names the budget, whatever the words for it', () => {
    for (const words of ['keep the total light dose under 20 J/cm2', 'cap the dose at 50 J/cm²', "the dose mustn't exceed 30"]) expect(asked(words), words).toMatch(/dose budget \(200 J\/cm² per position.*nothing was changed/);
  });

  it('leaves questions and conditions on the dose to the report and the rules', () => {
    expect(doseCapRefusal('is the dose still under the limit?')).toBeUndefined();
    expect(doseCapRefusal('stop if the dose goes above 50 j/cm2')).toBeUndefined();
    expect(doseCapRefusal('how much light have they had')).toBeUndefined();
  });
});
