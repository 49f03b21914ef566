import { describe, expect, it } from 'vitest';
import { applyKey, emptyEditor, type EditorKey, type EditorState } from '../../src/ui/lineEditor.ts';

function type(state: EditorState, ...keys: (string | EditorKey)[]) {
  let submitted: string | undefined;
  for (const k of keys) {
    const r = typeof k === 'string' ? applyKey(state, k, {}) : applyKey(state, '', k);
    state = r.state;
    submitted = r.submitted ?? submitted;
  }
  return { state, submitted };
}

describe('line editor', () => {
  it('edits in the middle of the line', () => {
    const { state } = type(emptyEditor(), 'segmnt', { leftArrow: true }, { leftArrow: true }, 'e', { end: true }, ' it', { home: true }, '>');
    expect(state.value).toBe('>segment it');
    expect(state.cursor).toBe(1);
  });

  it('deletes with backspace (DEL reported as delete), ctrl-w and ctrl-u', () => {
    let { state } = type(emptyEditor(), 'track the cells', { delete: true }, { backspace: true });
    expect(state.value).toBe('track the cel');
    state = applyKey(state, 'w', { ctrl: true }).state;
    expect(state.value).toBe('track the ');
    state = applyKey(state, 'u', { ctrl: true }).state;
    expect(state.value).toBe('');
  });

  it('submits, keeps history, and browses it with up/down keeping the draft', () => {
    let r = type(emptyEditor(['old request']), 'first', { return: true });
    expect(r.submitted).toBe('first');
    r = type(r.state, 'second', { return: true }, 'draft');
    expect(r.state.history).toEqual(['old request', 'first', 'second']);
    let s = type(r.state, { upArrow: true }).state;
    expect(s.value).toBe('second');
    s = type(s, { upArrow: true }, { upArrow: true }, { upArrow: true }).state;
    expect(s.value).toBe('old request');
    s = type(s, { downArrow: true }, { downArrow: true }, { downArrow: true }).state;
    expect(s.value).toBe('draft');
  });

  it('inserts a long paste as one line, without control characters', () => {
    const pasted = 'correct the drift,\r\nthen denoise with N2V\tand segment\x1b[201~';
    const { state, submitted } = type(emptyEditor(), 'please ', pasted);
    expect(submitted).toBeUndefined();
    expect(state.value).toBe('please correct the drift, then denoise with N2V and segment');
    const long = 'x'.repeat(5000);
    expect(type(emptyEditor(), long).state.value).toHaveLength(5000);
  });

  it('treats typed text arriving with its Enter in one chunk as typing then Enter', () => {
    const { submitted } = type(emptyEditor(), 'demo\r');
    expect(submitted).toBe('demo');
  });

  it('ignores empty submissions', () => {
    expect(type(emptyEditor(), '   ', { return: true }).submitted).toBeUndefined();
  });
});
