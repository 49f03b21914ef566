// An order opener written without its comma ends where a tool's step verb opens the main clause (orderOpenerEnd.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { withOrderOpenersClosed } from '../../../src/agent/planner/orderOpenerEnd.ts';
import { asSaid, catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('an order opener with no comma', () => {
  it('puts the comma back before the main clause\'s verb, never inside a clause with its own subject', () => {
    expect(withOrderOpenersClosed('before segmentation correct for drift', catalogue)).toBe('before segmentation, correct for drift');
    expect(withOrderOpenersClosed('after registering the frames track the nuclei', catalogue)).toBe('after registering the frames, track the nuclei');
    expect(withOrderOpenersClosed('before you segment correct the drift', catalogue)).toBe('before you segment correct the drift');
  });

  it('plans the step the opener names after the one it puts first', () => {
    expect(asSaid.toolsOf('before segmentation correct for drift')).toEqual(['correct_drift', 'segment']);
    expect(asSaid.toolsOf('prior to tracking subtract the background')).toEqual(['subtract_background', 'segment', 'track']);
  });
});
