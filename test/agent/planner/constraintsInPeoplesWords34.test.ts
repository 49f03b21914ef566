// Constraints in people's words (brief s34/B): a polite ask for steps ("Can you segment and track?") is a request, so a
// frame interval told in a sentence before it calibrates the movie, and its spans of time are frames; a setting said
// after "with" ("segment with a 2 pixel blur") is the named step's, never another tool's step; a yes/no setting that is
// on by default, turned down alone ("don't separate touching nuclei"), asks for its step with it off; a channel said
// alone in a clause ("far-red only") is imaging, no errand; one reader of "the first hour" for commands and questions.
import { beforeAll, describe, expect, it } from 'vitest';
import { TIME_SPAN_SCOPE, timeSpanFrames } from '../../../src/agent/planner/extract.ts';
import { timesInFrames } from '../../../src/agent/planner/quantities.ts';
import { argsOf, loadAcquisitionWords, plan, said, toolsOf } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a polite ask for steps after a told interval', () => {
  it('sets the interval, as the statement does', () => {
    for (const words of ['we imaged every 5 min. Can you segment and track?', 'we imaged every 5 min, so segment and track']) {
      expect(toolsOf(words), words).toEqual(['set_calibration', 'segment', 'track']);
      expect(argsOf(words, 'set_calibration'), words).toMatchObject({ frameIntervalS: 300 });
    }
    expect(argsOf('it was acquired every 2 minutes - could you track the nuclei?', 'set_calibration')).toMatchObject({ frameIntervalS: 120 });
  });

  it('reads its spans of time as frames', () => {
    expect(argsOf('frames are 10 min apart. could you segment just the first hour?', 'segment')).toMatchObject({ frames: { first: 1, last: 6 } });
  });

  it('leaves a question about the data to its own readers', () => {
    expect(toolsOf('how many nuclei are there? frames are 5 min apart')).not.toContain('start_acquisition');
  });
});

describe('a setting said after "with"', () => {
  it('is the named step\'s, not a step of the tool whose word it is', () => {
    expect(toolsOf('segment with a 2 pixel blur, nothing smaller than 30 px')).toEqual(['segment']);
    expect(argsOf('segment with a 2 pixel blur, nothing smaller than 30 px', 'segment')).toMatchObject({ sigmaPx: 2, minAreaPx: 30 });
    expect(argsOf('could you segment it with a 3 px blur and nothing under 50 pixels?', 'segment')).toMatchObject({ sigmaPx: 3, minAreaPx: 50 });
  });

  it('is the named step\'s with the number after the words, or with words that name its setting and no number (lead)', () => {
    expect(argsOf('segment with heavier blurring (sigma 4)', 'segment')).toMatchObject({ sigmaPx: 4 });
    expect(toolsOf('segment with heavier blurring (sigma 4)')).toEqual(['segment']);
    expect(argsOf('segment with a light gaussian smoothing of 1 px', 'segment')).toMatchObject({ sigmaPx: 1 });
    expect(toolsOf('segment with less smoothing')).toEqual(['segment']);
    expect(toolsOf('segment with denoising first')).toContain('denoise');
  });

  it('leaves a step asked with its own verb after "and" alone', () => {
    expect(toolsOf('denoise with a gaussian, sigma 1 px')).toEqual(['denoise']);
    expect(toolsOf('segment the nuclei and then denoise with a 2 px gaussian')).toEqual(expect.arrayContaining(['segment', 'denoise']));
  });
});

describe('a yes/no setting turned down alone', () => {
  it('asks for its step with the setting off', () => {
    for (const words of ['do not split touching cells', "please don't separate touching nuclei"]) {
      expect(toolsOf(words), words).toEqual(['segment']);
      expect(argsOf(words, 'segment'), words).toMatchObject({ splitTouching: false });
    }
  });

  it('still leaves a step out when the step itself is turned down', () => {
    expect(toolsOf("don't segment, just denoise")).toEqual(['denoise']);
    expect(toolsOf('segment the nuclei but do not track them')).toEqual(['segment']);
  });
});

describe('a channel said alone in a clause', () => {
  it('is imaging, never an errand from elsewhere', () => {
    const p = plan('Set up a 36-hour run, one frame every quarter of an hour, far-red only.');
    expect(p.steps.map((s) => s.tool)).toEqual(['start_acquisition']);
    expect(JSON.stringify(p.steps[0].args)).toMatch(/Cy5/);
    expect(said('Set up a 36-hour run, one frame every quarter of an hour, far-red only.')).not.toMatch(/not something cellpilot does/);
  });
});

describe('"the first hour"', () => {
  it('is the same frames for a command and a question', () => {
    for (const [span, intervalS] of [['the first hour', 600], ['the first 30 min', 300], ['the initial hour', 180], ['the first 90 s', 20]] as const) {
      const command = /frames? (?:1-|1 to )?(\d+)/.exec(timesInFrames(`segment ${span}`, intervalS).text.replace(/the first (\d+) frames/, 'frames 1-$1'));
      const question = timeSpanFrames(TIME_SPAN_SCOPE.exec(span)!, intervalS);
      expect(Number(command?.[1]), span).toBe(question?.last);
    }
  });
});
