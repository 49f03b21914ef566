// Stop 52 (helper B): a setting of another quantity, a method phrase no tool offers: named, never applied as ours.
import { beforeAll, describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a threshold named by another quantity', () => {
  it('is no intensity threshold of segment ("a quality threshold of 50", "flow_threshold 0.4"), and the answer names it', () => {
    for (const [request, named] of [
      ['segment cells with flow_threshold 0.4', 'flow_threshold'],
      ['segment the nuclei with a probability threshold of 0.7', 'probability threshold'],
    ]) {
      const p = asSaid.plan(request);
      const seg = p.steps.find((s) => s.tool === 'segment');
      expect(seg?.args).not.toHaveProperty('threshold');
      expect(seg?.args.method).not.toBe('manual');
      // (nor any other setting: the number is the other program's)
      expect(Object.values(seg?.args ?? {})).not.toContain(Number(/\d+(?:\.\d+)?/.exec(request)![0]));
      expect((p.notes ?? []).join(' ')).toContain(named);
    }
  });

  it("TrackMate's quality threshold of spots is the LoG detector's own (segment method log, helper F)", () => {
    expect(asSaid.argsOf('detect the spots with a quality threshold of 50 and track them', 'segment')).toMatchObject({ method: 'log', qualityThreshold: 50 });
  });

  it('stays ours when said alone, by a verb or by an intensity word', () => {
    expect(asSaid.argsOf('segment with a threshold of 120', 'segment')).toMatchObject({ method: 'manual', threshold: 120 });
    expect(asSaid.argsOf('use threshold 120 and segment the nuclei', 'segment')).toMatchObject({ threshold: 120 });
    expect(asSaid.argsOf('segment the nuclei with an intensity threshold of 300', 'segment')).toMatchObject({ threshold: 300 });
    expect(asSaid.argsOf('subtract the background with a rolling ball radius of 50 px', 'subtract_background')).toMatchObject({ radiusPx: 50 });
    expect(asSaid.argsOf('denoise with a gaussian sigma of 1.5', 'denoise')).toMatchObject({ sigmaPx: 1.5 });
    // (a word of which ones before it leaves it ours: "only channel 2" planned a crop)
    expect(asSaid.plan('segment only channel 2').steps.map((s) => s.tool)).toEqual(['segment']);
    expect(asSaid.argsOf('segment only channel 2', 'segment')).toMatchObject({ channel: 2 });
  });
});

describe('a method said by a phrase whose last word is its kind', () => {
  const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
  it('is named as not available when no word of it is a value of the step that ran ("the linear motion tracker")', () => {
    const p = asSaid.plan('track them with the linear motion tracker', labels);
    expect(p.steps.map((s) => s.tool)).toEqual(['track']);
    expect((p.notes ?? []).join(' ')).toContain('linear motion tracker');
  });

  it('is ours when a word of it is the step\'s value or the phrase is a tool\'s own word', () => {
    for (const [request, artifacts] of [['track with the simple LAP tracker', labels], ['denoise with a gaussian filter', undefined], ['segment the nuclei with the deep learning model', undefined], ['track with the overlap tracker', labels]] as const) {
      expect((asSaid.plan(request, artifacts as never).notes ?? []).join(' ')).not.toMatch(/did not apply|Not applied/);
    }
  });
});

describe('a method no tool offers that is the clause\'s action', () => {
  const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
  it('runs no step its object noun chose ("refine the outlines with active contours" drew a plot), and says so', () => {
    const p = asSaid.plan('refine the nucleus outlines with active contours (snakes)', labels);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/active contours.*not available.*"refine the nucleus outlines/);
    const two = asSaid.plan('segment the nuclei and refine the outlines with active contours');
    expect(two.steps.map((s) => s.tool)).toEqual(['segment']);
    expect((two.notes ?? []).join(' ')).toContain('"refine the outlines with active contours"');
  });

  it('keeps a step said by its own verb, the method named beside it', () => {
    expect(asSaid.plan('segment the nuclei with active contours').steps.map((s) => s.tool)).toEqual(['segment']);
    expect(asSaid.plan('plot the outlines with active contours', labels).steps.map((s) => s.tool)).toEqual(['plot']);
    // (nor a clause that opens on one of the tool's values: "Auto Threshold -> Yen")
    expect(asSaid.plan('Auto Threshold -> Yen, dark background pls').steps.map((s) => s.tool)).toEqual(['segment']);
  });
});

describe('a form said with its bit depth', () => {
  it('is still the form asked ("as 16-bit PNG" wrote TIFF because "label images" came first), the depth named', () => {
    const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }];
    const p = asSaid.plan('export the label images as 16-bit PNG, one per frame', labels);
    expect(p.steps.find((s) => s.tool === 'export')?.args.format).toBe('png');
    expect((p.notes ?? []).join(' ')).toContain('16-bit');
  });
});

describe('the computer a step runs on', () => {
  it('is no word from elsewhere ("segment the cells on GPU (gpu=True), it takes forever on my laptop CPU" was refused whole)', () => {
    const p = asSaid.plan('segment the cells on GPU (gpu=True), it takes forever on my laptop CPU');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment']);
    expect((p.notes ?? []).join(' ')).toMatch(/GPU/);
  });

  it('is named when no other note says it ("segment the cells (gpu=True)" was silent), and "cluster the cells" is no computer', () => {
    expect((asSaid.plan('segment the cells (gpu=True)').notes ?? []).join(' ')).toMatch(/"gpu".*hardware/);
    const labels = [{ id: 'movie-1', type: 'movie' as const }, { id: 'labels-1', type: 'labels' as const, producedBy: 'segment' }, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    expect((asSaid.plan('cluster the tracks with k-means', labels).notes ?? []).join(' ')).not.toMatch(/hardware/);
  });
});

describe('a file said as what it is for', () => {
  it('is no movie to run on ("using my measured PSF psf_488.tif, then segment the nuclei" segmented the PSF)', () => {
    const seg = asSaid.plan('deconvolve the stack with Richardson-Lucy using my measured PSF psf_488.tif, then segment the nuclei').steps.find((s) => s.tool === 'segment');
    expect(seg?.args.movie).not.toBe('psf_488.tif');
    expect(asSaid.argsOf('segment the nuclei in cells.tif', 'segment').movie).toBe('cells.tif');
  });
});
