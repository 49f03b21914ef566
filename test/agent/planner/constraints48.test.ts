// Every part of a request applied or named (brief s48/C): a place said of a step, read even where its word is one finger
// slip from a function word; and no line for a request put politely or with an aside.
import { beforeAll, describe, expect, it } from 'vitest';
import { unappliedWords } from '../../../src/agent/planner/unapplied.ts';
import { indexFor } from '../../../src/agent/planner/toolIndex.ts';
import { catalogue, loadAcquisitionWords, movieAndLabels, plan } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a place said of a step', () => {
  it('opens the words read for a condition ("near", "inside", "around")', () => {
    expect(unappliedWords('track the cells near the wound edge', indexFor(catalogue))).toContain('wound');
    expect((plan('track the cells near the wound edge', movieAndLabels).notes ?? []).join(' ')).toMatch(/"wound"/);
  });

  it('reads a word as a slip of a function word only where fingers make it ("wiht", not "wound" for "would")', () => {
    expect(unappliedWords('track the cells with the wound', indexFor(catalogue))).toContain('wound');
    expect(unappliedWords('segment the nuclei wiht care', indexFor(catalogue))).not.toContain('wiht');
  });
});

describe('a dimension said as a number joined to letters', () => {
  it('is named when no step takes it ("in 3D"), also beside the things the step finds', () => {
    expect(unappliedWords('segment the nuclei in 3D', indexFor(catalogue))).toContain('3D');
    expect((plan('segment the nuclei in 3D').notes ?? []).join(' ')).toMatch(/"3D"/);
    expect(unappliedWords('segment the nuclei in 2D and the 1st frame at 20x', indexFor(catalogue))).toEqual([]);
  });
});

describe('nothing named where nothing was dropped', () => {
  it('reads "if you could measure ..." as a request put politely, no condition', () => {
    const p = plan('I would be most grateful if you could measure the nuclear areas for me. Kind regards, Margaret', movieAndLabels);
    expect(p.steps.map((s) => s.tool)).toEqual(['measure']);
    expect((p.notes ?? []).join(' ')).not.toMatch(/condition/);
  });

  it('weighs no hedge as a word from elsewhere ("nothing fancy")', () => {
    const p = plan('just a max projection of the whole thing, nothing fancy');
    expect(p.steps.map((s) => s.tool)).toEqual(['project']);
    expect(p.reply).toBeUndefined();
  });
});
