// An acquisition described by what it is to follow ("watch mitosis for 12 h", "fast enough to follow the vesicles, for 5
// minutes", "follow migration over a day"): where no interval is said, the pace of what is watched gives one, and the
// answer says which and why; a wish to spare the cells ("gentle", "without killing them") is said back with what it does
// to the plan (the light stays at each channel's preset: lower it or image less often to give less). Stop 47.

interface Pace {
  /** Words naming what is watched (a word, or a word's start followed by letters: "migrat" covers migration, migrating). */
  words: string[];
  stems: string[];
  intervalS: number;
  /** What is watched, in the answer's words. */
  what: string;
}

/** Paces of what live-cell imaging follows, fastest first: the first that the words name sets the interval. */
const PACES: Pace[] = [
  { words: ['vesicle', 'vesicles', 'trafficking', 'calcium', 'spike', 'spikes', 'transient', 'transients', 'flash', 'flashes', 'beating', 'cilia', 'fast', 'quick', 'quickly', 'rapid', 'rapidly', 'real time', 'real-time', 'endosome', 'endosomes'], stems: [], intervalS: 1, what: 'fast events (vesicles, calcium)' },
  { words: ['mitosis', 'mitoses', 'mitotic', 'divide', 'divides', 'dividing', 'division', 'divisions', 'cytokinesis', 'chromosome', 'chromosomes', 'spindle', 'spindles', 'metaphase', 'anaphase'], stems: [], intervalS: 180, what: 'mitosis' },
  { words: ['moving', 'movement', 'motility', 'wound healing', 'scratch assay', 'chemotaxis'], stems: ['migrat', 'crawl'], intervalS: 600, what: 'cell migration' },
  { words: ['growth', 'grow', 'growing', 'organoid', 'organoids', 'confluence', 'cell cycle'], stems: ['proliferat', 'differentiat'], intervalS: 1800, what: 'growth' },
];

/** Words that ask to spare the cells the light. */
const GENTLE = { words: ['gentle', 'gently', 'without killing', 'not kill', "don't kill", 'without frying', 'not fry', "don't fry", 'photosensitive', 'light sensitive', 'light-sensitive', 'low light', 'minimal light', 'little light', 'phototoxicity', 'without bleaching', 'bleach as little'], stems: [] as string[] };

function says(t: string, words: string[], stems: string[]): string | undefined {
  const low = t.toLowerCase();
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const found = [...words.map((w) => new RegExp(`(?<![\\w-])${escape(w)}(?![\\w-])`)), ...stems.map((s) => new RegExp(`(?<![\\w-])${escape(s)}[a-z]*`))].map((re) => re.exec(low)).find((m) => m);
  return found?.[0];
}

/** The interval the words' goal gives where none is said, with the line that says it; undefined when they name no pace. */
export function paceOfGoal(t: string): { intervalS: number; note: string } | undefined {
  for (const pace of PACES) {
    const word = says(t, pace.words, pace.stems);
    if (word) return { intervalS: pace.intervalS, note: `no interval was said: every ${pace.intervalS < 60 ? `${pace.intervalS} s` : `${pace.intervalS / 60} min`}, a pace that follows ${pace.what} ("${word}"); say another ("every 5 min") to change it` };
  }
  return undefined;
}

/** The line saying what a wish to spare the cells does to the plan, or undefined when none is said. */
export function gentleWish(t: string): string | undefined {
  const word = says(t, GENTLE.words, GENTLE.stems);
  return word ? `"${word}": the light stays at each channel's preset power and the answer gives the planned dose against the budget; say a lower power ("at 5%") or a longer interval to give the cells less light` : undefined;
}
