// Stop 49 (helper B): a bit depth or print resolution asked of what a step writes, which no argument sets, is named.
import { beforeAll, describe, expect, it } from 'vitest';
import { outputDepthLine } from '../../../src/agent/planner/outputDepth.ts';
import { catalogue, loadAcquisitionWords, movieAndLabels, said } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a bit depth or a resolution no argument sets', () => {
  it('is named in one line, whatever the spelling', () => {
    const steps = [{ tool: 'export', args: {}, clause: '' }] as never;
    expect(outputDepthLine('write the labels out as 32bit', steps, catalogue, '')).toMatch(/"32bit".*bit depth/);
    expect(outputDepthLine('the figure, 1200 dpi', [{ tool: 'plot', args: {}, clause: '' }] as never, catalogue, '')).toMatch(/"1200 dpi".*resolution/);
    expect(said('write the label image as tif, 32 bit please', movieAndLabels)).toMatch(/32 bit/);
  });

  it('says nothing when the answer names it already or when none is asked', () => {
    const steps = [{ tool: 'export', args: {}, clause: '' }] as never;
    expect(outputDepthLine('write the labels out as 32bit', steps, catalogue, 'Not applied: "32bit" — ...')).toBeUndefined();
    expect(outputDepthLine('write the labels out as tiff', steps, catalogue, '')).toBeUndefined();
  });
});
