// A participle after a step, naming a setting that step declares, says how it runs: no step of its own.
import { beforeAll, describe, expect, it } from 'vitest';
import { argsOf, loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe("a step's manner", () => {
  it("is that step's setting, not a second step", () => {
    expect(toolsOf('segment, smoothing with sigma 1.5 px first')).toEqual(['segment']);
    expect(argsOf('threshold the nuclei, blurring with sigma 2 px before', 'segment').sigmaPx).toBe(2);
  });
  it('leaves a preparing step said as a command, or by a method no setting holds', () => {
    expect(toolsOf('smooth with sigma 1.5 first, then segment with li')).toEqual(['denoise', 'segment']);
    expect(toolsOf('segment, denoising with n2v first')).toEqual(['denoise', 'segment']);
  });
});
