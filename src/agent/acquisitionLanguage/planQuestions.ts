// A question about a plan before it starts ("if I image GFP and mCherry every 5 min for 12 h, how many images will that
// be?", "how much disk space would that need?", "how long would 300 time points at 30 s take?", "what dose would that
// give?"): nothing is started; the answer gives what the plan would be, computed the way the microscope counts a run
// (its time points, images, duration, bytes on disk and light per position). Stop 48.
import { formatDuration } from '../../microscope/adjustment.ts';
import { findChannel, lightSourceOf, startingPowerPercent, type MicroscopeConfig } from '../../microscope/config.ts';
import { exposureDose } from '../../microscope/dose.ts';
import { DEFAULT_EXPOSURE_MS, estimateDurationS, eventsAtTimepoint, type StageContext } from '../../microscope/events.ts';
import { DEFAULT_LIMITS } from '../../microscope/limits.ts';
import { parseSequence, timeDeltasS, type Sequence } from '../../microscope/sequence.ts';
import { parseAcquisitionRequest } from './requests.ts';
import { normaliseText } from './words.ts';

/** What a plan question asks about, by the words that ask it. */
const ASKS = {
  images: ['how many images', 'how many frames', 'how many pictures', 'how many files', 'how many stacks', 'how many time points', 'how many timepoints', 'number of images', 'number of frames', 'how many photos'],
  duration: ['how long', 'how much time', 'when would it finish', 'when will it finish', 'when would it end', 'when will it end'],
  storage: ['disk', 'disc', 'storage', 'space', 'gb', 'gigabyte', 'gigabytes', 'mb', 'megabyte', 'megabytes', 'tb', 'terabyte', 'terabytes', 'how big', 'how large', 'file size', 'how much data'],
  dose: ['dose', 'how much light', 'light exposure', 'j/cm2', 'j/cm²', 'fluence'],
};

/** Words that make the sentence a question (besides its question mark). */
const QUESTION_WORDS = ['how many', 'how long', 'how much', 'how big', 'how large', 'what would', 'what will', 'what dose', 'would it', 'would that', 'will it', 'will that', 'roughly', 'approximately', 'estimate'];

function saysAny(t: string, words: string[]): boolean {
  return words.some((w) => new RegExp(`(?<![\\w/-])${w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\w-])`).test(t));
}

/**
 * Words of a recording already made or of its analysis ("we imaged GFP every 5 min for 12 h; how long do the cells take
 * to divide?", "how long are the tracks?"): a question about data, not about a plan.
 */
const ABOUT_DATA = ['imaged', 'acquired', 'recorded', 'filmed', 'captured', 'was', 'were', 'has been', 'had been', 'my movie', 'the movie', 'this movie', 'the file', 'this file', 'tracks', 'track', 'segment', 'segmentation', 'measure', 'analysis', 'analyse', 'analyze'];
/** What the cells do, whose time a "how long" may ask ("how long do the cells take to divide?"): no plan's duration. */
const CELLS_DOING = ['cells', 'cell', 'nuclei', 'nucleus', 'divide', 'divides', 'division', 'divisions', 'mitosis', 'migrate', 'move'];

/** What the words ask of a plan, or undefined when they ask nothing of one. */
export function planAsked(text: string): (keyof typeof ASKS)[] {
  const t = normaliseText(text).toLowerCase();
  if (!/\?\s*$/.test(t) && !saysAny(t, QUESTION_WORDS)) return [];
  if (saysAny(t, ABOUT_DATA)) return [];
  return (Object.keys(ASKS) as (keyof typeof ASKS)[]).filter((k) => saysAny(t, ASKS[k]) && !(k === 'duration' && saysAny(t, CELLS_DOING)));
}

/**
 * The answer to a question about a plan that is not running (its channels and time plan said with the question), or
 * undefined when the words ask nothing of a plan or say no whole plan.
 */
export function planQuestion(text: string, config: MicroscopeConfig): string | undefined {
  const asked = planAsked(text);
  if (!asked.length) return undefined;
  let plan: Sequence;
  let understood: string;
  try {
    const parsed = parseAcquisitionRequest(text, config);
    // (a time plan said: a question with no interval nor count of time points is no plan to count)
    const time = parsed.sequence.timePlan as Record<string, unknown> | undefined;
    if (!time || (time.intervalS === undefined && !Array.isArray(time.phases))) return undefined;
    plan = parseSequence(parsed.sequence);
    understood = parsed.understood;
  } catch {
    return undefined;
  }
  const objective = config.objectives.find((o) => o.name === '20X') ?? config.objectives[0];
  const stage: StageContext = { xUm: 0, yUm: 0, zUm: 0, fieldWidthUm: config.sensorWidthPx * objective.pixelSizeUm, fieldHeightUm: config.sensorHeightPx * objective.pixelSizeUm };
  const deltas = timeDeltasS(plan.timePlan);
  let images = 0;
  let dose = 0;
  const assumed = new Set<string>();
  for (let t = 0; t < deltas.length; t++) {
    for (const e of eventsAtTimepoint(plan, t, stage)) {
      images++;
      // the light one field gets: the first position's first tile
      if (e.index.p !== 0 || e.index.g !== 0) continue;
      const spec = plan.channels.find((c) => c.config === e.channel);
      const preset = findChannel(config, e.channel);
      const power = spec?.powerPercent ?? (preset ? startingPowerPercent(lightSourceOf(config, preset)) : 0);
      if (spec?.powerPercent === undefined && preset) assumed.add(`${e.channel} ${power} %`);
      if (spec?.exposureMs === undefined) assumed.add(`${DEFAULT_EXPOSURE_MS} ms`);
      dose += exposureDose(config, e.channel, power, e.exposureMs ?? DEFAULT_EXPOSURE_MS);
    }
  }
  const bytes = images * config.sensorWidthPx * config.sensorHeightPx * Math.ceil(config.bitDepth / 8);
  const durationS = estimateDurationS(plan, stage);
  const budget = DEFAULT_LIMITS.doseBudgetJPerCm2;
  const byKind: Record<keyof typeof ASKS, string> = {
    images: `${deltas.length} time points and ${images} images`,
    duration: `about ${formatDuration(Math.round(durationS))} long`,
    storage: `about ${size(bytes)} on disk (${config.sensorWidthPx} x ${config.sensorHeightPx} px, ${config.bitDepth}-bit, no binning)`,
    dose: `about ${round(dose)} J/cm² of light per position (${Math.round((dose / budget) * 1000) / 10} % of the ${budget} J/cm² dose budget${assumed.size ? `; not said, counted as: ${[...assumed].join(', ')}` : ''})`,
  };
  // (what was asked first, then the rest of what the plan would be)
  const facts = [...asked, ...(Object.keys(byKind) as (keyof typeof ASKS)[]).filter((k) => !asked.includes(k))].map((k) => byKind[k]);
  return `Nothing was started: ${understood} would be ${facts.join(', ')}. Say the plan again without the question to start it.`;
}

function size(bytes: number): string {
  if (bytes >= 1e12) return `${round(bytes / 1e12)} TB`;
  if (bytes >= 1e9) return `${round(bytes / 1e9)} GB`;
  return `${round(bytes / 1e6)} MB`;
}

function round(v: number): number {
  return v >= 10 ? Math.round(v) : v >= 1 ? Math.round(v * 10) / 10 : Math.round(v * 1000) / 1000;
}
