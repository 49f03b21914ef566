// A question whether cellpilot opens a kind of file is answered from load_movie's own `readsFiles`, nothing run
// (before, it described the open movie's header as if asked of that file).
import { beforeAll, describe, expect, it } from 'vitest';
import { readableFilesAnswer } from '../../../src/agent/planner/readableFiles.ts';
import { asSaid, catalogue, loadAcquisitionWords } from './planOffline.ts';

beforeAll(async () => {
  await loadAcquisitionWords();
});

describe('questions whether a kind of file is read', () => {
  it('lists the kinds opened when asked which, nothing run', () => {
    const p = asSaid.plan('which kinds of files are you able to load? what do you read');
    expect(p.steps).toEqual([]);
    expect(readableFilesAnswer('which image formats do you open?', catalogue)).toMatch(/OME-TIFF[\s\S]*Bio-Formats/);
  });

  it('says a kind named that is not read, with what to do, and one that is read as read', () => {
    const p = asSaid.plan('will it import Olympus .oib files?');
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/^No, \.oib files are not read here: .*OME-TIFF/);
    expect(readableFilesAnswer('can it open CZI files exported from ZEN?', catalogue)).toMatch(/^No, \.czi files are not read/);
    expect(readableFilesAnswer('could you load ims or lsm files', catalogue)).toMatch(/\.(?:ims|lsm) and \.(?:ims|lsm) files are not read/);
    expect(readableFilesAnswer('does cellpilot open tiff hyperstacks from ImageJ?', catalogue)).toMatch(/^Yes: \.tiff is read/);
  });

  it('is no answer when no kind of file is named ("can you open my movie?") or a file is asked to be opened', () => {
    expect(readableFilesAnswer('can you open my movie?', catalogue)).toBeUndefined();
    expect(readableFilesAnswer('open cells.tif', catalogue)).toBeUndefined();
    expect(readableFilesAnswer('which formats can you export to?', catalogue)).toBeUndefined();
    // (a channel, a dimension or a word before "images" is no kind of file)
    for (const q of ['can you open the GFP images?', 'can you read 3D stacks?', 'can you load lab data?']) expect(readableFilesAnswer(q, catalogue), q).toBeUndefined();
  });
});
