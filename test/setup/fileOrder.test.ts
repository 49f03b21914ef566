import { describe, expect, it } from 'vitest';
import { shuffled } from './fileOrder.ts';

describe('shuffled', () => {
  const items = Array.from({ length: 50 }, (_, i) => `file-${i}`);

  it('keeps every item once, and the same seed gives the same order', () => {
    const order = shuffled(items, 7);
    expect([...order].sort()).toEqual([...items].sort());
    expect(shuffled(items, 7)).toEqual(order);
    expect(items[0]).toBe('file-0');
  });

  it('another seed gives another order, and neither is the order given', () => {
    expect(shuffled(items, 7)).not.toEqual(shuffled(items, 8));
    expect(shuffled(items, 7)).not.toEqual(items);
    expect(shuffled(items, 8)).not.toEqual(items);
  });
});
