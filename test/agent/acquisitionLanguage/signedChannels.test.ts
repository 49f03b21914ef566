import { describe, expect, it } from 'vitest';
import { withSignedChannels } from '../../../src/agent/acquisitionLanguage/signedChannels.ts';

describe('withSignedChannels', () => {
  it('reads a plus or a minus before a channel as add or drop', () => {
    expect(withSignedChannels('+DIC')).toBe('add DIC');
    expect(withSignedChannels('-draq5 please')).toBe('drop draq5 please');
    expect(withSignedChannels('+ venus, − tdtomato')).toBe('add venus, drop tdtomato');
    expect(withSignedChannels('+trans -hoechst')).toBe('add trans and drop hoechst');
  });
  it('leaves a sign before an amount, a word inside a name and a list bullet alone', () => {
    expect(withSignedChannels('venus +30%')).toBe('venus +30%');
    expect(withSignedChannels('-15 % on the 405')).toBe('-15 % on the 405');
    expect(withSignedChannels('H2B-GFP cells')).toBe('H2B-GFP cells');
    expect(withSignedChannels('- interval 2 min\n- hoechst off')).toBe('- interval 2 min\n- hoechst off');
  });
});
