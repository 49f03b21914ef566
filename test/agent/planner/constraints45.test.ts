// Parts of a request applied or named, never dropped (stop 45, helper C): a clause opening with a word that leaves things
// out restricts the step before it (no step is made for it), property words before an object's noun are bound by the
// step's own reader or named, conditions said with "as long as"/"unless" are named when nothing checks them, a reduced
// relative clause of things left out is named, and a channel marked by "only" is the step's scope, not a crop.
import { beforeAll, describe, expect, it } from 'vitest';
import { withoutChannelScope } from '../../../src/agent/planner/clauses.ts';
import { argsOf, loadAcquisitionWords, movieAndLabels, plan, said, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a clause that leaves things out, after a step that cannot', () => {
  it('restricts that step and is named, with no other step made for it', () => {
    expect(toolsOf('correct the drift, excluding cells touching the border')).toEqual(['correct_drift']);
    expect(said('correct the drift, excluding cells touching the border')).toMatch(/Not applied: "excluding cells touching the border" — `correct_drift`/);
    expect(said('correct bleaching but skip the dim cells')).toMatch(/Not applied: "skip the dim cells"/);
  });
  it('is applied by a step that can', () => {
    expect(argsOf('segment the nuclei, excluding the border ones', 'segment')).toMatchObject({ excludeBorder: true });
    expect(argsOf('segment everything but not the tiny bits', 'segment')).toMatchObject({ minTypicalShare: 0.33 });
  });
});

describe('property words said before the objects\' noun', () => {
  it('bind a size to the typical object measured on the movie, said in the answer', () => {
    expect(argsOf('just segment the big nuclei', 'segment')).toMatchObject({ minTypicalShare: 0.67 });
    expect(argsOf('only segment the small cells', 'segment')).toMatchObject({ maxTypicalShare: 1.5 });
    expect(said('just segment the big nuclei')).toMatch(/"big" nuclei: objects smaller than two thirds of a typical object's area are left out/);
    expect(said('segment the nuclei, only the big ones')).not.toMatch(/Not applied/);
  });
  it('name brightness and shape, which no option picks by', () => {
    expect(said('simply find the bright nuclei')).toMatch(/"bright" nuclei: every object brighter than the background is kept/);
    expect(said('just the dim nuclei please, segment them')).toMatch(/Not applied: "dim"/);
    expect(said('segment the round nuclei')).toMatch(/Not applied: "round nuclei"/);
    expect(said('segment only small round nuclei')).toMatch(/Not applied: "round nuclei"/);
    expect(said('track the dead cells', movieAndLabels)).toMatch(/Not applied: "dead cells" — `track`/);
  });
  it('leave plain requests alone', () => {
    for (const r of ['segment the nuclei', 'segment the whole cells', 'segment all the nuclei']) expect(said(r), r).not.toMatch(/Not applied/);
  });
});

describe('conditions nothing checks', () => {
  it('are named: "as long as" as "if", "unless" with no number', () => {
    expect(said('segment the nuclei and track them as long as the segmentation looks ok')).toMatch(/Not applied: the condition "if the segmentation looks ok"/);
    expect(said('segment with li unless the movie is too dim')).toMatch(/Not applied: the condition "unless the movie is too dim"/);
    expect(argsOf('segment with li unless the movie is too dim', 'segment')).toMatchObject({ method: 'li' });
  });
  it('leave "unless" with a number to the step\'s setting', () => {
    expect(argsOf('correct the drift unless it\'s under 1 px', 'correct_drift')).toMatchObject({ minDriftPx: 1 });
  });
});

describe('things left out by a relative clause with no pronoun', () => {
  it('are named', () => {
    expect(said('track the cells and ignore the ones my colleague marked', movieAndLabels)).toMatch(/Not applied: "ignore the ones my colleague marked"/);
  });
});

describe('a channel marked as the scope by "only"', () => {
  it('is blanked for matching, so the step named keeps its clause', () => {
    expect(withoutChannelScope('segment channel 2 only in the corner')).toBe('segment                in the corner');
    expect(toolsOf('segment channel 2 only in the top left corner')).toEqual(['crop', 'segment']);
    expect(argsOf('segment channel 2 only in the top left corner', 'segment')).toMatchObject({ channel: 2 });
  });
});

describe('more shapes of a part left out or scoped', () => {
  it('names a filter after "without" with a relative clause, and a place said after the things in an "only" scope', () => {
    // (stop 47: the tool that selects tracks reads a rule from it, so it runs after the tracking and says what it kept)
    expect(plan('track the nuclei without the ones that leave the field', movieAndLabels).steps.map((s) => s.tool)).toEqual(['track', 'filter_tracks']);
    expect(said('track the nuclei without the ones that leave the field', movieAndLabels)).toMatch(/Tracks kept: never touching the image border/);
    expect(said('measure the cells but only the ones in focus', movieAndLabels)).toMatch(/Not applied: "only the ones in focus"/);
    expect(said('measure only the cells in frame 10', [{ id: 'movie-1', type: 'movie', frames: 30 } as never, movieAndLabels[1]])).not.toMatch(/Not applied/);
  });
  it('names a stretch of the movie said in times when the interval is not known', () => {
    expect(said('measure intensity between minute 10 and minute 40', movieAndLabels)).toMatch(/Not applied: "between minute 10 and minute 40" — I do not know the time between frames/);
    expect(argsOf('the interval is 5 min. measure intensity between minute 10 and minute 40', 'measure', movieAndLabels)).toMatchObject({ frames: { first: 3, last: 9 } });
    expect(argsOf('segment nuclei between 10 and 40 px', 'segment')).toMatchObject({ minAreaPx: 10, maxAreaPx: 40 });
  });
});

describe('a count of a unit the step does not know', () => {
  it('is named with its unit; counts of things and the step\'s own units are not', () => {
    expect(said('export the masks as png at 300 dpi')).toMatch(/Not applied: "300 dpi" — no option of `export`/);
    for (const r of ['segment 30 cells', 'make a montage with 4 columns']) expect(said(r), r).not.toMatch(/Not applied/);
  });
});

describe('a clause that only leaves things out, with no step of its own', () => {
  it('restricts the step before it in the sentence, named there', () => {
    expect(said('segment, and skip the frames where nothing happens')).toMatch(/Not applied: "skip the frames where nothing happens" — `segment`/);
    expect(said('track cells, ignoring frames where the focus is bad', movieAndLabels)).toMatch(/Not applied: "ignoring frames where the focus is bad"/);
    expect(argsOf('segment nuclei but avoid the clumps', 'segment')).toMatchObject({ maxTypicalShare: 3 });
  });
  it('leaves frames said by number to the frame scope', () => {
    expect(argsOf('ignore the first 5 frames and segment the rest', 'segment', [{ id: 'movie-1', type: 'movie', frames: 30 } as never])).toMatchObject({ frames: { first: 6, last: 30 } });
  });
});
