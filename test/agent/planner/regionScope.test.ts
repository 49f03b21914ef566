// A region of the field said as a step's scope is cut out first by the tool that cuts regions, its movie the input of
// the steps; a cut said after them without "then" runs before them; a region no rectangle can be made of is named.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a region said as the scope of a step', () => {
  it.each([
    ['segment the top left quarter', { region: 'top_left' }],
    ['segment only the top half', { region: 'top_half' }],
    ['segment, but only in the top half of the image', { region: 'top_half' }],
    ['track the cells in the central 64x64 region', { region: 'centre', width: 64, height: 64 }],
    ['measure the intensity in the region x 10-60, y 10-60', { x: 10, y: 10, width: 50, height: 50 }],
  ])('%s', (request, rectangle) => {
    const steps = plan(request).steps;
    expect(steps[0]).toMatchObject({ tool: 'crop', args: rectangle });
    expect(steps.slice(1).map((s) => s.tool)).toContain(request.startsWith('measure') ? 'measure' : request.includes('track') ? 'track' : 'segment');
    expect(said(request)).not.toMatch(/cannot restrict itself/);
  });

  it('keeps a crop said after the steps with "then" where it was said', () => {
    expect(toolsOf('segment the nuclei, then crop to the left half')).toEqual(['segment', 'crop']);
  });

  it('names a region no rectangle is known for, and never crops for an edge', () => {
    expect(toolsOf('count the nuclei in the ROI')).not.toContain('crop');
    expect(said('count the nuclei in the ROI')).toMatch(/Not applied: "in the ROI"/);
    expect(toolsOf('track the cells touching the left edge')).not.toContain('crop');
  });

  it('asks which part when a crop names none', () => {
    expect(plan('crop the movie').reply).toMatch(/Which part of the image should I crop/);
  });
});
