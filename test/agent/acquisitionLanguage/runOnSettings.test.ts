// Settings written one after another without a comma are each read (brief s55/M, issue 11); a value naming the
// setting after it ("5% power", "a 6 µm z-stack") stays whole.
import { describe, expect, it } from 'vitest';
import { withRunOnSettingsApart } from '../../../src/agent/acquisitionLanguage/runOnSettings.ts';
import { changes } from './runningAcquisition.ts';

describe('withRunOnSettingsApart', () => {
  it('ends a setting where its value runs on into the next setting with its own value', () => {
    expect(withRunOnSettingsApart('interval 10min exposure 30ms')).toBe('interval 10min, exposure 30ms');
    expect(withRunOnSettingsApart('exposure 30 ms interval 10 min')).toBe('exposure 30 ms, interval 10 min');
  });

  it('keeps a value that names the setting after it', () => {
    expect(withRunOnSettingsApart('GFP at 5% power on the 488')).toBe('GFP at 5% power on the 488');
    expect(withRunOnSettingsApart('add a 6 µm z-stack with 1 µm steps')).toBe('add a 6 µm z-stack with 1 µm steps');
    expect(withRunOnSettingsApart('GFP every 5 min for 2 h with 0.1 s exposure')).toBe('GFP every 5 min for 2 h with 0.1 s exposure');
  });

  it('lets the change reader apply both settings', () => {
    expect(changes('interval 10 min exposure 30 ms')).toEqual([{ kind: 'interval', intervalS: 600 }, { kind: 'exposure', exposureMs: 30 }]);
  });
});
