// A start plan naming a dye no channel images ("image CFP every 5 min for 2 h") is asked back with the channels there
// are: never read as a calibration of the open movie (its "every 5 min ... for 2 h" made a 2 h frame interval, stop 37).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('a time-lapse of a dye the microscope has no channel for', () => {
  it.each(['image CFP every 5 min for 2 h', 'image mTurquoise every 5 min for 2 h', 'image CFP every 5 min'])('"%s" runs nothing and names the dye', (request) => {
    const p = plan(request, []);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/is imaged by no channel of this microscope/);
  });

  it('still starts one of a channel it has, and still sets a frame interval said as one', () => {
    expect(plan('image GFP every 5 min for 2 h', []).steps.map((s) => s.tool)).toEqual(['start_acquisition']);
    expect(plan('the frame interval is 5 min', []).steps.map((s) => s.tool)).toEqual(['set_calibration']);
  });
});
