// Questions of stop 51 (helper E): the order of the steps asked yes/no, ranks by ordinal, units asked again, out of scope.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromBoundTools } from '../../../src/agent/planner/catalogue.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { explainStep } from '../../../src/agent/planner/explanations.ts';
import { indexFor } from '../../../src/agent/planner/planner.ts';

const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) })));
const index = indexFor(catalogue);
const step = (tool: string): PastResult => ({ tool, args: {}, ok: true, summary: `${tool} done.`, values: {}, artifacts: [] });

describe('a step asked yes/no against another step ("did you X before Y?")', () => {
  it('answers from the order of the record, never Yes for a step that did not run', () => {
    const noDrift = [step('segment'), step('track')];
    expect(explainStep('did you correct for drift before tracking?', noDrift, index)).toMatch(/^No: correct_drift has not run/);
    const drifted = [step('correct_drift'), step('segment'), step('track')];
    expect(explainStep('did you correct for drift before tracking?', drifted, index)).toMatch(/^Yes: correct_drift ran before track/);
    const late = [step('segment'), step('track'), step('correct_drift')];
    expect(explainStep('have you denoised the movie before segmenting?', late, index)).toMatch(/^No: denoise has not run/);
    expect(explainStep('did you correct the drift before tracking?', late, index)).toMatch(/^No: correct_drift ran after track/);
  });
});

describe('a speed asked with a unit of time alone', () => {
  it('reads the time unit of "avg speed per hour?" (its length the movie\'s own), not of a count per hour', async () => {
    const { askedSpeedTimeUnit } = await import('../../../src/agent/planner/askedUnits.ts');
    expect(askedSpeedTimeUnit('avg speed per hour?')).toBe('h');
    expect(askedSpeedTimeUnit('how fast do they go, per minute?')).toBe('min');
    expect(askedSpeedTimeUnit('mean velocity per second')).toBe('s');
    expect(askedSpeedTimeUnit('how quickly do they divide, in hours?')).toBeUndefined();
    expect(askedSpeedTimeUnit('how many divisions per hour?')).toBeUndefined();
    expect(askedSpeedTimeUnit('µm/min')).toBe('min');
  });
});
