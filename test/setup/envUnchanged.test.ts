import { describe, expect, it } from 'vitest';
import { changedVariables } from './envUnchanged.ts';

describe('changedVariables', () => {
  it('names a variable set, removed or given another value, sorted', () => {
    const before = { HOME: '/root', KEPT: 'a', GONE: 'x', CHANGED: '1' };
    const after = { HOME: '/root', KEPT: 'a', CHANGED: '2', ADDED: '' };
    expect(changedVariables(before, after)).toEqual(['ADDED', 'CHANGED', 'GONE']);
  });

  it('leaves out the variables vitest sets for each file and worker', () => {
    expect(changedVariables({ VITEST_WORKER_ID: '1', TINYPOOL_WORKER_ID: '1' }, { VITEST_WORKER_ID: '2', TINYPOOL_WORKER_ID: '3' })).toEqual([]);
  });

  it('finds nothing when the environment is as it was', () => {
    expect(changedVariables({ A: '1' }, { A: '1' })).toEqual([]);
  });
});
