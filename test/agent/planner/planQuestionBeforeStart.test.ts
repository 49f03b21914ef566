// Stop 48 (helper B): a question about an acquisition plan not started is answered from that plan (nothing started), with a
// movie at hand too: never read as a question about the movie's tracks or its header.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('a question about a plan before it starts', () => {
  it('is answered, nothing run, with a movie open', () => {
    const p = plan('how long would 120 frames of DAPI every 1 min take?');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/^Nothing was started: .*about 1 h 59 min long/);
    expect(plan('how much disk space would GFP every 2 min for 24 h at 10 positions need?').reply).toMatch(/3\.8 GB on disk/);
  });
  it('leaves a question about the recording to the data', () => {
    expect(plan('we imaged GFP every 5 min for 12 h, how long are the tracks?').reply ?? '').not.toMatch(/Nothing was started/);
  });
});
