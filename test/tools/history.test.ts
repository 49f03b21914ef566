// rerun_step's answer compares each step run again with the one it replaced: what changed first, a count named by
// what it counts, a measure after its name with its unit, the change in absolute and relative terms.
import { describe, expect, it } from 'vitest';
import { comparisonText } from '../../tools/history.ts';

describe('comparisonText', () => {
  it('says the setting, the changed numbers with their change, then the unchanged ones', () => {
    const text = comparisonText([
      {
        oldStep: 's1',
        newStep: 's3',
        tool: 'segment',
        artifacts: { 'labels-1': 'labels-2' },
        compared: [
          { name: 'method', about: 'method', unit: '', before: 'otsu', after: 'li', setting: true },
          { name: 'frames', about: 'frames segmented', unit: 'frames', before: 6, after: 6 },
          { name: 'objects', about: 'objects found over all frames', unit: '', before: 40, after: 30 },
          { name: 'meanAreaPx', about: 'mean object area', unit: 'px²', before: 150, after: 165.55 },
        ],
      },
    ]);
    expect(text).toBe(' Compared with s1 (segment): method: otsu → li; 40 → 30 objects found over all frames (−10, −25%); mean object area: 150 px² → 165.6 px² (+15.55, +10.37%); frames segmented: 6 frames → 6 frames (unchanged).');
  });

  it('says nothing for steps with nothing compared', () => {
    expect(comparisonText([{ oldStep: 's1', newStep: 's2', tool: 'track', artifacts: {} }])).toBe('');
  });
});
