// A change asked at one frame splits the movie there (stop 50, helper D), and "tell me if ..." asks whether, never a rule
// or a microscope command.
import { beforeAll, describe, expect, it } from 'vitest';
import { changeAtAFrame } from '../../../src/agent/planner/changeAtAFrame.ts';
import { withTellMeIfAsWhether } from '../../../src/agent/planner/askedWhether.ts';
import { readQuestion } from '../../../src/agent/planner/tableAnswers.ts';
import { asSaid, loadAcquisitionWords, movieAndLabels } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a change asked at one frame', () => {
  it('compares the frames before it with the frames from it on (the event at it) or after it', () => {
    expect(changeAtAFrame('did the cells speed up following the wash-out at timepoint 12?')).toEqual([{ first: 11 }, { from: 12, to: Infinity }]);
    expect(changeAtAFrame('does the intensity drop after frame 30')).toEqual([{ first: 29 }, { from: 31, to: Infinity }]);
    expect(readQuestion('are the nuclei larger once the compound is in, at frame 18?').compareRanges).toEqual([{ first: 17 }, { from: 18, to: Infinity }]);
  });

  it('is no split without a change, a side, or with a range or two frames', () => {
    expect(changeAtAFrame('mean area after frame 30')).toBeUndefined();
    expect(changeAtAFrame('is the area bigger in frame 30')).toBeUndefined();
    expect(changeAtAFrame('does the speed change after frames 10-20')).toBeUndefined();
    expect(changeAtAFrame('is it faster after frame 10 than in frame 3')).toBeUndefined();
  });

  it('leaves the steps on the whole movie, never on the one frame the event happened at', () => {
    const tracked = [...movieAndLabels, { id: 'tracks-1', type: 'tracks' as const, producedBy: 'track' }];
    const measured = asSaid.plan('did the cells get slower after the inhibitor went on at frame 22?', tracked).steps.find((s) => s.tool === 'measure');
    expect(measured?.args.frames).toBeUndefined();
  });
});

describe('tell me if', () => {
  it('is whether after "tell me" or "show me", and stays "if" in a notification or about the user', () => {
    expect(withTellMeIfAsWhether('track them and tell me if the tracks get shorter')).toBe('track them and tell me whether the tracks get shorter');
    expect(withTellMeIfAsWhether('show us if the cells round up')).toBe('show us whether the cells round up');
    expect(withTellMeIfAsWhether('let me know if the focus drifts')).toBe('let me know if the focus drifts');
    expect(withTellMeIfAsWhether('tell me if you need the pixel size')).toBe('tell me if you need the pixel size');
  });

  it('plans no microscope change for a question about the cells after the steps', () => {
    const tools = asSaid.toolsOf('segment the nuclei, link them and tell me if they speed up after frame 6').join(' ');
    expect(tools).not.toMatch(/acquisition|rule/);
    expect(tools).toMatch(/measure/);
  });
});
