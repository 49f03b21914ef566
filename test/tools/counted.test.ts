// Every count sentence agrees with its number: "1 object", never "1 objects".
import { describe, expect, it } from 'vitest';
import { counted } from '../../tools/counted.ts';

describe('counted', () => {
  it('says one thing in the singular and any other number in the plural', () => {
    expect(counted(1, 'object')).toBe('1 object');
    expect(counted(0, 'object')).toBe('0 objects');
    expect(counted(6.32, 'object')).toBe('6.32 objects');
    expect(counted(2, 'branch', 'branches')).toBe('2 branches');
    expect(counted(1, 'branch', 'branches')).toBe('1 branch');
  });
});
