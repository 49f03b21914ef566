import { describe, expect, it } from 'vitest';
import { sourceFirstFrame, sourceFrameExtra } from '../../src/image/frameOrigin.ts';

describe('frameOrigin', () => {
  it('a movie not cut from another starts at frame 0, and says nothing of it', () => {
    expect(sourceFirstFrame({})).toBe(0);
    expect(sourceFrameExtra({}, 0)).toEqual({});
  });

  it('a movie cut from a cut movie keeps the first movie\'s numbering', () => {
    const cut = { extra: sourceFrameExtra({}, 6) };
    expect(sourceFirstFrame(cut)).toBe(6);
    expect(sourceFirstFrame({ extra: sourceFrameExtra(cut, 2) })).toBe(8);
  });

  it('reads the value as a TIFF description gives it back (text) and ignores what is no frame index', () => {
    const [key] = Object.keys(sourceFrameExtra({}, 3));
    expect(sourceFirstFrame({ extra: { [key]: '3' } })).toBe(3);
    expect(sourceFirstFrame({ extra: { [key]: 'seven' } })).toBe(0);
    expect(sourceFirstFrame({ extra: { [key]: -2 } })).toBe(0);
  });
});
