// Whether objects are bright or dark is read from what each tone word is said of (tools/segment.ts objectToneSaid).
import { describe, expect, test } from 'vitest';
import { objectToneSaid } from '../../tools/segment.ts';

describe('objectToneSaid', () => {
  test.each([
    ['the membranes are bright, the cells are the dark regions between them', 'dark'],
    ['bright membranes, dark cells', 'dark'],
    ['the background is quite bright', 'dark'],
    ['they appear dark with bright halos around them', 'dark'],
    ['the cells look black in phase contrast', 'dark'],
    ["they're darker than the background", 'dark'],
    ['bright nuclei on a dark background', 'bright'],
    ['the background is dark', 'bright'],
    ['the DAPI signal is bright', 'bright'],
    ['the spots are white on black', 'bright'],
  ])('%s → %s', (request, tone) => {
    expect(objectToneSaid(request)).toBe(tone);
  });

  test.each([
    ['segment the nuclei'],
    // contradictory: nothing is guessed
    ['the cells are bright and the background is bright too'],
    // dim is faint, not dark
    ['the dim nuclei at the edge'],
  ])('%s → unsaid', (request) => {
    expect(objectToneSaid(request)).toBeUndefined();
  });
});
