// Helper G's microscope leftovers of stop 51, each a general mechanism (plan-only, no movies).
import { beforeAll, describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { parseRule } from '../../../src/agent/acquisitionLanguage/rules.ts';
import { parseZPlan } from '../../../src/agent/acquisitionLanguage/space.ts';
import { labShorthand } from '../../../src/agent/acquisitionLanguage/words.ts';
import { withConditionNamed } from '../../../src/agent/planner/conditionForms.ts';
import { loadAcquisitionWords } from '../planner/planOffline.ts';
import { fourPositions, route } from './runningAcquisition.ts';

beforeAll(loadAcquisitionWords);
const idle = (text: string) => routeMicroscopeRequest(text, {}) as { tool?: string; args?: Record<string, unknown>; ask?: string; notApplied?: string[] } | undefined;

describe('with nothing running, a grid of a channel wished for or said as its own verb is a grid acquisition', () => {
  it.each(['I want a 3x3 tile of this area in GFP', 'tile 3x3 around here with the green channel', 'montage 2 by 2 around here with DAPI please'])('%s', (text) => {
    const routed = idle(text);
    expect(routed?.tool).toBe('start_acquisition');
    expect((routed?.args?.plan as { gridPlan?: unknown }).gridPlan).toBeDefined();
  });
});

describe('a focus problem said of one position while running is one autofocus, the answer naming the position', () => {
  it.each(['we lost focus on pos 1', 'position 2 is out of focus', 'the image is blurry at position 2'])('%s', (text) => {
    const routed = route(text, fourPositions) as { args?: unknown; notApplied?: string[] };
    expect(routed.args).toEqual({ changes: [{ kind: 'autofocus' }] });
    expect(routed.notApplied?.join(' ')).toMatch(/position \d.*every position/);
  });
});

describe('up or down by a focus-sized step with no axis named is asked, never a stage move', () => {
  it('"go up 5 microns then snap DAPI" asks and takes no picture', () => {
    expect(idle('go up 5 microns then snap DAPI')).toMatchObject({ ask: expect.stringMatching(/focus \(z\) or the stage \(y\).*no picture/) });
  });
  it('said beside the focus, it is the focus', () => {
    expect(idle('focus is off, go up 2 microns')?.args).toMatchObject({ zUm: 2 });
  });
  it('the focus or the stage named still moves it', () => {
    expect(idle('move the stage 5 um up')?.args).toMatchObject({ yUm: -5 });
    expect(idle('move down 0.1 mm')?.args).toMatchObject({ yUm: 100 });
  });
});

describe('a stop on cells rounding up is asked, never a stop at the first division', () => {
  it('stop automatically if the cells round up', () => {
    expect(() => parseRule('stop automatically if the cells round up')).toThrow(/round up.*nothing was set up/);
  });
  it('another action on rounding up stays a division rule', () => {
    expect(parseRule('when cells round up, image faster', undefined, { intervalS: 300 }).trigger.kind).toBe('division');
  });
  it('a plan with a step that watches the condition itself gets no "could not check it" line', () => {
    const plan: { steps: { tool: string }[]; notes?: string[] } = { steps: [{ tool: 'start_acquisition' }, { tool: 'add_rule' }] };
    expect(withConditionNamed(plan, 'more than 300 cells', (tool) => tool === 'add_rule')).toBe(plan);
    expect(withConditionNamed(plan, 'more than 300 cells').notes?.[0]).toMatch(/could not check/);
  });
});

describe('leftovers', () => {
  it('"every other minute" is every 2 min', () => {
    expect(labShorthand('DAPI every other minute for half an hour')).toMatch(/every 2 minutes/);
  });
  it('"Z-stack 20 µm, 41 steps": 41 planes, 0.5 µm apart', () => {
    expect(parseZPlan('z-stack 20 µm, 41 steps')).toEqual({ rangeUm: 20, stepUm: 0.5 });
  });
  it('a bare objective with a polite word is that objective', () => {
    expect(idle('20x please')).toMatchObject({ tool: 'move_stage', args: { objective: '20X' } });
  });
});

describe('a polite ask to stop, "please" at the end', () => {
  it.each(['could you stop please?', 'can you stop it now?'])('%s', (text) => {
    expect(route(text)?.tool).toBe('stop_acquisition');
  });
});
