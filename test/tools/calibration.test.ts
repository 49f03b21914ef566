// Calibration as session state: set_calibration, then segment, track, plot speed over
// time and export; every result carries µm and min, and the exports read back calibrated.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { runStep } from '../../src/agent/executor.ts';
import { Session } from '../../src/agent/session.ts';
import { openMovie, writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { readTrackMateXml } from '../../src/analysis/trackmateXml.ts';
import { readTableCsv } from '../../src/analysis/table.ts';
import { ALL_TOOLS } from '../../src/agent/allTools.ts';
import { clauseForTool } from '../../src/agent/planner/builders.ts';

const dir = mkdtempSync(join(tmpdir(), 'cellpilot-calibration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REAL = join(import.meta.dirname, '../../../shared/data/biaNotebooks-timelapse/cancer_cell_migration_crop.tif');

function hasTifffile(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import tifffile'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function ok(session: Session, name: string, args: Record<string, unknown>) {
  const outcome = await runStep(session, ALL_TOOLS, name, args);
  if (outcome.status !== 'ok') throw new Error(`${name}: ${outcome.error}`);
  return outcome;
}

/** The whole chain the issue asks for, on `moviePath`. */
async function calibratedAnalysis(moviePath: string, sessionId: string) {
  const session = Session.create({ root: join(dir, 'sessions'), id: sessionId });
  const movie = session.addInput('movie', moviePath);
  const calibration = await ok(session, 'set_calibration', { pixelSizeUm: 0.65, frameIntervalS: 300 });
  expect(calibration.summary).toMatch(/µm\/min/);
  const segmented = await ok(session, 'segment', { movie: movie.id });
  const tracked = await ok(session, 'track', { labels: segmented.artifacts[0].id, maxLinkingDistancePx: 20 });
  const plotted = await ok(session, 'plot', { kind: 'timeseries', tracks: tracked.artifacts[0].id, feature: 'speed' });
  const xml = await ok(session, 'export', { format: 'trackmate', tracks: tracked.artifacts[0].id });
  return { session, movie, segmented, tracked, plotted, xml };
}

describe('set_calibration', () => {
  it('keeps the calibration in session.json and the provenance, and reports it', async () => {
    const session = Session.create({ root: join(dir, 'sessions'), id: 'keep' });
    const set = await ok(session, 'set_calibration', { pixelSizeUm: 0.65, frameIntervalS: 300, channelNames: ['H2B-GFP'], channelColors: ['green'] });
    expect(set.values).toMatchObject({ pixelSizeUm: 0.65, frameIntervalS: 300, timeUnit: 'min', lengthUnit: 'µm', speedUnit: 'µm/min' });
    expect(JSON.parse(readFileSync(join(session.dir, 'session.json'), 'utf8')).calibration).toMatchObject({ pixelSizeUm: 0.65, frameIntervalS: 300 });
    expect(session.provenance.read().at(-1)).toMatchObject({ tool: 'set_calibration', args: { pixelSizeUm: 0.65, frameIntervalS: 300 } });
    // a resumed session has it; a later call adds to it
    const resumed = Session.open('keep', { root: join(dir, 'sessions') });
    expect(resumed.calibration()).toMatchObject({ pixelSizeUm: 0.65, frameIntervalS: 300 });
    const more = await ok(resumed, 'set_calibration', { zStepUm: 2 });
    expect(more.values).toMatchObject({ pixelSizeUm: 0.65, zStepUm: 2, frameIntervalS: 300 });
    const report = await ok(resumed, 'set_calibration', {});
    expect(report.summary).toMatch(/pixel size 0.65 µm.*frame interval 5 min/);
    const cleared = await ok(resumed, 'set_calibration', { clear: true });
    expect(cleared.values).toMatchObject({ pixelSizeUm: null, lengthUnit: 'px', timeUnit: 'frame' });
  });

  it('refuses mismatched channel colours with one line', async () => {
    const session = Session.create({ root: join(dir, 'sessions'), id: 'bad' });
    const outcome = await runStep(session, ALL_TOOLS, 'set_calibration', { channelNames: ['a', 'b'], channelColors: ['red'] });
    expect(outcome.status).toBe('error');
    expect(outcome.error).toMatch(/channelColors has 1 colour\(s\) but channelNames 2 name\(s\)/);
    const unknown = await runStep(session, ALL_TOOLS, 'set_calibration', { channelNames: ['a', 'b'], channelColors: ['red', 'purplish'] });
    expect(unknown.error).toMatch(/channel colour "purplish" is not one I know: use red, green, blue.* or #rrggbb/);
  });

  it('reads a calibration sentence', async () => {
    const tool = ALL_TOOLS.find((t) => t.name === 'set_calibration')!;
    const args = tool.fromRequest!(clauseForTool('set_calibration', 'the pixel size is 0.65 µm and frames are 5 min apart'));
    expect(args).toEqual({ pixelSizeUm: 0.65, frameIntervalS: 300, timeUnit: 'min' });
    const z = tool.fromRequest!(clauseForTool('set_calibration', 'z step 2 µm'));
    expect(z).toEqual({ zStepUm: 2 });
  });

  it('calibrates a simulated movie end to end: µm/min in answers, plot and TrackMate XML, ImageJ TIFF with the calibration', async () => {
    const sim = simulate({ frames: 6, width: 64, height: 64, cells: 5, seed: 4, divisionRate: 0 });
    const moviePath = join(dir, 'sim.tif');
    await writeMovie(moviePath, sim.movie);
    const { session, movie, tracked, plotted, xml } = await calibratedAnalysis(moviePath, 'sim');
    expect(plotted.values).toMatchObject({ yTitle: 'speed (µm/min)', xTitle: 'time (min)' });
    expect(plotted.summary).toMatch(/speed \(µm\/min\) against time \(min\)/);
    expect(readFileSync(plotted.values.svg as string, 'utf8')).toContain('speed (µm/min)');
    const links = await ok(session, 'measure', { kind: 'links', tracks: tracked.artifacts[0].id });
    expect(links.summary).toMatch(/µm\/min/);
    expect(readTableCsv(links.artifacts[0].path).columns).toContain('speed_um_per_min');
    // the XML: TrackMate's own attributes, read by a plain XML parser and by our reader
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(xml.values.path as string, 'utf8'));
    expect(doc.TrackMate.Model).toMatchObject({ spatialunits: 'micron', timeunits: 'min' });
    expect(Number(doc.TrackMate.Settings.ImageData.pixelwidth)).toBe(0.65);
    expect(Number(doc.TrackMate.Settings.ImageData.timeinterval)).toBe(5);
    const back = await readTrackMateXml(xml.values.path as string);
    expect(back.tracks.pixelSizeUm).toBe(0.65);
    expect(back.tracks.frameIntervalS).toBe(300);
    expect(xml.summary).toMatch(/0.65 µm per pixel, 5 min per frame/);
    // ImageJ TIFF written with the calibration
    const tiff = await ok(session, 'export', { format: 'tiff', movie: movie.id });
    const written = await openMovie(tiff.values.path as string);
    expect(written.meta.pixelSizeUm).toBeCloseTo(0.65, 6);
    expect(written.meta.frameIntervalS).toBe(300);
    await written.close();
    if (hasTifffile()) {
      const py = `import tifffile,sys\nt=tifffile.TiffFile(sys.argv[1])\nx=t.pages[0].tags['XResolution'].value\nprint(x[1]/x[0], t.imagej_metadata.get('finterval'))`;
      const [pixel, interval] = execFileSync('/usr/bin/python3', ['-c', py, tiff.values.path as string], { encoding: 'utf8' }).trim().split(' ').map(Number);
      expect(pixel).toBeCloseTo(0.65, 5);
      expect(interval).toBe(300);
    }
  }, 60000);

  it.skipIf(!existsSync(REAL))('calibrates the cancer cell migration movie: µm/min in answer and plot, calibrated XML', async () => {
    const { plotted, xml } = await calibratedAnalysis(REAL, 'real');
    expect(plotted.summary).toMatch(/µm\/min/);
    expect(readFileSync(plotted.values.svg as string, 'utf8')).toContain('speed (µm/min)');
    const back = await readTrackMateXml(xml.values.path as string);
    expect(back.info).toMatchObject({ spatialUnits: 'micron', timeUnits: 'min', pixelSizeUm: 0.65, frameIntervalS: 300 });
  }, 120000);
});
