// Whether objects are bright or dark is read from what each tone word is said of (tools/segment.ts objectToneSaid).
import { describe, expect, test } from 'vitest';
import { objectToneSaid } from '../../tools/segment.ts';

describe('objectToneSaid', () => {
  test.each([
    ['the membranes are bright, the cells are the dark regions between them', 'dark'],
    ['bright membranes, dark cells', 'dark'],
    ['the background is quite bright', 'dark'],
    ['they appear dark with bright halos around them', 'dark'],
    ['the cells look black in phase contrast', 'dark'],
    ["they're darker than the background", 'dark'],
    ['bright nuclei on a dark background', 'bright'],
    ['the background is dark', 'bright'],
    ['the DAPI signal is bright', 'bright'],
    ['the spots are white on black', 'bright'],
  ])('%s → %s', (request, tone) => {
    expect(objectToneSaid(request)).toBe(tone);
  });

  test.each([
    ['segment the nuclei'],
    // contradictory: nothing is guessed
    ['the cells are bright and the background is bright too'],
    // dim is faint, not dark
    ['the dim nuclei at the edge'],
  ])('%s → unsaid', (request) => {
    expect(objectToneSaid(request)).toBeUndefined();
  });
});

describe('cells outlined by a membrane stain are the dark regions it encloses', () => {
  test.each([
    ["segment the cells - they're outlined by a membrane marker - and give me the average cell size per frame"],
    ['segment the cells, they are stained with a membrane dye (CellMask), and count them'],
    ['the membrane is labelled; segment the cells'],
  ])('%s → objects dark, target cells', async (request) => {
    const { plan, loadAcquisitionWords } = await import('../agent/planner/planOffline.ts');
    await loadAcquisitionWords();
    const p = plan(request);
    expect(p.steps.find((s) => s.tool === 'segment')?.args).toMatchObject({ objects: 'dark', target: 'cells', membraneStain: true });
    // (the description is no plot of "outlines", and no word of it is named as not applied)
    expect(p.steps.map((s) => s.tool)).not.toContain('plot');
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });

  test('nuclei said, or a tone said, keep theirs', async () => {
    const { argsOf } = await import('../agent/planner/planOffline.ts');
    expect(argsOf('the nuclei are stained with Hoechst in channel 2, segment them', 'segment')).toMatchObject({ channel: 2, target: 'nuclei' });
    expect(argsOf('the nuclei are stained with Hoechst in channel 2, segment them', 'segment').objects).toBeUndefined();
    expect(argsOf('segment the cells; there is a membrane marker but the cells are bright', 'segment').objects).toBe('bright');
  });
});

describe('the membrane stain is read from a membrane named beside a labelling word, or a membrane dye by name', () => {
  test.each([
    ['segment the cells, the stain marks the membranes'],
    ['membranes are labelled in green. segment the cells'],
    ["it's a membrane marker, segment the cells"],
    ['a dye that sits in the membranes; find the cells'],
    ['GFP-CAAX, segment the cells'],
  ])('%s → membraneStain', async (request) => {
    const { argsOf, loadAcquisitionWords } = await import('../agent/planner/planOffline.ts');
    await loadAcquisitionWords();
    expect(argsOf(request, 'segment')).toMatchObject({ membraneStain: true, target: 'cells' });
  });

  test.each([
    ['segment the membranes'],
    ['segment the nuclei, the nuclear membrane is labelled'],
    ['segment the cells and measure TMRM (a membrane potential dye)'],
    ['segment the cells, the cytoplasm is labelled'],
  ])('%s → no membrane stain', async (request) => {
    const { argsOf, loadAcquisitionWords } = await import('../agent/planner/planOffline.ts');
    await loadAcquisitionWords();
    expect(argsOf(request, 'segment').membraneStain).toBeUndefined();
  });
});
