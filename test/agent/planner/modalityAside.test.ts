// How the movie was imaged, said in brackets ("(phase contrast)", "(confocal, 40x)"), asks for no step of its own:
// it ran artificial labelling on "segment the cells, they're darker than the background (phase contrast)".
import { beforeAll, describe, expect, test } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('an imaging modality in brackets', () => {
  test.each([
    ["segment the cells, they're darker than the background (phase contrast)", ['segment']],
    ['segment the nuclei (confocal, 40x) and track them', ['segment', 'track']],
    ['find the cells (brightfield) and measure them', ['segment', 'measure']],
  ])('%s', (request, tools) => {
    expect(plan(request).steps.map((s) => s.tool)).toEqual(tools);
  });
  test('said as what to do, it still asks for its step', () => {
    expect(plan('predict the nuclei from the phase contrast channel').steps.map((s) => s.tool)).toEqual(['predict_label']);
    expect(plan('segment the cells (with Otsu) and track them').steps[0].args.method).toBe('otsu');
  });
});
