import { describe, expect, it } from 'vitest';
import { calibrationArgs, handleSlash } from '../../src/ui/slash.ts';
import { fakeBackend } from './fakeBackend.ts';

describe('/calibrate', () => {
  it('reads pixel size, frame interval, z step and channel colours into set_calibration arguments', () => {
    expect(calibrationArgs('0.65 um 5 min')).toEqual({ pixelSizeUm: 0.65, frameIntervalS: 300, timeUnit: 'min' });
    expect(calibrationArgs('0.325µm/px, z-step 2 um, every 30 s')).toEqual({ pixelSizeUm: 0.325, zStepUm: 2, frameIntervalS: 30, timeUnit: 's' });
    expect(calibrationArgs('650 nm 1.5 h DAPI=blue H2B-GFP=green')).toEqual({ pixelSizeUm: 0.65, frameIntervalS: 5400, timeUnit: 'h', channelNames: ['DAPI', 'H2B-GFP'], channelColors: ['blue', 'green'] });
    expect(calibrationArgs('')).toEqual({});
    expect(calibrationArgs('clear')).toEqual({ clear: true });
  });

  it('names what it did not understand', () => {
    expect(calibrationArgs('0.65 furlongs')).toMatch(/^"furlongs" is not a unit of length \(nm, um, mm\) or time/);
    expect(calibrationArgs('big 5 min')).toMatch(/^"big" is not a value with a unit; usage: \/calibrate/);
  });

  it('calls the set_calibration tool', () => {
    expect(handleSlash('/calibrate 0.65 um 5 min', fakeBackend())).toEqual({ type: 'tool', name: 'set_calibration', args: { pixelSizeUm: 0.65, frameIntervalS: 300, timeUnit: 'min' } });
    expect(handleSlash('/calibrate 5 parsecs', fakeBackend())).toMatchObject({ type: 'notice', tone: 'error' });
  });

  it('reads the file header of the movie the person opened (a calibrated file is not reported as uncalibrated)', () => {
    const backend = fakeBackend();
    const at = '2026-01-01T00:00:00Z';
    backend.artifacts = () => [
      { id: 'movie-1', type: 'movie', path: '/data/t{t:3}.tif', description: 'input movie', producedBy: 'user', createdAt: at },
      { id: 'movie-2', type: 'movie', path: '/s/proj.tif', description: 'projection', producedBy: 'project', createdAt: at },
      { id: 'labels-1', type: 'labels', path: '/s/l.tif', description: 'labels', producedBy: 'segment', createdAt: at },
    ];
    expect(handleSlash('/calibrate', backend)).toEqual({ type: 'tool', name: 'set_calibration', args: { movie: 'movie-1' } });
    expect(handleSlash('/calibrate 5 min', backend)).toEqual({ type: 'tool', name: 'set_calibration', args: { frameIntervalS: 300, timeUnit: 'min', movie: 'movie-1' } });
    expect(handleSlash('/calibrate clear', backend)).toEqual({ type: 'tool', name: 'set_calibration', args: { clear: true } });
  });
});

describe('/log', () => {
  it('shows each step with its arguments below it', () => {
    const backend = fakeBackend();
    backend.provenance = () => [
      { step: 's1', time: '', tool: 'segment', args: { movie: 'movie-1', method: 'li', minAreaPx: 30 }, inputs: [], outputs: [{ id: 'labels-1', type: 'labels', path: '/l.tif' }], durationMs: 2400, versions: {}, models: [], status: 'ok' },
      { step: 's2', time: '', tool: 'track', args: { labels: 'labels-1', maxLinkingDistancePx: 10 }, inputs: [], outputs: [], durationMs: 300, versions: {}, models: [], status: 'ok' },
    ];
    const outcome = handleSlash('/log', backend, 80);
    expect(outcome.type).toBe('notice');
    const lines = (outcome as { text: string }).text.split('\n');
    expect(lines[1]).toMatch(/^ {2}s1\s+segment\s+ok\s+2\.4 s {2}→ labels-1$/);
    expect(lines[2].trim()).toBe('movie=movie-1 method=li minAreaPx=30');
    expect(lines[3]).toMatch(/^ {2}s2\s+track/);
    expect(lines[4].trim()).toBe('labels=labels-1 maxLinkingDistancePx=10');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('/save-pipeline', () => {
  it('saves by name, optionally keeping only the results named', () => {
    expect(handleSlash('/save-pipeline nuclei', fakeBackend())).toEqual({ type: 'tool', name: 'save_pipeline', args: { name: 'nuclei' } });
    expect(handleSlash('/save-pipeline nuclei plot-2 tracks-3', fakeBackend())).toEqual({ type: 'tool', name: 'save_pipeline', args: { name: 'nuclei', keep: ['plot-2', 'tracks-3'] } });
    expect(handleSlash('/save-pipeline nuclei the-plot', fakeBackend())).toMatchObject({ type: 'notice', tone: 'error', text: expect.stringMatching(/^"the-plot" is not a result id/) });
    expect(handleSlash('/save-pipeline My Nuclei', fakeBackend())).toMatchObject({ type: 'notice', tone: 'error' });
  });
});

describe('tools found by what they declare, not by name', () => {
  it('/calibrate, /save-pipeline and /acq call the tools that declare the calibration, a pipeline and the status', () => {
    const backend = fakeBackend();
    backend.tools = () => [
      { name: 'calibrate_movies', description: 'Sets units.', appliesToLaterSteps: true },
      { name: 'write_workflow', description: 'Saves steps.', produces: ['pipeline'] },
      { name: 'scope_report', description: 'Reports the microscope.', carriesOut: ['status'] },
      { name: 'open_file', description: 'Opens a file.', role: 'open' },
    ];
    const at = '2026-01-01T00:00:00Z';
    backend.artifacts = () => [
      { id: 'movie-1', type: 'movie', path: '/data/a.tif', description: 'opened', producedBy: 'open_file', createdAt: at },
      { id: 'movie-2', type: 'movie', path: '/s/proj.tif', description: 'projection', producedBy: 'project', createdAt: at },
    ];
    expect(handleSlash('/calibrate 5 min', backend)).toEqual({ type: 'tool', name: 'calibrate_movies', args: { frameIntervalS: 300, timeUnit: 'min', movie: 'movie-1' } });
    expect(handleSlash('/save-pipeline nuclei', backend)).toEqual({ type: 'tool', name: 'write_workflow', args: { name: 'nuclei' } });
    expect(handleSlash('/acq', backend)).toEqual({ type: 'tool', name: 'scope_report', args: {} });
  });

  it('says so when no tool declares what a command needs', () => {
    const backend = fakeBackend();
    backend.tools = () => [{ name: 'segment', description: 'Finds nuclei.' }];
    expect(handleSlash('/calibrate 5 min', backend)).toMatchObject({ type: 'notice', tone: 'error', text: expect.stringMatching(/no tool .* calibration/) });
    expect(handleSlash('/save-pipeline nuclei', backend)).toMatchObject({ type: 'notice', tone: 'error', text: expect.stringMatching(/no tool .* pipelines/) });
    expect(handleSlash('/acq', backend)).toMatchObject({ type: 'notice', tone: 'error' });
  });
});
