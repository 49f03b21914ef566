import { describe, expect, it } from 'vitest';
import { tracksFromLinks } from '../../src/analysis/track.ts';
import { trackFeatures, trackTable, linkTable } from '../../src/analysis/trackFeatures.ts';
import { parseCsv, tableToCsv } from '../../src/analysis/table.ts';
import { meanSquaredDisplacement } from '../../src/analysis/msd.ts';
import { divisionsFromTracks, divisionsFromLabels } from '../../src/analysis/divisions.ts';
import { MemoryMovie } from '../../src/image/movie.ts';
import { mulberry32 as rng } from '../../src/random.ts';


describe('trackFeatures (TrackMate track analyzers)', () => {
  it('computes a hand-checked L-shaped track with a gap, calibrated', () => {
    // Spots at frames 0,1,2,4: (0,0) -> (3,4) -> (6,8) -> (6,8+10). Pixel 0.5 µm, 10 s per frame.
    const spots = [
      { id: 1, t: 0, x: 0, y: 0 },
      { id: 2, t: 1, x: 3, y: 4 },
      { id: 3, t: 2, x: 6, y: 8 },
      { id: 4, t: 4, x: 6, y: 18 },
    ];
    const tracks = tracksFromLinks(spots, [{ source: 1, target: 2 }, { source: 2, target: 3 }, { source: 3, target: 4 }], 5, { pixelSizeUm: 0.5, frameIntervalS: 10 });
    const [f] = trackFeatures(tracks).rows;
    // Steps in µm: 2.5, 2.5, 5 over 10, 10, 20 s -> speeds 0.25, 0.25, 0.25 µm/s.
    expect(f.NUMBER_SPOTS).toBe(4);
    expect(f.NUMBER_GAPS).toBe(1);
    expect(f.LONGEST_GAP).toBe(1);
    expect(f.TRACK_DURATION).toBe(40);
    expect(f.TOTAL_DISTANCE_TRAVELED).toBeCloseTo(10, 12);
    expect(f.TRACK_MEAN_SPEED).toBeCloseTo(0.25, 12);
    expect(f.TRACK_STD_SPEED).toBeCloseTo(0, 12);
    // Displacement: (0,0) to (6,18) px = 0.5 * sqrt(360) µm.
    const displacement = 0.5 * Math.sqrt(360);
    expect(f.TRACK_DISPLACEMENT).toBeCloseTo(displacement, 12);
    expect(f.CONFINEMENT_RATIO).toBeCloseTo(displacement / 10, 12);
    expect(f.MEAN_STRAIGHT_LINE_SPEED).toBeCloseTo(displacement / 40, 12);
    expect(f.LINEARITY_OF_FORWARD_PROGRESSION).toBeCloseTo(displacement / 40 / 0.25, 12);
    // Turn between (3,4) and (0,10) directions: angle = acos((3*0+4*10)/(5*10)) over 20 s; first turn 0.
    expect(f.MEAN_DIRECTIONAL_CHANGE_RATE).toBeCloseTo((0 + Math.acos(40 / 50) / 20) / 2, 12);
    expect(linkTable(tracks).units).toEqual({ length: 'µm', time: 's' });
    // one frame convention in every table: the step's frame t is an index from 0, and its header says so
    const csv = tableToCsv(linkTable(tracks).table);
    expect(csv.split('\n')[0].split(',')).toContain('t (frame index from 0)');
    expect(parseCsv(csv).rows.map((r) => r.t)).toEqual([0, 1, 2]);
  });

  it('gives link speeds in µm/min with unit-named columns for 5-min frames, and px/frame uncalibrated', () => {
    const spots = [
      { id: 1, t: 0, x: 0, y: 0 },
      { id: 2, t: 1, x: 3, y: 4 },
      { id: 3, t: 3, x: 3, y: 14 },
    ];
    const links = [{ source: 1, target: 2 }, { source: 2, target: 3 }];
    const calibrated = linkTable(tracksFromLinks(spots, links, 4, { pixelSizeUm: 0.65, frameIntervalS: 300 }));
    expect(calibrated.units).toEqual({ length: 'µm', time: 'min' });
    expect(calibrated.table.columns).toEqual(expect.arrayContaining(['time_min', 'displacement_um', 'speed_um_per_min', 'directional_change_rate_rad_per_min']));
    // 5 px * 0.65 µm over 5 min; then 10 px over 2 frames = 10 min
    expect(calibrated.table.rows[0].speed_um_per_min).toBeCloseTo((5 * 0.65) / 5, 12);
    expect(calibrated.table.rows[1].speed_um_per_min).toBeCloseTo((10 * 0.65) / 10, 12);
    expect(calibrated.table.rows[1].time_min).toBe(5);
    expect(trackFeatures(tracksFromLinks(spots, links, 4, { pixelSizeUm: 0.65, frameIntervalS: 300 })).rows[0].TRACK_DURATION).toBe(15);
    const raw = linkTable(tracksFromLinks(spots, links, 4));
    expect(raw.units).toEqual({ length: 'px', time: 'frame' });
    expect(raw.table.columns).toEqual(expect.arrayContaining(['displacement_px', 'speed_px_per_frame']));
    expect(raw.table.columns.some((c) => c.startsWith('time_'))).toBe(false);
    expect(raw.table.rows[0].speed_px_per_frame).toBe(5);
  });

  it('the CSV header says the unit of every measured column: µm and min at 0.5 µm, 5 min per frame; px and frames without', () => {
    const spots = [
      { id: 1, t: 0, x: 0, y: 0 },
      { id: 2, t: 1, x: 3, y: 4 },
    ];
    const header = (calibration: { pixelSizeUm?: number; frameIntervalS?: number }) =>
      tableToCsv(trackTable(tracksFromLinks(spots, [{ source: 1, target: 2 }], 2, calibration)).table).split('\n')[0].split(',');
    const calibrated = header({ pixelSizeUm: 0.5, frameIntervalS: 300 });
    for (const column of ['TRACK_DURATION (min)', 'TRACK_START (min)', 'TRACK_DISPLACEMENT (µm)', 'TRACK_X_LOCATION (µm)', 'TRACK_Z_LOCATION (µm)', 'TRACK_MEAN_SPEED (µm/min)', 'TOTAL_DISTANCE_TRAVELED (µm)', 'MEAN_STRAIGHT_LINE_SPEED (µm/min)', 'MEAN_DIRECTIONAL_CHANGE_RATE (rad/min)', 'LONGEST_GAP (frames)'])
      expect(calibrated).toContain(column);
    const raw = header({});
    for (const column of ['TRACK_DURATION (frames)', 'TRACK_DISPLACEMENT (px)', 'TRACK_Z_LOCATION (planes)', 'TRACK_MEAN_SPEED (px/frame)', 'TRACK_STD_SPEED (px/frame)', 'MAX_DISTANCE_TRAVELED (px)', 'MEAN_DIRECTIONAL_CHANGE_RATE (rad/frame)'])
      expect(raw).toContain(column);
    // counts, ratios and ids carry no unit
    for (const column of ['TRACK_ID', 'NUMBER_SPOTS', 'NUMBER_SPLITS', 'CONFINEMENT_RATIO', 'LINEARITY_OF_FORWARD_PROGRESSION']) expect(raw).toContain(column);
    // every numeric column with a dimension has one: only counts, ratios and ids are bare
    expect(raw.filter((c) => !c.includes(' (')).sort()).toEqual(['CONFINEMENT_RATIO', 'LINEARITY_OF_FORWARD_PROGRESSION', 'NUMBER_COMPLEX', 'NUMBER_GAPS', 'NUMBER_MERGES', 'NUMBER_SPLITS', 'NUMBER_SPOTS', 'TRACK_ID']);
  });

  it('a CSV read back keeps the bare column names and their units', () => {
    const table = parseCsv('TRACK_ID,TRACK_MEAN_SPEED (µm/min),area (px),area (µm)\n1,0.5,3,4\n');
    // "area" twice: those headers stay whole
    expect(table.columns).toEqual(['TRACK_ID', 'TRACK_MEAN_SPEED', 'area (px)', 'area (µm)']);
    const speeds = parseCsv('TRACK_ID,TRACK_MEAN_SPEED (µm/min)\n1,0.5\n');
    expect(speeds.columns).toEqual(['TRACK_ID', 'TRACK_MEAN_SPEED']);
    expect(speeds.units).toEqual({ TRACK_MEAN_SPEED: 'µm/min' });
    expect(speeds.rows[0].TRACK_MEAN_SPEED).toBe(0.5);
    expect(tableToCsv(speeds)).toBe('TRACK_ID,TRACK_MEAN_SPEED (µm/min)\n1,0.5\n');
  });

  it('counts splits in a lineage tree as one track', () => {
    const s = (id: number, t: number, x: number) => ({ id, t, x, y: 0 });
    const tracks = tracksFromLinks([s(1, 0, 0), s(2, 1, 0), s(3, 2, -2), s(4, 2, 2)], [{ source: 1, target: 2 }, { source: 2, target: 3 }, { source: 2, target: 4 }], 3);
    const rows = trackFeatures(tracks).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ NUMBER_SPOTS: 4, NUMBER_SPLITS: 1, NUMBER_MERGES: 0 });
    expect(divisionsFromTracks(tracks)).toEqual([{ t: 2, x: 0, y: 0, mother: 1, daughters: [2, 3], trackId: 1 }]);
  });
});

describe('meanSquaredDisplacement', () => {
  it('recovers the diffusion coefficient of simulated 2-D random walks within 5%', () => {
    // D = 0.2 µm²/s, dt = 2 s, 0.1 µm pixels: per-axis step sd = sqrt(2 D dt) = 0.894 µm = 8.94 px
    const rand = rng(3);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const D = 0.2;
    const sdPx = Math.sqrt(2 * D * 2) / 0.1;
    const spots = [];
    const links = [];
    let id = 1;
    for (let w = 0; w < 200; w++) {
      let x = 0;
      let y = 0;
      for (let t = 0; t < 60; t++) {
        spots.push({ id, t, x, y });
        if (t > 0) links.push({ source: id - 1, target: id });
        id++;
        x += sdPx * gauss();
        y += sdPx * gauss();
      }
    }
    const tracks = tracksFromLinks(spots, links, 60, { pixelSizeUm: 0.1, frameIntervalS: 2 });
    const msd = meanSquaredDisplacement(tracks);
    expect(msd.units).toEqual({ length: 'µm', time: 's' });
    expect(msd.ensemble!.diffusionCoefficient).toBeGreaterThan(D * 0.95);
    expect(msd.ensemble!.diffusionCoefficient).toBeLessThan(D * 1.05);
    expect(msd.ensemble!.alpha).toBeGreaterThan(0.9);
    expect(msd.ensemble!.alpha).toBeLessThan(1.1);
    expect(msd.table.rows.filter((r) => r.branch_id === 'all')).toHaveLength(14); // maxLag = floor(59 / 4)
    expect(() => meanSquaredDisplacement(tracks, { fitLags: 1 })).toThrow(/fitLags/);
  });
});

describe('divisionsFromLabels', () => {
  it('finds an object that splits into two keeping its area, not a neighbour passing by', async () => {
    // 1x12 rows. Frame 0: mother 1 on px 2-7 (6 px) and cell 5 on px 10-11. Frame 1: daughters 2 (px 1-3) and 3 (px 6-8); 5 stays.
    const f0 = Uint16Array.from([0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 5, 5]);
    const f1 = Uint16Array.from([0, 2, 2, 2, 0, 0, 3, 3, 3, 0, 5, 5]);
    const labels = new MemoryMovie({ t: 2, z: 1, c: 1, y: 1, x: 12 }, 'uint16', [f0, f1]);
    const events = await divisionsFromLabels(labels);
    expect(events).toEqual([{ t: 1, x: 4.5, y: 0, mother: 1, daughters: [2, 3] }]);
    // Daughters far too big for the mother (area ratio 3) are rejected.
    const big = Uint16Array.from([2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
    const f0small = Uint16Array.from([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(await divisionsFromLabels(new MemoryMovie({ t: 2, z: 1, c: 1, y: 1, x: 12 }, 'uint16', [f0small, big]), { maxAreaRatio: 1.8 })).toEqual([]);
  });
});
