// Parts of a request that no plan or change here carries because they belong to the camera itself: its binning, a
// crop of the sensor (ROI, sub-array), its gain or readout, and its live mode; or to a microscope other than this one:
// an imaging mode or light path it does not have (confocal, spinning disk, TIRF, light sheet, FRAP, photoactivation). Each such part is taken out of the words
// at a clause boundary and named in one line; the rest is read as usual ("2x2 binning, mCherry every 2 min for 3 h"
// starts the plan and says the binning was not set). When nothing is left, the line is the answer (nothing changed).
import { DEMO_CONFIG, type MicroscopeConfig } from '../../microscope/config.ts';
import { CAMERA_SETTING, cameraSettingName } from './adjustments.ts';
import { durationsIn, findChannels, normaliseText } from './words.ts';

export interface CameraPartsApart {
  /** The words without the camera's parts (the same words when there are none). */
  text: string;
  /** One line for each part taken out. */
  notes: string[];
  /** Whether a live mode was asked for. */
  live: boolean;
  /** Whether something other than the camera's parts is left to read. */
  rest: boolean;
}

/**
 * A crop of the camera's sensor: "crop the camera / sensor / chip to ...", "crop to a 512 ROI" (a crop with a region
 * of interest named; a crop of a movie is no microscope command and is not read here).
 */
const SENSOR_CROP = /\bcrop(?:ping|ped|s)?\s+(?:(?:the|its|our)\s+)?(?:camera|sensor|chip|detector)\b|\bcrop(?:ping|ped|s)?\b[^,;.]*?\b(?:roi|sub-?array)\b/;

/** The camera's live mode: "live mode", "live view", "go live", "switch to live", "turn on live" (never "live cells", "live-cell imaging"). */
const LIVE_MODE = /^\s*(?:go\s+)?live(?:\s+(?:please|pls|now|view))?\s*[.!]*$|\blive\s*(?:mode|view|preview|video|feed|stream|display|window|image)\b|\bliveview\b|\b(?:go(?:ing)?|switch(?:ing)?(?:\s+(?:it|over|back))?\s+to|turn(?:ing)?\s+on|put(?:ting)?\s+(?:it\s+)?(?:in|on)(?:to)?|start(?:ing)?|enter(?:ing)?|open(?:ing)?)\s+(?:the\s+)?live\b(?![\s-]*(?:cells?|imaging|samples?|specimens?))/;

/**
 * An imaging mode or a light path this microscope does not have (it is a widefield with fluorescence presets and
 * transmitted light): "switch to confocal", "use the spinning disk", "TIRF mode", "do a FRAP on cell 3". Group 1 is
 * the mode as said.
 */
const ABSENT_MODE = /\b(confocal|spinning[\s-]?dis[ck]|tirf|total internal reflection|(?:lattice\s+)?light[\s-]?sheet|spim|(?:two|2|multi)[\s-]?photon|sted|airyscan|structured illumination|sim mode|frap|photo[\s-]?activat\w*|photo[\s-]?convert\w*|photo[\s-]?switch\w*|(?:laser\s+)?ablat\w*|optogenetic\w*|uncag\w*|flim|fluorescence lifetime|polari[sz]ation|dark[\s-]?field|epi[\s-]?illumination mode)\b/;
/** A verb or a noun that asks for a mode to be used (a mode only named, "a confocal movie", is no request). */
const MODE_ASKED = /\b(?:switch|change|go|move|use|using|turn|put|set|enable|activate|start|do|run|try|image|imaging|acquire|record|with|into|mode|instead|on|bleach)\b/;

/** One line naming a mode the microscope does not have, with what it has. */
function absentModeLine(mode: string, words: string, config: MicroscopeConfig): string {
  const fluorescence = config.channels.filter((c) => !c.transmitted).map((c) => c.name);
  const transmitted = config.channels.filter((c) => c.transmitted).map((c) => c.name.toLowerCase());
  return `Not applied: "${words}": this microscope has no ${mode}; it images widefield fluorescence (${fluorescence.join(', ')})${transmitted.length ? ` and ${transmitted.join(', ')}` : ''} with the ${config.objectives.map((o) => o.name).join(', ')} objectives.`;
}

/**
 * Parts of the microscope that the acquisition sets by itself, which no command here sets (stop 47): the shutter (open
 * only while an image is taken), the filter cube (set by each channel's preset) and the lamps and LEDs (on only during an
 * exposure, at each channel's power). Said without a channel (a lamp) or with one (a filter cube), the part is named in
 * one line with what sets it instead; "switch off the transmitted LED" names a channel and is read as its drop.
 */
const SCOPE_PARTS: { words: RegExp; withChannel: boolean; line: (words: string, channel: string) => string }[] = [
  { words: /\bshutters?\b/, withChannel: true, line: (w, ch) => `Not applied: "${w}": the shutter is no setting here: it opens by itself only while an image is taken and closes between images; to give less light, lower a channel's power ("${ch} to 5%").` },
  { words: /\b(?:filter\s*(?:cubes?|turrets?|wheels?|sets?|blocks?)|dichroics?|(?:emission|excitation)\s+filters?)\b/, withChannel: true, line: (w, ch) => `Not applied: "${w}": the filter cube is set by each channel's preset, so it is never set alone: say the channel to image instead ("snap ${ch}", "add ${ch}").` },
  { words: /\b(?:lamps?|halogen|leds?|mercury|metal[\s-]?halide|light[\s-]?sources?|illuminators?|x-?cite|lumencor)\b/, withChannel: false, line: (w, ch) => `Not applied: "${w}": the lamps and LEDs are switched on only during each exposure, at each channel's power, so they are never switched alone: say a channel's power ("${ch} to 5%", "brightfield to 20%") or drop a channel ("drop brightfield").` },
];

/** The words of a sensor crop within a clause that says more: "crop the sensor to the centre 512x512 (ROI)". */
const CROP_WORDS = /\bcrop\w*\s+(?:(?:the|its|our)\s+)?(?:(?:camera|sensor|chip|detector)\s+)?(?:to\s+)?(?:(?:a|an|the)\s+)?(?:(?:centre|center|central|middle)\s+)?(?:\d+\s*(?:[x×]\s*\d+)?\s*(?:px|pixels?)?\s*)?(?:roi|sub-?array|region(?: of interest)?)?/i;

/** Clause boundaries: ";", ",", ". ", and "and / but / then / plus / while" between words. */
const BOUNDARY = /(\s*(?:;|,|\.\s+)\s*(?:(?:and|but|then|plus)\s+)?|\s+(?:and|but|then|plus|while)\s+)/i;

/** The camera's parts of the words, taken out and named; `text` unchanged and no notes when there are none. */
export function cameraPartsApart(said: string, config: MicroscopeConfig = DEMO_CONFIG): CameraPartsApart {
  const pieces = said.split(BOUNDARY);
  const notes: string[] = [];
  let live = false;
  const kept: string[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const clause = pieces[i];
    const sep = i > 0 ? pieces[i - 1] : '';
    if (!clause.trim()) {
      kept.push(kept.length ? sep : '', clause);
      continue;
    }
    const t = normaliseText(clause).toLowerCase();
    if (LIVE_MODE.test(t)) {
      live = true;
      continue;
    }
    const mode = ABSENT_MODE.exec(t);
    if (mode && MODE_ASKED.test(t)) {
      notes.push(absentModeLine(mode[1], clause.trim(), config));
      continue;
    }
    const named = findChannels(t, config);
    const part = SCOPE_PARTS.find((p) => p.words.test(t) && (p.withChannel || !named.length) && !durationsIn(t).length && !/\bevery\b/.test(t));
    // ("switch the filter cube to TRITC and take a picture": a cube named by its channel, beside another command, is that channel for it)
    if (part && part === SCOPE_PARTS[1] && named.length && pieces.length > 1) {
      kept.push(kept.length ? sep : '', named[0].text);
      continue;
    }
    if (part) {
      notes.push(part.line(clause.trim(), named[0]?.text ?? findChannels(said, config)[0]?.text ?? 'GFP'));
      continue;
    }
    const crop = SENSOR_CROP.exec(t);
    const camera = crop ?? CAMERA_SETTING.exec(t);
    if (!camera) {
      kept.push(kept.length ? sep : '', clause);
      continue;
    }
    const name = crop ? 'region of interest (crop)' : cameraSettingName(camera[0]);
    // (a clause that also says a channel or a time, "image DAPI every 10 min at bin 2": only the camera's words go)
    const other = findChannels(t, config).length > 0 || durationsIn(t).length > 0 || /\bevery\b/.test(t);
    if (other) {
      const narrow = crop ? CROP_WORDS : new RegExp(String.raw`(?:\s*\b(?:at|with|using|in|on)\s+)?(?:\b(?:a|an|the)\s+)?(?:\d+\s*[x×]\s*\d+\s*(?:px|pixels?)?\s*)?(?:${CAMERA_SETTING.source})(?:\s*(?:of|to|at|=|:)?\s*\d+(?:\s*[x×]\s*\d+)?(?:\s*(?:px|pixels?))?)?`, 'i');
      const words = narrow.exec(clause)?.[0].trim();
      const left = clause.replace(narrow, ' ').replace(/\s+/g, ' ').trim();
      if (left) kept.push(kept.length ? sep : '', left);
      notes.push(cameraLine(name, words || clause.trim()));
    } else notes.push(cameraLine(name, clause.trim()));
  }
  const channel = findChannels(said, config)[0]?.text ?? 'GFP';
  if (live) notes.push(`There is no live mode here (a continuous preview is the microscope software's own): I can take one image now ("snap ${channel}") or run a time-lapse.`);
  if (!notes.length) return { text: said, notes, live, rest: true };
  const text = kept.join('').replace(/^[\s,;.]+|[\s,;]+$/g, '').trim();
  // (what is left must say something: "please", "to save space", "for a sec" are no request)
  const rest = /[a-z0-9]/i.test(text) && !/^(?:(?:please|pls|now|thanks|thank you|ok(?:ay)?|for (?:a|one) (?:sec(?:ond)?|moment|bit|minute)|so (?:i|we) can (?:focus|see|look)|to save (?:space|disk|memory|time))[\s,.!]*)*$/i.test(text);
  return { text, notes, live, rest };
}

function cameraLine(name: string, words: string): string {
  return `Not applied: the camera's ${name} ("${words}"): a plan here sets channels, exposure, light power, timing, z, positions and tiling, not the camera's own settings; set it in the camera's settings (the images are taken as the camera is set now).`;
}
