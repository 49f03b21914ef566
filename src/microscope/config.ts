// The hardware configuration of a microscope: channel presets, light sources and
// objectives. Names follow Micro-Manager's demo configuration (MMConfig_demo.cfg:
// channel group presets DAPI, FITC, Rhodamine, Cy5; objectives "Nikon 10X S Fluor",
// "Nikon 20X Plan Fluor ELWD", "Nikon 40X Plan Fluor ELWD" at 1.0/0.5/0.25 µm per pixel),
// plus Brightfield on transmitted light, so the same commands can later drive Micro-Manager.
import { InputError } from '../errors.ts';

export interface LightSource {
  /** Device name, e.g. "488nm". */
  name: string;
  /** Excitation wavelength in nm (0 for the transmitted-light lamp). */
  wavelengthNm: number;
  /** Irradiance at the sample at 100 % power, W/cm² (for the dose ledger). */
  irradianceWPerCm2AtFull: number;
}

export interface ChannelPreset {
  /** Preset name in the "Channel" group, e.g. "FITC". */
  name: string;
  /** Light source that this preset turns on. */
  lightSource: string;
  /** Fluorophores this preset images, lower-case ("gfp"); used to match sample labels. */
  fluorophores: string[];
  /** Other names a biologist uses for it ("GFP", "488", "green"). */
  aliases: string[];
  /** True for transmitted light (no fluorescence, no bleaching). */
  transmitted?: boolean;
  /** Emission wavelength in nm, for channel colours and metadata. */
  emissionNm: number;
}

export interface Objective {
  /** Preset name in the "Objective" group: "10X", "20X", "40X". */
  name: string;
  /** Device label, as in the demo configuration. */
  label: string;
  magnification: number;
  numericalAperture: number;
  /** Camera pixel size at the sample at binning 1, µm. */
  pixelSizeUm: number;
}

export interface MicroscopeConfig {
  channels: ChannelPreset[];
  lightSources: LightSource[];
  objectives: Objective[];
  /** Camera sensor size in pixels at binning 1. */
  sensorWidthPx: number;
  sensorHeightPx: number;
  /** Binning factors the camera offers (demo camera: 1, 2, 4, 8). */
  binnings: number[];
  /** Camera bit depth (16-bit: values 0..65535). */
  bitDepth: number;
}

export const DEMO_LIGHT_SOURCES: LightSource[] = [
  { name: '405nm', wavelengthNm: 405, irradianceWPerCm2AtFull: 5 },
  { name: '488nm', wavelengthNm: 488, irradianceWPerCm2AtFull: 5 },
  { name: '561nm', wavelengthNm: 561, irradianceWPerCm2AtFull: 5 },
  { name: '640nm', wavelengthNm: 640, irradianceWPerCm2AtFull: 5 },
  { name: 'Transmitted', wavelengthNm: 0, irradianceWPerCm2AtFull: 0.05 },
];

export const DEMO_CHANNELS: ChannelPreset[] = [
  { name: 'DAPI', lightSource: '405nm', emissionNm: 461, fluorophores: ['dapi', 'hoechst', 'bfp'], aliases: ['dapi', 'hoechst', 'bfp', 'blue', '405', '405nm', 'uv', 'nuclear stain', 'nuclear dye', 'nuclear channel', 'nuclei channel', 'alexa fluor 405', 'af405', 'tagbfp', 'ebfp', 'nucblue', 'dyecycle violet'] },
  { name: 'FITC', lightSource: '488nm', emissionNm: 520, fluorophores: ['gfp', 'fitc'], aliases: ['fitc', 'gfp', 'egfp', 'yfp', 'green', '488', '488nm', 'alexa 488', 'alexa488', 'alexa fluor 488', 'af488', 'mneongreen', 'venus', 'citrine', 'mvenus', 'mcitrine', 'sfgfp', 'mclover', 'clover', 'mwasabi', 'zsgreen', 'gcamp', 'jgcamp', 'calcein', 'fluo 4', 'fluo4', 'fluo 8', 'cal 520', 'oregon green', 'sytox green', 'syto 9', 'atto 488', 'cf488'] },
  { name: 'Rhodamine', lightSource: '561nm', emissionNm: 580, fluorophores: ['mcherry', 'rfp', 'tritc'], aliases: ['rhodamine', 'tritc', 'mcherry', 'rfp', 'tdtomato', 'red', '561', '561nm', '555', '568', 'alexa 568', 'alexa fluor 568', 'af568', 'alexa 555', 'alexa fluor 555', 'af555', 'alexa 594', 'alexa fluor 594', 'af594', '594', 'cy3', 'texas red', 'txred', 'mscarlet', 'dsred', 'mkate', 'mkate2', 'mruby', 'tagrfp', 'mapple', 'alexa 546', 'af546', '546', 'tmrm', 'tmre', 'jf549', 'janelia fluor 549', 'jf585', 'propidium iodide', 'spy555', 'atto 565', 'mrfp'] },
  { name: 'Cy5', lightSource: '640nm', emissionNm: 670, fluorophores: ['cy5', 'irfp'], aliases: ['cy5', 'far red', 'far-red', 'farred', '640', '640nm', '647', '633', 'alexa 647', 'irfp', 'alexa fluor 647', 'af647', 'sir-dna', 'sir dna', 'sirdna', 'draq5', 'atto 647', 'mirfp', 'sir-tubulin', 'sir tubulin', 'sir-actin', 'sir actin', 'spy650', 'alexa 633', 'af633', 'mcardinal', 'deep red', 'jf646', 'janelia fluor 646', 'draq7', 'atto 655'] },
  { name: 'Brightfield', lightSource: 'Transmitted', emissionNm: 0, fluorophores: [], transmitted: true, aliases: ['brightfield', 'bright field', 'bright-field', 'bf', 'transmitted', 'phase', 'phase contrast', 'dic', 'trans'] },
];

export const DEMO_OBJECTIVES: Objective[] = [
  { name: '10X', label: 'Nikon 10X S Fluor', magnification: 10, numericalAperture: 0.5, pixelSizeUm: 1.0 },
  { name: '20X', label: 'Nikon 20X Plan Fluor ELWD', magnification: 20, numericalAperture: 0.45, pixelSizeUm: 0.5 },
  { name: '40X', label: 'Nikon 40X Plan Fluor ELWD', magnification: 40, numericalAperture: 0.6, pixelSizeUm: 0.25 },
];

/** The power a light source has when the microscope starts (lasers 20 %, the transmitted lamp 50 %), %: a plan's estimate uses it where the plan says none. */
export function startingPowerPercent(source: LightSource): number {
  return source.wavelengthNm === 0 ? 50 : 20;
}

export const DEMO_CONFIG: MicroscopeConfig = {
  channels: DEMO_CHANNELS,
  lightSources: DEMO_LIGHT_SOURCES,
  objectives: DEMO_OBJECTIVES,
  sensorWidthPx: 512,
  sensorHeightPx: 512,
  binnings: [1, 2, 4, 8],
  bitDepth: 16,
};

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*(laser|channel|led|light|line)$/, '').trim();
}

/** Finds a channel preset by its name or a common alias ("GFP", "488", "mCherry"); undefined if none. */
export function findChannel(config: MicroscopeConfig, name: string): ChannelPreset | undefined {
  const want = normalise(name);
  const found =
    config.channels.find((c) => c.name.toLowerCase() === want) ??
    config.channels.find((c) => c.aliases.includes(want)) ??
    // (an alias that ends in one of the words normalise drops: "nuclear channel")
    config.channels.find((c) => c.aliases.includes(name.trim().toLowerCase().replace(/\s+/g, ' '))) ??
    config.channels.find((c) => c.lightSource.toLowerCase() === want);
  if (found) return found;
  // a variant's version after a known name ("GCaMP6s", "mScarlet-I", "mRuby3", "mTurquoise2"): the name's channel
  const version = VERSION_SUFFIX.exec(want);
  if (version) return findChannel(config, want.slice(0, version.index));
  // a line said by its wavelength in nm ("470nm", "638 nm"): the channel lit by the source nearest to it
  const line = /^(\d{3})\s?nm$/.exec(want);
  return line ? channelOfLine(config, Number(line[1])) : undefined;
}

/** A variant's version after a fluorophore's name: "6s" (GCaMP6s), "-I" (mScarlet-I), "3" (mRuby3), "2" (mTurquoise2). */
export const VERSION_SUFFIX = /(?<=[a-z])[\s-]?(?:\d{1,2}[a-gi-ln-wyz]?|[iv]{1,3})$/;

/**
 * The channel lit by the light source nearest to an excitation wavelength said in nm ("the 470 LED" on a
 * 488 nm source, "the 638" on a 640 nm laser): a light engine's lines and a laser's exact line differ by a few nm
 * from a configuration's source. Only within `toleranceNm` and when one source alone is nearest, and that
 * source lights one preset; undefined otherwise (a 514 nm line is neither 488 nor 561).
 */
export function channelOfLine(config: MicroscopeConfig, nm: number, toleranceNm = 25): ChannelPreset | undefined {
  const near = config.lightSources
    .filter((s) => s.wavelengthNm > 0)
    .map((s) => ({ s, off: Math.abs(s.wavelengthNm - nm) }))
    .sort((a, b) => a.off - b.off);
  if (!near.length || near[0].off > toleranceNm || (near[1] && near[1].off === near[0].off)) return undefined;
  const lit = config.channels.filter((c) => c.lightSource === near[0].s.name);
  return lit.length === 1 ? lit[0] : undefined;
}

/** Like findChannel, but a one-line InputError naming the presets when nothing matches. */
export function resolveChannel(config: MicroscopeConfig, name: string): ChannelPreset {
  const preset = findChannel(config, name);
  if (!preset) {
    throw new InputError(`no channel preset called "${name}": the microscope has ${config.channels.map((c) => c.name).join(', ')} (GFP/488 = FITC, mCherry/561 = Rhodamine)`);
  }
  return preset;
}

export function resolveObjective(config: MicroscopeConfig, name: string | number): Objective {
  const want = String(name).trim().toLowerCase().replace(/\s+/g, '');
  const objective = config.objectives.find(
    (o) => o.name.toLowerCase() === want || o.label.toLowerCase().replace(/\s+/g, '') === want || String(o.magnification) === want.replace(/x$/, ''),
  );
  if (!objective) throw new InputError(`no objective "${name}": the microscope has ${config.objectives.map((o) => o.name).join(', ')}`);
  return objective;
}

export function lightSourceOf(config: MicroscopeConfig, preset: ChannelPreset): LightSource {
  const source = config.lightSources.find((s) => s.name === preset.lightSource);
  if (!source) throw new InputError(`channel ${preset.name} names light source ${preset.lightSource}, which the configuration lacks`);
  return source;
}

/** Finds a light source by name or wavelength ("488", "488nm", "the 488 laser") or by a channel alias ("GFP"). */
export function resolveLightSource(config: MicroscopeConfig, name: string): LightSource {
  const want = normalise(name).replace(/^the /, '').replace(/\s*nm$/, 'nm');
  const direct = config.lightSources.find((s) => s.name.toLowerCase() === want || `${s.wavelengthNm}nm` === want || String(s.wavelengthNm) === want);
  if (direct) return direct;
  const preset = findChannel(config, name);
  if (preset) return lightSourceOf(config, preset);
  throw new InputError(`no light source "${name}": the microscope has ${config.lightSources.map((s) => s.name).join(', ')}`);
}
