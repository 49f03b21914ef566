// A movie made only to answer a question ("is there drift?") is no input of the steps asked after it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const movieRefOf = (request: string, tool: string) => plan(request).steps.find((s) => s.tool === tool)?.args.movie as { aside?: number[] } | undefined;

describe("a question's side product", () => {
  it('is set aside as the input of a later step', () => {
    for (const request of ['is there drift? Track the cells.', 'Was there any drift in the recording? Segment and track the nuclei either way.']) {
      const steps = plan(request).steps;
      const at = steps.findIndex((s) => s.tool === 'correct_drift');
      expect(at, request).toBeGreaterThanOrEqual(0);
      expect(movieRefOf(request, 'segment')?.aside, request).toContain(at);
    }
  });

  it('stays the input when the correction is asked for in its own words', () => {
    for (const request of ['correct the drift, then track the cells', 'can you correct the drift? then segment the nuclei']) {
      expect(movieRefOf(request, 'segment')?.aside, request).toBeUndefined();
    }
  });
});
