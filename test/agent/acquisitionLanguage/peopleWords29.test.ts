// People's wording of acquisitions (brief s29/B), read in general forms, each with variants of its
// class that are in no eval file: a rate said as a count in a span ("three times a day", "one image
// per 20 s"); an exposure in seconds said before its noun ("a 0.3 s exposure"); a channel's level
// as a rule's trigger with no word for intensity; a grid "N by M" at each position (never a position
// number); an end said twice ("wrap up after this time point and end it").
import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/index.ts';
import { parseRule } from '../../../src/agent/acquisitionLanguage/rules.ts';
import { timeSpans } from '../../../src/agent/acquisitionLanguage/requests.ts';
import { exposuresIn } from '../../../src/agent/acquisitionLanguage/words.ts';
import { mentionsNotUsed } from '../../../src/agent/acquisitionLanguage/coverage.ts';
import { route } from './runningAcquisition.ts';

const idle = (text: string) => routeMicroscopeRequest(text, { acquisitionRunning: false }) as { tool?: string; args: { plan?: { channels: Record<string, unknown>[]; timePlan: Record<string, number> } } };

describe('a rate of imaging', () => {
  it('is a count of time points in a span, never the span as the interval', () => {
    expect(timeSpans('image dapi three times a day for a week')).toEqual({ intervalS: 28800, durationS: 604800 });
    expect(timeSpans('one image per 20 s for 10 min')).toEqual({ intervalS: 20, durationS: 600 });
    expect(timeSpans('once every 4 hours for 2 days')).toEqual({ intervalS: 14400, durationS: 172800 });
    // (an imaging verb before "every" is no count)
    expect(timeSpans('image every 3 hours for 2 days')).toEqual({ intervalS: 10800, durationS: 172800 });
  });
  it('starts an acquisition with no "every" said', () => {
    const r = idle('film mCherry four times an hour for 6 hours');
    expect(r.tool).toBe('start_acquisition');
    expect(r.args.plan?.timePlan).toEqual({ intervalS: 900, durationS: 21600 });
  });
});

describe('an exposure in seconds said before its noun', () => {
  it('is read wherever it stands, in ms', () => {
    expect(exposuresIn('a 0.3 s exposure and 20 ms for DAPI').map((e) => e.ms)).toEqual([300, 20]);
    const r = idle('image Cy5 every 10 min for 3 h, 0.25 sec exposure');
    expect(r.tool).toBe('start_acquisition');
    expect(r.args.plan?.channels).toEqual([{ config: 'Cy5', exposureMs: 250 }]);
  });
});

describe("a channel's level as a rule's trigger", () => {
  it('is its mean intensity', () => {
    expect(parseRule('if the Cy5 drops under 300, stop').trigger).toMatchObject({ kind: 'meanIntensity', channel: 'Cy5', comparison: 'below', threshold: 300 });
    // (cells named: a count, as before)
    expect(parseRule('once there are more than 50 GFP cells, stop').trigger).toMatchObject({ kind: 'cellCount' });
  });
});

describe('a grid said "N by M" of each position', () => {
  it('names no position', () => {
    expect(mentionsNotUsed('tile every position 4 by 2', [{ kind: 'grid', grid: { rows: 4, columns: 2 } }])).toEqual([]);
    expect(mentionsNotUsed('drop position 2', [{ kind: 'grid', grid: { rows: 2, columns: 2 } }]).map((m) => m.kind)).toEqual(['position']);
  });
});

describe('an end said twice', () => {
  it('is one stop, after the time point when one of them says so', () => {
    expect(route('wrap up after the current time point and end it')).toMatchObject({ tool: 'stop_acquisition', args: { finishTimepoint: true } });
    expect(route('stop, end it now')?.tool).toBe('stop_acquisition');
  });
});
