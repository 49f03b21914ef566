"""How far can a per-object intensity level take the outlines? (issue 12, SIM+ 02 SEG; s30-C)

  python3 models/training/seg_ceiling.py oracle SEQ [sigmaPx]          # SEQ 01 | 02 (Fluo-N2DH-SIM+ in ../shared/data)
  python3 models/training/seg_ceiling.py local SEQ sigmaPx F1,F2,... growPx DUMPDIR

oracle: for every reference nucleus of every 10th annotated frame, the plane smoothed by sigmaPx is cut at
background + f * (core - background) within 10 px of the nucleus (core: median of its pixels at least half as deep as
its deepest; background: median of a ring 5-12 px outside every nucleus), for f from 0.01 to 0.9; the component covering
most of the nucleus, holes filled, is scored by IoU, and the best f per nucleus is kept (it knows the truth: an upper
bound of any rule that places each object's edge at a level of its own contrast).
local: the same cut at each given fraction f for every object of our segmentation (labels written by
seg-loss-classes.ts with DUMP=DUMPDIR), within growPx of it, scored by the Cell Tracking Challenge SEG rule.
Reads the LZW TIFFs with Pillow (tifffile needs imagecodecs for them).
"""
import sys
import numpy as np
from PIL import Image
from scipy import ndimage as ndi

ROOT = '../shared/data/ctc-Fluo-N2DH-SIMplus/'


def read(path):
    return np.array(Image.open(path))


def frames(seq):
    for t in range(0, 150, 10):
        try:
            truth = read(f'{ROOT}{seq}_GT/SEG/man_seg{t:03d}.tif')
        except FileNotFoundError:
            continue
        yield t, read(f'{ROOT}{seq}/t{t:03d}.tif').astype(np.float64), truth


def window(sl, pad, shape):
    return slice(max(sl[0].start - pad, 0), min(sl[0].stop + pad, shape[0])), slice(max(sl[1].start - pad, 0), min(sl[1].stop + pad, shape[1]))


def core_of(obj, smoothed):
    depth = ndi.distance_transform_edt(obj)
    return np.median(smoothed[depth >= 0.5 * depth.max()])


def cut(region, obj, smoothed, level):
    parts, _ = ndi.label(region & (smoothed > level))
    ids = parts[obj]
    ids = ids[ids > 0]
    return ndi.binary_fill_holes(parts == np.bincount(ids).argmax()) if len(ids) else None


def seg_score(truth, ours):
    out = []
    for lab in np.unique(truth)[1:]:
        obj = truth == lab
        ids = ours[obj]
        ids = ids[ids > 0]
        if not len(ids):
            out.append(0.0)
            continue
        counts = np.bincount(ids)
        k = counts.argmax()
        p = ours == k
        out.append(float((p & obj).sum() / (p | obj).sum()) if counts[k] > 0.5 * obj.sum() else 0.0)
    return out


def oracle(seq, sigma):
    fractions = np.concatenate([np.arange(0.01, 0.1, 0.01), np.arange(0.1, 0.95, 0.05)])
    best_iou, best_f = [], []
    for _, image, truth in frames(seq):
        smoothed = ndi.gaussian_filter(image, sigma)
        for lab, sl in enumerate(ndi.find_objects(truth), 1):
            if sl is None:
                continue
            win = window(sl, 20, truth.shape)
            t, s = truth[win], smoothed[win]
            obj = t == lab
            if obj.sum() < 50:
                continue
            ring = ndi.binary_dilation(obj, iterations=12) & ~ndi.binary_dilation(t > 0, iterations=5)
            bg = np.median(s[ring]) if ring.sum() > 20 else np.median(smoothed[truth == 0])
            core = core_of(obj, s)
            region = ndi.binary_dilation(obj, iterations=10) & ((t == 0) | obj)
            scores = []
            for f in fractions:
                p = cut(region, obj, s, bg + f * (core - bg))
                scores.append(0.0 if p is None else (p & obj).sum() / (p | obj).sum())
            best_iou.append(max(scores))
            best_f.append(fractions[int(np.argmax(scores))])
    print(f'SIM+ {seq} sigma {sigma}: {len(best_iou)} nuclei, best level per nucleus: mean IoU {np.mean(best_iou):.3f} '
          f'(f median {np.median(best_f):.2f}, quartiles {np.percentile(best_f, 25):.2f}-{np.percentile(best_f, 75):.2f})')


def local(seq, sigma, fractions, grow, dump):
    name = {'01': 'simplus01', '02': 'simplus02'}[seq]
    base, res = [], {f: [] for f in fractions}
    for t, image, truth in frames(seq):
        smoothed = ndi.gaussian_filter(image, sigma)
        ours = np.fromfile(f'{dump}/{name}-{t}.u32', dtype=np.uint32).reshape(truth.shape).astype(np.int64)
        base += seg_score(truth, ours)
        outside = np.median(smoothed[~ndi.binary_dilation(ours > 0, iterations=10)])
        outs = {f: np.zeros_like(ours) for f in fractions}
        for lab, sl in enumerate(ndi.find_objects(ours), 1):
            if sl is None:
                continue
            win = window(sl, grow + 12, ours.shape)
            o, s = ours[win], smoothed[win]
            obj = o == lab
            ring = ndi.binary_dilation(obj, iterations=grow + 10) & ~ndi.binary_dilation(o > 0, iterations=grow + 2)
            bg = np.median(s[ring]) if ring.sum() > 30 else outside
            core = core_of(obj, s)
            region = ndi.binary_dilation(obj, iterations=grow) & ((o == 0) | obj)
            for f in fractions:
                p = cut(region, obj, s, bg + f * (core - bg))
                if p is not None:
                    sub = outs[f][win]
                    sub[p & (sub == 0)] = lab
        for f in fractions:
            res[f] += seg_score(truth, outs[f])
    print(f'SIM+ {seq} sigma {sigma} grow {grow}: ours SEG {np.mean(base):.4f}; each object cut at its own level: ' + ', '.join(f'f {f:.2f} {np.mean(res[f]):.4f}' for f in fractions))


if __name__ == '__main__':
    mode, seq = sys.argv[1], sys.argv[2]
    if mode == 'oracle':
        oracle(seq, float(sys.argv[3]) if len(sys.argv) > 3 else 1.7)
    else:
        local(seq, float(sys.argv[3]), [float(f) for f in sys.argv[4].split(',')], int(sys.argv[5]), sys.argv[6])
