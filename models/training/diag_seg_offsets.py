"""Where SEG is lost per matched nucleus on Fluo-N2DH-SIM+, and how far per-object shape steps could take it (issue 12; s40-D).

  DUMP=/tmp/d node bin/run-ts.js models/training/seg-loss-classes.ts simplus02 every=10     # our labels, default arguments
  /usr/bin/python3 models/training/diag_seg_offsets.py 02 /tmp/d

For every reference nucleus of every 10th annotated frame matched by one of our objects (covering more than half of it,
and not over a tenth of another nucleus): our area over its area, IoU, the share of it we miss and how much of that lies
in holes of our object, the share we add outside it; the IoU after a uniform erosion / dilation by k px (k -6..5, the
best k per nucleus knows the truth: an upper bound of any rule that moves each outline by an amount of its own), by
contrast (core median over the background, noise SD of the plane smoothed by sigmaPx) and by area over the frame's
median. Then whole-frame SEG (unmatched nuclei score 0) for shape steps applied to every object: uniform erosion by 1 px,
erosion of the objects whose quarter-contrast trim was skipped by a blurred step's offset sigma * z(1 - 3 SD / contrast),
and the mask smoothed (Gaussian s px, kept above level l).
Reads the LZW TIFFs with Pillow.
"""
import sys
import numpy as np
from PIL import Image
from scipy import ndimage as ndi
from scipy.stats import norm

ROOT = '../shared/data/ctc-Fluo-N2DH-SIMplus/'
SIGMA = 2.79  # the plane the segment tool finds SIM+ 02's objects on (sigmaPx chosen from the movie)


def frames(seq, dump):
    for t in range(0, 150, 10):
        try:
            gt = np.array(Image.open(f'{ROOT}{seq}_GT/SEG/man_seg{t:03d}.tif'))
        except FileNotFoundError:
            continue
        img = np.array(Image.open(f'{ROOT}{seq}/t{t:03d}.tif')).astype(np.float64)
        ours = np.fromfile(f'{dump}/simplus{seq}-{t}.u32', dtype=np.uint32).reshape(gt.shape).astype(np.int64)
        yield t, img, gt, ours


def seg_scores(gt, ours):
    out = []
    for r in np.unique(gt):
        if r == 0:
            continue
        g = gt == r
        ids, counts = np.unique(ours[g], return_counts=True)
        v = 0.0
        for i, n in zip(ids, counts):
            if i and n > 0.5 * g.sum():
                v = n / (g | (ours == i)).sum()
        out.append(v)
    return out


def contrast_of(o, dt, sm, bg, sd):
    return (np.median(sm[o & (dt >= 0.5 * dt.max())]) - bg) / sd


def main(seq, dump):
    rows, variants = [], {}
    for t, img, gt, ours in frames(seq, dump):
        sm = ndi.gaussian_filter(img, SIGMA)
        bgm = ours == 0
        bg = np.median(sm[bgm])
        sd = 1.4826 * np.median(np.abs(sm[bgm] - bg))
        # per matched nucleus
        for r in np.unique(gt):
            if r == 0:
                continue
            g = gt == r
            ids, counts = np.unique(ours[g], return_counts=True)
            best = next((i for i, n in zip(ids, counts) if i and n > 0.5 * g.sum()), None)
            if best is None:
                continue
            o = ours == best
            if (o & (gt > 0) & ~g).sum() > 0.1 * o.sum():
                continue
            din = ndi.distance_transform_edt(o)
            dout = ndi.distance_transform_edt(~o)
            filled = ndi.binary_fill_holes(o)
            ious = {k: ((((din > k) if k >= 0 else (o | (dout <= -k))) & g).sum() / (((din > k) if k >= 0 else (o | (dout <= -k))) | g).sum()) for k in range(-6, 6)}
            rows.append(dict(area=g.sum(), ratio=o.sum() / g.sum(), iou=ious[0], miss=(g & ~o).sum() / g.sum(),
                             miss_in_holes=(g & ~o & filled).sum() / g.sum(), extra=(o & ~g).sum() / g.sum(),
                             bestk=max(ious, key=ious.get), oracle=max(ious.values()), k1=ious[1],
                             contrast=contrast_of(o, din, sm, bg, sd), t=t))
        # whole-frame variants
        def erode_each(rule):
            lab = ours.copy()
            for i in np.unique(ours):
                if i == 0:
                    continue
                o = ours == i
                dt = ndi.distance_transform_edt(o)
                d = rule(contrast_of(o, dt, sm, bg, sd))
                if d > 0:
                    cut = o & (dt <= d)
                    if cut.sum() < 0.4 * o.sum():
                        lab[cut] = 0
            return lab

        def smooth_each(s, level):
            lab = np.zeros_like(ours)
            for i in np.unique(ours):
                if i == 0:
                    continue
                b = ndi.gaussian_filter((ours == i).astype(float), s) > level
                lab[b & (lab == 0) & ((ours == 0) | (ours == i))] = i
            return lab

        cand = {
            'defaults': ours,
            'erode 1 px': erode_each(lambda c: 1.0),
            'untrimmed (0.25 c < 5 SD) eroded by sigma z(1 - 3/c)': erode_each(lambda c: min(SIGMA * norm.ppf(1 - 3 / c), 1.5 * SIGMA) if 6 < c and 0.25 * c < 5 else 0),
            'smoothed s 2, level 0.5': smooth_each(2, 0.5),
            'smoothed s 2, level 0.6': smooth_each(2, 0.6),
            'smoothed s 4, level 0.5': smooth_each(4, 0.5),
        }
        for name, lab in cand.items():
            variants.setdefault(name, []).extend(seg_scores(gt, lab))
    col = lambda k: np.array([x[k] for x in rows])
    print(f'SIM+ {seq}: {len(rows)} matched nuclei; mean IoU {col("iou").mean():.4f}; best uniform offset per nucleus (knows the truth) {col("oracle").mean():.4f}')
    print(f'  missed share of the nucleus {col("miss").mean():.3f}, of which in holes of our object {col("miss_in_holes").mean():.4f}; added outside it {np.median(col("extra")):.3f} (median)')
    bk = col('bestk')
    print('  best offset (px, + = erode):', {int(k): int((bk == k).sum()) for k in np.unique(bk)})
    for name, key in (('contrast (SD)', 'contrast'), ('area / median', 'arearel')):
        v = col('contrast') if key == 'contrast' else col('area') / np.median(col('area'))
        q = np.quantile(v, [0, 0.25, 0.5, 0.75, 1])
        for lo, hi in zip(q[:-1], q[1:]):
            s = (v >= lo) & (v <= hi)
            print(f'  {name} {lo:.1f}-{hi:.1f}: n {s.sum()}, IoU {col("iou")[s].mean():.3f}, area ratio {np.median(col("ratio")[s]):.2f}, best offset mean {bk[s].mean():+.2f}, oracle {col("oracle")[s].mean():.3f}')
    print('  SEG (all reference nuclei):', {k: round(float(np.mean(v)), 4) for k, v in variants.items()})


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else '/tmp/d')
