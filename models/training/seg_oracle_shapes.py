"""How far any intensity level, with a shape step after it, can take the outlines of a CTC sequence (s33-C).

For every reference nucleus of the listed frames (SEG masks), the plane around it is cut at background + k noise SD
of that plane for k from 0.5 to 30 and the component covering most of the nucleus is kept (other nuclei's pixels
excluded); the best k is chosen per nucleus **knowing the truth**, so each figure is an upper bound for any rule that
places an object's edge at a level of its own (local Otsu, a fraction of its contrast, hysteresis, ...).
  /usr/bin/python3 models/training/seg_oracle_shapes.py 02 0,50,100,140 planes     # raw / clipped / indicator planes, sigma 2-4
  /usr/bin/python3 models/training/seg_oracle_shapes.py 02 10,50,100,140 time      # mean of 1 / 3 / 5 / 9 frames around t
  /usr/bin/python3 models/training/seg_oracle_shapes.py 02 10,50,100,140 shapes    # the level's component filled / hull / moments' ellipse; the masks' own hull and ellipse
Needs numpy, scipy, scikit-image and Pillow (reads LZW TIFFs through Pillow). Figures: models/README.md (s33-C).
"""
import sys
import numpy as np
from PIL import Image
from scipy import ndimage as ndi

DATA = __file__.rsplit('/', 3)[0] + '/../shared/data/ctc-Fluo-N2DH-SIMplus/'


def frame(seq, t):
    return np.array(Image.open(f'{DATA}{seq}/t{t:03d}.tif')).astype(float)


def masks(seq, t):
    return np.array(Image.open(f'{DATA}{seq}_GT/SEG/man_seg{t:03d}.tif')).astype(np.int64)


def iou(a, b):
    return (a & b).sum() / (a | b).sum()


def ellipse_of(mask, scale=1.0):
    from skimage.draw import ellipse
    from skimage.measure import regionprops
    rp = regionprops(mask.astype(int))[0]
    best = np.zeros_like(mask)
    for rotation in (rp.orientation, rp.orientation + np.pi / 2, -rp.orientation + np.pi / 2):
        out = np.zeros_like(mask)
        rr, cc = ellipse(*rp.centroid, scale * rp.major_axis_length / 2, scale * rp.minor_axis_length / 2, shape=mask.shape, rotation=rotation)
        out[rr, cc] = True
        if (out & mask).sum() > (best & mask).sum():
            best = out
    return best


def best_levels(plane, truth, shapes):
    """Per nucleus: the best IoU over levels for each shape step (name -> function of the component)."""
    background = ndi.binary_dilation(truth > 0, iterations=10) == 0
    b, s = np.median(plane[background]), np.std(plane[background])
    out = {name: [] for name in shapes}
    for o in range(1, truth.max() + 1):
        m = truth == o
        if m.sum() < 100:
            continue
        ys, xs = np.nonzero(m)
        y0, y1, x0, x1 = max(ys.min() - 15, 0), ys.max() + 16, max(xs.min() - 15, 0), xs.max() + 16
        mm, pp = m[y0:y1, x0:x1], plane[y0:y1, x0:x1]
        other = (truth[y0:y1, x0:x1] > 0) & ~mm
        best = {name: 0.0 for name in shapes}
        for k in np.arange(0.5, 30, 0.5):
            lab, n = ndi.label((pp > b + k * s) & ~other)
            if n == 0:
                break
            overlap = np.bincount(lab[mm], minlength=n + 1)
            overlap[0] = 0
            comp = lab == overlap.argmax()
            if comp.sum() < 20:
                continue
            for name, shape in shapes.items():
                best[name] = max(best[name], iou(shape(comp), mm))
        for name in shapes:
            out[name].append(best[name])
    return out


def main():
    seq, frames, mode = sys.argv[1], [int(t) for t in sys.argv[2].split(',')], sys.argv[3]
    filled = {'filled': ndi.binary_fill_holes}
    rows = {}
    for t in frames:
        truth = masks(seq, t)
        background = ndi.binary_dilation(truth > 0, iterations=10) == 0
        if mode == 'time':
            variants = {f'mean of {w} frames': np.mean([frame(seq, u) for u in range(t - w // 2, t + w // 2 + 1)], 0) for w in (1, 3, 5, 9)}
        else:
            variants = {'raw': frame(seq, t)}
        for vname, image in variants.items():
            bg = np.median(image[background])
            sd = 1.4826 * np.median(np.abs(image[background] - bg))
            z = (image - bg) / sd
            if mode == 'planes':
                planes = {f'{name}, sigma {sig}': ndi.gaussian_filter(p, sig) for name, p in (('raw', z), ('clipped at 2 SD', np.clip(z, -2, 2)), ('share over 1 SD', (z > 1).astype(float))) for sig in (2, 3, 4)}
            else:
                planes = {f'{vname}, clipped at 2 SD, sigma 2': ndi.gaussian_filter(np.clip(z, -2, 2), 2)}
            for pname, plane in planes.items():
                if mode == 'shapes':
                    from skimage.morphology import convex_hull_image
                    shapes = {**filled, 'hull': convex_hull_image, 'ellipse': ellipse_of}
                else:
                    shapes = filled
                for sname, values in best_levels(plane, truth, shapes).items():
                    rows.setdefault(f'{pname}; {sname}', []).extend(values)
        if mode == 'shapes':
            from skimage.morphology import convex_hull_image
            for o in range(1, truth.max() + 1):
                m = truth == o
                if m.sum() >= 100:
                    rows.setdefault('the masks\' own convex hull', []).append(iou(convex_hull_image(m), m))
                    rows.setdefault('the masks\' own moments\' ellipse', []).append(iou(ellipse_of(m), m))
    for name, values in rows.items():
        print(f'SIM+ {seq} frames {sys.argv[2]}: {name}: mean best IoU {np.mean(values):.3f} ({len(values)} nuclei)')


if __name__ == '__main__':
    main()
