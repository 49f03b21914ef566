// A value a step could not compute is said with the step's own reason, never as a fact missing from the file.
import { describe, expect, it } from 'vitest';
import { answerFromValues } from '../../../src/agent/planner/answers.ts';
import type { Conversation, PastResult } from '../../../src/agent/planner/conversation.ts';

const conversation = (current: PastResult[]) => ({ request: '', artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current, earlierRequests: [] }) as unknown as Conversation;

describe('an empty value', () => {
  it('of an MSD fit with too few steps says the fit could not be made', () => {
    const msd = { tool: 'measure', ok: true, args: { kind: 'msd' }, values: { diffusionCoefficient: null, diffusionUnit: 'µm²/s', alpha: null }, artifacts: [], summary: 'Too few steps for an MSD fit; the MSD table is saved as table-3.' } as unknown as PastResult;
    const answer = answerFromValues('what is the diffusion coefficient?', conversation([msd]), [msd]) ?? '';
    expect(answer).toMatch(/too few steps for an MSD fit/i);
    expect(answer).not.toMatch(/set_calibration|recorded in the file/);
  });
  it("of the file's header is not recorded in the file", () => {
    const info = { tool: 'movie_info', ok: true, args: {}, values: { pixelSizeUm: null, frames: 4 }, artifacts: [], summary: 'cells.tif: 4 frames.' } as unknown as PastResult;
    expect(answerFromValues('what is the pixel size?', conversation([info]), [info])).toMatch(/not recorded in the file/);
  });
});
