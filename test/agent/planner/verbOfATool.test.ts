// The clause's verb, as one tool's examples open with it, takes what its word scored as another tool's noun ("trace the
// nuclei" tracks, though "traces" is the time series'); a tool's name inside a program's CamelCase name ("TrackMate") is no
// request for that step (stop 49, helper C).
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const index = indexFor(catalogueFromTools(ALL_TOOLS));

describe("a verb of one tool's examples", () => {
  it('takes the clause from a noun of the same stem', () => {
    expect(index.match('trace the nuclei')[0]?.tool).toBe('track');
    expect(toolsOf('trace the nuclei through the movie')).toEqual(['segment', 'track']);
  });
  it('keeps the noun where the verb acts on no thing of its examples, or another verb opens', () => {
    expect(index.match('trace the outlines of the nuclei')[0]?.tool).not.toBe('track');
    expect(toolsOf('plot the intensity traces of the nuclei')).not.toContain('track');
    // (align's examples act on channels, no thing steps share: "align the frames" stays the drift correction's)
    expect(toolsOf('realign the frames to the mean image so the cells stay centred')).toEqual(['correct_drift']);
  });
});

describe("a tool's name inside a program's name", () => {
  it('is no request for the step: the file for the program is', () => {
    expect(index.match("I'd like the trajectories exported for TrackMate please").find((m) => m.tool === 'track')?.named).toBe(false);
    expect(toolsOf("I'd like the trajectories exported for TrackMate please")).toEqual(['segment', 'track', 'export']);
  });
  it('leaves the tracker named by its own verb', () => {
    expect(toolsOf('track the nuclei with TrackMate')).toEqual(['segment', 'track']);
  });
});
