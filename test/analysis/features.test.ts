// Shape and intensity features against skimage.measure.regionprops (scikit-image 0.19.3).
// Reference numbers from this script (the same objects are painted below):
//   yy,xx=np.mgrid[0:40,0:50]; lab[((yy-12)/6.0)**2+((xx-15)/10.0)**2<=1]=1
//   lab[(yy>=25)&(yy<35)&(xx>=5)&(xx<12)]=2
//   u=(xx-35)*cos(.5)+(yy-25)*sin(.5); v=-(xx-35)*sin(.5)+(yy-25)*cos(.5); lab[(u/9)**2+(v/4)**2<=1]=3
//   inten=(xx*3+yy*7)%23+0.5*xx; regionprops(lab, intensity_image=inten)
import { describe, expect, it } from 'vitest';
import { intensityColumn, measureObjects, measureObjectsAndVolumes, measureVolumes, nearestNeighbourDistancesPx, touchesEdge } from '../../src/analysis/features.ts';
import { sourceFrameExtra } from '../../src/image/frameOrigin.ts';
import { movieFromPlanes } from '../../src/image/movie.ts';
import { parseCsv, tableToCsv } from '../../src/analysis/table.ts';

const W = 50;
const H = 40;
function objects(): Int32Array {
  const lab = new Int32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (((y - 12) / 6) ** 2 + ((x - 15) / 10) ** 2 <= 1) lab[i] = 1;
      if (y >= 25 && y < 35 && x >= 5 && x < 12) lab[i] = 2;
      const u = (x - 35) * Math.cos(0.5) + (y - 25) * Math.sin(0.5);
      const v = -(x - 35) * Math.sin(0.5) + (y - 25) * Math.cos(0.5);
      if ((u / 9) ** 2 + (v / 4) ** 2 <= 1) lab[i] = 3;
    }
  return lab;
}
const intensity = Float32Array.from({ length: W * H }, (_, i) => ((i % W) * 3 + Math.floor(i / W) * 7) % 23 + 0.5 * (i % W));

// label, area, perimeter, centroid x, centroid y, major, minor, orientation, eccentricity, mean, median, std
const SKIMAGE = [
  [1, 185, 52.284271247461895, 15.0, 12.0, 20.04535398081601, 11.756079508297203, 1.5707963267948966, 0.8099680324043683, 18.64054054054054, 18.5, 7.018063930275752],
  [2, 70, 30.0, 8.0, 29.5, 11.489125293076057, 8.0, 0.0, 0.7177405625652734, 15.014285714285714, 15.0, 6.758048867076644],
  [3, 115, 42.62741699796952, 35.0, 25.0, 18.57517674974855, 7.86003816911525, 1.0731327633565715, 0.906060847076421, 28.5, 28.5, 6.9363566429546335],
];

describe('measureObjects', () => {
  it('matches skimage regionprops for shape and intensity', async () => {
    const shape = { t: 2, z: 1, c: 1, y: H, x: W };
    const labels = movieFromPlanes(shape, 'int32', () => objects(), { pixelSizeUm: 0.5, frameIntervalS: 30 });
    const movie = movieFromPlanes(shape, 'float32', () => intensity);
    const table = await measureObjects(labels, movie, { frames: [1, 1] });
    expect(table.rows).toHaveLength(3);
    for (const [label, area, perimeter, cx, cy, major, minor, orientation, ecc, mean, median, std] of SKIMAGE) {
      const row = table.rows.find((r) => r.label === label)!;
      expect(row.t).toBe(1);
      expect(row.time_s).toBe(30);
      expect(row.area_px).toBe(area);
      expect(row.area_um2).toBeCloseTo(area * 0.25, 9);
      expect(row.perimeter_px as number).toBeCloseTo(perimeter, 9);
      expect(row.centroid_x_px as number).toBeCloseTo(cx, 9);
      expect(row.centroid_y_px as number).toBeCloseTo(cy, 9);
      expect(row.major_axis_px as number).toBeCloseTo(major, 9);
      expect(row.minor_axis_px as number).toBeCloseTo(minor, 9);
      expect(row.orientation_rad as number).toBeCloseTo(orientation, 9);
      expect(row.eccentricity as number).toBeCloseTo(ecc, 9);
      expect(row.circularity as number).toBeCloseTo((4 * Math.PI * area) / perimeter ** 2, 9);
      expect(row[intensityColumn('mean', 0)] as number).toBeCloseTo(mean, 5);
      expect(row.median_intensity_c1 as number).toBeCloseTo(median, 5);
      expect(row.std_intensity_c1 as number).toBeCloseTo(std, 5);
      expect(row.sum_intensity_c1 as number).toBeCloseTo(mean * area, 3);
      // (the nearest other centroid of the three, as scipy.spatial.cKDTree(centroids).query(k=2) gives it)
      const others = SKIMAGE.filter((o) => o[0] !== label).map((o) => Math.hypot(o[3] - cx, o[4] - cy));
      expect(row.nearest_neighbour_px as number).toBeCloseTo(Math.min(...others), 9);
      expect(row.nearest_neighbour_um as number).toBeCloseTo(Math.min(...others) * 0.5, 9);
    }
    expect(table.columns).toContain('mean_intensity_c1');
  });

  it('labels made from later frames of a movie are paired with those frames and report their numbers', async () => {
    // (segmenting frames 2-2 of a 3-frame movie gives a 1-frame label movie whose frame is frame index 1 of the movie)
    const labels = movieFromPlanes({ t: 1, z: 1, c: 1, y: H, x: W }, 'int32', () => objects(), { frameIntervalS: 30, extra: sourceFrameExtra({}, 1) });
    const movie = movieFromPlanes({ t: 3, z: 1, c: 1, y: H, x: W }, 'float32', (t) => (t === 1 ? intensity : new Float32Array(W * H)));
    const table = await measureObjects(labels, movie);
    expect(table.rows.map((r) => r.t)).toEqual([1, 1, 1]);
    expect(table.rows[0].time_s).toBe(30);
    expect(table.rows.find((r) => r.label === 1)!.mean_intensity_c1 as number).toBeCloseTo(SKIMAGE[0][9], 5);
    // a movie too short for the frames the labels came from does not line up
    const short = movieFromPlanes({ t: 1, z: 1, c: 1, y: H, x: W }, 'float32', () => intensity);
    await expect(measureObjects(labels, short)).rejects.toThrow(/don't line up/);
  });

  it('measures shape only without an intensity movie and rejects mismatched movies', async () => {
    const labels = movieFromPlanes({ t: 1, z: 1, c: 1, y: H, x: W }, 'int32', () => objects());
    const table = await measureObjects(labels);
    expect(table.rows).toHaveLength(3);
    expect(table.columns).not.toContain('area_um2');
    const small = movieFromPlanes({ t: 1, z: 1, c: 1, y: 10, x: 10 }, 'float32', () => new Float32Array(100));
    await expect(measureObjects(labels, small)).rejects.toThrow(/don't line up/);
    const empty = movieFromPlanes({ t: 1, z: 1, c: 1, y: 4, x: 4 }, 'uint16', () => new Uint16Array(16));
    expect((await measureObjects(empty)).rows).toEqual([]);
  });

  it('the CSV header says the unit of the frame and plane indices ("t (frame index from 0)", "z (planes)"), which read back as t and z', async () => {
    const stack = movieFromPlanes({ t: 2, z: 2, c: 1, y: H, x: W }, 'int32', () => objects());
    const table = await measureObjects(stack);
    const header = tableToCsv(table).split('\n')[0];
    expect(header.startsWith('label,t (frame index from 0),z (planes),area_px,')).toBe(true);
    expect(parseCsv(tableToCsv(table)).columns.slice(0, 3)).toEqual(['label', 't', 'z']);
    const flat = await measureObjects(movieFromPlanes({ t: 1, z: 1, c: 1, y: H, x: W }, 'int32', () => objects()));
    expect(tableToCsv(flat).split('\n')[0].startsWith('label,t (frame index from 0),area_px,')).toBe(true);
    // the first frame is t = 0 there, which answers call frame 1: the header says where t starts
    expect(flat.rows.every((r) => r.t === 0)).toBe(true);
  });
});

describe('touches_edge', () => {
  // 10 x 8 plane: 1 on the left column, 2 on the top row, 3 in the bottom-right corner, 4 inside one pixel from every edge,
  // 5 on the right column only, 6 on the bottom row only
  const w = 10;
  const h = 8;
  const plane = new Int32Array(w * h);
  const paint = (label: number, pixels: [number, number][]) => { for (const [x, y] of pixels) plane[y * w + x] = label; };
  paint(1, [[0, 3], [1, 3], [1, 4]]);
  paint(2, [[4, 0], [4, 1]]);
  paint(3, [[9, 7], [8, 7], [9, 6]]);
  paint(4, [[3, 3], [4, 4], [3, 4], [2, 5], [5, 5]]);
  paint(5, [[9, 2], [8, 2]]);
  paint(6, [[6, 7], [6, 6]]);

  it('is 1 for an object with a pixel on the outermost row or column, 0 for one wholly inside, in the table and its CSV', async () => {
    const labels = movieFromPlanes({ t: 1, z: 1, c: 1, y: h, x: w }, 'int32', () => plane);
    const table = await measureObjects(labels);
    expect(table.columns).toContain('touches_edge');
    expect(Object.fromEntries(table.rows.map((r) => [r.label, r.touches_edge]))).toEqual({ 1: 1, 2: 1, 3: 1, 4: 0, 5: 1, 6: 1 });
    const back = parseCsv(tableToCsv(table));
    expect(back.columns).toContain('touches_edge');
    expect(back.rows.find((r) => r.label === 4)?.touches_edge).toBe(0);
    expect(back.rows.find((r) => r.label === 6)?.touches_edge).toBe(1);
    // one pixel in from each edge is inside
    expect(touchesEdge([1 * w + 1, 6 * w + 8], w, h)).toBe(false);
    expect(touchesEdge([7 * w + 4], w, h)).toBe(true);
  });

  it('is 0 for the regionprops objects, all inside their 50 x 40 plane', async () => {
    const labels = movieFromPlanes({ t: 1, z: 1, c: 1, y: H, x: W }, 'int32', () => objects());
    expect((await measureObjects(labels)).rows.map((r) => r.touches_edge)).toEqual([0, 0, 0]);
  });
});

describe('nearestNeighbourDistancesPx', () => {
  it('is each centroid\'s distance to the nearest other one, null for an object alone', () => {
    expect(nearestNeighbourDistancesPx([{ centroidX: 0, centroidY: 0 }, { centroidX: 3, centroidY: 4 }, { centroidX: 10, centroidY: 4 }])).toEqual([5, 5, 7]);
    expect(nearestNeighbourDistancesPx([{ centroidX: 5, centroidY: 5 }])).toEqual([null]);
  });
});

describe('measureVolumes', () => {
  // 3 z slices of 6x5: object 1 a 2x2 square in slices 0-2 (12 voxels), object 2 one pixel in slice 1 (1 voxel);
  // in frame 1 object 1 lies in slices 0-1 only (8 voxels)
  const plane = (t: number, z: number) => {
    const p = new Int32Array(30);
    if (t === 0 || z < 2) for (const i of [0, 1, 6, 7]) p[i] = 1;
    if (z === 1) p[29] = 2;
    return p;
  };
  const shape = { t: 2, z: 3, c: 1, y: 5, x: 6 };

  it('counts each object\'s voxels over the z slices it spans, in µm³ when pixel size and z step are known', async () => {
    const labels = movieFromPlanes(shape, 'int32', (t, z) => plane(t, z), { pixelSizeUm: 0.5, zStepUm: 2 });
    const { table, voxelSizeUm, missing } = await measureVolumes(labels);
    expect(voxelSizeUm).toEqual({ x: 0.5, y: 0.5, z: 2 });
    expect(missing).toEqual([]);
    expect(table.columns).toEqual(['label', 't', 'z_slices', 'volume_voxels', 'volume_um3']);
    expect(table.rows).toEqual([
      { label: 1, t: 0, z_slices: 3, volume_voxels: 12, volume_um3: 6 },
      { label: 2, t: 0, z_slices: 1, volume_voxels: 1, volume_um3: 0.5 },
      { label: 1, t: 1, z_slices: 2, volume_voxels: 8, volume_um3: 4 },
      { label: 2, t: 1, z_slices: 1, volume_voxels: 1, volume_um3: 0.5 },
    ]);
  });

  it('gives voxels only without a z step (no µm³ from a guess), takes the session\'s calibration, and refuses a single slice', async () => {
    const uncalibrated = movieFromPlanes(shape, 'int32', (t, z) => plane(t, z), { pixelSizeUm: 0.5 });
    const voxelsOnly = await measureVolumes(uncalibrated, { frames: [1, 1] });
    expect(voxelsOnly.table.columns).not.toContain('volume_um3');
    expect(voxelsOnly.missing).toEqual(['z step']);
    expect(voxelsOnly.table.rows.map((r) => r.volume_voxels)).toEqual([8, 1]);
    const fromSession = await measureVolumes(uncalibrated, { frames: [1, 1], zStepUm: 1 });
    expect(fromSession.table.rows.map((r) => r.volume_um3)).toEqual([2, 0.25]);
    expect((await measureVolumes(movieFromPlanes(shape, 'int32', (t, z) => plane(t, z)))).missing).toEqual(['pixel size', 'z step']);
    const flat = movieFromPlanes({ ...shape, z: 1 }, 'int32', (t) => plane(t, 0));
    await expect(measureVolumes(flat)).rejects.toThrow(/volumes need a z-stack, but the label movie has 1 z slice/);
  });

  it('numbers the frames of labels cut from a longer movie as that movie\'s frames, as measureObjects does', async () => {
    // labels segmented from frames 6-7 (0-based 5-6) of a longer movie, 10 s apart
    const cut = movieFromPlanes(shape, 'int32', (t, z) => plane(t, z), { frameIntervalS: 10, extra: sourceFrameExtra({}, 5) });
    const { table } = await measureVolumes(cut);
    expect(table.rows.map((r) => [r.t, r.time_s])).toEqual([[5, 50], [5, 50], [6, 60], [6, 60]]);
    const objects = await measureObjects(cut);
    expect([...new Set(objects.rows.map((r) => r.t))]).toEqual([5, 6]);
  });

  it('measures areas and volumes in one pass over the label planes, each plane read once', async () => {
    const labels = movieFromPlanes(shape, 'int32', (t, z) => plane(t, z), { pixelSizeUm: 0.5, zStepUm: 2 });
    const reads: string[] = [];
    const read = labels.plane.bind(labels);
    labels.plane = (t, z, c) => (reads.push(`${t}:${z}:${c}`), read(t, z, c));
    const { objects, volumes } = await measureObjectsAndVolumes(labels, undefined);
    expect(reads).toEqual(['0:0:0', '0:1:0', '0:2:0', '1:0:0', '1:1:0', '1:2:0']);
    expect(objects.rows).toHaveLength(7);
    expect(volumes!.table.rows).toEqual((await measureVolumes(labels)).table.rows);
    expect((await measureObjectsAndVolumes(labels, undefined, { volumes: false })).volumes).toBeUndefined();
  });
});

