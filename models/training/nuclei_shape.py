"""Nucleus shape model: a small U-Net that redraws the outline of one nucleus the classical
pipeline found. Each object is cut out of its frame in a window scaled so that the object's own
equivalent radius becomes --canonical-radius (crop pixels), with four channels: the image
normalised to the object (0 at the window's background, 1 at the object's core), the image in
units of 10 noise SDs of the window's background (shows the dim nuclear parts), the object's
classical mask and the other objects' masks. The output is p(this nucleus) per crop pixel;
src/analysis/seg-shape.ts does the same crops in TypeScript and pastes the outlines back.

Why per object: on Fluo-N2DH-SIM+ 02 the classical pipeline finds the nuclei (DET 0.94) but
draws them by intensity, while the masks are round over crescents and clusters of bright spots
with parts at background level (models/README.md): the shape is what must be learned, the
detection is not.

nice -n 10 /usr/bin/python3 models/training/nuclei_shape.py train --labels DIR [--labels DIR2]
    --out FOLDER [--minutes 30]
nice -n 10 /usr/bin/python3 models/training/nuclei_shape.py eval --labels DIR --model FOLDER
DIR is written by models/training/diag-seg.ts (the segment tool's default labels per frame, with
meta.json naming the images and the masks). Trained on Fluo-N2DH-SIM+ 01 (every frame but every
10th, which is validation); SIM+ 02 is never trained on. Strong augmentation: rotation, flips,
scale 0.8-1.25, the classical mask grown or shrunk by 1-3 px, chromatin texture that pushes parts
of a nucleus to the background, extra noise, blur, gamma.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from scipy import ndimage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import UNet, parameter_count, write_model_folder  # noqa: E402

CROP = 64
CANONICAL_RADIUS = 12.0


def crop_coordinates(cy, cx, scale, angle=0.0, flip=False, dy=0.0, dx=0.0):
    """Frame coordinates (y, x) of each crop pixel: the crop centre on (cy, cx), `scale` crop px per frame px."""
    u = (np.arange(CROP) - CROP / 2 + 0.5)
    yy, xx = np.meshgrid(u, u, indexing="ij")
    if flip:
        xx = -xx
    c, s = np.cos(angle), np.sin(angle)
    ry = c * yy - s * xx + dy
    rx = s * yy + c * xx + dx
    return cy + ry / scale, cx + rx / scale


def object_table(labels):
    """Per object: label, centroid y, x, equivalent radius (frame px)."""
    idx = np.arange(1, labels.max() + 1)
    areas = ndimage.sum(labels > 0, labels, idx)
    cents = ndimage.center_of_mass(labels > 0, labels, idx)
    return [(int(l), cy, cx, float(np.sqrt(a / np.pi))) for l, a, (cy, cx) in zip(idx, areas, cents) if a > 0]


def object_scale(radius):
    return float(np.clip(CANONICAL_RADIUS / max(radius, 1.0), 0.25, 4.0))


def channels(raw, own, other):
    """The model's four input channels from a crop of raw intensities and the crop's masks (as seg-shape.ts)."""
    outside = raw[(own == 0) & (other == 0)]
    if outside.size < 0.1 * raw.size:
        outside = raw.ravel()
    bg = float(np.median(outside))
    noise = float(1.4826 * np.median(np.abs(outside - bg))) + 1e-3
    inside = raw[own > 0]
    core = float(np.percentile(inside, 99)) if inside.size else float(raw.max())
    contrast = max(core - bg, noise)
    a = (raw - bg) / contrast
    b = np.clip((raw - bg) / (10 * noise), -0.5, 3.0)
    return np.stack([a, b, own, other]).astype(np.float32)


def smooth_field(rng, low):
    """A chromatin texture: `low` over most of the window, up to 1.3 in sparse bright spots (the power makes them sparse)."""
    sigma = rng.uniform(1.5, 6.0)
    f = ndimage.gaussian_filter(rng.standard_normal((CROP, CROP)), sigma)
    f = (f - f.min()) / (f.max() - f.min() + 1e-9)
    return low + (1.3 - low) * f ** rng.uniform(1.0, 4.0)


def training_sample(frame, labels, truth, obj, rng):
    label, cy, cx, radius = obj
    scale = object_scale(radius) * np.exp(rng.uniform(np.log(0.8), np.log(1.25)))
    y, x = crop_coordinates(cy, cx, scale, rng.uniform(0, 2 * np.pi), rng.random() < 0.5, *rng.uniform(-3, 3, 2))
    raw = ndimage.map_coordinates(frame, [y, x], order=1, mode="reflect")
    lab = ndimage.map_coordinates(labels, [y, x], order=0, mode="constant")
    gt = ndimage.map_coordinates(truth, [y, x], order=0, mode="constant")
    own = (lab == label).astype(np.float32)
    other = ((lab > 0) & (lab != label)).astype(np.float32)
    # The target: the mask object that overlaps this classical object most (in the frame).
    target_label = obj_truth(labels, truth, label)
    target = (gt == target_label).astype(np.float32) if target_label else np.zeros_like(own)
    # The classical outline grown or shrunk: the model must not copy it.
    r = rng.random()
    if r < 0.25:
        own = ndimage.binary_dilation(own, iterations=int(rng.integers(1, 4))).astype(np.float32) * (other == 0)
    elif r < 0.5:
        eroded = ndimage.binary_erosion(own, iterations=int(rng.integers(1, 4)))
        if eroded.sum() > 10:
            own = eroded.astype(np.float32)
    # Photometric: texture pushing nuclear parts towards the background, noise, blur, gamma.
    outside = raw[(own == 0) & (other == 0)]
    bg = float(np.median(outside)) if outside.size > 100 else float(np.percentile(raw, 20))
    noise = float(1.4826 * np.median(np.abs(outside - bg))) + 1e-3 if outside.size > 100 else 1.0
    signal = ndimage.gaussian_filter(raw, 0.7) - bg
    if rng.random() < 0.7:
        raw = raw + signal * (smooth_field(rng, rng.uniform(0.05, 0.6)) - 1)
    if rng.random() < 0.4:
        d = raw - bg
        m = np.abs(d).max() + 1e-6
        raw = bg + np.sign(d) * m * (np.abs(d) / m) ** rng.uniform(0.7, 1.4)
    if rng.random() < 0.3:
        raw = ndimage.gaussian_filter(raw, rng.uniform(0.5, 1.5))
    if rng.random() < 0.5:
        raw = raw + rng.standard_normal(raw.shape) * noise * rng.uniform(0.5, 2.0)
    if rng.random() < 0.5:
        raw = raw + signal * (rng.uniform(0.15, 1.0) - 1)  # a dimmer nucleus under the same noise
    return channels(raw, own, other), target


_truth_cache = {}


def obj_truth(labels, truth, label):
    key = (id(labels), label)
    if key not in _truth_cache:
        g = truth[labels == label]
        g = g[g > 0]
        _truth_cache[key] = int(np.bincount(g).argmax()) if g.size else 0
    return _truth_cache[key]


def load_frames(label_dir):
    meta = json.load(open(os.path.join(label_dir, "meta.json")))
    w, h = meta["width"], meta["height"]
    frames = []
    for t in meta["frames"]:
        image = np.array(Image.open(os.path.join(meta["images"], f"t{t:03d}.tif"))).astype(np.float32)
        labels = np.fromfile(os.path.join(label_dir, f"ours_t{t:03d}.u32"), dtype="<u4").reshape(h, w).astype(np.int32)
        truth = np.array(Image.open(os.path.join(meta["truth"], "SEG", f"man_seg{t:03d}.tif"))).astype(np.int32)
        frames.append(dict(t=t, image=image, labels=labels, truth=truth, objects=object_table(labels)))
    return meta, frames


def refine(net, image, labels, batch=64):
    """The model's outlines for every object of `labels` pasted back into a label image (as seg-shape.ts)."""
    objects = object_table(labels)
    h, w = labels.shape
    best = np.zeros((h, w), np.float32)
    out = np.zeros((h, w), np.int32)
    for start in range(0, len(objects), batch):
        chunk = objects[start:start + batch]
        xs, geo = [], []
        for label, cy, cx, radius in chunk:
            s = object_scale(radius)
            y, x = crop_coordinates(cy, cx, s)
            raw = ndimage.map_coordinates(image, [y, x], order=1, mode="reflect")
            lab = ndimage.map_coordinates(labels, [y, x], order=0, mode="constant")
            xs.append(channels(raw, (lab == label).astype(np.float32), ((lab > 0) & (lab != label)).astype(np.float32)))
            geo.append((label, cy, cx, s))
        with torch.no_grad():
            p = torch.sigmoid(net(torch.from_numpy(np.stack(xs)))).numpy()[:, 0]
        for (label, cy, cx, s), prob in zip(geo, p):
            half = CROP / 2 / s
            y0, y1 = max(0, int(cy - half)), min(h, int(np.ceil(cy + half)) + 1)
            x0, x1 = max(0, int(cx - half)), min(w, int(np.ceil(cx + half)) + 1)
            yy, xx = np.meshgrid(np.arange(y0, y1), np.arange(x0, x1), indexing="ij")
            u = (yy - cy) * s + CROP / 2 - 0.5
            v = (xx - cx) * s + CROP / 2 - 0.5
            q = ndimage.map_coordinates(prob, [u, v], order=1, mode="constant", cval=0.0)
            win_best = best[y0:y1, x0:x1]
            take = (q > 0.5) & (q > win_best)
            win_best[take] = q[take]
            out[y0:y1, x0:x1][take] = label
    # An object the model dropped (under a fifth of its classical area left) keeps its classical outline.
    idx = np.arange(1, labels.max() + 1)
    before = ndimage.sum(labels > 0, labels, idx)
    after = ndimage.sum(out > 0, out, idx)
    for l, a, b in zip(idx, before, after):
        if a > 0 and b < 0.2 * a:
            out[(labels == l) & (out == 0)] = l
    return out


def seg_score(ours, truth):
    """CTC SEG: mean over mask objects of the IoU with the object of ours covering over half of it (else 0); DET-like match count."""
    ious = []
    for g in np.unique(truth):
        if g == 0:
            continue
        m = truth == g
        lab, cnt = np.unique(ours[m], return_counts=True)
        keep = lab > 0
        if keep.any():
            k = np.argmax(cnt * keep)
            if cnt[k] > 0.5 * m.sum():
                o = ours == lab[k]
                ious.append(cnt[k] / (m.sum() + o.sum() - cnt[k]))
                continue
        ious.append(0.0)
    return ious


def evaluate(net, frames):
    net.eval()
    before, after = [], []
    for f in frames:
        before += seg_score(f["labels"], f["truth"])
        after += seg_score(refine(net, f["image"], f["labels"]), f["truth"])
    net.train()
    return float(np.mean(before)), float(np.mean(after)), len(before)


def build_net(widths):
    return UNet(4, 1, widths=widths, thin_top=True)


def train(args):
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    frames = []
    for d in args.labels:
        frames += load_frames(d)[1]
    val = [f for f in frames if f["t"] % 10 == 5]
    trainf = [f for f in frames if f["t"] % 10 != 5]
    pool = [(i, o) for i, f in enumerate(trainf) for o in f["objects"]]
    print(f"{len(trainf)} training frames, {len(pool)} objects; {len(val)} validation frames", flush=True)
    widths = [int(w) for w in args.widths.split(",")]
    net = build_net(widths)
    if args.init:
        net.load_state_dict(torch.load(os.path.join(args.init, "checkpoint.pt")))
    print(f"parameters {parameter_count(net)}", flush=True)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    os.makedirs(args.out, exist_ok=True)
    started = time.time()
    step = 0
    losses = []
    while time.time() - started < args.minutes * 60 and step < args.steps:
        xs, ys = [], []
        for k in rng.integers(0, len(pool), args.batch):
            i, o = pool[k]
            f = trainf[i]
            x, y = training_sample(f["image"], f["labels"], f["truth"], o, rng)
            xs.append(x)
            ys.append(y)
        x = torch.from_numpy(np.stack(xs))
        y = torch.from_numpy(np.stack(ys))[:, None]
        for g in opt.param_groups:
            g["lr"] = args.lr * min(1.0, (step + 1) / 100) * (0.1 if time.time() - started > 0.8 * args.minutes * 60 else 1.0)
        logits = net(x)
        p = torch.sigmoid(logits)
        dice = 1 - (2 * (p * y).sum((1, 2, 3)) + 1) / (p.sum((1, 2, 3)) + y.sum((1, 2, 3)) + 1)
        loss = F.binary_cross_entropy_with_logits(logits, y) + dice.mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
        step += 1
        if step % 100 == 0:
            print(f"step {step} loss {np.mean(losses[-100:]):.4f} {time.time() - started:.0f} s", flush=True)
            torch.save(net.state_dict(), os.path.join(args.out, "checkpoint.pt"))
        if step % args.val_every == 0:
            b, a, n = evaluate(net, val)
            print(f"  validation SIM+ 01 (every 10th from 5, {n} masks): SEG classical {b:.3f} -> shape {a:.3f}", flush=True)
    torch.save(net.state_dict(), os.path.join(args.out, "checkpoint.pt"))
    b, a, n = evaluate(net, val)
    print(f"final step {step}: validation SIM+ 01 SEG classical {b:.3f} -> shape {a:.3f} ({n} masks)", flush=True)
    json.dump(dict(steps=step, widths=widths, minutes=(time.time() - started) / 60, val_before=b, val_after=a), open(os.path.join(args.out, "train.json"), "w"))
    export(net, args.out, widths)


def export(net, folder, widths):
    net.eval()
    path = os.path.join(folder, "weights.onnx")
    torch.onnx.export(Sigmoid(net), torch.zeros(1, 4, CROP, CROP), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=17)
    print(f"exported {path}", flush=True)


class Sigmoid(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.sigmoid(self.net(x))


def run_eval(args):
    torch.set_num_threads(args.threads)
    info = json.load(open(os.path.join(args.model, "train.json")))
    net = build_net(info["widths"])
    net.load_state_dict(torch.load(os.path.join(args.model, "checkpoint.pt")))
    net.eval()
    for d in args.labels:
        meta, frames = load_frames(d)
        b, a, n = evaluate(net, frames)
        print(f"{meta['data']} frames {meta['frames'][0]}..{meta['frames'][-1]} ({len(frames)}), {n} masks: SEG classical {b:.3f} -> shape {a:.3f}", flush=True)


def package(args):
    """The model folder: weights.onnx, rdf.yaml (with --evidence, a JSON file of the measurement on data we did
    not make, as config.cellpilot.evidence), test tensors from real crops (SIM+ 01 validation frame)."""
    info = json.load(open(os.path.join(args.model, "train.json")))
    net = build_net(info["widths"])
    net.load_state_dict(torch.load(os.path.join(args.model, "checkpoint.pt")))
    net.eval()
    os.makedirs(args.out, exist_ok=True)
    export(net, args.out, info["widths"])
    _, frames = load_frames(args.labels[0])
    f = [f for f in frames if f["t"] % 10 == 5][0]
    xs = []
    for label, cy, cx, radius in f["objects"][:1]:  # (the core verifies one sample of batch 1)
        y, x = crop_coordinates(cy, cx, object_scale(radius))
        raw = ndimage.map_coordinates(f["image"], [y, x], order=1, mode="reflect")
        lab = ndimage.map_coordinates(f["labels"], [y, x], order=0, mode="constant")
        xs.append(channels(raw, (lab == label).astype(np.float32), ((lab > 0) & (lab != label)).astype(np.float32)))
    test_input = np.stack(xs)
    with torch.no_grad():
        test_output = torch.sigmoid(net(torch.from_numpy(test_input))).numpy()
    config = {"task": "refine-nuclei-shape", "canonical_radius_px": CANONICAL_RADIUS, "crop_px": CROP, "training": info}
    if args.evidence:
        config["evidence"] = json.load(open(args.evidence))
    write_model_folder(
        args.out,
        name="Nucleus shape U-Net (outline of one detected nucleus)",
        description="Redraws the outline of each nucleus the classical pipeline found: a 64x64 window per object at a normalised object radius, p(this nucleus) per pixel.",
        tags=["segmentation", "nuclei", "unet", "fluorescence", "2d", "cellpilot"],
        input_channels=["image_object_normalised", "image_noise_units", "object_mask", "other_objects_mask"],
        output_channels=["nucleus"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"})],
        postprocessing=[],
        size_min=CROP,
        size_step=0,
        halo=0,
        test_input=test_input,
        test_output=test_output,
        documentation="(written by the training run; replaced by the model README)\n",
        config=config,
        cite=[{"text": "Ronneberger, Fischer & Brox. U-Net: convolutional networks for biomedical image segmentation. MICCAI 2015.", "doi": "10.1007/978-3-319-24574-4_28"}],
        output_description="p(the window's central object) per pixel (sigmoid), in the window's coordinates",
    )
    print(f"wrote {args.out}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["train", "eval", "package"])
    p.add_argument("--evidence")
    p.add_argument("--labels", action="append", required=True)
    p.add_argument("--out")
    p.add_argument("--model")
    p.add_argument("--init")
    p.add_argument("--widths", default="12,24,32,48")
    p.add_argument("--minutes", type=float, default=30)
    p.add_argument("--steps", type=int, default=100000)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--val-every", type=int, default=500)
    args = p.parse_args()
    {"train": train, "eval": run_eval, "package": package}[args.mode](args)


if __name__ == "__main__":
    main()
