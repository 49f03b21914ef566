// Which rule words point at (stop 20): "turn off that rule" is the rule last added or talked
// about; after a list of several, none stands out and the rules are listed and asked about;
// "the last one", "the division rule", "all rules"; words pointing back right after a rule.
import { describe, expect, it } from 'vitest';
import { rulesMeant, rulesSeen } from '../../../src/agent/acquisitionLanguage/ruleReference.ts';
import { route, threeChannels } from './runningAcquisition.ts';

const division = { tool: 'add_rule', args: { rule: { trigger: { kind: 'division' }, action: { kind: 'autofocus' } }, confirm: false } };
const count = { tool: 'add_rule', args: { rule: { trigger: { kind: 'cellCount', comparison: 'above', threshold: 80 }, action: { kind: 'setInterval', intervalS: 1200 } }, confirm: false } };
const list = { tool: 'list_rules', args: {} };
const status = { tool: 'microscope_status', args: {} };
const after = (...steps: { tool: string; args: Record<string, unknown> }[]) => [...threeChannels, ...steps];

describe('the rules a conversation set up', () => {
  it('numbers them as the session does, keeps an activated one\'s id, and forgets a removed one', () => {
    const activated = { tool: 'add_rule', args: { ruleId: 'rule-1', confirm: true } };
    const seen = rulesSeen(after(division, activated, count, { tool: 'remove_rule', args: { ruleId: 'rule-1' } }));
    expect(seen.rules.map((r) => r.id)).toEqual(['rule-2']);
    expect(seen.rules[0].description).toMatch(/number of cells goes above 80/);
  });
  it('takes the id a step reported over its own count', () => {
    expect(rulesSeen([{ ...division, values: { ruleId: 'rule-7', description: 'When a cell divides, refocus.' } }, count]).rules.map((r) => r.id)).toEqual(['rule-7', 'rule-8']);
  });
});

describe('a rule removed by words that do not say its id', () => {
  it('removes the rule last added for "that rule"', () => {
    expect(route('turn off that rule', after(division))).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
    expect(route('turn off that rule', after(division, count))).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-2' } });
    expect(route('cancel the rule', after(division, status))).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
  });
  it('asks which, listing them, when several were just listed and none stands out', () => {
    const r = route('disable that rule', after(division, count, list)) as { ask: string; tool?: string };
    expect(r.tool).toBeUndefined();
    expect(r.ask).toMatch(/Which rule\? There are 2: rule-1 \(When a cell divides.*rule-2 \(When the number of cells.*nothing was removed/);
  });
  it('reads the order, what the rule watches, and all of them', () => {
    expect(rulesMeant('remove the first one', after(division, count))).toEqual({ ruleIds: ['rule-1'] });
    expect(rulesMeant('get rid of the count rule', after(division, count))).toEqual({ ruleIds: ['rule-2'] });
    expect(route('remove the division rule', after(division, count))).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
    expect(route('remove all rules', after(division, count))).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' }, then: [{ tool: 'remove_rule', args: { ruleId: 'rule-2' } }] });
  });
  it('reads words pointing back right after a rule or a list of one ("switch it off", "remove the last one")', () => {
    expect(route('switch it off', after(division, list))).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-1' } });
    expect(route('remove the last one', after(division, count))).toEqual({ tool: 'remove_rule', args: { ruleId: 'rule-2' } });
  });
  it('says when there is no rule to remove, removing nothing', () => {
    expect((route('turn off that rule') as { ask: string }).ask).toMatch(/no rule.*removed nothing/);
  });
});
