// Questions about a quantity go to the tool that only reports it (movie_info), by the tools' declared results.
import { describe, expect, it } from 'vitest';
import { askedMeanings, notMeasuredReply, onlyReports, reporterFor, resultHits, unmeasuredQuantity } from '../../../src/agent/planner/propertyQuestions.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';

const catalogue = catalogueFromTools(ALL_TOOLS);

describe('reporterFor', () => {
  it('knows which tools only report', () => {
    expect(onlyReports('movie_info', catalogue)).toBe(true);
    expect(onlyReports('project', catalogue)).toBe(false);
    expect(onlyReports('set_calibration', catalogue)).toBe(false);
    expect(onlyReports('segment', catalogue)).toBe(false);
  });

  it('sends questions about the movie itself to movie_info, whatever tool the words name', () => {
    expect(reporterFor('is this a z-stack?', ['project'], catalogue)).toBe('movie_info');
    expect(reporterFor('how many z slices are there', ['project'], catalogue)).toBe('movie_info');
    expect(reporterFor('is the movie calibrated?', ['set_calibration'], catalogue)).toBe('movie_info');
    expect(reporterFor('what is the time between frames?', ['set_calibration'], catalogue)).toBe('movie_info');
    expect(reporterFor('whats the bit depth', [], catalogue)).toBe('movie_info');
  });

  it('leaves a quantity to the named tool when its own results name it better', () => {
    expect(reporterFor('how far did it drift?', ['correct_drift'], catalogue)).toBeUndefined();
    expect(reporterFor('what is the mean speed?', ['measure'], catalogue)).toBeUndefined();
    expect(resultHits('correct_drift', askedMeanings('how far did it drift?', catalogue), catalogue)).toBeGreaterThan(0);
  });
});

describe('unmeasuredQuantity', () => {
  it('names a quantity no tool measures, as asked', () => {
    expect(unmeasuredQuantity("what's the solidity of the nuclei?", catalogue)).toBe('solidity');
    expect(unmeasuredQuantity('whats the mean feret diameter of the cells', catalogue)).toBe('feret diameter');
  });

  it('leaves measured quantities, names elsewhere in the question and questions that are no quantity alone', () => {
    expect(unmeasuredQuantity("what's the eccentricity of the nuclei?", catalogue)).toBeUndefined();
    expect(unmeasuredQuantity('what is the circularty of the nuclei', catalogue)).toBeUndefined();
    expect(unmeasuredQuantity("what's the mean area of the HeLa cells?", catalogue)).toBeUndefined();
    expect(unmeasuredQuantity('what is the nuclear area from frame 5 onwards?', catalogue)).toBeUndefined();
    expect(unmeasuredQuantity('could you tell me which cell moved furthest?', catalogue)).toBeUndefined();
    // misspellings of measured quantities are no unknown quantity
    expect(unmeasuredQuantity("what's the roundnes of the cells", catalogue)).toBeUndefined();
    expect(unmeasuredQuantity('whats the eccentricty', catalogue)).toBeUndefined();
    // an extreme or statistic before a measured quantity is no quantity of its own
    expect(unmeasuredQuantity('whats the biggest nucleus area in the last frame in square microns', catalogue)).toBeUndefined();
    expect(unmeasuredQuantity("what's the dimmest intensity?", catalogue)).toBeUndefined();
    expect(unmeasuredQuantity("what's the biggest solidity?", catalogue)).toBe('biggest solidity');
  });

  it('says what is measured instead, from the table maker\'s own declaration', () => {
    const reply = notMeasuredReply('solidity', catalogue);
    expect(reply).toMatch(/^"solidity" is not something I measure, so I ran nothing\./);
    expect(reply).toMatch(/area.*circularity/);
  });
});

describe('values the question only states (brief s15/Q)', () => {
  it('leaves a size told with its unit out of what is asked, keeping what it is about', async () => {
    const { withoutStatedValues } = await import('../../../src/agent/planner/propertyQuestions.ts');
    expect(withoutStatedValues('the nuclei are around 10 px in diameter, how many of them are in frame 2?')).not.toMatch(/diameter|10 px/);
    expect(withoutStatedValues('the nuclei are around 10 px in diameter, how many of them are in frame 2?')).toMatch(/nuclei.*how many of them are in frame 2/);
    expect(withoutStatedValues("how many nuclei in frame 4? they're roughly 7 px in radius")).not.toMatch(/radius/);
    // a question about the size itself keeps it; a text that only states is left as it is
    expect(withoutStatedValues('how many nuclei are bigger than 40 px?')).toMatch(/40 px/);
    expect(withoutStatedValues('the nuclei are 10 px across')).toBe('the nuclei are 10 px across');
    // the tracking step's reported object diameter is no answer to a count with a size told
    const { meaning, tokenize } = await import('../../../src/agent/planner/words.ts');
    const q = 'the nuclei are around 10 px in diameter, how many of them are in frame 2?';
    expect(resultHits('track', askedMeanings(q, catalogue), catalogue)).toBeLessThan(resultHits('track', new Set(tokenize(q).map((t) => meaning(t.stem))), catalogue));
  });
});

describe('a size told beside a count (brief s15/Q)', () => {
  it('reads a clause that only tells how big the objects are as a statement, not a step', async () => {
    const { statesObjectSize } = await import('../../../src/agent/planner/propertyQuestions.ts');
    for (const told of ['the nuclei are around 10 px in diameter', '~12 px wide nuclei', 'about 24 pixels across', "they're roughly 7 px in radius", 'nuclei ~8 µm across']) expect(statesObjectSize(told)).toBe(true);
    for (const step of ['segment nuclei 8 µm across', 'draw a line 30 px wide', 'crop 100 px across', 'a kymograph 50 px wide', 'the nuclei are quite big']) expect(statesObjectSize(step)).toBe(false);
  });

  it('plans the segmentation with the size told, and nothing else, for a count at a frame', async () => {
    const { plan, loadAcquisitionWords } = await import('./planOffline.ts');
    await loadAcquisitionWords();
    for (const [request, radius] of [['the nuclei are around 10 px in diameter, how many of them are in frame 2?', 5], ['The nuclei are quite big, about 24 pixels across. Could you count them in every frame please?', 12], ["how many nuclei in frame 4? they're roughly 7 px in radius", 7]] as const) {
      const steps = plan(request).steps;
      expect(steps.map((s) => s.tool)).toEqual(['segment']);
      expect(steps[0].args.objectRadiusPx).toBe(radius);
    }
  });
});
