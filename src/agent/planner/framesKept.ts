// Frames asked to be kept, with no other step named: "keep frames 5 to 15 only", "I want the first 20 frames as a new
// movie", "cut out frames 5-15 as a separate stack". That is a cut of the movie in time (Fiji's Duplicate or Make
// Substack of a range), made by the tool that declares it cuts the movie and takes frames, never a question back of
// which steps to run on those frames, nor a reading of "cut out" as leaving them out when a new movie is what is asked.
import { ALL_TOOLS, findTool } from '../allTools.ts';
import { type Catalogue, selfOf } from './catalogue.ts';
import { LAST_ADJECTIVE } from './quantities.ts';

/** A range or the first/last N frames, as said ("frames 5 to 15", "time points 3-8", "the last 20 frames"). */
const FRAMES_SAID = new RegExp(String.raw`\b(?:(?:frames?|time ?points?|timepoints?)\s+\d+\s*(?:-|–|to|through|until)\s*\d+|(?:the\s+)?(?:first|initial|${LAST_ADJECTIVE})\s+\d+\s+(?:frames|time ?points|timepoints))\b`, 'i');

/** A verb of keeping (a closed class) whose object is the frames: "keep frames", "take only the first 10 frames", "I want the frames". */
const KEEPING = /\b(?:keep|retain|extract|take|pull\s+out|isolate|duplicate|want|need)\s+(?:(?:only|just|out|the|me)\s+)*$/i;

/** The frames alone, led by "just" or "only" ("just the first 10 frames please", "only frames 3-8"). */
const FRAMES_ALONE = /^\s*(?:(?:ok(?:ay)?|so|now|and|then)[,\s]+)?(?:just|only|solely)\b/i;

/** The kept part asked as a movie of its own ("as a new movie", "into a separate stack"; a "substack" is the exporter's word). */
const AS_A_NEW_MOVIE = /\b(?:as|into|in|to)\s+(?:a\s+|an\s+|its\s+)?(?:new|separate|own|standalone|smaller|shorter)\s+(?:movie|stack|file|video|tiff?|image\s+stack)\b/i;

/** Words of leaving out before the frames: "skip frames 1-4", "ignore the first 5 frames" (a cut out as a new movie is kept). */
const LEFT_OUT = /\b(?:ignor\w*|skip\w*|leav\w*\s+out|exclud\w*|except|omit\w*|disregard\w*|drop\w*|discard\w*|remov\w*|delet\w*|cut(?:ting)?\s+out|throw\w*|get\s+rid\s+of|without|not)\b/i;

/** The tool that cuts a movie down and takes a range of frames, by its own declaration (`cutsRegion` and a `frames` argument). */
function frameCutter(catalogue: Catalogue): string | undefined {
  const names = catalogue.size ? [...catalogue.keys()] : ALL_TOOLS.map((t) => t.name);
  return names.find((name) => selfOf(name, catalogue)?.cutsRegion && 'frames' in ((findTool(name)?.schema as { shape?: object } | undefined)?.shape ?? {}));
}

/**
 * The request to plan when the words only keep some frames ("keep frames 5 to 15 only" -> "crop frames 5 to 15", in the
 * cutter's own first word), else undefined; `namesNoStep` says whether the other words name no step.
 */
export function framesKeptRequest(text: string, catalogue: Catalogue, namesNoStep: (words: string) => boolean): string | undefined {
  const frames = FRAMES_SAID.exec(text);
  if (!frames || /\?\s*$/.test(text)) return undefined;
  const before = text.slice(0, frames.index);
  const asNew = AS_A_NEW_MOVIE.test(text);
  if (!asNew && (!(KEEPING.test(before) || FRAMES_ALONE.test(text)) || LEFT_OUT.test(before))) return undefined;
  // (any other step named beside the frames, "segment frames 5 to 15 only", is that step's scope)
  if (!namesNoStep(text.replace(frames[0], ' ').replace(AS_A_NEW_MOVIE, ' '))) return undefined;
  const cutter = frameCutter(catalogue);
  const word = cutter ? selfOf(cutter, catalogue)?.words?.[0] : undefined;
  return word ? `${word} ${frames[0]}` : undefined;
}
