// What a person says they will look at later, themselves, is context: no export, no figure for it.
import { beforeAll, describe, expect, it } from 'vitest';
import { continuesALaterLook, looksAtItLater } from '../../../src/agent/planner/ownLaterLook.ts';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe("a person's own later look", () => {
  it('is a person, a future or an intention, and a verb of looking', () => {
    for (const c of ["I'll have a look at the masks in napari", "I'm going to open the labels in Fiji afterwards", 'my supervisor will then look at the masks', 'we will inspect them tomorrow'])
      expect(looksAtItLater(c), c).toBe(true);
    for (const c of ['I want to look at the masks in napari', "I'll plot it in Prism", "I'll do the stats in R", 'look at the masks in napari', 'so I can open them in Fiji'])
      expect(looksAtItLater(c), c).toBe(false);
    expect(continuesALaterLook("I'm going to open the labels in Fiji", 'afterwards to check them')).toBe(true);
    expect(continuesALaterLook("I'm going to open the labels in Fiji", 'then track them')).toBe(false);
  });
  it('runs only the step asked', () => {
    expect(toolsOf("segment the nuclei, I'll have a look at the masks in napari")).toEqual(['segment']);
    expect(toolsOf("segment the cells; I'm going to open the labels in Fiji afterwards to check them")).toEqual(['segment']);
    // (a wish to look there asks for the file napari opens, as before)
    expect(toolsOf('segment the nuclei, I want to look at the masks in napari')).toEqual(['segment', 'export']);
  });
});
