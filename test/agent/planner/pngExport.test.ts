// "save it as a PNG": pictures asked for are written as PNG (export's format png), never a TIFF in silence.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('PNG pictures', () => {
  test.each([
    ['make a max projection and save it as a png', 'project'],
    ['segment the nuclei and save the masks as PNGs', 'segment'],
    ['export every frame as a png', undefined],
  ])('%s', (request, before) => {
    const p = plan(request);
    const exported = p.steps.find((s) => s.tool === 'export');
    expect(exported?.args.format).toBe('png');
    if (before) expect(p.steps[0].tool).toBe(before);
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied/);
  });
});
