import { beforeAll, describe, expect, it } from 'vitest';
import { askedDeclaredResult, declaredResultAnswer, type DeclaringTool } from '../../../src/agent/planner/declaredResults.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { catalogue, loadAcquisitionWords, toolsOf } from './planOffline.ts';
import { selfOf } from '../../../src/agent/planner/catalogue.ts';

beforeAll(loadAcquisitionWords);
const tools = () => [...catalogue.keys()].map((t): [string, DeclaringTool | undefined] => [t, selfOf(t, catalogue)]);

describe('a value a step declares, asked by its own words (declaredResults.ts)', () => {
  it.each([
    "what's the bleaching half-life?", 'what is the photobleaching rate?', 'how fast does the signal bleach?', 'how quickly does the GFP fade?',
    'what is the half life of the bleaching?', 'How rapidly do the cells bleach?',
  ])('%s: the step that declares it runs, no object measured or tracked', (q) => {
    expect(askedDeclaredResult(q, tools())?.key).toMatch(/^halfLife/);
    const steps = toolsOf(q);
    expect(steps).toHaveLength(1);
    expect(steps).not.toContain('segment');
    expect(steps).not.toContain('track');
  });
  it.each(['how fast do the cells move?', 'is there photobleaching?', 'how long do the tracks last?', 'what is the mean speed of the tracks?', 'how fast do the nuclei grow?'])(
    '%s: no declared result of another step',
    (q) => expect(askedDeclaredResult(q, tools())).toBeUndefined(),
  );
  it('answers from the latest step that reported it, per channel, with the sibling unit and what none means', () => {
    const declaring = (t: string) => selfOf(t, catalogue);
    const result = (values: Record<string, unknown>) => ({ tool: 'correct_bleach', ok: true, args: {}, summary: '', values, artifacts: [] }) as unknown as PastResult;
    expect(declaredResultAnswer('what is the bleaching rate?', [result({ halfLifeFrames: [22.8], halfLifeS: [1368] })], declaring)).toMatch(/half-life[^:]*: 22\.8 frames \(22\.8 min\)/i);
    // (a time in s said in the unit asked, else in the one that fits it)
    expect(declaredResultAnswer('what is the bleaching rate?', [result({ halfLifeFrames: [22.8], halfLifeS: [1368] })], declaring, 's')).toMatch(/\(1368 s\)/);
    expect(declaredResultAnswer('what is the bleaching rate?', [result({ halfLifeFrames: [2], halfLifeS: [60] })], declaring, 'min')).toMatch(/\(1 min\)/);
    expect(declaredResultAnswer('how fast does it bleach?', [result({ halfLifeFrames: [10, null] })], declaring)).toMatch(/channel 1: 10 frames, channel 2: none.*\(none where the means do not decay\)/);
    expect(declaredResultAnswer('how fast does it bleach?', [], declaring)).toBeUndefined();
  });
});
