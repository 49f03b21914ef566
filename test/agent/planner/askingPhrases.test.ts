// A phrase made only of asking words ("tell me about it") is no tool's word: as one it pulled the question that
// ends a request ("... and tell me the mean speed") away from the measurement that answers it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a question told after several steps', () => {
  for (const request of ['correct the drift, then segment and track the nuclei and tell me the mean speed', 'register the frames, then find and follow the nuclei and tell me their average speed']) {
    it(`is measured after them: ${request}`, () => expect(toolsOf(request)).toEqual(['correct_drift', 'segment', 'track', 'measure']));
  }
});
