// Parts of a request applied or named, never dropped (stop 46, helper C): a state that picks some cells out (a phase of
// the cell cycle, how many nuclei, transfected or not, a marker's status written with a hyphen) is named like the
// property adjectives are, a grouping by a unit of the data ("per well", "for each embryo") is named, and a condition
// said in an aside ends where the aside closes (conditionForms.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { isPropertyWord } from '../../../src/agent/planner/constraints.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a state that picks some of the things out', () => {
  it('is a property word by its form, never a cell line or a label', () => {
    for (const w of ['metaphase', 'G2', 'S-phase', 'binucleated', 'multinucleate', 'untransfected', 'Ki67-high', 'EdU-negative', 'CD4+']) expect(isPropertyWord(w), w).toBe(true);
    for (const w of ['HeLa', 'U2OS', 'H2B-labelled', 'epithelial', 'phase']) expect(isPropertyWord(w), w).toBe(false);
  });

  it('is named when the step cannot pick them out', () => {
    expect(said('find the anaphase nuclei')).toMatch(/Not applied: "anaphase nuclei"/);
    expect(said('count the binucleated cells')).toMatch(/Not applied: "binucleated cells"/);
    expect(said('measure the area of the Ki67-high nuclei', movieAndLabels)).toMatch(/Not applied: "Ki67-high nuclei"/);
    expect(said('segment the HeLa cells')).not.toMatch(/Not applied/);
  });
});

describe('a grouping by a unit of the data', () => {
  it('is named, while the unit said as which data is not', () => {
    expect(said('measure the mean area per dish', movieAndLabels)).toMatch(/Not applied: "per dish"/);
    expect(said('measure intensity for each coverslip', movieAndLabels)).toMatch(/Not applied: "each coverslip"/);
    expect(said('segment the nuclei of the 2025-11-30 dataset')).not.toMatch(/Not applied/);
  });
});

describe('a part joined by "plus" or "additionally"', () => {
  it('reads its own verb, so an action no tool does is named', () => {
    // (before: "plus" was taken for the verb, and "flag" went unnamed behind "Done")
    expect(said('segment and track, plus highlight the cells that leave the field of view')).toMatch(/no tool to highlight/);
    expect(said('segment the nuclei, additionally tint them by area')).toMatch(/tint/);
    expect(toolsOf('track the cells plus measure their speed', movieAndLabels)).toEqual(['track', 'measure']);
  });
});

describe('a clause of scope alone, said right after a step', () => {
  it('is that step\'s scope (named), never a crop that asks where and drops the step', () => {
    // (before: "regions" made a crop step, which asked which part to crop and ran nothing)
    const p = plan('track the nuclei; only the crowded regions though', movieAndLabels);
    expect(p.steps.map((s) => s.tool)).toEqual(['track']);
    expect((p.notes ?? []).join(' ')).toMatch(/Not applied: "only the crowded regions/);
    expect(toolsOf('segment the nuclei, only crop the centre')).toEqual(['crop', 'segment']);
  });
});

describe('a count joined to its word by a hyphen', () => {
  it('is a setting asked, named when no option took it', () => {
    // (before: "8-connected" after a comma went unnamed; "with 8-connectivity" was named only as a name after "with")
    expect(said('segment the nuclei with a watershed, 4-connected')).toMatch(/Not applied: "4-connected"/);
    expect(said('find the nuclei, 2-pass smoothing')).toMatch(/2-pass/);
    expect(said('segment the nuclei, 8-connected')).not.toMatch(/Not applied: "8"(?!-)/);
  });
});

describe('things picked out by a relative clause after "only"', () => {
  it('is named unless a number or a switch of that whole name applies it', () => {
    // (before: "divide" was a word of track's, allowSplitting true was taken as applying it, and every cell was tracked in silence)
    expect(said('track the nuclei, only the ones that divide', movieAndLabels)).toMatch(/Not applied: "only the ones that divide"/);
    expect(said('measure only the cells that are in focus', movieAndLabels)).toMatch(/Not applied: "only the cells that are in focus"/);
    expect(said('segment only the nuclei that don\'t touch the border')).not.toMatch(/Not applied/);
  });
});

describe('things left out by a relative clause cut short, or by where they are', () => {
  it('is named unless a switch that leaves out applies it; a switch that lets something happen applies no leaving out', () => {
    // (before: allowMerging true was taken as applying "excluding cells that merge", and every cell was kept in silence)
    expect(said('track the nuclei, excluding nuclei that merge', movieAndLabels)).toMatch(/Not applied: "excluding nuclei that merge"/);
    // (before: a participle or a place after the things, with no "that", was read by no reader)
    expect(said('segment the nuclei and drop the ones overlapping each other')).toMatch(/Not applied: "drop the ones overlapping each other"/);
    expect(said('measure the nuclei, ignoring cells on the edge', movieAndLabels)).toMatch(/Not applied: "ignoring cells on the edge"/);
    // (applied by segment's excludeBorder; frames are the frame reader's)
    expect(said('segment the nuclei, excluding nuclei at the border')).not.toMatch(/Not applied/);
    // (stop 47: the frames are left out, never run on; with the movie's length unknown the frame reader names them, once)
    expect(argsOf('measure the nuclei, ignore nuclei in the first 5 frames', 'measure', movieAndLabels).frames).toBeUndefined();
    expect(said('measure the nuclei, ignore nuclei in the first 5 frames', movieAndLabels).match(/Not applied: "ignore nuclei in/g)).toHaveLength(1);
    expect(said('measure the nuclei, ignore nuclei in the first 5 frames', movieAndLabels)).toMatch(/I do not know how many frames the movie has/);
  });
});
