// Two objects of one step that name two values of one of its choices are two steps (contrastedValues.ts): "the cells"
// beside "the nuclei" are the whole cells.
import { beforeAll, describe, expect, it } from 'vitest';
import { contrastedValues, withContrastedObjectsApart } from '../../../src/agent/planner/contrastedValues.ts';
import { asSaid, catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const targets = (request: string) => asSaid.plan(request).steps.filter((s) => s.tool === 'segment').map((s) => s.args.target);

describe('two values of one choice said side by side', () => {
  it('tells the values apart only beside each other', () => {
    expect(contrastedValues('segment', 'the nuclei', 'the cells', catalogue)).toEqual({ arg: 'target', first: 'nuclei', second: 'cells' });
    expect(contrastedValues('segment', 'the cells', 'the cells', catalogue)).toBeUndefined();
    expect(withContrastedObjectsApart('segment both the nuclei and the cells', catalogue)).toBe('segment the nuclei and segment the cells');
    expect(withContrastedObjectsApart('segment the nuclei and track them', catalogue)).toBe('segment the nuclei and track them');
  });

  it('plans one segmentation per object, each with its own channel', () => {
    expect(targets('segment both the nuclei and the cells')).toEqual(['nuclei', 'cells']);
    expect(targets('segment the nuclei, then segment the cells')).toEqual(['nuclei', 'cells']);
    expect(asSaid.plan('segment the nuclei in the DAPI channel and segment the cells in the mCherry channel').steps.map((s) => s.args.channel)).toEqual(['DAPI', 'mCherry']);
    expect(targets('segment the nuclei and track them')).toEqual(['nuclei']);
  });
});
