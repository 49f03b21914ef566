// Stop 49 (helper A): a clause told beside a command in one sentence (an observation, or what the speaker will do
// themselves) is no part of the command: "pull the plug on this, the dish is contaminated" stops the run. The time
// someone asks for ("give me two minutes") is a pause that long. "z:" or "in z" names the stack.
import { describe, expect, it } from 'vitest';
import { clausesTold, speakersOwnDoing } from '../../../src/agent/acquisitionLanguage/sentences.ts';
import { parseZPlan } from '../../../src/agent/acquisitionLanguage/space.ts';
import { route, start, toolOf } from './runningAcquisition.ts';

const gfp = start({ channels: [{ config: 'FITC' }], timePlan: { intervalS: 300, durationS: 21600 } });

describe('a clause told beside a command', () => {
  it('is parted from it at a comma, the parts not told staying one', () => {
    expect(clausesTold('pull the plug on this, the dish is contaminated')).toEqual(['pull the plug on this', 'the dish is contaminated']);
    expect(clausesTold('the cells look stressed, drop DAPI, go every 10 min')).toEqual(['the cells look stressed', 'drop DAPI, go every 10 min']);
    expect(clausesTold('GFP, mCherry and DAPI every 5 min')).toEqual(['GFP, mCherry and DAPI every 5 min']);
    // (a condition opening the sentence stays with its action)
    expect(clausesTold('if the cells round up, image faster')).toEqual(['if the cells round up, image faster']);
  });
  it('leaves the command to be read alone', () => {
    expect(toolOf('pull the plug on this, the dish is contaminated', gfp)).toBe('stop_acquisition');
    expect(toolOf("ok we're good, go again", gfp)).toBe('resume_acquisition');
  });
  it("reads what the speaker will do as told, unless it names the microscope's parts", () => {
    expect(speakersOwnDoing('I need to add the drug')).toBe(true);
    expect(speakersOwnDoing("we'll change the medium")).toBe(true);
    expect(speakersOwnDoing('I need to add Cy5')).toBe(false);
    expect(speakersOwnDoing('I want 10 min intervals')).toBe(false);
    expect(speakersOwnDoing('I need to add a position')).toBe(false);
  });
});

describe('the time asked for', () => {
  it('is a pause that long', () => {
    expect(route('give me two minutes, I need to add the drug', gfp)).toEqual({ tool: 'pause_acquisition', args: { forS: 120 } });
    expect(route('give me 5 min', gfp)).toEqual({ tool: 'pause_acquisition', args: { forS: 300 } });
    expect(route('give me a sec', gfp)).toEqual({ tool: 'pause_acquisition', args: {} });
    // (something asked for is no time)
    expect(toolOf('give me the status', gfp)).toBe('microscope_status');
    expect(toolOf('give me a picture', gfp)).not.toBe('pause_acquisition');
  });
});

describe('a stack named by z with a colon or "in z"', () => {
  it('is read with its range and step', () => {
    expect(parseZPlan('z: cover 10 microns in 0.5 um steps')).toEqual({ rangeUm: 10, stepUm: 0.5 });
    expect(parseZPlan('span 6 um in z, 0.3 um steps')).toEqual({ rangeUm: 6, stepUm: 0.3 });
    expect(parseZPlan('cover 10 microns')).toBeUndefined();
  });
});
