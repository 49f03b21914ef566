// Binary and label morphology on single planes, as scipy.ndimage / skimage.morphology /
// skimage.segmentation define them: connected-component labelling (skimage.measure.label,
// default 8-connectivity in 2-D), hole filling (scipy binary_fill_holes: background that
// is not 4-connected to the border becomes foreground), size filters, clear_border and
// sequential relabelling.

export type Connectivity = 4 | 8;

/** Labels the connected non-zero pixels of a mask 1..n in raster order of first pixel. */
export function labelComponents(mask: ArrayLike<number>, width: number, height: number, connectivity: Connectivity = 8): { labels: Uint32Array; count: number } {
  const n = width * height;
  const labels = new Uint32Array(n);
  const stack = new Int32Array(n);
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = ++count;
    labels[start] = label;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top];
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (mask[j] && !labels[j]) (labels[j] = label), (stack[top++] = j);
        }
      }
    }
  }
  return { labels, count };
}

/** Fills holes: background regions not 4-connected to the plane's border become foreground. In place; returns the mask. */
export function fillHoles(mask: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  const outside = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  const seed = (i: number) => {
    if (!mask[i] && !outside[i]) (outside[i] = 1), (stack[top++] = i);
  };
  for (let x = 0; x < width; x++) seed(x), seed((height - 1) * width + x);
  for (let y = 0; y < height; y++) seed(y * width), seed(y * width + width - 1);
  while (top > 0) {
    const i = stack[--top];
    const x = i % width;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (i >= width) seed(i - width);
    if (i < n - width) seed(i + width);
  }
  for (let i = 0; i < n; i++) if (!outside[i]) mask[i] = 1;
  return mask;
}

/** Pixel count of each label 0..maxLabel. */
export function labelAreas(labels: ArrayLike<number>, maxLabel: number): Float64Array {
  const areas = new Float64Array(maxLabel + 1);
  for (let i = 0; i < labels.length; i++) areas[labels[i]]++;
  return areas;
}

/** Labels that touch the plane's edge. */
export function labelsTouchingBorder(labels: ArrayLike<number>, width: number, height: number): Set<number> {
  const out = new Set<number>();
  const add = (i: number) => labels[i] && out.add(labels[i]);
  for (let x = 0; x < width; x++) add(x), add((height - 1) * width + x);
  for (let y = 0; y < height; y++) add(y * width), add(y * width + width - 1);
  return out;
}

/**
 * Keeps labels whose area is within [minAreaPx, maxAreaPx] (and, if asked, that don't touch
 * the border), renumbering the survivors 1..n in order of their old label. In place.
 */
export function filterLabels(
  labels: Uint32Array,
  width: number,
  height: number,
  options: { minAreaPx?: number; maxAreaPx?: number; excludeBorder?: boolean } = {},
): { labels: Uint32Array; count: number } {
  let maxLabel = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const areas = labelAreas(labels, maxLabel);
  const border = options.excludeBorder ? labelsTouchingBorder(labels, width, height) : new Set<number>();
  const newLabel = new Uint32Array(maxLabel + 1);
  let count = 0;
  for (let l = 1; l <= maxLabel; l++) {
    const area = areas[l];
    if (area === 0 || border.has(l)) continue;
    if (area < (options.minAreaPx ?? 0) || area > (options.maxAreaPx ?? Infinity)) continue;
    newLabel[l] = ++count;
  }
  for (let i = 0; i < labels.length; i++) labels[i] = newLabel[labels[i]];
  return { labels, count };
}

/**
 * Fills each object's holes: background regions (4-connected) away from the plane's edge
 * and bordered by one label only take that label. Holes between two objects stay. In place.
 */
export function fillLabelHoles(labels: Uint32Array, width: number, height: number): Uint32Array {
  const background = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) background[i] = labels[i] ? 0 : 1;
  const { labels: regions, count } = labelComponents(background, width, height, 4);
  // Per background region: the one label around it, 0 while none is seen, -1 when open (edge or two labels).
  const owner = new Float64Array(count + 1);
  const claim = (region: number, label: number) => {
    if (owner[region] === -1 || owner[region] === label) return;
    owner[region] = owner[region] === 0 ? label : -1;
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const r = regions[i];
      if (!r) continue;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) {
        owner[r] = -1;
        continue;
      }
      for (const j of [i - 1, i + 1, i - width, i + width]) if (labels[j]) claim(r, labels[j]);
    }
  for (let i = 0; i < labels.length; i++) if (regions[i] && owner[regions[i]] > 0) labels[i] = owner[regions[i]];
  return labels;
}
