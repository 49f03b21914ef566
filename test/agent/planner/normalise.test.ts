// The one form the planner reads: slips corrected into words people write, shouting lowered,
// units spelt out as symbols, curly typography straightened; words written right never change.
import { describe, expect, it } from 'vitest';
import { asSaid, loadAcquisitionWords } from './planOffline.ts';
import { normalisedRequest, withCountsInDigits, withEachInSingular, withExclusionsSaidPlainly, withViewMotionAsDrift, withoutShouting, withoutOpeningExclamation, withChangeAskedAsVerb, withStepsAskedAsPossiblePlain, withChatShorthandSpelledOut, withPlainTypography, withQuestionsApart, withSettingsAsWords, withSlipsCorrected, withThanAfterComparatives, withUnitSymbols } from '../../../src/agent/planner/normalise.ts';

const NONE = new Map();

describe('withSlipsCorrected', () => {
  it('reads a slip of a word the tools or requests use as that word, keeping its case', () => {
    expect(withSlipsCorrected('raise the exposre and check the interavl', NONE)).toBe('raise the exposure and check the interval');
    expect(withSlipsCorrected('Thresold at the mean', NONE)).toBe('Threshold at the mean');
  });

  it('never changes an everyday word, a word written right, a short word, a quoted name or a file', () => {
    const text = 'my truck and stock, spend less; cels; name it "segmnet-one" from segmnet.tif';
    expect(withSlipsCorrected(text, NONE)).toBe(text);
    expect(withSlipsCorrected('the trajectories were stabilised', NONE)).toBe('the trajectories were stabilised');
  });

  it('leaves a name with capitals after its first letter as written, in a request not all in capitals', () => {
    expect(withSlipsCorrected('register the frames with SIFT', NONE)).toBe('register the frames with SIFT');
    expect(withSlipsCorrected('align them with TurboReg, then segmnet', NONE)).toBe('align them with TurboReg, then segment');
  });

  it('leaves a number word and a short word as written', () => {
    expect(withSlipsCorrected('skip three of these', NONE)).toBe('skip three of these');
  });
});

describe('withoutShouting', () => {
  it('lowers a request written in capitals, not one with a few', () => {
    expect(withoutShouting('OUTLINE EVERY BACTERIUM IN THE FIELD, SAVE AS OUT.TIF')).toBe('outline every bacterium in the field, save as OUT.TIF');
    expect(withoutShouting('measure RFP next to the YFP signal')).toBe('measure RFP next to the YFP signal');
  });
});

describe('withUnitSymbols', () => {
  it('writes a unit spelt out after its number as its symbol', () => {
    expect(withUnitSymbols('a 3 micrometre step, 7um wide, 250 nanometres, 20 milliseconds')).toBe('a 3 µm step, 7 µm wide, 250 nm, 20 ms');
    expect(withUnitSymbols('microns are small')).toBe('microns are small');
  });
});

describe('withCountsInDigits', () => {
  it('writes counts and indices said in words as digits, two and up', () => {
    expect(withCountsInDigits('fit twelve iterations, then drop well seven')).toBe('fit 12 iterations, then drop well 7');
    expect(withCountsInDigits('is there more than one channel at zero point five?')).toBe('is there more than one channel at zero point five?');
  });
});

describe('normalisedRequest', () => {
  it('straightens typography and applies every step once', () => {
    expect(withPlainTypography('don’t crop')).toBe("don't crop");
    expect(normalisedRequest('DON’T CROP THE 2 MICRONS BORDR', NONE)).toBe("don't crop the 2 µm border");
  });
});

describe('objects turned down in everyday words', () => {
  it('reads them as the one verb of leaving out', () => {
    expect(withExclusionsSaidPlainly("segment the nuclei; I don't want the edge ones")).toBe('segment the nuclei; exclude the edge ones');
    expect(withExclusionsSaidPlainly("outline the cells, don't touch the border ones")).toBe('outline the cells, exclude the border ones');
    expect(withExclusionsSaidPlainly("don't count those touching the border")).toBe('exclude those touching the border');
    expect(withExclusionsSaidPlainly("we don't want any cells that are cut off by the edge")).toBe('exclude any cells that are cut off by the edge');
    expect(withExclusionsSaidPlainly('segment, but nothing on the edges please')).toBe('segment, but exclude anything on the edges please');
  });

  it('leaves a step turned down, and wants that are no objects, as said', () => {
    for (const said of ["segment and track, I don't want the tracks", "I don't want to count cells, just segment", "don't want to track them", "I don't need a new movie"]) {
      expect(withExclusionsSaidPlainly(said)).toBe(said);
    }
  });
});

describe('withThanAfterComparatives', () => {
  it.each([
    ['how many tracks last more then 3 frames?', 'how many tracks last more than 3 frames?'],
    ['count the nuclei bigger then 40 µm²', 'count the nuclei bigger than 40 µm²'],
    ['keep the objects smaller then ~5 px', 'keep the objects smaller than ~5 px'],
    ['tracks longer or equal then about 10 frames', 'tracks longer or equal than about 10 frames'],
  ])('%s: "then" between a comparative and a number is "than"', (said, meant) => expect(withThanAfterComparatives(said)).toBe(meant));
  it.each(['segment with a larger radius, then 3 rounds of tracking', 'do more then track them', 'make it brighter then save it'])(
    '%s: a sequence stays one',
    (said) => expect(withThanAfterComparatives(said)).toBe(said),
  );
});

describe('stop 36: each with a plural, the view moving', () => {
  it.each([
    ['for each cells what is the mean?', 'for each cell what is the mean?'],
    ['how many nuclei in each frames', 'how many nuclei in each frame'],
    ['every nuclei and every tracks', 'every nucleus and every track'],
    ['in each time points', 'in each time point'],
  ])('"%s" → "%s"', (a, b) => {
    expect(withEachInSingular(a)).toBe(b);
  });
  it.each(['each of the cells', 'every 5 frames', "each cells' area"])('"%s" keeps its words', (a) => {
    expect(withEachInSingular(a)).toBe(a);
  });
  it.each(['Has the sample shifted during the acquisition?', 'did the stage move?', 'is the field of view sliding over time?', 'does the image jump between frames?', 'so, has the dish moved'])('"%s" asks about drift', (q) => {
    expect(withViewMotionAsDrift(q)).toMatch(/^(?:so, )?is there drift/i);
  });
  it.each(['did the cells move?', 'move the stage to position 2', 'has the stage moved to 5 mm?', 'is the image saved?'])('"%s" keeps its words', (q) => {
    expect(withViewMotionAsDrift(q)).toBe(q);
  });
});

describe('withQuestionsApart', () => {
  it('parts two questions joined by "and", the second\'s "that" the first one\'s quantity', () => {
    // (read as one, "average" and "change over the movie" planned a drift estimate)
    expect(withQuestionsApart('how many cells are there on average per frame, and how does that change over the movie?')).toBe('how many cells are there on average per frame? and how does the number of cells change over the movie?');
    expect(withQuestionsApart('what is the mean area and how does it change over time?')).toBe('what is the mean area? and how does the mean area change over time?');
  });

  it('leaves commands, and questions joined to no question word, as they are', () => {
    expect(withQuestionsApart('segment and track, and how fast do they move?')).toBe('segment and track, and how fast do they move?');
    expect(withQuestionsApart('how many cells divide and move?')).toBe('how many cells divide and move?');
  });
});

describe('stop 38: settings written as code', () => {
  it.each([
    ['segment min_area=35 max_area=900', 'segment min area 35, max area 900'],
    ['segment nuclei radius=8 min_area=40', 'segment nuclei radius 8, min area 40'],
    ['segment frames=5-20', 'segment frames 5-20'],
    ['segment minArea=25 maxArea=500', 'segment min area 25, max area 500'],
    ['segment (min area: 50, max area: 2000)', 'segment (min area 50, max area 2000)'],
  ])('"%s" → "%s"', (said, read) => {
    expect(withSettingsAsWords(said)).toBe(read);
  });
  it.each(['subtract_background radius 40', 'GFP, interval 00:05:00', 'move to x=100', 'save as "min_area=35"'])('"%s" keeps its words', (said) => {
    expect(withSettingsAsWords(said)).toBe(said);
  });
});

describe('an exclamation that opens a request', () => {
  it('is left off, and the command after the observation is kept', () => {
    expect(withoutOpeningExclamation('whoa the GFP looks really bleached, halve the laser')).toBe('the GFP looks really bleached, halve the laser');
    expect(withoutOpeningExclamation('ugh, it drifts, fix it')).toBe('it drifts, fix it');
    expect(withoutOpeningExclamation('nice, now track them')).toBe('now track them');
  });
  it('never takes a word of praise that names something ("perfect segmentation", "great work.")', () => {
    expect(withoutOpeningExclamation('perfect segmentation')).toBe('perfect segmentation');
    expect(withoutOpeningExclamation('great work. now export the tracks')).toBe('great work. now export the tracks');
  });
});

describe('a change asked as a thing that exists', () => {
  it('is asked with the verb a compared quantity is read by', () => {
    expect(withChangeAskedAsVerb('is there a difference in speed between the first and second half?')).toBe('is the speed different between the first and second half?');
    expect(withChangeAskedAsVerb('is there a change in nucleus size over time?')).toBe('does the nucleus size change over time?');
    expect(withChangeAskedAsVerb('is there a significant increase in intensity after frame 20?')).toBe('does the intensity significantly increase after frame 20?');
  });
  it('leaves a difference between two methods to the adviser', () => {
    expect(withChangeAskedAsVerb('is there a difference between otsu and li?')).toBe('is there a difference between otsu and li?');
  });
  it('measures the quantity, never the adviser or a step run again', async () => {
    await loadAcquisitionWords();
    expect(asSaid.toolsOf('is there a difference in speed between the first and second half?').slice(0, 2)).toEqual(['segment', 'track']);
    expect(asSaid.toolsOf('is there a change in nucleus size over time?')[0]).toBe('segment');
  });
});

describe('several steps asked as whether they are possible', () => {
  it('is the request they are, each step planned', async () => {
    expect(withStepsAskedAsPossiblePlain('is it possible to correct the drift and then track?')).toBe('please correct the drift and then track');
    await loadAcquisitionWords();
    expect(asSaid.toolsOf('is it possible to correct the drift and then track?')).toEqual(['correct_drift', 'segment', 'track']);
    expect(asSaid.toolsOf('would it be possible to denoise, then segment the nuclei?')).toEqual(['denoise', 'segment']);
  });
  it('leaves one step asked so a question of what the tools can do', () => {
    expect(withStepsAskedAsPossiblePlain('is it possible to segment in 3D?')).toBe('is it possible to segment in 3D?');
  });
});

describe('a verb that only carries an action', () => {
  it('is left off in a request, never as the "does" that asks', () => {
    expect(withChatShorthandSpelledOut('correct the drift and then do the tracking')).toBe('correct the drift and then tracking');
    expect(withChatShorthandSpelledOut('what method does the segmentation use?')).toBe('what method does the segmentation use?');
    expect(withChatShorthandSpelledOut('how much time does the segmentation step need?')).toBe('how much time does the segmentation step need?');
  });
});
