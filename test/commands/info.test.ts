import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { movieFromPlanes, writeMovie } from '../../src/image/index.ts';
import { encodeIfd, FieldType, type Field } from '../../src/image/tiff/ifdEncoder.ts';
import { Tag } from '../../src/image/tiff/tiffFile.ts';
import { DATA_DIR, HAVE_DATA } from '../image/helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/cellpilot.js', import.meta.url));
function cellpilot(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A one-plane 8-bit TIFF as an image editor writes it: resolution tags of `dpi` dots per `unit` (2 inch, 3 cm); ImageJ's description when given. */
function printTiff(dpi: number, unit: number, description?: string): Buffer {
  const [w, h] = [4, 3];
  const ifdOffset = 8 + w * h;
  const fields: Field[] = [
    { tag: Tag.ImageWidth, type: FieldType.LONG, value: [w] },
    { tag: Tag.ImageLength, type: FieldType.LONG, value: [h] },
    { tag: Tag.BitsPerSample, type: FieldType.SHORT, value: [8] },
    { tag: Tag.Compression, type: FieldType.SHORT, value: [1] },
    { tag: Tag.Photometric, type: FieldType.SHORT, value: [1] },
    { tag: Tag.StripOffsets, type: FieldType.LONG, value: [8] },
    { tag: Tag.SamplesPerPixel, type: FieldType.SHORT, value: [1] },
    { tag: Tag.RowsPerStrip, type: FieldType.LONG, value: [h] },
    { tag: Tag.StripByteCounts, type: FieldType.LONG, value: [w * h] },
    { tag: Tag.XResolution, type: FieldType.RATIONAL, value: [dpi, 1] },
    { tag: Tag.YResolution, type: FieldType.RATIONAL, value: [dpi, 1] },
    { tag: Tag.ResolutionUnit, type: FieldType.SHORT, value: [unit] },
    ...(description ? [{ tag: Tag.ImageDescription, type: FieldType.ASCII, value: Buffer.from(`${description}\0`, 'latin1') }] : []),
  ];
  const ifd = encodeIfd(fields, ifdOffset, false).bytes;
  const out = Buffer.alloc(ifdOffset + ifd.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.set(ifd, ifdOffset);
  return out;
}

describe('cellpilot info', () => {
  let dir = '';
  let path = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cellpilot-info-'));
    path = join(dir, 'movie.tif');
    const m = movieFromPlanes({ t: 5, z: 3, c: 2, y: 16, x: 20 }, 'uint16', () => new Uint16Array(320), {
      pixelSizeUm: 0.108,
      zStepUm: 0.5,
      frameIntervalS: 90,
      channelNames: ['H2B-mCherry', 'GFP'],
    });
    await writeMovie(path, m);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('--json prints one document with shape, dtype, calibration, channels and file format', () => {
    const r = cellpilot(['info', path, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({
      path,
      format: 'imagej',
      shape: { t: 5, z: 3, c: 2, y: 16, x: 20 },
      axes: 'TZCYX',
      planes: 30,
      dtype: 'uint16',
      zStepUm: 0.5,
      frameIntervalS: 90,
      channelNames: ['H2B-mCherry', 'GFP'],
      compression: 'none',
      byteOrder: 'little',
      bigTiff: false,
      pixelBytes: 30 * 16 * 20 * 2,
    });
    expect(info.pixelSizeUm).toBeCloseTo(0.108, 6);
  });

  it.skipIf(!HAVE_DATA)('prints readable lines for a big-endian OME-TIFF', () => {
    const r = cellpilot(['info', join(DATA_DIR, 'sktracker-ometiff/CZT_peaks.ome.tif')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/format\s+OME-TIFF/);
    expect(r.stdout).toMatch(/shape\s+T=4 Z=4 C=1 Y=48 X=56 {2}\(16 planes\)/);
    expect(r.stdout).toMatch(/pixel size\s+0\.065 µm/);
    expect(r.stdout).toMatch(/z step\s+1 µm/);
    expect(r.stdout).toMatch(/frame interval\s+10 s/);
    expect(r.stdout).toMatch(/byte order\s+big-endian/);
  });

  it('says that a 300 dpi resolution is a print setting, not a pixel size, and how to give one', async () => {
    const printed = join(dir, 'print.tif');
    await writeFile(printed, printTiff(300, 2));
    const r = cellpilot(['info', printed]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pixel size\s+unknown \(300 dpi is a print resolution, not a pixel size\)/);
    expect(r.stdout).toMatch(/no pixel size \(300 dpi is a print resolution, not a pixel size\): lengths will be in px\. Give yours with `cellpilot run \.\.\. --pixel-size-um 0\.65`, or say "the pixel size is 0\.65 µm"/);
    expect(r.stdout).toMatch(/shape\s+T=1 Z=1 C=1 Y=3 X=4 {2}\(1 plane\)/);
    const json = JSON.parse(cellpilot(['info', printed, '--json']).stdout);
    expect(json).toMatchObject({ pixelSizeUm: null, printDpi: 300 });
    // the same tags per centimetre are a pixel size (10 000 µm / 300)
    const perCm = join(dir, 'per-cm.tif');
    await writeFile(perCm, printTiff(300, 3));
    const cm = cellpilot(['info', perCm]);
    expect(cm.stdout).toMatch(/pixel size\s+33\.3333 µm/);
    expect(cm.stdout).not.toMatch(/dpi/);
  });

  it('an ImageJ calibration in inches (a file\'s print DPI ImageJ took as its unit) is a print resolution too, not 84.7 µm pixels', async () => {
    const inches = join(dir, 'imagej-inch.tif');
    await writeFile(inches, printTiff(300, 1, 'ImageJ=1.53t\nimages=1\nunit=inch\nspacing=0.5\n'));
    const r = cellpilot(['info', inches, '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ pixelSizeUm: null, zStepUm: null, printDpi: 300 });
    const microns = join(dir, 'imagej-micron.tif');
    await writeFile(microns, printTiff(4, 1, 'ImageJ=1.53t\nimages=1\nunit=micron\n'));
    expect(JSON.parse(cellpilot(['info', microns, '--json']).stdout)).toMatchObject({ pixelSizeUm: 0.25 });
  });

  it('a z-stack without a z step: the note names the z step with the rest and how to give it (it named only pixel size and frame interval)', async () => {
    const { calibrationHint } = await import('../../src/commands/info.ts');
    const note = calibrationHint({ pixelSizeUm: null, frameIntervalS: null, zStepUm: null, shape: { t: 5, z: 3 } });
    expect(note).toContain('the file carries no pixel size, frame interval or z step: lengths, times and z positions will be in px, frames and planes.');
    expect(note).toContain('`cellpilot run ... --pixel-size-um 0.65 --interval-s 300 --z-step-um 1`, or say "the pixel size is 0.65 µm, frames are 5 min apart and the z step is 1 µm"');
    // one plane: no z step needed; a z step known: none asked
    expect(calibrationHint({ pixelSizeUm: 0.1, frameIntervalS: 60, zStepUm: null, shape: { t: 5, z: 1 } })).toBe('');
    expect(calibrationHint({ pixelSizeUm: 0.1, frameIntervalS: 60, zStepUm: 0.5, shape: { t: 5, z: 3 } })).toBe('');
    expect(calibrationHint({ pixelSizeUm: 0.1, frameIntervalS: 60, zStepUm: null, shape: { t: 5, z: 3 } })).toMatch(/no z step: z positions will be in planes\. Give yours with `cellpilot run \.\.\. --z-step-um 1`, or say "the z step is 1 µm"/);
  });

  it('names a movie whose planes hold one value (an all-zero OME sample said nothing)', async () => {
    const blankPath = join(dir, 'blank.tif');
    await writeMovie(blankPath, movieFromPlanes({ t: 3, z: 1, c: 1, y: 4, x: 5 }, 'uint16', () => new Uint16Array(20), { pixelSizeUm: 0.2, frameIntervalS: 60 }));
    // a small movie is read whole without --check: the note says every plane
    expect(cellpilot(['info', blankPath]).stdout).toMatch(/^note\s+every plane holds one value \(every pixel 0\): nothing to analyse there; is this the right file or channel\?$/m);
    expect(cellpilot(['info', blankPath, '--check']).stdout).toMatch(/^note\s+every plane holds one value \(every pixel 0\)/m);
    expect(JSON.parse(cellpilot(['info', blankPath, '--json']).stdout).uniformValue).toBe(0);
    // the movie of the other tests (also zeros) in one plane only varies: no note
    const varied = join(dir, 'varied.tif');
    await writeMovie(varied, movieFromPlanes({ t: 2, z: 1, c: 1, y: 4, x: 5 }, 'uint16', (t) => Uint16Array.from({ length: 20 }, (_, i) => (t === 1 ? i : 0)), { pixelSizeUm: 0.2, frameIntervalS: 60 }));
    expect(cellpilot(['info', varied]).stdout).not.toMatch(/one value/);
    // blank first and last planes around a varied one: a small movie is read whole, so no false warning
    const middle = join(dir, 'middle.tif');
    await writeMovie(middle, movieFromPlanes({ t: 3, z: 1, c: 1, y: 4, x: 5 }, 'uint16', (t) => Uint16Array.from({ length: 20 }, (_, i) => (t === 1 ? i : 0)), { pixelSizeUm: 0.2, frameIntervalS: 60 }));
    expect(cellpilot(['info', middle]).stdout).not.toMatch(/one value/);
  });

  it('--check reads every plane and says so (it printed the same lines as without it)', () => {
    const r = cellpilot(['info', path, '--check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^check\s+all 30 planes read without error$/m);
    expect(cellpilot(['info', path]).stdout).not.toMatch(/^check/m);
    expect(JSON.parse(cellpilot(['info', path, '--check', '--json']).stdout).planesChecked).toBe(30);
  });

  it('exits 2 with one line for a missing file or no argument', () => {
    for (const args of [['info', join(dir, 'nope.tif')], ['info']]) {
      const r = cellpilot(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
