// Questions about the recording itself are read by the words the reporting tool declares for
// its results, told apart from questions about the analysis, and answered with units; a yes/no
// question starts with the verdict.
import { describe, expect, it } from 'vitest';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { isYesNoQuestion, recordingAnswer, recordingQuestion } from '../../../src/agent/planner/recordingQuestions.ts';

const info = (values: Record<string, unknown>): PastResult => ({
  tool: 'movie_info',
  args: { movie: 'movie-1' },
  ok: true,
  summary: 'm.tif: ...',
  values: { frames: 6, zSlices: 1, channels: 2, channelNames: ['nuclei', 'brightfield'], widthPx: 64, heightPx: 48, dtype: 'uint16', pixelSizeUm: 0.5, zStepUm: null, frameIntervalS: 60, durationS: 300, positions: 1, format: 'imagej', compression: 'none', path: '/data/m.tif', ...values },
  artifacts: [],
});

describe('which property of the recording a question asks about', () => {
  it.each([
    ['how long is the movie?', 'durationS'],
    ['whats the total durration of the timelapse', 'durationS'],
    ['over what time span was this filmed?', 'durationS'],
    ['how often was an image taken?', 'frameIntervalS'],
    ['what was the temporal resolution of the acquisition?', 'frameIntervalS'],
    ['n timepoints?', 'frames'],
    ['How long is this stack, in frames?', 'frames'],
    ['is there more than one channel?', 'channels'],
    ['how many chanels does it have', 'channels'],
    ['how big are the images?', 'widthPx'],
    ['how large is the field of view in microns?', 'widthPx'],
    ['how many microns per pixel?', 'pixelSizeUm'],
    ['is the data calibrated?', 'pixelSizeUm'],
    ['is it 3D?', 'zSlices'],
    ['does the file have a z dimension?', 'zSlices'],
    ["what's the z spacing?", 'zStepUm'],
    ['is it 8 bit or 16 bit?', 'dtype'],
    ['how many xy points are in this dataset', 'positions'],
    ['file format?', 'format'],
    ['what are the dimensions of the data?', 'shape'],
    ['what objective was used?', 'metadata'],
    ['when was this recorded?', 'metadata'],
  ])('%s → %s', (question, key) => {
    expect(recordingQuestion(question)?.keys[0]).toBe(key);
  });

  it('joins the properties a question joins', () => {
    expect(recordingQuestion('how many timepoints and channels are in this stack?')?.keys).toEqual(['frames', 'channels']);
  });

  it.each([
    'how big are the nuclei?',
    'how long are the tracks on average?',
    "what's the mean intensity in channel 2?",
    'which frame has the most cells?',
    'how many cells are in this movie?',
    'who won the football last night',
    "what's the weather in Heidelberg tomorrow?",
    'how many channels should I image?',
    // the microscope's settings now, not the recording's
    "what's the exposure time?",
    'which objective is in?',
    // progress of an acquisition
    'how much longer?',
    'how many frames so far?',
  ])('is not about the recording: %s', (question) => {
    expect(recordingQuestion(question)).toBeUndefined();
  });
});

describe('answers about the recording', () => {
  it('quotes each property with its unit', () => {
    expect(recordingAnswer('how long is the movie?', info({}))).toMatch(/^5 min \(300 s\) from the first to the last frame \(6 frames, 60 s apart\)/);
    expect(recordingAnswer('how many hours does the recording cover?', info({ durationS: 3600, frameIntervalS: 600 }))).toMatch(/^1 h \(3600 s\)/);
    expect(recordingAnswer('how big are the images?', info({}))).toMatch(/^64 x 48 px \(32 x 24 µm at 0\.5 µm\/px\)/);
    expect(recordingAnswer('pixel size in nm?', info({ pixelSizeUm: 0.65 }))).toMatch(/0\.65 µm per pixel \(650 nm\)/);
    expect(recordingAnswer('how many positions are there?', info({}))).toMatch(/^1 position/);
  });

  it('says what is unknown and what sets it', () => {
    expect(recordingAnswer('whats the frame interval?', info({ frameIntervalS: null, durationS: null }))).toMatch(/^Frame interval unknown: the file does not record it \(set_calibration can set it\)/);
  });

  it('answers a yes/no question with the verdict first and the evidence', () => {
    expect(recordingAnswer('is there more than one channel?', info({}))).toMatch(/^Yes: 2 channels \(nuclei, brightfield\)/);
    expect(recordingAnswer('is there more than one channel?', info({ channels: 1, channelNames: ['nuclei'] }))).toMatch(/^No: 1 channel \(nuclei\)/);
    expect(recordingAnswer('does it have a brightfield channel?', info({}))).toMatch(/^Yes\b/);
    expect(recordingAnswer('is there a GFP channel?', info({}))).toMatch(/^No\b/);
    expect(recordingAnswer('is it 3D?', info({}))).toMatch(/^No: 1 z slice/);
    expect(recordingAnswer('is it 2D?', info({}))).toMatch(/^Yes: 1 z slice/);
    expect(recordingAnswer('is the movie calibrated?', info({ pixelSizeUm: null }))).toMatch(/^No: pixel size unknown/);
    expect(recordingAnswer('is this a multi-position file?', info({}))).toMatch(/^No: 1 position/);
  });

  it('answers an either/or question with the value', () => {
    expect(isYesNoQuestion('is it 8 bit or 16 bit?')).toBe(false);
    expect(recordingAnswer('is it 8 bit or 16 bit?', info({}))).toMatch(/^Uint16 \(16-bit integer pixels\)/);
  });
});

describe('the kind of imaging, from the channel names', () => {
  it('reads each channel name, and says when a name does not tell', () => {
    expect(recordingQuestion('is this brightfield or fluorescence?')?.keys[0]).toMatch(/^channel/);
    for (const q of ['brightfield or fluo?', 'what imaging modality was used here?', 'was this taken in phase contrast or DIC?', 'Is this a fluorescence movie?']) expect(recordingQuestion(q)?.keys, q).toEqual(['channelNames']);
    // the signal, not the imaging: a question about the data
    for (const q of ['does the fluorescence fade over time?', 'mean intensity of the nuclei in the brightfield channel?', 'is the fluorescence bleaching?']) expect(recordingQuestion(q)?.keys ?? [], q).not.toEqual(['channelNames']);
    expect(recordingAnswer('is this brightfield or fluorescence?', info({}))).toMatch(/^Channel 1 "nuclei": fluorescence.*channel 2 "brightfield": brightfield \(transmitted light\)/);
    expect(recordingAnswer('Is this a fluorescence movie?', info({ channels: 1, channelNames: ['GFP'] }))).toMatch(/^Yes: channel 1 "GFP": fluorescence/);
    expect(recordingAnswer('is it phase contrast?', info({ channels: 1, channelNames: ['GFP'] }))).toMatch(/^No: /);
    expect(recordingAnswer('is this fluorescence or transmitted light?', info({ channels: 1, channelNames: ['C1'] }))).toMatch(/"C1": I cannot tell from its name/);
  });
});

describe('the recording or the data, in people\'s words (brief s15/Q)', () => {
  it('reads the size of an image in pixels, and leaves speed questions to the data', async () => {
    const { recordingQuestion } = await import('../../../src/agent/planner/recordingQuestions.ts');
    const { catalogueFromTools } = await import('../../../src/agent/planner/catalogue.ts');
    const { ALL_TOOLS } = await import('../../../src/agent/allTools.ts');
    const tools = catalogueFromTools(ALL_TOOLS);
    expect(recordingQuestion('how much pixels is one image?', tools)).toMatchObject({ tool: 'movie_info', keys: ['widthPx'] });
    expect(recordingQuestion('how fast do they go? frame interval is 5 min', tools)).toBeUndefined();
  });
});

describe('a motion of the field between frames', () => {
  // (the shift is measured by registering the frames, never the file's frame count or interval)
  it.each(['how much did the sample shift between the first and last frame?', 'is there any jitter between the frames?', 'did the registration move the frames a lot?'])('is no property of the recording: "%s"', (q) => {
    expect(recordingQuestion(q)).toBeUndefined();
  });
});
