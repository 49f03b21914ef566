// Raw data is never overwritten: a request to overwrite the movie it was given runs the rest, and says
// in one line that the original is kept; none of those words reach a step.
import { beforeAll, describe, expect, it } from 'vitest';
import { overwritesOfInput } from '../../../src/agent/planner/rawDataKept.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a request to overwrite the raw data', () => {
  it('is found in the words people use for the movie they gave', () => {
    for (const said of ['overwrite the original', 'save it over the original file', 'replace my raw file with the corrected one', 'overwrite the input', 'write the result to the same file', 'denoise it in place', 'overwrite the raw data']) {
      expect(overwritesOfInput(`correct the drift and ${said}`), said).toHaveLength(1);
    }
  });

  it('is not a folder to write into, another file, or a replacement of pixel values', () => {
    for (const said of ['save the results to my data folder', 'export the tracks into the original directory', 'save the tracks as tracks.csv', 'replace the background with zeros', 'save the pipeline and overwrite the old one', 'overwrite the existing rule', 'replace the original settings with these']) {
      expect(overwritesOfInput(said), said).toEqual([]);
    }
  });

  it('said as a thing not to do, is confirmed, never named as not done', () => {
    for (const request of ['register the frames and save it as a new tif, dont overwrite the original', 'correct the drift but do not replace my raw file', 'denoise it without overwriting the input']) {
      expect(overwritesOfInput(request).every((o) => o.negated), request).toBe(true);
      const said = plan(request).notes?.join(' ') ?? '';
      expect(said, request).toMatch(/As you asked, the movie you gave is not overwritten/);
      expect(said, request).not.toMatch(/Not done/);
    }
  });

  it('runs the rest of the request and names what was not done, never exporting the raw movie over itself', () => {
    const p = plan('correct the drift and save it over the original file');
    expect(p.steps.map((s) => s.tool)).toEqual(['correct_drift']);
    expect(p.notes?.join(' ')).toMatch(/^Not done: "save it over the original file": the movie you gave is never overwritten/);
    const alone = plan('subtract the background and overwrite the input');
    expect(alone.steps.map((s) => s.tool)).toEqual(['subtract_background']);
    expect(plan('overwrite the original').reply).toMatch(/never overwritten/);
    expect(plan('overwrite the original').steps).toEqual([]);
  });
});
