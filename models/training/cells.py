"""Whole-cell instance segmentation for fluorescent cells (GFP-filled cytoplasm, thin
protrusions, low SNR): the nuclei U-Net recipe (background / interior / boundary classes,
a watershed seeded by the connected interiors; Caicedo et al. 2019, doi:10.1002/cyto.a.23863)
trained on the real movie Fluo-C2DL-MSC-02 of the Cell Tracking Challenge.

    node bin/run-ts.js models/training/cells-data.ts /tmp/cells-data
    nice -n 10 /usr/bin/python3 models/training/cells.py --data /tmp/cells-data --out models/cells-unet

The annotated frames before 34 train, those from 34 on validate (never trained on;
cells-data.ts). Frames are shrunk by --canonical-radius / --movie-radius. Sizes are measured
the model's own way (config.cellpilot.object_radius_measure "foreground": the equivalent
radius of the piece of foreground holding the median foreground pixel, src/analysis/
segmentModel.ts foregroundRadiusPx); --movie-radius is its median over the training frames
(122.9 px), and cellpilot resizes a movie by canonical radius / that measure of the movie (the
median over its first, middle and last frames), bilinearly as here.
Cells a SEG frame leaves unannotated (their TRA marker touches no SEG mask) are left out of
the loss instead of being taught as background. Augmentation: scale 0.6-1.6x, rotations,
flips, blur, texture, intensity curves, background gradients, noise (nuclei.py's augment).
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import export_onnx, HalfResUNet, normalise_percentiles, parameter_count, teacher_unet, training_arguments, UNet, write_model_folder  # noqa: E402
from nuclei import augment, classes_from_labels, instances, scaled_patch  # noqa: E402

IGNORE = -100


def parse_args():
    p = training_arguments(__doc__, steps=2000, batch=8, patch=96, base=12, lr=3e-3)
    p.set_defaults(depth=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--half-res", action="store_true", help="common.HalfResUNet: a stride-2 first layer and pixel-shuffle output (--widths)")
    p.add_argument("--teacher", default=None, help="a cells model folder: its probabilities on each augmented patch are a second target (distillation), weighted by --teacher-weight")
    p.add_argument("--teacher-weight", type=float, default=0.5)
    p.add_argument("--canonical-radius", type=float, default=30.72, help="the foreground measure at the model's scale (px)")
    p.add_argument("--movie-radius", type=float, default=122.89, help="the foreground measure on the training frames (px)")
    p.add_argument("--ignore-dilate", type=int, default=8, help="px (model scale) around an unannotated cell's marker left out of the loss")
    return p.parse_args()


def shrink(image, labels, markers, factor):
    """Image bilinearly (pixel centres, no antialiasing: as src/onnx/resize.ts), labels and markers by nearest neighbour."""
    h, w = image.shape
    size = (max(1, round(h * factor)), max(1, round(w * factor)))
    im = F.interpolate(torch.from_numpy(image)[None, None], size=size, mode="bilinear", align_corners=False)[0, 0].numpy()
    near = lambda a: F.interpolate(torch.from_numpy(a.astype(np.float32))[None, None], size=size, mode="nearest")[0, 0].numpy().astype(np.int64)
    return im, near(labels), near(markers)


def target_of(labels, markers, dilate):
    """Classes (0 background, 1 interior, 2 boundary), IGNORE around cells the SEG frame did not annotate."""
    from scipy import ndimage
    target = classes_from_labels(labels)
    unannotated = np.zeros(labels.shape, bool)
    for m in np.unique(markers)[1:]:
        mask = markers == m
        if not (labels[mask] > 0).any():
            unannotated |= mask
    if unannotated.any():
        target[ndimage.binary_dilation(unannotated, iterations=dilate) & (labels == 0)] = IGNORE
    return target


def seg_measure(truth, result):
    """Cell Tracking Challenge SEG: per reference object, the IoU with the result object covering > half of it (else 0); the mean."""
    scores = []
    for t in np.unique(truth)[1:]:
        mask = truth == t
        ids, counts = np.unique(result[mask], return_counts=True)
        best = 0.0
        for r, c in zip(ids, counts):
            if r and c > 0.5 * mask.sum():
                best = c / (mask.sum() + (result == r).sum() - c)
        scores.append(best)
    return float(np.mean(scores)) if scores else float("nan")


def predict_full(model, image, factor, depth):
    """As cellpilot runs it: shrink, normalise, pad to a multiple of 2**depth (reflect), softmax, back to full size."""
    h, w = image.shape
    small = F.interpolate(torch.from_numpy(image)[None, None], size=(round(h * factor), round(w * factor)), mode="bilinear", align_corners=False)
    small = torch.from_numpy(normalise_percentiles(small[0, 0].numpy()).astype(np.float32))[None, None]
    m = 2 ** depth
    sh, sw = small.shape[2:]
    ph, pw = (-sh) % m, (-sw) % m
    padded = F.pad(small, (0, pw, 0, ph), mode="reflect")
    with torch.no_grad():
        prob = F.softmax(model(padded), 1)[:, :, :sh, :sw]
    return F.interpolate(prob, size=(h, w), mode="bilinear", align_corners=False)[0].numpy()


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    factor = args.canonical_radius / args.movie_radius
    load = lambda part, kind: np.load(os.path.join(args.data, f"{kind}_{part}.npy"))
    images, targets = [], []
    for im, lb, mk in zip(load("train", "images").astype(np.float32), load("train", "labels"), load("train", "markers")):
        im, lb, mk = shrink(im, lb, mk, factor)
        images.append(normalise_percentiles(im).astype(np.float32))
        targets.append(target_of(lb, mk, args.ignore_dilate))
    ignored = float(np.mean([np.mean(t == IGNORE) for t in targets]))
    print(f"training frames: {len(images)} at {images[0].shape} (x{factor:.3f}); {100 * ignored:.1f}% of pixels ignored (unannotated cells)", flush=True)
    model = HalfResUNet(1, 3, args.widths or (16, 32, 64), 2) if args.half_res else UNet(1, 3, args.base, args.depth, widths=args.widths)
    teacher = teacher_unet(os.path.join(args.teacher, "weights.onnx")) if args.teacher else None
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=0.05)
    class_weights = torch.tensor([1.0, 1.0, 3.0])
    started = time.time()
    running = None
    for step in range(args.steps):
        xs, ys = [], []
        for _ in range(args.batch):
            i = rng.integers(len(images))
            # scales 0.6-1.6x: the whole-cell size estimate errs more than the nuclei's
            x, y = scaled_patch(images[i], targets[i], args.patch, rng, scales=(0.6, 1.6))
            k, flip = rng.integers(4), rng.random() < 0.5
            x, y = np.rot90(x, k), np.rot90(y, k)
            if flip:
                x, y = x[:, ::-1], y[:, ::-1]
            xs.append(augment(np.ascontiguousarray(x), np.ascontiguousarray(np.maximum(y, 0)), rng))
            ys.append(y)
        x = torch.from_numpy(np.ascontiguousarray(np.stack(xs)[:, None], dtype=np.float32))
        y = torch.from_numpy(np.ascontiguousarray(np.stack(ys)))
        logits = model(x)
        loss = F.cross_entropy(logits, y, weight=class_weights, ignore_index=IGNORE)
        if teacher is not None:
            # the teacher's class probabilities on the same augmented patch, on every pixel (unannotated cells too)
            with torch.no_grad():
                taught = F.softmax(teacher(x), 1)
            soft = -(taught * F.log_softmax(logits, 1)).sum(1).mean()
            loss = (1 - args.teacher_weight) * loss + args.teacher_weight * soft
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if (step + 1) % 100 == 0:
            print(f"step {step + 1}/{args.steps} loss {running:.4f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()

    post = {"interior_threshold": 0.5, "min_seed_px": 16, "min_area_px": 60}
    area = lambda px: max(1, round(px / factor**2))
    val_images, val_labels = load("val", "images").astype(np.float32), load("val", "labels")
    segs = []
    for im, lb in zip(val_images, val_labels):
        prob = predict_full(model, im, factor, model.depth)
        segs.append(seg_measure(lb, instances(prob, post["interior_threshold"], area(post["min_seed_px"]), area(post["min_area_px"]))))
    report = {"steps": args.steps, "parameters": parameter_count(model), "train_frames": len(images), "input_scale": round(factor, 4),
              "train_seconds": round(time.time() - started, 1), "val_frames": int(len(val_images)), "val_SEG_python": round(float(np.mean(segs)), 4)}
    print(json.dumps(report), flush=True)

    os.makedirs(args.out, exist_ok=True)
    export_onnx(model, os.path.join(args.out, "weights.onnx"), 1)
    small, _, _ = shrink(val_images[0], val_labels[0], val_labels[0], factor)
    test_raw = small[:128, :128]
    with torch.no_grad():
        test_out = F.softmax(model(torch.from_numpy(normalise_percentiles(test_raw)[None, None].astype(np.float32))), 1).numpy()
    network = (f"A U-Net at half the input resolution (`common.HalfResUNet`: a stride-2 4x4 convolution, levels of "
               f"{','.join(map(str, args.widths or (16, 32, 64)))} channels, pixel-shuffle output; {report['parameters']} parameters)"
               if args.half_res else f"A {args.depth}-level U-Net with {args.base} channels at full resolution ({report['parameters']}\nparameters)")
    if teacher is not None:
        network += f", distilled from `{args.teacher}` (loss: {1 - args.teacher_weight:g} x the cross-entropy against the annotation + {args.teacher_weight:g} x that against the model's probabilities),"
    readme = f"""# Whole-cell segmentation U-Net (background / interior / boundary)

{network} predicting, per pixel, background, cell interior and cell boundary
probabilities. cellpilot's `segment` seeds a watershed on 1 - p(interior) with the connected
interiors inside the foreground (src/analysis/segmentModel.ts), on frames resized so that
cells measure {args.canonical_radius:g} px (foregroundRadiusPx, segmentModel.ts, on the movie's first, middle and last frames).

Input: one fluorescence channel (whole cells), normalised to its 1st-99.8th percentiles.

Training data: the real movie Fluo-C2DL-MSC-02 (Cell Tracking Challenge; rat mesenchymal
stem cells, GFP, widefield, low SNR), its annotated frames 0-30 ({len(images)} frames), shrunk
x{factor:.3f}; frames 34-47 (9 annotated frames) held out. Cells a SEG frame leaves unannotated
are left out of the loss. Command: `{' '.join(sys.argv)}`.

Measured by the training script on the held-out frames (SEG, full resolution): {json.dumps(report)}.
The figures measured through cellpilot are in models/README.md.
"""
    write_model_folder(
        args.out,
        name="Whole-cell U-Net (boundary class)",
        description="Segments fluorescent whole cells (cytoplasmic label, protrusions, low SNR): per-pixel background / interior / boundary probabilities for a seeded watershed.",
        tags=["segmentation", "cells", "whole-cell", "unet", "fluorescence", "2d", "cellpilot"],
        input_channels=["cells"],
        output_channels=["background", "interior", "boundary"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("scale_range", {"axes": ["channel", "y", "x"], "min_percentile": 1.0, "max_percentile": 99.8})],
        postprocessing=[("softmax", {"axis": "channel"})],
        size_min=16,
        size_step=2**model.depth,
        halo=32,
        test_input=test_raw[None, None],
        test_output=test_out,
        documentation=readme,
        config={"task": "segment-cells", "input_object_radius_px": args.canonical_radius, "object_radius_measure": "foreground", "postprocess": post, "training": report},
        cite=[{"text": "Ronneberger, Fischer & Brox. U-Net: convolutional networks for biomedical image segmentation. MICCAI 2015.", "doi": "10.1007/978-3-319-24574-4_28"},
              {"text": "Caicedo et al. Evaluation of deep learning strategies for nucleus segmentation in fluorescence images. Cytometry A 2019.", "doi": "10.1002/cyto.a.23863"},
              {"text": "Maska et al. The Cell Tracking Challenge: 10 years of objective benchmarking. Nature Methods 2023.", "doi": "10.1038/s41592-023-01879-y"}],
        output_description="per-pixel probabilities of background, cell interior and cell boundary",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
