import { describe, expect, it } from 'vitest';
import { routeMicroscopeRequest } from '../../../src/agent/acquisitionLanguage/route.ts';
import { bareHourEndQuestion, clockEndsAsSpans } from '../../../src/agent/acquisitionLanguage/clockTimes.ts';
import { takesBackTheLast } from '../../../src/agent/acquisitionLanguage/undo.ts';
import { cameraPartsApart } from '../../../src/agent/acquisitionLanguage/cameraParts.ts';
import { parseAcquisitionRequest } from '../../../src/agent/acquisitionLanguage/requests.ts';

type Step = { tool: string; args: Record<string, unknown> };
const START: Step = { tool: 'start_acquisition', args: { plan: { channels: [{ config: 'FITC', exposureMs: 100, powerPercent: 10 }, { config: 'Rhodamine', exposureMs: 50 }], timePlan: { intervalS: 300, durationS: 21600 }, stagePositions: [0, 1, 2, 3].map((i) => ({ name: `Pos${i}`, xUm: i * 768, yUm: 0 })) } } };
const change = (...changes: Record<string, unknown>[]): Step => ({ tool: 'adjust_acquisition', args: { changes } });
const running = (text: string, earlier: Step[] = [START]) => routeMicroscopeRequest(text, { acquisitionRunning: true, earlier });
const at = (h: number, m: number) => new Date(2026, 11, 5, h, m, 0, 0);

describe('going to one of the run\'s positions (stop 45)', () => {
  it('is a stage move to the position as the plan names it, never a change of the plan', () => {
    expect(running('go to position 2')).toMatchObject({ tool: 'move_stage', args: { position: 'Pos1' } });
    expect(running('move to the second position')).toMatchObject({ tool: 'move_stage', args: { position: 'Pos1' } });
    expect(running('jump to xy 3')).toMatchObject({ tool: 'move_stage', args: { position: 'Pos2' } });
    expect(running('take me to the last position')).toMatchObject({ tool: 'move_stage', args: { position: 'Pos3' } });
    expect(running('go to the next position')).toMatchObject({ tool: 'move_stage', args: { position: 'next' } });
  });
  it('refuses a position the run does not have, in one line, and leaves drops and moves in µm to their readers', () => {
    expect(running('go to position 9')).toMatchObject({ ask: expect.stringMatching(/4 positions.*no position 9.*not moved/), command: true });
    expect(running('drop position 2')).toMatchObject({ tool: 'adjust_acquisition', args: { changes: [{ kind: 'dropPosition' }] } });
    expect(running('go to position 2 and drop DAPI')?.tool).not.toBe('move_stage');
  });
});

describe('ends at a time of day in any form (stop 45)', () => {
  it('reads the time before the end word, o\'clock and a part of the day', () => {
    expect(clockEndsAsSpans('at 10 pm stop', at(21, 0))).toEqual({ text: 'end in 60 min', notes: [expect.stringMatching(/^22:00 is 1 h from now/)] });
    expect(clockEndsAsSpans('at 22:00, end the run', at(21, 30)).text).toBe('end in 30 min');
    expect(clockEndsAsSpans("stop it at 10 o'clock tonight", at(21, 0)).text).toBe('end in 60 min');
    expect(clockEndsAsSpans("stop at 10 o'clock", at(9, 0)).text).toBe('end in 60 min');
    expect(clockEndsAsSpans('by midnight we are done', at(23, 0)).text).toBe('end in 60 min');
    expect(clockEndsAsSpans('stop at 7 in the morning', at(6, 0)).text).toBe('end in 60 min');
  });
  it('asks which half of the day for a bare hour, with both as spans', () => {
    expect(bareHourEndQuestion('at 11 stop', at(21, 0))).toMatch(/11:00 \(14 h from now\) or 23:00 \(2 h from now\)/);
    expect(bareHourEndQuestion('stop at 5 min', at(21, 0))).toBeUndefined();
    expect(running('end around 6')).toMatchObject({ ask: expect.stringMatching(/Which 6 o'clock/) });
  });
});

describe('taking back the last change (stop 45)', () => {
  it('reads one undo core with what is said around it', () => {
    for (const t of ['hmm no, go back', 'undo that', 'revert the last change', 'scrap that', 'no wait, take that back', 'put it back as it was', 'restore the previous settings', 'oops, roll back please']) expect(takesBackTheLast(t)).toBe(true);
    for (const t of ['go back to the original movie and segment it', 'go back to every 5 min', 'take a snap']) expect(takesBackTheLast(t)).toBe(false);
  });
  it('sets the last change back, a channel dropped or a setting, right after it', () => {
    expect(running('scrap that', [START, change({ kind: 'dropChannel', channel: 'Rhodamine' })])).toMatchObject({ args: { changes: [{ kind: 'addChannel', channel: 'Rhodamine' }] } });
    expect(running('no wait, take that back', [START, change({ kind: 'power', powerPercent: 60, channel: 'FITC' })])).toMatchObject({ args: { changes: [{ kind: 'power', powerPercent: 10, channel: 'FITC' }] } });
    expect(running('please revert the last change', [START, change({ kind: 'duration', durationS: 3600 })])).toMatchObject({ args: { changes: [{ kind: 'duration', durationS: 21600 }] } });
  });
});

describe('what the run is asked in other words (stop 45)', () => {
  it('names a mode this microscope does not have, with what it has, and changes nothing', () => {
    expect(cameraPartsApart('switch to confocal mode').notes[0]).toMatch(/no confocal; it images widefield fluorescence \(DAPI, FITC, Rhodamine, Cy5\)/);
    expect(running('use the spinning disk')).toMatchObject({ ask: expect.stringMatching(/no spinning disk.*Nothing was changed/), command: true });
    expect(cameraPartsApart('segment this confocal movie').notes).toEqual([]);
  });
  it('a focus said to be lost is one autofocus, said; a complaint with its own command is that command', () => {
    expect(running("I think it's out of focus")).toMatchObject({ args: { changes: [{ kind: 'autofocus' }] }, notApplied: [expect.stringMatching(/focus problem/)] });
    expect(running('position 2 is blurry, stop imaging it')).toMatchObject({ args: { changes: [{ kind: 'dropPosition', position: '2' }] } });
  });
  it('an end said as "call it" after more time points; end time, disk space and focus score are the status', () => {
    expect(running('do 20 more timepoints and then call it')).toMatchObject({ tool: 'adjust_acquisition' });
    for (const q of ['estimated end time?', 'how much disk space will this use?', "what's the focus score?"]) expect(running(q)).toMatchObject({ tool: 'microscope_status' });
  });
  it('positions placed for the person are said', () => {
    expect(parseAcquisitionRequest('image GFP every 5 min for 2 h at 3 positions').notes?.[0]).toMatch(/3 positions were placed for you 768 µm apart along x from \(0, 0\)/);
  });
});
