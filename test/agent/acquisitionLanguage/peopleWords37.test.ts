// Microscope commands by kinds of sentence (brief s37/B): going on while a watched level holds ("keep imaging while the
// intensity is above 2000; once it dips below, stop") is a rule that stops the run when it no longer does, the comparison
// turned round at the same value; a stop for a span said bare ("stop for 20 min", "stop everything for 15 minutes") is a
// pause that long; a channel paused "for now" beside "I'll tell you when to resume it" is that channel dropped ("when to"
// is no condition); the rest of the run said to go on ("keep everything else running") is no part left unread.
import { describe, expect, it } from 'vitest';
import { whileAsRule } from '../../../src/agent/acquisitionLanguage/rules.ts';
import { changes, route, toolOf } from './runningAcquisition.ts';

const ruleOf = (words: string) => {
  const r = route(words);
  expect(r?.tool, `${words} → ${JSON.stringify(r)}`).toBe('add_rule');
  return (r as unknown as { args: { rule: { trigger: Record<string, unknown>; action: Record<string, unknown> }; confirm: boolean } }).args;
};

describe('going on while a watched level holds', () => {
  it('is a rule that stops the run when the level no longer holds, shown to confirm', () => {
    expect(ruleOf('keep imaging as long as the intensity stays above 2000; once it dips below, stop')).toMatchObject({ rule: { trigger: { kind: 'meanIntensity', comparison: 'below', threshold: 2000 }, action: { kind: 'stop' } }, confirm: false });
    expect(ruleOf('keep imaging while the mean intensity is above 1500; once it falls below that, stop').rule.trigger).toMatchObject({ kind: 'meanIntensity', comparison: 'below', threshold: 1500 });
    expect(ruleOf('carry on as long as there are fewer than 200 cells, then end it').rule.trigger).toMatchObject({ kind: 'cellCount', comparison: 'above', threshold: 200 });
    expect(ruleOf('keep going while there are more than 50 nuclei, stop once it falls under').rule.trigger).toMatchObject({ kind: 'cellCount', comparison: 'below', threshold: 50 });
    expect(ruleOf('keep imaging while the GFP signal is over 800').rule.trigger).toMatchObject({ kind: 'meanIntensity', channel: 'FITC', comparison: 'below', threshold: 800 });
  });

  it('is no such rule when the clause after it says another level or direction', () => {
    expect(whileAsRule('keep imaging while the intensity is above 1500; once it goes above 3000, stop')).toBeUndefined();
    expect(whileAsRule('keep imaging while the intensity is above 1500; once it drops below 900, stop')).toBeUndefined();
    expect(whileAsRule('keep imaging while a cell divides')).toBeUndefined();
    expect(toolOf('keep imaging while the intensity is above 1500; once it goes above 3000, stop')).not.toBe('stop_acquisition');
  });
});

describe('a stop for a span', () => {
  it('is a pause that long, never the end of the run', () => {
    for (const [words, forS] of [['stop for 20 min', 1200], ['stop everything for 15 minutes', 900], ['stop for about half an hour please', 1800]] as const) {
      expect(route(words), words).toEqual({ tool: 'pause_acquisition', args: { forS } });
    }
    expect(toolOf('stop')).toBe('stop_acquisition');
  });
});

describe('one channel paused or ended, the rest going on', () => {
  it('drops that channel; "when to resume it" is no condition and the rest going on is no part left unread', () => {
    expect(changes("pause GFP for now, I'll tell you when to resume it")).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
    expect(changes('end the mCherry imaging; keep everything else running')).toEqual([{ kind: 'dropChannel', channel: 'Rhodamine' }]);
    expect(changes('drop GFP, the others can carry on')).toEqual([{ kind: 'dropChannel', channel: 'FITC' }]);
  });
});
