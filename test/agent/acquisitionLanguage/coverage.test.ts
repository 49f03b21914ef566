import { describe, expect, it } from 'vitest';
import { coverageOfChanges, mentionsNotUsed } from '../../../src/agent/acquisitionLanguage/coverage.ts';
import type { Adjustment } from '../../../src/microscope/adjustment.ts';

describe('mentionsNotUsed', () => {
  it('finds a channel by dye, laser line or filter band that no change names', () => {
    const changes: Adjustment[] = [{ kind: 'power', powerPercent: 4, channel: 'Rhodamine' }];
    expect(mentionsNotUsed('tdtomato and citrine down to 4 %', changes).map((m) => m.text)).toEqual(['citrine']);
    expect(mentionsNotUsed('the 594 line and the 640 line at 4%', changes).map((m) => m.text)).toEqual(['640']);
    expect(mentionsNotUsed('the 595/40 and the 460/40 at 4%', changes).map((m) => m.kind)).toEqual(['channel']);
    expect(mentionsNotUsed('the 595/40 and the 440/40 at 4%', changes).map((m) => m.kind)).toEqual(['filter']);
  });
  it('keeps a channel said to stay as it is out of the count', () => {
    const changes: Adjustment[] = [{ kind: 'dropChannel', channel: 'DAPI' }];
    expect(mentionsNotUsed('lose the hoechst but keep venus', changes)).toEqual([]);
    expect(mentionsNotUsed('lose the hoechst, continue with venus only', changes)).toEqual([]);
  });
  it('counts a channel by its number as used when a change names a channel', () => {
    expect(mentionsNotUsed('lower ch 3 to 2%', [{ kind: 'power', powerPercent: 2, channel: '3' }])).toEqual([]);
    expect(mentionsNotUsed('skip the third channel at site 4', [{ kind: 'dropPosition', position: '4' }]).map((m) => m.kind)).toEqual(['channel']);
  });
  it('finds scopes of planes, positions and time points no change takes', () => {
    const light: Adjustment[] = [{ kind: 'exposure', exposureMs: 90, channel: 'FITC' }];
    expect(mentionsNotUsed('venus 90 ms on the lowest slice', light).map((m) => m.kind)).toEqual(['plane']);
    expect(mentionsNotUsed('venus 90 ms in every plane, at all sites', light)).toEqual([]);
    expect(mentionsNotUsed('venus 90 ms at site 3', light).map((m) => m.kind)).toEqual(['position']);
    expect(mentionsNotUsed('venus 90 ms for the next 4 frames', light).map((m) => m.kind)).toEqual(['timePoints']);
    expect(mentionsNotUsed('venus 90 ms for the next 4 frames', [...light, { kind: 'pause', forS: 60 }])).toEqual([]);
  });
});

describe('coverageOfChanges', () => {
  it('asks, changing nothing, when a scope no change takes was said', () => {
    const r = coverageOfChanges('raise citrine to 9% at site 3', [{ kind: 'power', powerPercent: 9, channel: 'FITC' }]);
    expect(r && 'ask' in r && r.ask).toMatch(/"site 3".*nothing was changed/);
  });
  it('asks when a drop leaves a named channel out', () => {
    const r = coverageOfChanges('skip the third channel at site 4', [{ kind: 'dropPosition', position: '4' }]);
    expect(r && 'ask' in r && r.ask).toMatch(/nothing was changed/);
  });
  it('names in one line a channel an added or set channel left out', () => {
    const r = coverageOfChanges('add draq5 and the 440/40', [{ kind: 'addChannel', channel: 'Cy5' }]);
    expect(r && 'notApplied' in r && r.notApplied).toMatch(/^Not applied: "440\/40".*filter band/);
  });
  it('says nothing when every part is used', () => {
    expect(coverageOfChanges('calcein to 3 percent', [{ kind: 'power', powerPercent: 3, channel: 'FITC' }])).toBeUndefined();
  });
});
