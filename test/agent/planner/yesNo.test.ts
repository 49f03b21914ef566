// One yes/no reader below recordingQuestions and migrationDirection (brief s45/C mend): both lead with "Yes:" by it.
import { describe, expect, it } from 'vitest';
import { isYesNoForm } from '../../../src/agent/planner/yesNo.ts';
import { isYesNoQuestion } from '../../../src/agent/planner/recordingQuestions.ts';

describe('isYesNoForm', () => {
  it('reads a question opened by a verb, after an opener, as yes/no', () => {
    for (const q of ['are the cells moving in a preferred direction?', 'hmm, do they head somewhere?', 'but is it 3D?', 'so is there drift?', 'any cells faster than 1 µm/min?']) expect(isYesNoForm(q), q).toBe(true);
  });
  it('does not read a value asked, an either/or or a request as yes/no', () => {
    for (const q of ['which direction do they move?', 'is it 8 bit or 16 bit?', 'can you tell me the pixel size?', 'what is the mean speed?']) expect(isYesNoForm(q), q).toBe(false);
  });
  it('is the reader recordingQuestions uses on the plain words', () => {
    expect(isYesNoQuestion('is it a z-stack?')).toBe(true);
    expect(isYesNoQuestion('how many frames?')).toBe(false);
  });
});
