// Binary and label morphology on single planes, as scipy.ndimage / skimage.morphology /
// skimage.segmentation define them: connected-component labelling (skimage.measure.label,
// default 8-connectivity in 2-D), hole filling (scipy binary_fill_holes: background that
// is not 4-connected to the border becomes foreground), size filters, clear_border and
// sequential relabelling.

export type Connectivity = 4 | 8;

/** Root of a union-find tree, halving the path on the way. */
function findRoot(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/** Joins the trees of a and b under the smaller root; returns it. */
function unite(parent: Int32Array, a: number, b: number): number {
  a = findRoot(parent, a);
  b = findRoot(parent, b);
  if (a < b) return (parent[b] = a);
  if (b < a) return (parent[a] = b);
  return a;
}

/**
 * First pass of two-pass connected-component labelling (Rosenfeld & Pfaltz; union-find over
 * provisional labels): each selected pixel (non-zero, or zero with `zeros`) gets a provisional
 * label, and labels that meet are united in `parent`. Returns the number of provisional labels.
 */
function provisionalLabels(mask: ArrayLike<number>, width: number, height: number, connectivity: Connectivity, zeros: boolean, out: Int32Array, parent: Int32Array): number {
  const want = zeros ? 0 : 1;
  const diagonal = connectivity === 8;
  let next = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if ((mask[i] ? 1 : 0) !== want) continue;
      let l = 0;
      if (y > 0) {
        const up = i - width;
        if (out[up]) l = out[up];
        else if (diagonal) {
          // With the pixel above unselected, the two above diagonals are not yet joined.
          if (x > 0 && out[up - 1]) l = out[up - 1];
          if (x < width - 1 && out[up + 1]) l = l ? unite(parent, l, out[up + 1]) : out[up + 1];
        }
      }
      if (x > 0 && out[i - 1]) l = l ? unite(parent, l, out[i - 1]) : out[i - 1];
      if (!l) {
        l = ++next;
        parent[l] = l;
      }
      out[i] = l;
    }
  }
  return next;
}

/**
 * Size of the parent array for provisional labels: a new label needs an unselected pixel (or
 * the edge) to its left, so a row starts at most ceil(width / 2) of them; index 0 is unused.
 */
function maxProvisional(width: number, height: number): number {
  return height * Math.ceil(width / 2) + 1;
}

/** Labels the connected non-zero pixels of a mask 1..n in raster order of first pixel. */
export function labelComponents(mask: ArrayLike<number>, width: number, height: number, connectivity: Connectivity = 8): { labels: Uint32Array; count: number } {
  const n = width * height;
  const provisional = new Int32Array(n);
  const parent = new Int32Array(maxProvisional(width, height));
  const used = provisionalLabels(mask, width, height, connectivity, false, provisional, parent);
  // A parent is never above its child, so in increasing order every label can point at its root.
  for (let l = 1; l <= used; l++) parent[l] = parent[parent[l]];
  // Second pass: final labels numbered as their components are first met in raster order.
  const final = new Uint32Array(used + 1);
  const labels = new Uint32Array(provisional.buffer, provisional.byteOffset, n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const p = provisional[i];
    if (!p) continue;
    const root = parent[p];
    labels[i] = final[root] || (final[root] = ++count);
  }
  return { labels, count };
}

/** Fills holes: background regions not 4-connected to the plane's border become foreground. In place; returns the mask. */
export function fillHoles(mask: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  const regions = new Int32Array(n);
  const parent = new Int32Array(maxProvisional(width, height));
  const used = provisionalLabels(mask, width, height, 4, true, regions, parent);
  for (let l = 1; l <= used; l++) parent[l] = parent[parent[l]];
  const open = new Uint8Array(used + 1);
  const edge = (i: number) => {
    if (regions[i]) open[parent[regions[i]]] = 1;
  };
  for (let x = 0; x < width; x++) edge(x), edge((height - 1) * width + x);
  for (let y = 0; y < height; y++) edge(y * width), edge(y * width + width - 1);
  for (let i = 0; i < n; i++) if (regions[i] && !open[parent[regions[i]]]) mask[i] = 1;
  return mask;
}

/** Pixel count of each label 0..maxLabel. */
export function labelAreas(labels: ArrayLike<number>, maxLabel: number): Float64Array {
  const areas = new Float64Array(maxLabel + 1);
  for (let i = 0; i < labels.length; i++) areas[labels[i]]++;
  return areas;
}

/** Sum of `values` over each label 0..maxLabel (NaN pixels count as 0). */
export function labelSums(labels: ArrayLike<number>, values: ArrayLike<number>, maxLabel: number): Float64Array {
  const sums = new Float64Array(maxLabel + 1);
  for (let i = 0; i < labels.length; i++) {
    const v = values[i];
    if (labels[i] && v === v) sums[labels[i]] += v;
  }
  return sums;
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
 * the border, and whose mean of `intensity` is at least minMeanIntensity), renumbering the
 * survivors 1..n in order of their old label. In place.
 */
export function filterLabels(
  labels: Uint32Array,
  width: number,
  height: number,
  options: { minAreaPx?: number; maxAreaPx?: number; excludeBorder?: boolean; borderMinAreaPx?: number; minMeanIntensity?: number; intensity?: ArrayLike<number> } = {},
): { labels: Uint32Array; count: number } {
  let maxLabel = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > maxLabel) maxLabel = labels[i];
  const areas = labelAreas(labels, maxLabel);
  const touching = options.excludeBorder || options.borderMinAreaPx !== undefined ? labelsTouchingBorder(labels, width, height) : new Set<number>();
  const border = options.excludeBorder ? touching : new Set<number>();
  const minArea = (l: number) => (options.borderMinAreaPx !== undefined && touching.has(l) ? options.borderMinAreaPx : (options.minAreaPx ?? 0));
  const sums = options.minMeanIntensity !== undefined && options.intensity ? labelSums(labels, options.intensity, maxLabel) : undefined;
  const newLabel = new Uint32Array(maxLabel + 1);
  let count = 0;
  for (let l = 1; l <= maxLabel; l++) {
    const area = areas[l];
    if (area === 0 || border.has(l)) continue;
    if (area < minArea(l) || area > (options.maxAreaPx ?? Infinity)) continue;
    if (sums && !(sums[l] / area >= options.minMeanIntensity!)) continue;
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
