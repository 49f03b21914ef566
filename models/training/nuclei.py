"""Nuclei instance segmentation: a U-Net with three classes (background, nucleus
interior, nucleus boundary), turned into instances by seeding a watershed with the
connected interiors (the boundary class keeps touching nuclei apart). This is the
"U-Net + boundary class + watershed" recipe (Caicedo et al. 2019, doi:10.1002/cyto.a.23863).

/usr/bin/python3 models/training/nuclei.py --data DIR --out models/nuclei-unet [--steps 1500]
    [--ctc ../shared/data/ctc-Fluo-N2DH-SIMplus/01 --ctc-val ../shared/data/ctc-Fluo-N2DH-SIMplus/02]
DIR holds images_{train,val}.npy (N,H,W) and labels_{train,val}.npy (N,H,W int).
--ctc adds a Cell Tracking Challenge sequence (tNNN.tif + NN_GT/SEG/man_segNNN.tif) from
another group; every plane is rescaled so that its median object radius becomes
--canonical-radius px, the scale cellpilot resizes a movie to before running the model
(from the radius it estimates, src/analysis/object-size.ts). --ctc-val (never trained on)
replaces the validation set. Training augments strongly: scale (0.7-1.4x), blur, texture,
intensity curves, background gradients, noise.
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
    p.add_argument("--ctc", action="append", default=[], help="CTC sequence folder to train on (repeatable)")
    p.add_argument("--ctc-val", default=None, help="CTC sequence folder to validate on (never trained on)")
    p.add_argument("--ctc-val-every", type=int, default=10)
    p.add_argument("--canonical-radius", type=float, default=8.0)
    return p.parse_args()


def median_radius(labels):
    """Median over objects of the largest inscribed radius (max of the distance map), as object-size.ts measures it."""
    from scipy import ndimage
    radii = []
    for sl, lab in zip(ndimage.find_objects(labels), range(1, labels.max() + 1)):
        if sl is None:
            continue
        sl = tuple(slice(max(0, s.start - 1), s.stop + 1) for s in sl)
        radii.append(ndimage.distance_transform_edt(np.pad(labels[sl] == lab, 1)).max())
    return float(np.median(radii)) if radii else float("nan")


def rescale(image, labels, factor):
    """Image by linear interpolation, labels by nearest neighbour."""
    from scipy import ndimage
    return ndimage.zoom(image, factor, order=1), ndimage.zoom(labels, factor, order=0)


def load_ctc(folder, canonical_radius, every=1):
    """(images, labels) of a CTC sequence's annotated frames, rescaled to the canonical object radius."""
    import glob
    from PIL import Image  # reads the LZW-compressed CTC files without imagecodecs

    def imread(path):
        return np.array(Image.open(path))
    gt = folder.rstrip("/") + "_GT/SEG"
    images, labels = [], []
    for k, path in enumerate(sorted(glob.glob(os.path.join(gt, "man_seg*.tif")))):
        if k % every:
            continue
        t = os.path.basename(path)[7:-4]
        lab = imread(path).astype(np.int32)
        im = imread(os.path.join(folder, f"t{t}.tif")).astype(np.float32)
        r = median_radius(lab)
        if not r > 0:
            continue
        im, lab = rescale(im, lab, canonical_radius / r)
        images.append(im)
        labels.append(lab)
    return images, labels


def augment(x, y, rng):
    """Blur, texture, intensity curve, background gradient and noise on a normalised patch."""
    from scipy import ndimage
    if rng.random() < 0.5:
        x = ndimage.gaussian_filter(x, rng.uniform(0.3, 1.5))
    if rng.random() < 0.5:
        # Multiplicative texture inside objects (chromatin, as in other groups' simulators).
        tex = ndimage.gaussian_filter(rng.standard_normal(x.shape).astype(np.float32), rng.uniform(1, 3))
        tex /= tex.std() + 1e-6
        x = x * (1 + rng.uniform(0.1, 0.5) * tex * (y > 0))
    lo = x.min()
    if rng.random() < 0.5:
        x = lo + np.maximum(x - lo, 0) ** rng.uniform(0.6, 1.6)
    if rng.random() < 0.5:
        gy, gx = np.mgrid[0:x.shape[0], 0:x.shape[1]] / x.shape[0]
        x = x + rng.uniform(-0.3, 0.3) * gy + rng.uniform(-0.3, 0.3) * gx
    if rng.random() < 0.5:
        x = x + rng.uniform(0.01, 0.15) * rng.standard_normal(x.shape)
    return x * rng.uniform(0.7, 1.3) + rng.uniform(-0.15, 0.15)


def scaled_patch(image, target, patch, rng, scales=(0.7, 1.4)):
    """A random patch viewed at a random scale (log-uniform in `scales`), so the model tolerates errors in the estimated object size."""
    h, w = image.shape
    scale = float(np.exp(rng.uniform(np.log(scales[0]), np.log(scales[1]))))
    src = min(h, w, int(round(patch / scale)))
    y0, x0 = rng.integers(h - src + 1), rng.integers(w - src + 1)
    x = image[y0:y0 + src, x0:x0 + src]
    y = target[y0:y0 + src, x0:x0 + src]
    if src != patch:
        x = F.interpolate(torch.from_numpy(np.ascontiguousarray(x))[None, None], size=(patch, patch), mode="bilinear", align_corners=False)[0, 0].numpy()
        y = F.interpolate(torch.from_numpy(np.ascontiguousarray(y)).float()[None, None], size=(patch, patch), mode="nearest")[0, 0].numpy().astype(np.int64)
    return x, y


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
    images = [normalise_percentiles(im).astype(np.float32) for im in np.load(os.path.join(args.data, "images_train.npy")).astype(np.float32)]
    targets = [classes_from_labels(lb) for lb in np.load(os.path.join(args.data, "labels_train.npy"))]
    simulated = len(images)
    for folder in args.ctc:
        ims, lbs = load_ctc(folder, args.canonical_radius)
        images += [normalise_percentiles(im).astype(np.float32) for im in ims]
        targets += [classes_from_labels(lb) for lb in lbs]
    foreign = len(images) - simulated
    print(f"training planes: {simulated} simulated, {foreign} from {args.ctc}", flush=True)
    model = UNet(1, 3, args.base, args.depth)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=max(0.05, 3 / args.steps))
    class_weights = torch.tensor([1.0, 1.0, 3.0])
    n = len(images)
    started = time.time()
    running = None
    for step in range(args.steps):
        xs, ys = [], []
        for _ in range(args.batch):
            # Half the patches from the foreign sequences when there are any: they are few but unlike ours.
            i = rng.integers(simulated, n) if foreign and rng.random() < 0.5 else rng.integers(simulated)
            x, y = scaled_patch(images[i], targets[i], args.patch, rng)
            k, flip = rng.integers(4), rng.random() < 0.5
            x, y = np.rot90(x, k), np.rot90(y, k)
            if flip:
                x, y = x[:, ::-1], y[:, ::-1]
            xs.append(augment(np.ascontiguousarray(x), np.ascontiguousarray(y), rng))
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

    report = {"steps": args.steps, "parameters": parameter_count(model), "train_planes": int(n), "foreign_planes": int(foreign), "canonical_radius_px": args.canonical_radius, "train_seconds": round(time.time() - started, 1)}
    if args.ctc_val:
        vi, vl = load_ctc(args.ctc_val, args.canonical_radius, args.ctc_val_every)
        report["validation"] = f"{args.ctc_val} every {args.ctc_val_every}th annotated frame, rescaled to radius {args.canonical_radius} px"
    else:
        vi = np.load(os.path.join(args.data, "images_val.npy")).astype(np.float32)
        vl = np.load(os.path.join(args.data, "labels_val.npy"))
    def crop(a):
        m = 2 ** args.depth
        return a[:a.shape[0] // m * m, :a.shape[1] // m * m]
    vi, vl = [crop(a) for a in vi], [crop(a) for a in vl]
    with torch.no_grad():
        probs = [F.softmax(model(torch.from_numpy(normalise_percentiles(im)[None, None].astype(np.float32))), 1)[0].numpy() for im in vi]
    report["val_f1_iou50"] = round(float(np.mean([f1_at(lb, instances(p)) for lb, p in zip(vl, probs)])), 4)
    print(json.dumps(report), flush=True)

    os.makedirs(args.out, exist_ok=True)
    export_onnx(model, os.path.join(args.out, "weights.onnx"), 1)
    test_raw = vi[0][:128, :128]
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
        config={"task": "segment-nuclei", "input_object_radius_px": args.canonical_radius, "postprocess": {"interior_threshold": 0.5, "min_seed_px": 4, "min_area_px": 15}, "training": report},
        cite=[{"text": "Ronneberger, Fischer & Brox. U-Net: convolutional networks for biomedical image segmentation. MICCAI 2015.", "doi": "10.1007/978-3-319-24574-4_28"},
              {"text": "Caicedo et al. Evaluation of deep learning strategies for nucleus segmentation in fluorescence images. Cytometry A 2019.", "doi": "10.1002/cyto.a.23863"}],
        output_description="per-pixel probabilities of background, nucleus interior and nucleus boundary",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
