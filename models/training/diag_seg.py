"""Diagnoses a segmentation against CTC SEG masks (models/training/diag-seg.ts writes ours_tNNN.u32):
per matched object (CTC SEG rule: ours covers > half the mask object) the IoU and our area / theirs;
missed, merged (one of ours matched by 2+ masks' majority) and split (a mask whose largest overlap is
under half of it although ours cover over half) counts; the same for scikit-image's Otsu + watershed.

/usr/bin/python3 models/training/diag_seg.py DIR [skimage]
"""
import json
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))


def analyse(ours, gt, image):
    rows = []
    for g in np.unique(gt):
        if g == 0:
            continue
        m = gt == g
        area = m.sum()
        lab, cnt = np.unique(ours[m], return_counts=True)
        best = 0
        bestc = 0
        covered = cnt[lab > 0].sum() if (lab > 0).any() else 0
        for l, c in zip(lab, cnt):
            if l > 0 and c > bestc:
                best, bestc = l, c
        if best and bestc > 0.5 * area:
            o = ours == best
            inter = bestc
            union = area + o.sum() - inter
            # how many mask objects does this one of ours cover by majority of ours
            glab, gcnt = np.unique(gt[o], return_counts=True)
            rows.append(dict(kind='matched', iou=inter / union, ratio=o.sum() / area, area=int(area),
                             missed=int(area - inter), extra=int(o.sum() - inter),
                             others=int(((glab > 0) & (glab != g) & (gcnt > 0.1 * o.sum())).sum())))
        else:
            kind = 'split' if covered > 0.5 * area else ('partial' if bestc > 0 else 'missed')
            rows.append(dict(kind=kind, iou=0.0, area=int(area), cover=float(covered / area), best=float(bestc / area)))
    return rows


def main():
    d = sys.argv[1]
    meta = json.load(open(os.path.join(d, 'meta.json')))
    w, h = meta['width'], meta['height']
    peer = len(sys.argv) > 2 and sys.argv[2] == 'skimage'
    if peer:
        from skimage_baseline import segment
    allrows = []
    for t in meta['frames']:
        gt = np.array(Image.open(os.path.join(meta['truth'], 'SEG', f'man_seg{t:03d}.tif')))
        image = np.array(Image.open(os.path.join(meta['images'], f't{t:03d}.tif')))
        if peer:
            ours = segment(image)
        else:
            ours = np.fromfile(os.path.join(d, f'ours_t{t:03d}.u32'), dtype='<u4').reshape(h, w)
        rows = analyse(ours, gt, image)
        for r in rows:
            r['t'] = t
        allrows += rows
        m = [r for r in rows if r['kind'] == 'matched']
        print(f"t{t:03d}: {len(rows)} masks, matched {len(m)}, SEG {np.mean([r['iou'] for r in rows]):.3f}, "
              f"median IoU {np.median([r['iou'] for r in m]) if m else 0:.3f}, area ratio {np.median([r['ratio'] for r in m]) if m else 0:.2f}, "
              f"kinds {dict((k, sum(r['kind'] == k for r in rows)) for k in ('missed', 'partial', 'split'))}")
    m = [r for r in allrows if r['kind'] == 'matched']
    ious = np.array([r['iou'] for r in m])
    ratios = np.array([r['ratio'] for r in m])
    print(f"ALL: {len(allrows)} masks, SEG {np.mean([r['iou'] for r in allrows]):.3f}; matched {len(m)}: IoU quartiles "
          f"{np.percentile(ious, [10, 25, 50, 75, 90]).round(3).tolist()}; area ratio (ours/theirs) quartiles {np.percentile(ratios, [10, 25, 50, 75, 90]).round(2).tolist()}")
    print(f"  matched pixels missed {sum(r['missed'] for r in m)}, extra {sum(r['extra'] for r in m)}, of {sum(r['area'] for r in m)} mask px; merged (ours covering another mask >10%): {sum(r['others'] > 0 for r in m)}")
    for k in ('missed', 'partial', 'split'):
        rs = [r for r in allrows if r['kind'] == k]
        print(f"  {k}: {len(rs)} (areas median {np.median([r['area'] for r in rs]) if rs else 0}, cover median {np.median([r['cover'] for r in rs]) if rs else 0:.2f})")
    loss_unmatched = sum(1 for r in allrows if r['kind'] != 'matched') / len(allrows)
    loss_matched = sum(1 - r['iou'] for r in m) / len(allrows)
    print(f"  SEG loss from unmatched {loss_unmatched:.3f}, from matched outlines {loss_matched:.3f}")
    bins = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    hist = np.histogram(ious, bins=bins)[0]
    print('  IoU histogram', dict(zip([f'{a}-{b}' for a, b in zip(bins, bins[1:])], hist.tolist())))
    small = ratios < 0.85
    large = ratios > 1.15
    print(f"  too small (<0.85x): {small.sum()} mean IoU {ious[small].mean() if small.any() else 0:.3f}; too large (>1.15x): {large.sum()} mean IoU {ious[large].mean() if large.any() else 0:.3f}; right size: {(~small & ~large).sum()} mean IoU {ious[~small & ~large].mean():.3f}")


main()
