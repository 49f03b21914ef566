// The microscope with nothing running, in people's words (brief s50/A): a question about the run in microscope words is
// the status report (never a plot of a "still image"); the rules the acquisition language reads as removed or listed
// are removed or listed, though the word "rule" matched the tool that adds one; "have I got set up" asks about the rules;
// a move said before a snap is made before it.
import { beforeAll, describe, expect, it } from 'vitest';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { asSaid, catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const addedRule = { tool: 'add_rule', args: { rule: { text: 'when a cell divides image every 30 s for 10 min', trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 30 }, holdS: 600 }, confirm: false }, ok: true, summary: 'rule-1', values: {}, artifacts: [] };
const afterARule = (request: string) => planRequest({ request, artifactsAtStart: [], earlier: [addedRule], current: [], earlierRequests: ['when a cell divides image every 30 s for 10 min'] }, catalogue);

describe('an idle microscope in people\'s words', () => {
  it('a question whether it still images is the status report', () => {
    expect(asSaid.toolsOf('is it still imaging?', [])).toEqual(['microscope_status']);
    expect(asSaid.toolsOf('is it still imaging or has it stopped?', [])).toEqual(['microscope_status']);
  });
  it('removes the rule the words point at, whatever tool the word "rule" matched', () => {
    expect(afterARule('get rid of that division rule').steps.map((s) => [s.tool, s.args.ruleId])).toEqual([['remove_rule', 'rule-1']]);
    expect(afterARule('actually remove that rule').steps.map((s) => s.tool)).toEqual(['remove_rule']);
  });
  it('lists the rules asked about with a verb of making after the subject', () => {
    expect(asSaid.toolsOf('what rules have I got set up?', [])).toEqual(['list_rules']);
    expect(asSaid.toolsOf('which triggers did we set?', [])).toEqual(['list_rules']);
  });
  it('makes a stage or focus move said before a snap first, never drops it', () => {
    expect(asSaid.plan('move 300 um to the left and take a brightfield picture', []).steps.map((s) => [s.tool, s.args])).toEqual([['move_stage', { xUm: -300, relative: true }], ['snap', { channel: 'Brightfield' }]]);
    expect(asSaid.toolsOf('focus down 2 um, then snap a DAPI image', [])).toEqual(['move_stage', 'snap']);
  });
  it('says the acquisition language\'s question about a command no tool\'s words matched, never "not understood"', () => {
    expect(asSaid.said('turn off all the rules', [])).toMatch(/no rule/);
  });
  it('moves the stage by a fraction of a millimetre', () => {
    expect(asSaid.argsOf('move the stage up by half a millimetre', 'move_stage', [])).toEqual({ yUm: -500, relative: true });
  });
});
