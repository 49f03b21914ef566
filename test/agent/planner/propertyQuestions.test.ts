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
