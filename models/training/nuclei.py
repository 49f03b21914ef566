"""Nuclei instance segmentation: a U-Net with three classes (background, nucleus
interior, nucleus boundary), turned into instances by seeding a watershed with the
connected interiors (the boundary class keeps touching nuclei apart). This is the
"U-Net + boundary class + watershed" recipe (Caicedo et al. 2019, doi:10.1002/cyto.a.23863).

/usr/bin/python3 models/training/nuclei.py --data DIR --out models/nuclei-unet [--steps 1500]
DIR holds images_{train,val}.npy (N,H,W) and labels_{train,val}.npy (N,H,W int).
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import export_onnx, normalise_percentiles, parameter_count, training_arguments, UNet, write_model_folder  # noqa: E402


def parse_args():
    p = training_arguments(__doc__, patch=96)
    p.add_argument("--threads", type=int, default=1)
    return p.parse_args()


def classes_from_labels(labels):
    """0 background, 1 interior, 2 boundary (object pixels with a 4-neighbour of another value)."""
    out = (labels > 0).astype(np.int64)
    padded = np.pad(labels, 1, mode="edge")
    edge = np.zeros(labels.shape, bool)
    for dy, dx in [(-1, 0), (1, 0), (0, -1), (0, 1)]:
        edge |= padded[1 + dy:1 + dy + labels.shape[0], 1 + dx:1 + dx + labels.shape[1]] != labels
    out[(labels > 0) & edge] = 2
    return out


def instances(prob, interior_threshold=0.5, min_seed_px=4, min_area_px=15):
    """Same post-processing as src/analysis/segmentModel.ts: interiors seed a watershed on
    1 - p(interior) within the foreground (p(background) < 0.5)."""
    from skimage.measure import label
    from skimage.morphology import remove_small_objects
    from skimage.segmentation import watershed

    seeds = label(prob[1] > interior_threshold, connectivity=1)
    seeds = remove_small_objects(seeds, min_seed_px)
    result = watershed(1 - prob[1], seeds, mask=prob[0] < 0.5, connectivity=1)
    return remove_small_objects(result, min_area_px)


def f1_at(true, pred, threshold=0.5):
    t_ids, p_ids = np.unique(true)[1:], np.unique(pred)[1:]
    if len(t_ids) == 0 and len(p_ids) == 0:
        return 1.0
    pairs, counts = np.unique(np.stack([true.ravel(), pred.ravel()]), axis=1, return_counts=True)
    t_area = dict(zip(*np.unique(true, return_counts=True)))
    p_area = dict(zip(*np.unique(pred, return_counts=True)))
    tp = 0
    for (t, p), inter in zip(pairs.T, counts):
        if t and p and inter / (t_area[t] + p_area[p] - inter) >= threshold:
            tp += 1
    return 2 * tp / (len(t_ids) + len(p_ids))


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    images = np.stack([normalise_percentiles(im) for im in np.load(os.path.join(args.data, "images_train.npy")).astype(np.float32)]).astype(np.float32)
    targets = np.stack([classes_from_labels(lb) for lb in np.load(os.path.join(args.data, "labels_train.npy"))])
    model = UNet(1, 3, args.base, args.depth)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=max(0.05, 3 / args.steps))
    class_weights = torch.tensor([1.0, 1.0, 3.0])
    n, h, w = images.shape
    started = time.time()
    running = None
    for step in range(args.steps):
        xs, ys = [], []
        for _ in range(args.batch):
            i, y0, x0 = rng.integers(n), rng.integers(h - args.patch + 1), rng.integers(w - args.patch + 1)
            k, flip = rng.integers(4), rng.random() < 0.5
            x = np.rot90(images[i, y0:y0 + args.patch, x0:x0 + args.patch], k)
            y = np.rot90(targets[i, y0:y0 + args.patch, x0:x0 + args.patch], k)
            if flip:
                x, y = x[:, ::-1], y[:, ::-1]
            # Intensity augmentation: the percentile normalisation is not exact across movies.
            xs.append(x * rng.uniform(0.8, 1.2) + rng.uniform(-0.1, 0.1))
            ys.append(y)
        x = torch.from_numpy(np.ascontiguousarray(np.stack(xs)[:, None], dtype=np.float32))
        y = torch.from_numpy(np.ascontiguousarray(np.stack(ys)))
        loss = F.cross_entropy(model(x), y, weight=class_weights)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if (step + 1) % 250 == 0:
            print(f"step {step + 1}/{args.steps} loss {running:.4f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()

    report = {"steps": args.steps, "parameters": parameter_count(model), "train_planes": int(n), "train_seconds": round(time.time() - started, 1)}
    vi = np.load(os.path.join(args.data, "images_val.npy")).astype(np.float32)
    vl = np.load(os.path.join(args.data, "labels_val.npy"))
    with torch.no_grad():
        probs = [F.softmax(model(torch.from_numpy(normalise_percentiles(im)[None, None].astype(np.float32))), 1)[0].numpy() for im in vi]
    report["val_f1_iou50"] = round(float(np.mean([f1_at(lb, instances(p)) for lb, p in zip(vl, probs)])), 4)
    print(json.dumps(report), flush=True)

    os.makedirs(args.out, exist_ok=True)
    export_onnx(model, os.path.join(args.out, "weights.onnx"), 1)
    test_raw = vi[0, :128, :128]
    with torch.no_grad():
        test_out = F.softmax(model(torch.from_numpy(normalise_percentiles(test_raw)[None, None].astype(np.float32))), 1).numpy()
    readme = f"""# Nuclei segmentation U-Net (background / interior / boundary)

A {args.depth}-level U-Net with {args.base} channels at full resolution
({report['parameters']} parameters) predicting, per pixel, the probabilities of
background, nucleus interior and nucleus boundary (softmax). cellpilot's
`segment` (method "model") seeds a watershed on 1 - p(interior) with the connected
interiors (p > 0.5, at least 4 px) inside the foreground (p(background) < 0.5) and drops
objects under 15 px (src/analysis/segmentModel.ts).

Input: one fluorescence channel, normalised per plane to its 1st-99.8th percentiles
(the rdf's scale_range preprocessing, StarDist's default normalisation).

Training data: crowded, touching simulated nuclei (models/training/make-data.ts nuclei:
crowding 0.6-1.0, SNR 3-20, radius 6-10 px), seeds 3001-3040; validation seeds 4001-4004.
Command: `{' '.join(sys.argv)}`.

Measured on the validation frames (matched F1 at IoU 0.5): {json.dumps(report)}
"""
    write_model_folder(
        args.out,
        name="Nuclei U-Net (boundary class)",
        description="Segments fluorescent nuclei, touching ones included: per-pixel background / interior / boundary probabilities for a seeded watershed.",
        tags=["segmentation", "nuclei", "unet", "fluorescence", "2d", "cellpilot"],
        input_channels=["nuclei"],
        output_channels=["background", "interior", "boundary"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("scale_range", {"axes": ["channel", "y", "x"], "min_percentile": 1.0, "max_percentile": 99.8})],
        postprocessing=[("softmax", {"axis": "channel"})],
        size_min=16,
        size_step=2**args.depth,
        halo=16,
        test_input=test_raw[None, None],
        test_output=test_out,
        documentation=readme,
        config={"task": "segment-nuclei", "postprocess": {"interior_threshold": 0.5, "min_seed_px": 4, "min_area_px": 15}, "training": report},
        cite=[{"text": "Ronneberger, Fischer & Brox. U-Net: convolutional networks for biomedical image segmentation. MICCAI 2015.", "doi": "10.1007/978-3-319-24574-4_28"},
              {"text": "Caicedo et al. Evaluation of deep learning strategies for nucleus segmentation in fluorescence images. Cytometry A 2019.", "doi": "10.1002/cyto.a.23863"}],
        output_description="per-pixel probabilities of background, nucleus interior and nucleus boundary",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
