// Stop 42, helper C (second task): channel operations as Fiji users say them go to the tool that does them or to one
// named line, never to a division or drift step; a tool verb acting on an everyday thing is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { splitClauses } from '../../../src/agent/planner/clauses.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const movie = [{ id: 'movie-1', type: 'movie' }] as never;
const tools = (request: string) => plan(request, movie).steps.map((s) => s.tool);

describe('channel operations', () => {
  it('reads two colours before one plural noun as one phrase', () => {
    expect(splitClauses('align the red and green channels').map((c) => c.text)).toEqual(['align the red and green channels']);
    expect(splitClauses('segment the red and track the green').length).toBe(2);
  });
  it('aligns channels named by colour or fluorophore, never drift', () => {
    for (const r of ['align the red and green channels', 'correct the misalignment between the GFP and mCherry channels']) expect(tools(r), r).toEqual(['align_channels']);
  });
  it('keeps one channel alone with crop, the whole field', () => {
    const steps = plan('just the green channel please', movie).steps;
    expect(steps.map((s) => s.tool)).toEqual(['crop']);
    expect(steps[0].args.channel).toBe('green');
    expect(steps[0].args.$ask).toBeUndefined();
    expect(plan('keep only channel 2', movie).steps[0]?.args.channel).toBe(2);
  });
  it('declines Split Channels, Merge Channels and a composite in one named line', () => {
    for (const r of ['Split Channels please', 'Merge Channels into an RGB image', 'make a composite of the two channels']) {
      const p = plan(r, movie);
      expect(p.steps.map((s) => s.tool), r).not.toContain('detect_divisions');
      expect(p.steps.map((s) => s.tool), r).not.toContain('project');
      expect(p.reply ?? '', r).toMatch(/^Not done: .*channel/);
    }
  });
});
