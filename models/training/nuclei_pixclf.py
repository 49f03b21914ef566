"""An ilastik-style pixel classifier for the nuclear foreground, learned from Fluo-N2DH-SIM+ 01 only and
judged on SIM+ 02 (never trained on). Measured and not shipped (models/README.md, stop 24).

Features per pixel (30): at 5 scales relative to the object radius r (0.08, 0.15, 0.3, 0.5, 0.8 r), on the
image in noise SD above its median: the Gaussian (in raw noise units and in the smoothed plane's own noise
units), gradient magnitude, Laplacian and both Hessian eigenvalues (scale-normalised), each through
asinh(x / 3). An MLP (30-24-24-1) is trained on 6,000 random pixels per frame (every 4th SIM+ 01 frame, each
also twice augmented) to say mask / not mask.

Augmentation: "plain" (contrast 0.25-1x, gamma 0.7-1.4, added noise 0-1.5x the frame's own, radius 0.85-1.15x);
"texture" (the nuclear signal times a smooth random field of 0.15-0.35 r, parts pushed to the background,
contrast 0.2-1x, added noise 0-2x): the dim textured nuclei of SIM+ 02's later frames.

Prints the foreground IoU against the masks of the classifier (several levels) and of our classical labels
(diag-seg.ts folders) on SIM+ 02 every 20th annotated frame and SIM+ 01's held-out frames.

nice -n 10 /usr/bin/python3 models/training/nuclei_pixclf.py plain|texture DIR02 DIR01 [R02 R01]
(DIR02 / DIR01 from `node bin/run-ts.js models/training/diag-seg.ts simplus02|simplus01 DIR every=10|5`;
R02 / R01 the radii the tool estimates, 16.75 and 19.02 px.)
"""
import json
import os
import sys

import numpy as np
import torch
from PIL import Image
from scipy import ndimage as ndi

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(__file__), '../../../shared/data/ctc-Fluo-N2DH-SIMplus')
SCALE_FRACTIONS = (0.08, 0.15, 0.3, 0.5, 0.8)


def load(seq, t):
    image = np.array(Image.open(f'{ROOT}/{seq}/t{t:03d}.tif')).astype(np.float64)
    truth = np.array(Image.open(f'{ROOT}/{seq}_GT/SEG/man_seg{t:03d}.tif')).astype(np.int64)
    return image, truth


def noise_sd(image):
    d = image - 0.25 * (np.roll(image, 1, 0) + np.roll(image, -1, 0) + np.roll(image, 1, 1) + np.roll(image, -1, 1))
    return 1.4826 * np.median(np.abs(d - np.median(d))) / np.sqrt(1.25)


def features(image, radius_px):
    z = (image - np.median(image)) / noise_sd(image)
    out = []
    for f in SCALE_FRACTIONS:
        s = max(0.7, f * radius_px)
        g = ndi.gaussian_filter(z, s)
        gx, gy = ndi.gaussian_filter(z, s, order=(0, 1)), ndi.gaussian_filter(z, s, order=(1, 0))
        hxx, hyy, hxy = (ndi.gaussian_filter(z, s, order=o) * s * s for o in ((0, 2), (2, 0), (1, 1)))
        trace, root = hxx + hyy, np.sqrt(((hxx - hyy) / 2) ** 2 + hxy ** 2)
        k = 2 * np.sqrt(np.pi) * s  # white noise smoothed by s falls by about this factor
        out += [np.arcsinh(g / 3), np.arcsinh(g * k / 3), np.arcsinh(np.hypot(gx, gy) * s * k / 3),
                np.arcsinh(trace * k / 3), np.arcsinh((trace / 2 + root) * k / 3), np.arcsinh((trace / 2 - root) * k / 3)]
    return np.stack(out, -1).astype(np.float32)


def augment_plain(image, truth, radius_px, rng):
    b, sd = np.median(image), noise_sd(image)
    image = b + (image - b) * rng.uniform(0.25, 1.0)
    above = np.maximum(image - b, 0)
    top = max(above.max(), 1)
    image = b + (above / top) ** rng.uniform(0.7, 1.4) * top + np.minimum(image - b, 0)
    return image + rng.normal(0, sd * rng.uniform(0, 1.5), image.shape)


def augment_texture(image, truth, radius_px, rng):
    b, sd = np.median(image), noise_sd(image)
    field = ndi.gaussian_filter(rng.normal(0, 1, image.shape), radius_px * rng.uniform(0.15, 0.35))
    field = (field - field.mean()) / field.std()
    texture = np.clip(0.5 + rng.uniform(0.3, 0.8) * field, 0, 1.2)
    inside = ndi.gaussian_filter((truth > 0).astype(float), 1.5)
    signal = (image - b) * (1 - inside + inside * texture) * rng.uniform(0.2, 1.0)
    return b + signal + rng.normal(0, sd * rng.uniform(0, 2.0), image.shape)


class PixelMLP(torch.nn.Module):
    def __init__(self, n, hidden=24):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(n, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1))
        self.register_buffer('mu', torch.zeros(n))
        self.register_buffer('sd', torch.ones(n))

    def forward(self, x):
        return self.net((x - self.mu) / self.sd)[..., 0]


def train(augment, radius_px, frames, steps=3000, seed=1):
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for t in frames:
        image, truth = load('01', t)
        for a in range(3):
            seen = augment(image, truth, radius_px, rng) if a else image
            f = features(seen, radius_px * (rng.uniform(0.85, 1.15) if a else 1))
            idx = rng.choice(image.size, 6000, replace=False)
            xs.append(f.reshape(-1, f.shape[-1])[idx])
            ys.append((truth > 0).reshape(-1)[idx])
    x, y = torch.tensor(np.concatenate(xs)), torch.tensor(np.concatenate(ys).astype(np.float32))
    model = PixelMLP(x.shape[1])
    model.mu[:], model.sd[:] = x.mean(0), x.std(0) + 1e-6
    opt = torch.optim.Adam(model.parameters(), 1e-2)
    for i in range(steps):
        j = torch.randint(0, len(x), (4096,))
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(x[j]), y[j])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i == steps // 2:
            for group in opt.param_groups:
                group['lr'] = 3e-3
    return model


def main():
    augment = {'plain': augment_plain, 'texture': augment_texture}[sys.argv[1]]
    dirs = {'02': sys.argv[2], '01': sys.argv[3]}
    radius = {'02': float(sys.argv[4]) if len(sys.argv) > 4 else 16.75, '01': float(sys.argv[5]) if len(sys.argv) > 5 else 19.02}
    model = train(augment, radius['01'], list(range(0, 65, 4)))
    for seq in ('02', '01'):
        meta = json.load(open(os.path.join(dirs[seq], 'meta.json')))
        h, w = meta['height'], meta['width']
        res = {}
        for t in meta['frames'][::2]:
            if seq == '01' and t % 4 == 0:
                continue  # trained on
            image, truth = load(seq, t)
            ours = np.fromfile(os.path.join(dirs[seq], f'ours_t{t:03d}.u32'), dtype='<u4').reshape(h, w) > 0
            g = truth > 0
            res.setdefault('classical', []).append((g & ours).sum() / (g | ours).sum())
            with torch.no_grad():
                p = torch.sigmoid(model(torch.tensor(features(image, radius[seq])))).numpy()
            for level in (0.3, 0.4, 0.5, 0.6):
                q = p > level
                res.setdefault(f'p>{level}', []).append((g & q).sum() / (g | q).sum())
                res.setdefault(f'p>{level} area/mask', []).append(q.sum() / g.sum())
        print(f'SIM+ {seq} foreground IoU:', {k: round(float(np.mean(v)), 3) for k, v in res.items()}, flush=True)


if __name__ == '__main__':
    main()
