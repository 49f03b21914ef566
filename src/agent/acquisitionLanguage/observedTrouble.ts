// What is seen going wrong with what the run follows, said with no command: events missed between time points ("I'm
// missing the fast events", "the divisions happen between frames") or cells leaving the field ("they keep wandering
// out of the field of view"). Each implies a change the person has to choose, so it is asked back with the changes
// that would help, never left unanswered and never guessed. Stop 48.

interface Trouble {
  /** Words that tell of it (whole words; spaces match any space). */
  words: string[];
  /** The question back: what to change, with examples. */
  ask: string;
}

const TROUBLES: Trouble[] = [
  {
    words: ['missing the', 'miss the', 'missed the', 'we miss', 'i miss', 'never catch', "don't catch", 'do not catch', "didn't catch", "can't catch", 'cannot catch', 'not catching', 'between frames', 'between time points', 'between timepoints', 'between images', 'between the frames', 'too slow to', 'not fast enough', 'too far apart', 'too coarse', 'too sparse', 'undersampled', 'under-sampled', 'undersampling'],
    ask: 'events missed between time points call for a shorter interval: image how much more often? Say e.g. "every 1 min" or "twice as often" (or "every 30 s for the next hour"); nothing was changed',
  },
  {
    words: ['out of the field', 'out of field', 'out of the frame', 'out of frame', 'out of view', 'out of the view', 'out of the fov', 'out of fov', 'leave the field', 'leaving the field', 'left the field', 'leave the frame', 'leaving the frame', 'left the frame', 'leave the fov', 'leaving the fov', 'off the edge', 'off screen', 'off the screen'],
    ask: 'cells leaving the field stay in view with a bigger field: tile each position ("tile 3x3"), switch to a lower objective ("switch to the 10x"), or add positions ("add a position at x 500 y 0"); which one? Nothing was changed',
  },
];

function says(t: string, w: string): boolean {
  return new RegExp(`(?<![\\w'])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\w'])`).test(t);
}

/** The question back for a trouble the words tell of, or undefined when they tell of none. */
export function troubleAsked(t: string): string | undefined {
  const low = t.toLowerCase().replace(/[’‘]/g, "'");
  return TROUBLES.find((k) => k.words.some((w) => says(low, w)))?.ask;
}
