"""Are the masks and the image registered, and how bright are the pixels our outlines get wrong?
(models/training/diag-seg.ts writes ours_tNNN.u32 and meta.json first.)

1. Registration: the mean matched IoU (the CTC SEG rule: one of ours covers over half of a mask,
   an unmatched mask counts 0) of the masks against our labels moved by whole pixels (dx, dy in
   -2..2), and against the masks of other frames (t - 2 .. t + 2). A misregistered truth would
   score best away from (0, 0) / offset 0.
2. Intensity: over the matched nuclei, the pixels of the mask we cover (hit), the mask pixels we
   miss, the pixels we add outside the mask, and the background within 6 px of either, binned by
   the plane smoothed by SIGMA px above the background, in that plane's noise SD.

/usr/bin/python3 models/training/diag_seg_register.py DIR [SIGMA ...]
"""
import json
import os
import sys

import numpy as np
from PIL import Image
from scipy import ndimage as ndi

sys.path.insert(0, os.path.dirname(__file__))
from diag_seg_loss import read_frame  # noqa: E402

BINS = [-1e9, -1, 0, 1, 2, 3, 5, 10, 1e9]


def matched(gt, ours):
    """(mask, our object) per reference nucleus matched by the SEG rule, None where unmatched."""
    out = []
    for g in np.unique(gt):
        if g == 0:
            continue
        m = gt == g
        lab = ours[m]
        lab = lab[lab > 0]
        if lab.size == 0:
            out.append((m, None))
            continue
        counts = np.bincount(lab)
        o = counts.argmax()
        out.append((m, ours == o if counts[o] * 2 > m.sum() else None))
    return out


def truth(meta, t):
    return np.array(Image.open(os.path.join(meta['truth'], 'SEG', f'man_seg{t:03d}.tif'))).astype(np.int64)


def mean_iou(gt, ours):
    v = [0.0 if o is None else (m & o).sum() / (m | o).sum() for m, o in matched(gt, ours)]
    return float(np.mean(v)) if v else 0.0


def registration(d, meta):
    frames = meta['frames']
    shifts = {}
    for t in frames[::2]:
        gt, _, ours = read_frame(d, meta, t)
        for dx in range(-2, 3):
            for dy in range(-2, 3):
                shifts.setdefault((dx, dy), []).append(mean_iou(gt, np.roll(np.roll(ours, dy, 0), dx, 1)))
    best = sorted(shifts, key=lambda k: -np.mean(shifts[k]))
    print('our labels moved by (dx, dy) px: mean matched IoU (best five; (0, 0) for reference)')
    for k in best[:5] + [(0, 0)]:
        print(f'  {k}: {np.mean(shifts[k]):.4f}')
    print('our labels of frame t against the masks of frame t + k:')
    for k in range(-2, 3):
        v = []
        for t in frames[1:-1]:
            if not os.path.exists(os.path.join(meta['truth'], 'SEG', f'man_seg{t + k:03d}.tif')):
                continue
            _, _, ours = read_frame(d, meta, t)
            v.append(mean_iou(truth(meta, t + k), ours))
        print(f'  k = {k:+d}: {np.mean(v):.4f}')


def intensity(d, meta, sigma):
    tot = {k: np.zeros(len(BINS) - 1) for k in ('hit', 'missed', 'added', 'background')}
    for t in meta['frames']:
        gt, image, ours = read_frame(d, meta, t)
        sm = ndi.gaussian_filter(image, sigma)
        far = (ndi.distance_transform_edt(gt == 0) > 8) & (ndi.distance_transform_edt(ours == 0) > 8)
        bg = np.median(sm[far])
        noise = 1.4826 * np.median(np.abs(sm[far] - bg))
        z = (sm - bg) / noise
        for m, o in matched(gt, ours):
            if o is None:
                continue
            near = ndi.binary_dilation(m | o, iterations=6) & ~m & ~o & (gt == 0)
            for key, sel in (('hit', m & o), ('missed', m & ~o), ('added', o & ~m), ('background', near)):
                tot[key] += np.histogram(z[sel], BINS)[0]
    print(f'plane smoothed by {sigma} px; share of pixels per bin of noise SD above the background:')
    print('  bins: ' + ' '.join(f'[{a:g},{b:g})' for a, b in zip(BINS[:-1], BINS[1:])).replace('-1e+09', '-inf').replace('1e+09', 'inf'))
    for key, v in tot.items():
        print(f'  {key:10s} {int(v.sum()):8d} px: ' + ' '.join(f'{x / v.sum():.3f}' for x in v))


def main():
    d = sys.argv[1]
    meta = json.load(open(os.path.join(d, 'meta.json')))
    registration(d, meta)
    for s in (sys.argv[2:] or [1.0, meta['options'].get('sigmaPx', 2)]):
        intensity(d, meta, float(s))


if __name__ == '__main__':
    main()
