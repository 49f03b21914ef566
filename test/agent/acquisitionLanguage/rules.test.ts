import { describe, expect, it } from 'vitest';
import { parseRule } from '../../../src/agent/acquisitionLanguage/rules.ts';

describe('parseRule without a mark between condition and action', () => {
  it('cuts where both halves read, a trigger then an action', () => {
    const r = parseRule('each time a nucleus splits add far red');
    expect(r.trigger.kind).toBe('division');
    expect(r.action).toMatchObject({ kind: 'addChannel', channel: 'Cy5' });
    expect(r.text).toBe('each time a nucleus splits add far red');
    expect(parseRule('if fewer than 40 cells remain halt').trigger).toMatchObject({ kind: 'cellCount', comparison: 'below', threshold: 40 });
  });
  it('still refuses words with no trigger it can watch', () => {
    expect(() => parseRule('whenever the weather turns bad zoom in')).toThrow(/trigger/);
  });
});
