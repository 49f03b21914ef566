// "what is the pixel size?" of a TIFF with 300 dpi resolution tags said only that the file does not
// record one: it now says the 300 dpi is a print resolution, not a pixel size (as `cellpilot info` does).
import { describe, expect, it } from 'vitest';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { recordingAnswer } from '../../../src/agent/planner/recordingQuestions.ts';

const info = (values: Record<string, unknown>): PastResult => ({
  tool: 'movie_info',
  args: { movie: 'movie-1' },
  ok: true,
  summary: 'print.tif: ...',
  values: { frames: 1, zSlices: 1, channels: 1, channelNames: ['C1'], widthPx: 64, heightPx: 64, dtype: 'uint8', pixelSizeUm: null, zStepUm: null, frameIntervalS: null, durationS: null, positions: 1, format: 'tiff', compression: 'none', path: '/data/print.tif', ...values },
  artifacts: [],
});

describe('the pixel size of a file with a print resolution', () => {
  it('names the 300 dpi as a print resolution, not a pixel size', () => {
    expect(recordingAnswer('what is the pixel size?', info({ printDpi: 300 }))).toMatch(/^Pixel size unknown: the file does not record it.*; its 300 dpi is a print resolution, not a pixel size; lengths stay in px/);
    expect(recordingAnswer('what is the pixel size?', info({}))).not.toMatch(/dpi/);
  });
});
