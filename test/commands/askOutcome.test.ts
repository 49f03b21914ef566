import { describe, expect, it } from 'vitest';
import { nothingRanReason } from '../../src/commands/askOutcome.ts';

const turn = (answer: string, calls: string[] = [], status = 'done') => ({ status, answer, toolCalls: calls.map((s) => ({ status: s })) });

describe('ask: a turn that ran nothing', () => {
  it('fails, in one line that says why, when the request asked for work', async () => {
    const cases: [string, string][] = [
      ['track my package from Amazon', 'That is outside what I do: I analyse live-cell microscopy movies and run the microscope, so I ran nothing. I can segment.'],
      ['flip the movie horizontally', 'I have no tool to flip ("flip the movie horizontally"): nothing was done for it.'],
      ['segment the nuclei', 'I understood that you want to find nuclei or cells, but no movie is open yet. Name a file.'],
      ['blorp the frobs', 'I did not understand "blorp the frobs". I can correct drift.'],
      // a question that was refused is no answer either
      ['can you track the parcel I ordered?', 'That is outside what I do: I analyse live-cell microscopy movies and run the microscope, so I ran nothing.'],
      ["what's the solidity of the nuclei?", '"solidity" is not something I measure, so I ran nothing.'],
    ];
    for (const [request, answer] of cases) {
      const reason = await nothingRanReason(request, turn(answer));
      expect(reason, request).toMatch(/^nothing was run for "/);
      expect(reason, request).not.toMatch(/\n/);
      // the line says why: the answer's first sentence
      expect(reason, request).toContain(answer.split(/(?<=[.!?])\s/)[0]);
    }
  });

  it('succeeds when a step ran, or when a question or an explanation was answered', async () => {
    expect(await nothingRanReason('segment the nuclei', turn('Done: find nuclei → labels-1.', ['ok']))).toBeUndefined();
    expect(await nothingRanReason('how many tracks are there?', turn('Tracks = 5 (from track).'))).toBeUndefined();
    expect(await nothingRanReason('why did you choose this threshold?', turn('I used Otsu: the threshold was 412.'))).toBeUndefined();
    expect(await nothingRanReason('explain the threshold you picked', turn('segment chose otsu, threshold 412.'))).toBeUndefined();
  });

  it('succeeds when the answer quotes a result of the session, whatever the words asked with', async () => {
    for (const request of ['mean speed between frames 3 and 8', 'average area over frames 2 to 5 please', 'speed per track for the dividing ones'])
      expect(await nothingRanReason(request, turn('Mean speed_um_per_min in frames 3-8 = 0.49 µm/min ± 0.77 SD over 64 steps (from table-4, in frames 3-8).')), request).toBeUndefined();
    // (a refusal that names no result is still nothing done)
    expect(await nothingRanReason('mean speed between frames 3 and 8', turn('I could not find that in the results so far.'))).toMatch(/^nothing was run/);
  });

  it('succeeds when a follow-up asks the question before it again and is answered from the results', async () => {
    const before = ['segment and track the nuclei', 'what is the mean area per frame?'];
    for (const followUp of ['same for frame 3', 'and for track 2', 'now the same for the speed', 'and in µm²']) {
      expect(await nothingRanReason(followUp, turn('Mean object area in frame 3: 25 px² (no calibration known).'), before), followUp).toBeUndefined();
    }
    // (with no question before it, the same words ask nothing: a request that ran nothing)
    expect(await nothingRanReason('same for frame 3', turn('I understood the numbers 3, but not what to do with it.'))).toMatch(/^nothing was run for "same for frame 3"/);
    // (a follow-up the results cannot answer is no answer)
    expect(await nothingRanReason('same for frame 3', turn('I could not find that in the results so far.'), before)).toMatch(/^nothing was run/);
  });

  it('leaves failed and cancelled turns to their own status', async () => {
    expect(await nothingRanReason('segment', turn('the model failed', [], 'error'))).toBeUndefined();
    expect(await nothingRanReason('segment', turn('Cancelled.', [], 'cancelled'))).toBeUndefined();
  });
});
