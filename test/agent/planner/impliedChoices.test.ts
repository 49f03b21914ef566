// A setting tied to one value of a choice implies that value when no value was named (brief s36/B): read from the
// tool's own schema ('for method "manual"', 'simple_ratio only:', '(method gaussian; ...)', 'Overlap: ...'), said in one
// line; never from a description that only tells a default per value or what a value does not use.
import { beforeAll, describe, expect, it } from 'vitest';
import { choiceOfSetting } from '../../../src/agent/planner/impliedChoices.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const planned = (words: string) => plan(normalisedRequest(words, catalogue));
const argsOf = (words: string, tool: string) => planned(words).steps.find((s) => s.tool === tool)?.args ?? {};

describe('the choice a setting is for, read from its description', () => {
  const method = { enum: ['auto', 'manual', 'model'], default: 'auto' };
  it('is the value the description ties it to, in any of the schema\'s forms', () => {
    expect(choiceOfSetting('threshold', { method, threshold: { description: 'Intensity threshold for method "manual", in grey levels' } })).toEqual({ arg: 'method', value: 'manual' });
    expect(choiceOfSetting('level', { method, level: { description: 'manual only: the level' } })).toEqual({ arg: 'method', value: 'manual' });
    expect(choiceOfSetting('level', { method, level: { description: 'Smoothing, px (method model; default 2)' } })).toEqual({ arg: 'method', value: 'model' });
  });

  it('is none where the description tells a default per value, what a value does not use, or several values', () => {
    expect(choiceOfSetting('depth', { method, depth: { description: 'Depth, px; default 0.15 for method "manual", 0 otherwise' } })).toBeUndefined();
    expect(choiceOfSetting('sigma', { method, sigma: { description: 'Blur, px; not used by method "model"' } })).toBeUndefined();
    expect(choiceOfSetting('sigma', { method, sigma: { description: 'Blur for method "manual" and "model"' } })).toBeUndefined();
    // (a choice with no default of its own, picked by the tool from its inputs, is implied by nothing)
    expect(choiceOfSetting('threshold', { method: { enum: ['auto', 'manual'] }, threshold: { description: 'for method "manual"' } })).toBeUndefined();
  });
});

describe('a setting given with no value of its choice named', () => {
  it('runs the value it is for, and says so', () => {
    for (const words of ['threshold at a fixed value of 850', 'threshold the movie at a fixed level of 850', 'threshold value = 850, then segment']) {
      expect(argsOf(words, 'segment'), words).toMatchObject({ method: 'manual', threshold: 850 });
    }
    for (const words of ['denoise with sigma 2 px', 'denoise it, sigma of 2 pixels']) expect(argsOf(words, 'denoise'), words).toMatchObject({ method: 'gaussian', sigmaPx: 2 });
    expect([...(planned('threshold at a fixed value of 850').notes ?? [])].join(' ')).toMatch(/manual/);
  });

  it('leaves a value named by the words as it is', () => {
    expect(argsOf('denoise with non-local means, sigma 2 px', 'denoise').method).toBe('nlmeans');
    expect(argsOf('segment with Li', 'segment').method).toBe('li');
  });
});
