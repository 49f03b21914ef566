import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approveAll, gate, refuseAll } from '../../src/agent/approval.ts';
import { createToolContext } from '../../src/agent/artifacts.ts';
import { defineTool, type ToolSpec } from '../../tools/types.ts';
import { Agent } from '../../src/agent/loop.ts';
import { Session } from '../../src/agent/session.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { MicroscopeSession } from '../../src/microscope/session.ts';
import { VirtualClock } from '../../src/microscope/clock.ts';
import { ScriptedChatModel } from './scriptedModel.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-approval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = createToolContext({ sessionDir: dir, state: new Map() });
const risky = defineTool({
  name: 'risky',
  description: 'test',
  schema: z.object({ factor: z.number() }),
  needsApproval: (args) => ((args.factor as number) > 2 ? `raise the light ${args.factor}x` : undefined),
  async run() {
    return { summary: 'ran', artifacts: [], values: {} };
  },
}) as unknown as ToolSpec;

describe('the approval gate', () => {
  it('asks only when the tool says so, and a no (or no one to ask) refuses in one line', async () => {
    const asked: string[] = [];
    const ask = async (r: { action: string }) => (asked.push(r.action), false);
    expect(await gate(risky, { factor: 1.5 }, ctx, ask)).toBeUndefined();
    expect(await gate(risky, { factor: 3 }, ctx, ask)).toBe('not done: you declined to raise the light 3x');
    expect(asked).toEqual(['raise the light 3x']);
    expect(await gate(risky, { factor: 3 }, ctx, refuseAll())).toBe(`not done: "raise the light 3x" needs a person's confirmation: answer y when the chat asks, or run again with --yes`);
    expect(await gate(risky, { factor: 3 }, ctx, approveAll())).toBeUndefined();
    expect(await gate(risky, { factor: 3 }, ctx, undefined)).toBeUndefined(); // a person calling the tool directly
  });

  it("an LLM's own confirm: true does not activate a rule, nor its stop end the run, without a person", async () => {
    const session = Session.create({ root: dir, id: 'llm' });
    const microscope = new MicroscopeSession({ clock: new VirtualClock() });
    session.state.set('microscope', microscope);
    const rule = { trigger: { kind: 'division' }, action: { kind: 'setInterval', intervalS: 30 }, holdFrames: 10 };
    const model = new ScriptedChatModel([{ tool: 'add_rule', args: { rule, confirm: true } }, { tool: 'remove_rule', args: { ruleId: 'rule-1' } }, { text: 'Activated.' }]);
    const asked: string[] = [];
    const agent = new Agent({ session, tools: ALL_TOOLS, model, modelName: 'openai:scripted', approve: async (r) => (asked.push(r.action), false) });
    const turn = await agent.ask('watch for divisions');
    expect(turn.toolCalls.map((c) => [c.tool, c.status])).toEqual([['add_rule', 'error'], ['remove_rule', 'error']]);
    expect(turn.toolCalls[0].summary).toMatch(/not done: you declined to activate a self-driving rule/);
    expect(asked[1]).toBe('delete the self-driving rule rule-1');
    expect(microscope.rules).toHaveLength(0);
  });

  it('`cellpilot ask` does nothing risky without --yes, and says how to confirm', async () => {
    const repo = resolve(import.meta.dirname, '..', '..');
    const env = { ...process.env, CELLPILOT_SESSIONS: join(dir, 'sessions'), CELLPILOT_MICROSCOPE_CLOCK: 'virtual' };
    const ask = async (...args: string[]) => {
      try {
        const out = await promisify(execFile)('node', [join(repo, 'bin/cellpilot.js'), 'ask', ...args], { env });
        return { code: 0, ...out };
      } catch (err) {
        return err as { code: number; stdout: string; stderr: string };
      }
    };
    // (deleting a rule always needs a yes; stopping an acquisition only while one runs, which no earlier `ask` keeps)
    const without = await ask('delete rule-1', '--session', 'A');
    expect(without.stderr).toMatch(/not done: "delete the self-driving rule rule-1" needs confirmation: run again with --yes to confirm it/);
    const withYes = await ask('delete rule-1', '--session', 'A', '--yes');
    expect(withYes.stderr).toMatch(/confirmed by --yes: delete the self-driving rule rule-1/);
    expect(withYes.stdout + withYes.stderr).toMatch(/no rule called rule-1/); // it ran: there was no such rule
  }, 60_000);
});
