// Questions of stop 52 (helper D): a length unit asked other than µm (nm, mm), ...
import { describe, expect, it } from 'vitest';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import { askedLengthUnit, inLengthUnit } from '../../../src/agent/planner/askedLength.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';

const conversation = (request: string, earlier: PastResult[], pixelSizeUm?: number, frameIntervalS?: number): Conversation => ({
  request,
  artifactsAtStart: [{ id: 'movie-1', type: 'movie', frames: 40, ...(pixelSizeUm ? { pixelSizeUm } : {}), ...(frameIntervalS ? { frameIntervalS } : {}) }],
  earlier,
  current: [],
  earlierRequests: [],
});

describe('a length unit asked other than µm ("velocity in nm/s", "displacement in nanometers")', () => {
  it('reads nm or mm asked, never a number told in nm (a wavelength, a pixel size)', () => {
    expect(askedLengthUnit('what is the mean velocity in nm/s ?')).toBe('nm');
    expect(askedLengthUnit('Track displacement in nanometers pls')).toBe('nm');
    expect(askedLengthUnit('area in mm2?')).toBe('mm');
    expect(askedLengthUnit('mean intensity in the 488 nm channel')).toBeUndefined();
    expect(askedLengthUnit('mean speed in µm/min')).toBeUndefined();
  });
  it('scales a value in µm, µm² or µm/s by the power of its length', () => {
    expect(inLengthUnit(1.5, ' µm/s', 'nm')).toEqual({ value: 1500, unit: ' nm/s' });
    expect(inLengthUnit(2, ' µm²', 'nm')).toEqual({ value: 2e6, unit: ' nm²' });
    expect(inLengthUnit(2, ' px²', 'nm')).toBeUndefined();
  });
  it('answers a speed asked in nm/s in nm/s, not in the µm/s it was converted to', () => {
    const measured: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { meanSpeed: 1.8 }, artifacts: [] };
    const said = answerFromValues('what is the mean velocity in nm/s ?', conversation('what is the mean velocity in nm/s ?', [measured], 0.04, 0.07), [measured]) ?? '';
    expect(said).toMatch(/\d nm\/s/);
    expect(said).not.toMatch(/µm\/s/);
  });
});

describe('divisions counted in a time window ("how many divisions in the first hour?")', () => {
  it('plans detect_divisions over the frames of the window, not over the whole movie with the window named as not applied', async () => {
    const { asSaid, loadAcquisitionWords } = await import('./planOffline.ts');
    await loadAcquisitionWords();
    const known = [{ id: 'movie-1', type: 'movie' as const, frames: 40, frameIntervalS: 600 }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect(asSaid.argsOf('how many divisions in the first hour?', 'detect_divisions', known)).toMatchObject({ frames: { first: 1 } });
    expect(asSaid.argsOf('how many divisions?', 'detect_divisions', known).frames).toBeUndefined();
  });
});

describe('parallel phrases of one figure ("the area as a histogram and the speed as a histogram")', () => {
  it('plans one plot per phrase, each of its own thing, never one plot that drops the second', async () => {
    const { asSaid, loadAcquisitionWords } = await import('./planOffline.ts');
    await loadAcquisitionWords();
    const known = [{ id: 'movie-1', type: 'movie' as const, frames: 40 }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    const plots = (r: string) => asSaid.plan(r, known).steps.filter((s) => s.tool === 'plot').map((s) => [s.args.kind, s.args.feature]);
    expect(plots('plot the area as a histogram and the speed as a histogram')).toEqual([['histogram', 'area_px'], ['histogram', 'speed']]);
    expect(plots('plot the area over time and the speed over time')).toHaveLength(2);
    expect(plots('plot the area as a histogram')).toHaveLength(1);
    // (said again in other words is no parallel phrase: "an excel spreadsheet, one sheet per cell" is one export, the sheets named)
    expect(asSaid.toolsOf('put the track table in an excel spreadsheet, one sheet per cell', known).filter((t) => t === 'export')).toHaveLength(1);
    // (a phrase with another step's verb is that step: "..., LAP tracking, export to TrackMate XML" exports)
    expect(asSaid.toolsOf('segment, LAP tracking with max link 12 px and gap 1 frame, export to TrackMate XML')).toEqual(['segment', 'track', 'export']);
  });
});

describe('one object asked when several were found ("segment the nucleus", then "what\'s its area over time?")', () => {
  it('reads a singular object asked, never a count of the kind, a rank or an identifier', async () => {
    const { asksOfOneObject } = await import('../../../src/agent/planner/oneOfSeveral.ts');
    expect(asksOfOneObject("what's its area over time", ['max project through z and then segment the nucleus'])).toBe('nucleus');
    expect(asksOfOneObject('how fast is the cell moving?', [])).toBe('cell');
    expect(asksOfOneObject("what's its area over time", ['segment the nuclei'])).toBeUndefined();
    expect(asksOfOneObject('what is the cell count?', [])).toBeUndefined();
    expect(asksOfOneObject('how big is the largest cell?', [])).toBeUndefined();
    expect(asksOfOneObject('speed of track 3?', [])).toBeUndefined();
  });
  it('says the value is over all of them when several were found per frame, and nothing when one was', async () => {
    const { severalFoundNote } = await import('../../../src/agent/planner/oneOfSeveral.ts');
    const segmented = (perFrame: number): PastResult => ({ tool: 'segment', args: {}, ok: true, summary: '', values: { objectsPerFrameMean: perFrame }, artifacts: [] });
    const asked = (perFrame: number): Conversation => ({ request: "what's its area over time", artifactsAtStart: [], earlier: [segmented(perFrame)], current: [], earlierRequests: ['segment the nucleus'] });
    expect(severalFoundNote("what's its area over time", asked(2.4), 'Mean area = 152 px²')).toMatch(/one nucleus.*2\.4 objects per frame/);
    expect(severalFoundNote("what's its area over time", asked(1), 'Mean area = 152 px²')).toBe('');
  });
});

describe('a length asked by its unit is never answered by a time ("the total path length per track in microns")', () => {
  it('gives no track duration in frames for a length in µm, and still gives it for a duration asked', () => {
    const measured: PastResult = { tool: 'measure', args: { kind: 'tracks' }, ok: true, summary: '', values: { tracks: 37, meanDuration: 24.5 }, artifacts: [] };
    const asked = 'what is the total path length per track in microns?';
    expect(answerFromValues('what is the total path length per track', conversation(asked, [measured]), [measured]) ?? '').not.toMatch(/duration/i);
    expect(answerFromValues('what is the mean track duration?', conversation('what is the mean track duration?', [measured]), [measured]) ?? '').toMatch(/duration = 24\.5/i);
  });
});

describe('a yes/no question whether the value just given is in a unit ("is that number of pixels?")', () => {
  it('answers from the unit of the value before, never as a count', async () => {
    const { unitAskedWhether, unitWhetherAnswer } = await import('../../../src/agent/planner/unitAskedWhether.ts');
    expect(unitAskedWhether('is that number of pixels?')).toBe('px');
    expect(unitAskedWhether('is the displacement in microns?')).toBe('µm');
    expect(unitAskedWhether('is that the biggest one?')).toBeUndefined();
    expect(unitWhetherAnswer('is that number of pixels?', 'Mean area = 71.17 µm² ± 21.15 SD over 20 objects')).toMatch(/^No: .*µm².*not in px/);
    expect(unitWhetherAnswer('is it in pixels?', 'Mean area (px) = 152.3 px² (no calibration known)')).toMatch(/^Yes: 152\.3 px²/);
  });
});
