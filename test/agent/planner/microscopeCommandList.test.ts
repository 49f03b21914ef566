import { describe, expect, it } from 'vitest';
import { eachCommandPlanned } from '../../../src/agent/planner/microscopeCommandList.ts';
import type { Plan } from '../../../src/agent/planner/types.ts';

// a stand-in for the planner of one clause: the microscope commands it knows by their verb
const planPart = (words: string): Plan => {
  const tool = /^stop/i.test(words) ? 'stop_acquisition' : /^(?:then\s+)?pause/i.test(words) ? 'pause_acquisition' : /snap/i.test(words) ? 'snap' : /carry on|resume/i.test(words) ? 'resume_acquisition' : /what frame|when will/i.test(words) ? 'microscope_status' : /segment/i.test(words) ? 'segment' : undefined;
  return tool ? { steps: [{ tool, args: {}, clause: words }] } : { steps: [], reply: 'not understood' };
};
const roles = { isMicroscopeTool: (tool: string) => tool !== 'segment', endsTheRun: (tool: string) => tool === 'stop_acquisition', changesNothing: (tool: string) => ['snap', 'microscope_status'].includes(tool) };
const tools = (p: Plan) => p.steps.map((s) => s.tool);

describe('a list of commands to a running acquisition', () => {
  it('is carried out command by command, in the order said', () => {
    const whole: Plan = { steps: [{ tool: 'snap', args: {}, clause: '' }] };
    expect(tools(eachCommandPlanned('pause, snap a brightfield image, then carry on', whole, planPart, roles))).toEqual(['pause_acquisition', 'snap', 'resume_acquisition']);
    expect(tools(eachCommandPlanned('pause the acquisition, what frame are we at?', { steps: [{ tool: 'microscope_status', args: {}, clause: '' }] }, planPart, roles))).toEqual(['pause_acquisition', 'microscope_status']);
  });

  it('keeps the whole reading when a part is no microscope command, a condition, or adds nothing', () => {
    const whole: Plan = { steps: [{ tool: 'snap', args: {}, clause: '' }] };
    expect(eachCommandPlanned('snap an image and segment it', whole, planPart, roles)).toBe(whole);
    expect(eachCommandPlanned('snap an image, and if it is dim pause', whole, planPart, roles)).toBe(whole);
    expect(eachCommandPlanned('snap an image and snap again', whole, planPart, roles)).toBe(whole);
    const pause: Plan = { steps: [{ tool: 'pause_acquisition', args: {}, clause: '' }] };
    expect(eachCommandPlanned('stop acquiring for now; resume it later', pause, planPart, roles)).toBe(pause);
    expect(eachCommandPlanned('pause it, it is fading', { steps: [{ tool: 'pause_acquisition', args: {}, clause: '' }] }, planPart, roles).steps).toHaveLength(1);
  });
});
