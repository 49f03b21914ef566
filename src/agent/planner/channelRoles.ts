// The two channels of "measure the GFP intensity in the nuclei; the nuclei are in DAPI": the channel the objects are
// found on (the nuclear stain, or the channel said for segmenting) and the channel whose intensity is measured in
// them. They differ, so the step that finds the objects never takes the measured channel, and the step that measures
// never takes the objects' channel.
import { findChannel } from './extract.ts';

export interface ChannelRoles {
  /** The channel the objects are found on ("nuclei are in DAPI", "segment on H2B", "stained with Hoechst in channel 1"). */
  objects?: number | string;
  /** The channel whose intensity is measured in the objects ("GFP intensity", "the intensity of GFP", "measure the mCherry"). */
  measured?: number | string;
}

/** A channel as written: "channel 2", "ch1", "c3", or a name with an optional "channel" after it and its number in brackets ("GFP (channel 2)" is channel 2). */
const CHANNEL = String.raw`(?:(?:the\s+)?(?:channel|chan|ch|c)\s*#?\s*\d+\b|(?:the\s+)?[\p{L}][\p{L}\d-]*(?:\s+channel)?(?:\s*\(\s*(?:channel|chan|ch|c)\s*#?\s*\d+\s*\))?)`;
/** Markers of the nucleus people name as its channel (a fluorophore name is read by findChannel). */
const NUCLEAR_MARKER = /\b(?:dapi|hoechst(?:\s*\d+)?|h2b(?:-[\p{L}\d]+)?|nls(?:-[\p{L}\d]+)?|histone\s*h?\d*|sir-?dna|draq5|spy\s*dna)\b/iu;
const OBJECTS = String.raw`(?:nuclei|nucleus|nuclear|cells?|objects?)`;

/** Where the objects are: "the nuclei are in the DAPI channel", "nuclei stained with Hoechst", "segment (them) on H2B", "nuclear marker: channel 1". */
const OBJECTS_ON = [
  new RegExp(String.raw`\b${OBJECTS}\s+(?:are|is)?\s*(?:(?:all\s+)?(?:visible|seen|shown|imaged)\s+)?(?:in|on)\s+(${CHANNEL})`, 'giu'),
  new RegExp(String.raw`\b${OBJECTS}\s+(?:are|is|were|was)?\s*(?:counter)?(?:stained|labell?ed|marked|tagged|expressing|express)\s+(?:with|by|in|using)?\s*(${CHANNEL}(?:\s+in\s+(?:the\s+)?(?:channel|ch|c)\s*#?\s*\d+)?)`, 'giu'),
  new RegExp(String.raw`\bsegment(?:ed|ing|ation)?\s+(?:(?:the|my|all)\s+)?(?:${OBJECTS}\s+)?(?:on|in|using|from|with)\s+(${CHANNEL})`, 'giu'),
  new RegExp(String.raw`\b(?:nuclear|nucleus|nuclei)\s+(?:marker|stain|channel|label|signal)\s*(?:is|=|:|in)?\s*(?:in\s+)?(${CHANNEL})`, 'giu'),
  new RegExp(String.raw`\b(?:nuclei|nucleus|cells)\s*\(\s*(${CHANNEL})\s*\)`, 'giu'),
  // a nuclear marker said to be in a channel by its number ("the DAPI is in channel 2", "Hoechst is ch1", "H2B-GFP = c2")
  new RegExp(String.raw`${NUCLEAR_MARKER.source.slice(0, -2)}(?:\s+(?:stain|signal|marker|label|channel))?\s*(?:is|=|:|sits|goes|went|was|'s)\s*(?:(?:in|on)\s+)?((?:the\s+)?(?:channel|chan|ch|c)\s*#?\s*\d+)\b`, 'giu'),
];

/** What is measured: "GFP intensity", "the intensity of GFP", "measure the mCherry (in them)", "quantify the GFP signal". */
const MEASURED = [
  new RegExp(String.raw`\b(?:intensit(?:y|ies)|signal|fluorescence|brightness|levels?|expression)\s+(?:of|in|from)\s+(${CHANNEL})`, 'giu'),
  new RegExp(String.raw`(${CHANNEL})\s+(?:intensit(?:y|ies)|signal|fluorescence|brightness|levels?|expression)\b`, 'giu'),
  new RegExp(String.raw`\b(?:measure|quantify|quantitate)\s+(${CHANNEL})`, 'giu'),
];

/** The channel a matched piece names: by number or fluorophore name, else a nuclear marker as written. */
function channelIn(words: string): number | string | undefined {
  const found = findChannel(words);
  if (found !== undefined && found !== -1 && !/^(?:nuclear|nuclei|membrane|actin|tubulin|mito\w*)$/i.test(String(found))) return found;
  return NUCLEAR_MARKER.exec(words)?.[0];
}

function firstOf(patterns: RegExp[], text: string): number | string | undefined {
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const channel = channelIn(m[1]);
      if (channel !== undefined) return channel;
    }
  }
  return undefined;
}

/** Words that say the objects asked about are nuclei ("the nuclei", "each nucleus", "nuclear GFP"). */
const NUCLEI_SAID = /\b(?:nuclei|nucleus|nuclear|nucleii)\b/i;

/**
 * The channel of the objects and the channel measured in them, as the request says them. A nuclear marker named
 * anywhere (DAPI, Hoechst, H2B) is the objects' channel when another is measured. With the movie's channel names
 * known (`movieChannels`), nuclei asked about with another channel named ("do the nuclei get brighter in GFP?",
 * "nuclear GFP over time") are found on the movie's nuclear-marker channel and the named one is measured in them,
 * unless the request says the nuclei are in the named channel. Either is undefined when not said.
 */
export function channelRolesOf(text: string, movieChannels: readonly string[] = []): ChannelRoles {
  let measured = firstOf(MEASURED, text);
  let objects = firstOf(OBJECTS_ON, text);
  if (objects === undefined && measured !== undefined) {
    const marker = channelIn(NUCLEAR_MARKER.exec(text)?.[0] ?? '');
    if (marker !== undefined && String(marker).toLowerCase() !== String(measured).toLowerCase()) objects = marker;
  }
  if (objects === undefined && NUCLEI_SAID.test(text)) {
    const named = measured ?? findChannel(text);
    const marker = movieChannels.find((name) => NUCLEAR_MARKER.test(name));
    if (marker && typeof named === 'string' && named.toLowerCase() !== marker.toLowerCase() && !NUCLEAR_MARKER.test(named) && !/^(?:nuclear|nuclei)$/i.test(named)) {
      objects = marker;
      measured = named;
    }
  }
  // (a channel said both ways is the same channel: "segment GFP and measure its GFP intensity" keeps one)
  return { ...(objects !== undefined ? { objects } : {}), ...(measured !== undefined ? { measured } : {}) };
}
