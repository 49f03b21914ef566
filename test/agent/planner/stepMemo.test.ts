// The planner's per-step answers (src/agent/planner/stepMemo.ts): one computation per key and catalogue, copies of object answers.
import { describe, expect, it } from 'vitest';
import { memoCopiedForStep, memoForStep } from '../../../src/agent/planner/stepMemo.ts';

describe('memoForStep', () => {
  it('computes once per catalogue, function and key, and again for another catalogue', () => {
    const a = new Map();
    const b = new Map();
    let calls = 0;
    const ask = (of: object, key: string) => memoForStep(of, 'f', key, () => (calls++, `${key}!`));
    expect([ask(a, 'x'), ask(a, 'x'), ask(a, 'y'), ask(b, 'x')]).toEqual(['x!', 'x!', 'y!', 'x!']);
    expect(calls).toBe(3);
    // another function's answers are its own
    expect(memoForStep(a, 'g', 'x', () => 'other')).toBe('other');
  });

  it('keeps undefined answers, and nothing for a computation that throws', () => {
    const of = {};
    let calls = 0;
    expect(memoForStep(of, 'f', 'k', () => (calls++, undefined))).toBeUndefined();
    expect(memoForStep(of, 'f', 'k', () => (calls++, 'later'))).toBeUndefined();
    expect(calls).toBe(1);
    expect(() => memoForStep(of, 'f', 'bad', () => { throw new Error('no'); })).toThrow('no');
    expect(memoForStep(of, 'f', 'bad', () => 'now')).toBe('now');
  });
});

describe('memoCopiedForStep', () => {
  it('gives each caller its own copy: a change by one reaches no other', () => {
    const of = {};
    let calls = 0;
    const first = memoCopiedForStep(of, 'u', 'k', () => (calls++, { list: [1, 2] }));
    first.list.push(3);
    const second = memoCopiedForStep(of, 'u', 'k', () => (calls++, { list: [9] }));
    expect(second).toEqual({ list: [1, 2] });
    expect(second).not.toBe(first);
    expect(calls).toBe(1);
  });
});
