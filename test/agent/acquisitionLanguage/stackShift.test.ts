// The z-stack moved up or down as a whole is a relative focus move of the running plan, never its new range
// (brief s53/M, issue 11).
import { describe, expect, it } from 'vitest';
import { stackShiftUm } from '../../../src/agent/acquisitionLanguage/stackShift.ts';
import { changes, withStack } from './runningAcquisition.ts';

describe('stackShiftUm', () => {
  it('reads the stack moved by a distance with its direction (up is +)', () => {
    expect(stackShiftUm('raise the stack by 2 µm')).toBe(2);
    expect(stackShiftUm('move the z range up 2 microns')).toBe(2);
    expect(stackShiftUm('shift the stack centre 1.5 um deeper')).toBe(-1.5);
    expect(stackShiftUm('the stack is too low, move it up 3 um')).toBe(3);
    expect(stackShiftUm('move the focus range down by 500 nm')).toBe(-0.5);
  });

  it('leaves a size, a count or a step, and a move with no direction', () => {
    expect(stackShiftUm('make the stack 10 um')).toBeUndefined();
    expect(stackShiftUm('lower the z range by 2 µm')).toBeUndefined();
    expect(stackShiftUm('move the stack 2 um')).toBeUndefined();
    expect(stackShiftUm('go to 0.5 um steps')).toBeUndefined();
  });
});

describe('while imaging', () => {
  it('moves the focus of the plan, keeping its range and step', () => {
    expect(changes('raise the stack by 2 µm', withStack)).toEqual([{ kind: 'moveStage', zUm: 2, relative: true }]);
    expect(changes('move the stack centre up 2 microns', withStack)).toEqual([{ kind: 'moveStage', zUm: 2, relative: true }]);
  });
});
