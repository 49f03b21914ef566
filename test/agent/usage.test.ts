// A bare plea for help is answered with how to use cellpilot: what it does, example requests the tools
// declare themselves, and the chat's commands; a question about a method still gets the method notes.
import { describe, expect, it } from 'vitest';
import { AGENT_TOOLS } from '../../src/agent/agentTools.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { asksHowToUse, exampleRequests, usageAnswer } from '../../src/agent/usage.ts';

const helpTool = AGENT_TOOLS.find((t) => t.name === 'help')!;
const declaredExamples = new Set(ALL_TOOLS.flatMap((t) => t.examples ?? []));

describe('asking how to use cellpilot', () => {
  it('tells a plea for help from a question about a method', () => {
    for (const q of ['help', 'Help me please', 'how do I use this?', 'what can I ask you', 'hi, I need some help']) expect(asksHowToUse(q), q).toBe(true);
    for (const q of ['help me pick a denoising method', 'which tracker should I use', 'how do I correct bleaching?', '']) expect(asksHowToUse(q), q).toBe(false);
  });

  it('quotes five to eight requests, each one a tool declares, from different tools', () => {
    const examples = exampleRequests(ALL_TOOLS);
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(examples.length).toBeLessThanOrEqual(8);
    for (const e of examples) expect(declaredExamples.has(e), e).toBe(true);
    expect(new Set(examples).size).toBe(examples.length);
  });

  it('the help tool answers "help" with usage and the chat commands, not a method note', async () => {
    const result = await helpTool.run({ question: 'help' } as never, {} as never);
    expect(result.summary).toBe(usageAnswer(ALL_TOOLS));
    expect(result.summary).toMatch(/\/log/);
    expect(result.summary).toMatch(/\/quit/);
    expect(result.values.topic).toBe('usage');
  });

  it('still answers a method question from the notes', async () => {
    const result = await helpTool.run({ question: 'which denoising method should I use?' } as never, {} as never);
    expect(result.values.topic).not.toBe('usage');
  });
});
