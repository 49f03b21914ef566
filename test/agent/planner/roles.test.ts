// The parts a tool plays in a conversation (advice, a rule to confirm, an acquisition's
// start and stop) come from its own declaration (`role`), and a repeat keeps every choice
// the words do not name: nothing in the planner names a tool.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { planRequest } from '../../../src/agent/planner/planner.ts';
import { defineTool, type ToolSpec } from '../../../tools/types.ts';
import { catalogue, loadAcquisitionWords } from './planOffline.ts';

// an adviser declared here alone, standing in for help
const mentor = defineTool({
  name: 'ask_mentor',
  role: 'advice',
  summary: 'Advises on which analysis method to use.',
  words: ['mentor', 'which method', 'should i', 'advice'],
  examples: ['which method should I use?'],
  consumes: [],
  produces: [],
  results: {},
  description: 'Gives method advice.',
  schema: z.object({ question: z.string().optional().describe('The question') }),
  async run() {
    return { summary: 'advice', artifacts: [], values: {} };
  },
}) as unknown as ToolSpec;

const withoutHelp = catalogueFromTools([...ALL_TOOLS.filter((t) => t.name !== 'help'), mentor]);
const past = (tool: string, args: Record<string, unknown>, values: Record<string, unknown> = {}): PastResult => ({ tool, args, ok: true, summary: '', values, artifacts: [] });
const conversation = (request: string, earlier: PastResult[] = []) => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier, current: [], earlierRequests: [] });

describe('roles a tool declares', () => {
  it('an advice question goes to whichever tool declares the advice role', async () => {
    await loadAcquisitionWords();
    const plan = planRequest(conversation('which segmentation method should I use for dim nuclei?'), withoutHelp);
    expect(plan.steps.map((s) => s.tool)).toEqual(['ask_mentor']);
  });

  it('a yes confirms the rule the tool with the rule role proposed, and a started acquisition is running until stopped', async () => {
    await loadAcquisitionWords();
    const rule = ALL_TOOLS.find((t) => t.role === 'rule')!;
    const proposal = past(rule.name, { rule: { when: 'division' } }, { confirmed: false, ruleId: 'rule-1' });
    expect(planRequest(conversation('yes, activate it', [proposal]), catalogue).steps).toEqual([{ tool: rule.name, args: { ruleId: 'rule-1', rule: { when: 'division' }, confirm: true }, clause: 'yes, activate it' }]);
    const start = ALL_TOOLS.find((t) => t.role === 'start')!;
    const stop = ALL_TOOLS.find((t) => t.role === 'stop')!;
    // while it runs, "could you please stop acquiring the mCherry?" is a command, not a question for the adviser
    const running = [past(start.name, { channels: ['GFP', 'mCherry'] }, { state: 'running' })];
    expect(planRequest(conversation('could you please stop acquiring the mCherry?', running), catalogue).steps.map((s) => s.tool)).not.toContain('help');
    const stopped = [...running, past(stop.name, {}, {})];
    expect(planRequest(conversation('could you please stop acquiring the mCherry?', stopped), catalogue).steps.map((s) => s.tool)).not.toContain(stop.name);
  });
});

describe('a repeat', () => {
  it('keeps a choice the words do not name and takes one they do', async () => {
    await loadAcquisitionWords();
    const earlier = [past('project', { movie: 'movie-1', method: 'mean' })];
    const changes = (request: string) => planRequest(conversation(request, earlier), catalogue).steps[0]?.args.changes;
    // the projection's reader says "max" when no method is named: that is no change
    expect(changes('try again with frames 1-5')).toEqual({ frames: { first: 1, last: 5 } });
    expect(changes('do it again on frames 2-6')).toEqual({ frames: { first: 2, last: 6 } });
    expect(changes('try again with the sum')).toEqual({ method: 'sum' });
  });
});
