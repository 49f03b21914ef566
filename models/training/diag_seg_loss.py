"""Where SEG is lost on matched nuclei (models/training/diag-seg.ts writes ours_tNNN.u32 first):
for each reference nucleus matched by the CTC SEG rule (one of ours covers over half of it), the
pixels we add outside it and miss inside it, split by where they lie:
  added: in another reference nucleus (a split line in the wrong place or a merge) / background
         within 2 px of the reference outline (an outline offset) / background farther out;
  missed: taken by another of our objects (a split line) / unlabelled (outline too tight or a gap);
and by the nucleus's contrast (median of its pixels on the sigma-smoothed plane above the background,
in noise SD) and area. The signed outline offset (px, + = ours outside) is the mean over our
outline pixels of their distance to the reference outline. With a second labels folder ('nohull'),
the added pixels that the convex fill made (present with the hull, absent without it).

/usr/bin/python3 models/training/diag_seg_loss.py DIR [NOHULL_DIR]
"""
import json
import os
import sys

import numpy as np
from PIL import Image
from scipy import ndimage as ndi


def signed_offset(ours_obj, mask):
    """Mean signed distance of our outline to the reference outline (px; + = ours outside it)."""
    inside = ndi.distance_transform_edt(mask)
    outside = ndi.distance_transform_edt(~mask)
    edge = ours_obj & ~ndi.binary_erosion(ours_obj)
    d = np.where(mask[edge], -inside[edge] + 0.5, outside[edge] - 0.5)
    return float(d.mean()) if d.size else 0.0


def read_frame(d, meta, t):
    """Truth, image and our labels of frame t: a CTC set (diag-seg.ts) or a robustness variant (eval-robust.ts ROBUST_DUMP)."""
    if meta.get('raw'):
        w, h = meta['sizes'][t]
        raw = lambda name, dt: np.fromfile(os.path.join(d, f'{name}_{t}.{dt}'), dtype='<u4' if dt == 'u32' else '<f4').reshape(h, w)
        return raw('truth', 'u32').astype(np.int64), raw('image', 'f32').astype(np.float64), raw('ours', 'u32').astype(np.int64)
    w, h = meta['width'], meta['height']
    gt = np.array(Image.open(os.path.join(meta['truth'], 'SEG', f'man_seg{t:03d}.tif'))).astype(np.int64)
    image = np.array(Image.open(os.path.join(meta['images'], f't{t:03d}.tif'))).astype(np.float64)
    ours = np.fromfile(os.path.join(d, f'ours_t{t:03d}.u32'), dtype='<u4').reshape(h, w).astype(np.int64)
    return gt, image, ours


def main():
    d = sys.argv[1]
    nohull = sys.argv[2] if len(sys.argv) > 2 else None
    meta = json.load(open(os.path.join(d, 'meta.json')))
    sigma = meta['options'].get('sigmaPx', 2)
    rows = []
    for t in meta['frames']:
        gt, image, ours = read_frame(d, meta, t)
        hull_free = read_frame(nohull, json.load(open(os.path.join(nohull, 'meta.json'))), t)[2] if nohull else None
        sm = ndi.gaussian_filter(image, sigma)
        bgpix = sm[(gt == 0) & (ndi.distance_transform_edt(gt == 0) > 10)]
        bg = np.median(bgpix)
        noise = 1.4826 * np.median(np.abs(bgpix - bg))
        near = ndi.distance_transform_edt(gt == 0)
        for g in np.unique(gt):
            if g == 0:
                continue
            m = gt == g
            area = int(m.sum())
            lab, cnt = np.unique(ours[m], return_counts=True)
            sel = lab > 0
            if not sel.any():
                continue
            best = lab[sel][np.argmax(cnt[sel])]
            bestc = cnt[sel].max()
            if bestc <= 0.5 * area:
                continue
            o = ours == best
            inter = int(bestc)
            extra = o & ~m
            missed = m & ~o
            dist_out = ndi.distance_transform_edt(~m)
            row = dict(t=int(t), area=area, iou=inter / (area + o.sum() - inter),
                       contrast=float((np.median(sm[m]) - bg) / noise),
                       add_other=int((extra & (gt > 0)).sum()),
                       add_near=int((extra & (gt == 0) & (dist_out <= 2)).sum()),
                       add_far=int((extra & (gt == 0) & (dist_out > 2)).sum()),
                       miss_other=int((missed & (ours > 0)).sum()),
                       miss_free=int((missed & (ours == 0)).sum()),
                       offset=signed_offset(o, m))
            if hull_free is not None:
                row['add_hull'] = int((extra & (hull_free == 0)).sum())
            rows.append(row)
    n = len(rows)
    print(f"{n} matched nuclei, mean IoU {np.mean([r['iou'] for r in rows]):.3f}, noise-SD plane sigma {sigma}")
    keys = ['add_other', 'add_near', 'add_far', 'miss_other', 'miss_free'] + (['add_hull'] if nohull else [])

    def summary(rs, label):
        if not rs:
            return
        tot_union = sum(r['area'] + r['add_other'] + r['add_near'] + r['add_far'] - r['miss_other'] - r['miss_free'] + r['miss_other'] + r['miss_free'] for r in rs)
        # IoU loss share: each error pixel costs 1/union of its nucleus; summed and divided by count = mean IoU loss per nucleus
        loss = {k: sum(r[k] / (r['area'] + r['add_other'] + r['add_near'] + r['add_far']) for r in rs) / len(rs) for k in keys}
        offs = np.array([r['offset'] for r in rs])
        print(f"{label:28s} n={len(rs):4d} IoU {np.mean([r['iou'] for r in rs]):.3f}  loss by cause " +
              ' '.join(f"{k} {loss[k]:.3f}" for k in keys) +
              f"  offset px median {np.median(offs):+.2f} (25-75% {np.percentile(offs, 25):+.2f}..{np.percentile(offs, 75):+.2f})")

    summary(rows, 'all')
    c = np.array([r['contrast'] for r in rows])
    a = np.array([r['area'] for r in rows])
    for lo, hi in [(0, 3), (3, 6), (6, 12), (12, 25), (25, 1e9)]:
        summary([r for r, v in zip(rows, c) if lo <= v < hi], f'contrast {lo}-{hi} SD')
    qs = np.percentile(a, [0, 33, 67, 100])
    for lo, hi in zip(qs, qs[1:]):
        summary([r for r, v in zip(rows, a) if lo <= v <= hi], f'area {int(lo)}-{int(hi)} px')


if __name__ == '__main__':
    main()
