"""Nuclei instance segmentation with a distance head: a U-Net predicting background /
interior / boundary probabilities (softmax) and, in a fourth channel, each nucleus pixel's
distance to the nearest pixel of another object or the background (in units of
--canonical-radius). cellpilot seeds a watershed on 1 - p(interior) with the interior pixels
deeper than config.cellpilot.postprocess.distance_seed (src/analysis/segmentModel.ts), so
touching nuclei whose interiors join are cut at their waist.

/usr/bin/python3 models/training/nuclei_dist.py --data DIR --out OUT
    --ctc ../shared/data/ctc-Fluo-N2DH-SIMplus/01 --ctc-val ../shared/data/ctc-Fluo-N2DH-SIMplus/02
    [--widths 8,16,32,48] [--minutes 32] [--init-checkpoint PT] [--strong 0.6] [--scales 0.6,1.6]
    [--from-checkpoint PT]   (no training: validate and write the model folder)
DIR holds images_{train,val}.npy and labels_{train,val}.npy (models/training/make-data.ts nuclei).
--ctc sequences (Cell Tracking Challenge: tNNN.tif + NN_GT/SEG/man_segNNN.tif) are rescaled to
the canonical object radius as in nuclei.py; --ctc-val is never trained on.
The learning rate runs one cycle over --minutes of wall time (or --steps, whichever comes first),
since steps per minute vary on a shared machine.

Augmentation: a --strong share of the patches gets per-nucleus brightness (0.4-1.3x), chromatin
texture that pushes part of each nucleus below the background (the holes of SIM+ 02), blur up
to 2 px, gamma 0.6-1.7, Gaussian, Poisson or multiplicative noise and background gradients; the
rest nuclei.py's augment. Object sizes --scales (errors of the movie's radius estimate).
The softmax and the distance are computed inside the exported graph (no rdf postprocessing),
so tiles blend probabilities and distances. Figures: models/nuclei-unet/README.md.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import UNet, normalise_percentiles, parameter_count, training_arguments, write_model_folder  # noqa: E402
from nuclei import augment, classes_from_labels, f1_at, instances, load_ctc  # noqa: E402


def parse_args():
    p = training_arguments(__doc__, patch=96, steps=3000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--ctc", action="append", default=[])
    p.add_argument("--ctc-val", default=None)
    p.add_argument("--ctc-val-every", type=int, default=10)
    p.add_argument("--canonical-radius", type=float, default=8.0)
    p.add_argument("--widths", default="8,16,32,48", help="channels per U-Net level, full resolution first")
    p.add_argument("--minutes", type=float, default=40.0, help="stop training after this many minutes of wall time")
    p.add_argument("--distance-seed", type=float, default=0.3, help="seed level on the distance channel, in canonical radii")
    p.add_argument("--dist-weight", type=float, default=2.0)
    p.add_argument("--export-only", action="store_true", help="write an untrained model (timing the architecture)")
    p.add_argument("--init-checkpoint", default=None, help="start training from this checkpoint.pt")
    p.add_argument("--strong", type=float, default=0.6, help="share of patches given the strong augmentation (the rest nuclei.py's)")
    p.add_argument("--scales", default="0.6,1.6", help="object size range of the patches, relative to the canonical radius")
    p.add_argument("--from-checkpoint", default=None, help="skip training: validate and write the model folder from this checkpoint.pt")
    return p.parse_args()


class Exported(nn.Module):
    """What the ONNX file computes: softmax over the three classes, then the distance (>= 0)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        y = self.net(x)
        return torch.cat([F.softmax(y[:, :3], 1), F.relu(y[:, 3:4])], 1)


def export(net, path):
    model = Exported(net).eval()
    torch.onnx.export(model, torch.zeros(1, 1, 64, 64), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}}, opset_version=17)


def distance_target(classes, radius):
    """Distance of each interior pixel to the nearest boundary or background pixel, in canonical radii."""
    from scipy import ndimage
    return (ndimage.distance_transform_edt(classes == 1) / radius).astype(np.float32)


def scaled_label_patch(image, labels, patch, rng, scales):
    """A random patch at a random scale (log-uniform), labels by nearest neighbour."""
    h, w = image.shape
    scale = float(np.exp(rng.uniform(np.log(scales[0]), np.log(scales[1]))))
    src = min(h, w, int(round(patch / scale)))
    y0, x0 = rng.integers(h - src + 1), rng.integers(w - src + 1)
    x = np.ascontiguousarray(image[y0:y0 + src, x0:x0 + src])
    y = np.ascontiguousarray(labels[y0:y0 + src, x0:x0 + src])
    if src != patch:
        x = F.interpolate(torch.from_numpy(x)[None, None], size=(patch, patch), mode="bilinear", align_corners=False)[0, 0].numpy()
        y = F.interpolate(torch.from_numpy(y.astype(np.float32))[None, None], size=(patch, patch), mode="nearest")[0, 0].numpy().astype(np.int64)
    return x, y


def augment_strong(x, labels, rng):
    """Appearance changes on a normalised patch whose instance labels are `labels`."""
    from scipy import ndimage
    inside = labels > 0
    bg = float(np.median(x[~inside])) if (~inside).sum() > 20 else float(np.percentile(x, 5))
    if rng.random() < 0.5 and labels.max() > 0:
        # Per-nucleus brightness: dim nuclei next to bright ones.
        gain = rng.uniform(0.4, 1.3, size=int(labels.max()) + 1).astype(np.float32)
        x = np.where(inside, bg + (x - bg) * gain[labels], x)
    if rng.random() < 0.7:
        # Chromatin texture; at high amplitude a share of each nucleus falls below the background.
        tex = ndimage.gaussian_filter(rng.standard_normal(x.shape).astype(np.float32), rng.uniform(0.8, 4))
        tex /= tex.std() + 1e-6
        amp = rng.uniform(0.2, 1.0)
        x = np.where(inside, bg + (x - bg) * np.clip(1 + amp * tex, -0.3, 2.5), x)
    if rng.random() < 0.5:
        x = ndimage.gaussian_filter(x, rng.uniform(0.3, 2.0))
    lo = float(np.percentile(x, 1))
    hi = float(np.percentile(x, 99.8))
    x = (x - lo) / (hi - lo + 1e-6)
    if rng.random() < 0.5:
        x = np.maximum(x, 0) ** rng.uniform(0.6, 1.7)
    if rng.random() < 0.4:
        gy, gx = np.mgrid[0:x.shape[0], 0:x.shape[1]] / x.shape[0]
        x = x + rng.uniform(-0.4, 0.4) * gy + rng.uniform(-0.4, 0.4) * gx
    r = rng.random()
    if r < 0.3:
        x = x + rng.uniform(0.01, 0.2) * rng.standard_normal(x.shape)
    elif r < 0.6:
        photons = rng.uniform(10, 200)
        x = rng.poisson(np.maximum(x - x.min(), 0) * photons + rng.uniform(0, 5)) / photons
    elif r < 0.7:
        x = x * (1 + rng.uniform(0.05, 0.3) * rng.standard_normal(x.shape))
    x = x.astype(np.float32)
    if rng.random() < 0.5:
        x = normalise_percentiles(x)
    return (x * rng.uniform(0.7, 1.3) + rng.uniform(-0.15, 0.15)).astype(np.float32)


def instances_from_distance(prob, seed_level, min_seed_px=4, min_area_px=15):
    """Same as src/analysis/segmentModel.ts with a distance channel: interior pixels (p > 0.5) deeper
    than seed_level seed a watershed on 1 - p(interior) within the foreground; foreground no seed
    reaches becomes objects of its own."""
    from skimage.measure import label
    from skimage.morphology import remove_small_objects
    from skimage.segmentation import watershed

    foreground = prob[0] < 0.5
    seeds = remove_small_objects(label((prob[1] > 0.5) & (prob[3] > seed_level) & foreground, connectivity=1), min_seed_px)
    result = watershed(1 - prob[1], seeds, mask=foreground, connectivity=1)
    # foreground no seed reached (small or dim nuclei) become objects of their own
    rest = label(foreground & (result == 0), connectivity=1)
    result = np.where(rest > 0, rest + result.max(), result)
    return remove_small_objects(result, min_area_px)


def predict(net, image, depth):
    m = 2 ** depth
    h, w = image.shape
    ph, pw = (-h) % m, (-w) % m
    x = np.pad(normalise_percentiles(image), ((0, ph), (0, pw)), mode="reflect").astype(np.float32)
    with torch.no_grad():
        out = Exported(net)(torch.from_numpy(x)[None, None])[0].numpy()
    return out[:, :h, :w]


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    widths = [int(w) for w in args.widths.split(",")]
    net = UNet(out_channels=4, widths=widths)
    depth = len(widths) - 1
    os.makedirs(args.out, exist_ok=True)
    if args.export_only:
        export(net, os.path.join(args.out, "weights.onnx"))
        x = np.zeros((1, 1, 64, 64), np.float32)
        write_model_folder(args.out, name="timing", description="untrained", tags=["timing"], input_channels=["nuclei"],
                           output_channels=["background", "interior", "boundary", "distance"], preprocessing=[], postprocessing=[],
                           size_min=16, size_step=2**depth, halo=32, test_input=x, test_output=predict(net, x[0, 0], depth)[None],
                           documentation="timing only\n", config={"task": "timing"}, cite=[], output_description="timing")
        print(json.dumps({"parameters": parameter_count(net), "widths": widths}))
        return

    images = [normalise_percentiles(im).astype(np.float32) for im in np.load(os.path.join(args.data, "images_train.npy")).astype(np.float32)]
    labels = [lb.astype(np.int64) for lb in np.load(os.path.join(args.data, "labels_train.npy"))]
    simulated = len(images)
    for folder in args.ctc:
        ims, lbs = load_ctc(folder, args.canonical_radius)
        images += [normalise_percentiles(im).astype(np.float32) for im in ims]
        labels += [lb.astype(np.int64) for lb in lbs]
    foreign = len(images) - simulated
    n = len(images)
    print(f"training planes: {simulated} simulated, {foreign} from {args.ctc}; {parameter_count(net)} parameters", flush=True)

    optimiser = torch.optim.Adam(net.parameters(), lr=args.lr)

    def learning_rate(step):
        # One cycle over the wall-time budget (the machine is shared, so steps per minute vary):
        # warm up over the first 5 %, then cosine down to 1 % of the peak at --minutes or --steps.
        done = max((time.time() - started) / (args.minutes * 60), step / max(args.steps, 1))
        if done < 0.05:
            return args.lr * (0.1 + 0.9 * done / 0.05)
        return args.lr * (0.01 + 0.99 * 0.5 * (1 + np.cos(np.pi * min(1.0, (done - 0.05) / 0.95))))
    class_weights = torch.tensor([1.0, 1.0, 3.0])
    started = time.time()
    running = None
    steps_done = 0
    if args.from_checkpoint:
        net.load_state_dict(torch.load(args.from_checkpoint))
        args.steps = 0
    elif args.init_checkpoint:
        net.load_state_dict(torch.load(args.init_checkpoint))
    scales = tuple(float(v) for v in args.scales.split(","))
    for step in range(args.steps):
        if time.time() - started > args.minutes * 60:
            print(f"stopping at step {step}: {args.minutes} minutes", flush=True)
            break
        for group in optimiser.param_groups:
            group["lr"] = learning_rate(step)
        xs, cs, ds = [], [], []
        for _ in range(args.batch):
            i = rng.integers(simulated, n) if foreign and rng.random() < 0.5 else rng.integers(simulated)
            x, lab = scaled_label_patch(images[i], labels[i], args.patch, rng, scales)
            k, flip = rng.integers(4), rng.random() < 0.5
            x, lab = np.rot90(x, k), np.rot90(lab, k)
            if flip:
                x, lab = x[:, ::-1], lab[:, ::-1]
            x, lab = np.ascontiguousarray(x), np.ascontiguousarray(lab)
            classes = classes_from_labels(lab)
            xs.append(augment_strong(x, lab, rng) if rng.random() < args.strong else augment(x, lab, rng).astype(np.float32))
            cs.append(classes)
            ds.append(distance_target(classes, args.canonical_radius))
        x = torch.from_numpy(np.stack(xs)[:, None])
        c = torch.from_numpy(np.stack(cs))
        d = torch.from_numpy(np.stack(ds))
        out = net(x)
        loss = F.cross_entropy(out[:, :3], c, weight=class_weights) + args.dist_weight * F.smooth_l1_loss(out[:, 3], d, beta=0.1)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        steps_done = step + 1
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if steps_done % 100 == 0:
            print(f"step {steps_done}/{args.steps} loss {running:.4f} lr {learning_rate(step):.2e} ({time.time() - started:.0f} s)", flush=True)
        if steps_done % 1000 == 0:
            export(net, os.path.join(args.out, "weights.onnx"))
            torch.save(net.state_dict(), os.path.join(args.out, "checkpoint.pt"))
    net.eval()
    if not args.from_checkpoint:
        torch.save(net.state_dict(), os.path.join(args.out, "checkpoint.pt"))

    if args.from_checkpoint:
        steps_done = f"checkpoint {args.from_checkpoint}"
    report = {"steps": steps_done, "parameters": parameter_count(net), "widths": widths, "train_planes": int(n), "foreign_planes": int(foreign),
              "canonical_radius_px": args.canonical_radius, "train_seconds": round(time.time() - started, 1)}
    val = {}
    sim_i = np.load(os.path.join(args.data, "images_val.npy")).astype(np.float32)
    sim_l = np.load(os.path.join(args.data, "labels_val.npy"))
    sets = {"simulator_val": (list(sim_i), list(sim_l))}
    for folder in args.ctc:
        # trained on: only for choosing the seed level, never as evidence
        sets[f"trained_on_{os.path.basename(folder.rstrip('/'))}"] = load_ctc(folder, args.canonical_radius, args.ctc_val_every)
    if args.ctc_val:
        sets["ctc_val"] = load_ctc(args.ctc_val, args.canonical_radius, args.ctc_val_every)
        report["validation"] = f"{args.ctc_val} every {args.ctc_val_every}th annotated frame, rescaled to radius {args.canonical_radius} px (its true radius)"
    for name, (vi, vl) in sets.items():
        probs = [predict(net, im, depth) for im in vi]
        val[name] = {"f1_iou50_interior_seeds": round(float(np.mean([f1_at(lb, instances(p)) for lb, p in zip(vl, probs)])), 4)}
        for level in (0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
            val[name][f"f1_iou50_distance_seeds_{level}"] = round(float(np.mean([f1_at(lb, instances_from_distance(p, level)) for lb, p in zip(vl, probs)])), 4)
    report["validation_f1"] = val
    print(json.dumps(report), flush=True)

    export(net, os.path.join(args.out, "weights.onnx"))
    test_raw = sim_i[0][:128, :128]
    test_out = predict(net, test_raw, depth)
    write_model_folder(
        args.out,
        name="Nuclei U-Net (boundary class and distance)",
        description="Segments fluorescent nuclei, touching ones included: per-pixel background / interior / boundary probabilities and the distance to the nucleus edge, for a seeded watershed.",
        tags=["segmentation", "nuclei", "unet", "fluorescence", "2d", "cellpilot"],
        input_channels=["nuclei"],
        output_channels=["background", "interior", "boundary", "distance"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("scale_range", {"axes": ["channel", "y", "x"], "min_percentile": 1.0, "max_percentile": 99.8})],
        postprocessing=[],
        size_min=16,
        size_step=2**depth,
        halo=32,
        test_input=test_raw[None, None],
        test_output=test_out[None],
        documentation="(written by the training run; replaced by the model README)\n",
        config={"task": "segment-nuclei", "input_object_radius_px": args.canonical_radius,
                "postprocess": {"interior_threshold": 0.5, "min_seed_px": 4, "min_area_px": 15, "distance_seed": args.distance_seed}, "training": report},
        cite=[{"text": "Ronneberger, Fischer & Brox. U-Net: convolutional networks for biomedical image segmentation. MICCAI 2015.", "doi": "10.1007/978-3-319-24574-4_28"},
              {"text": "Caicedo et al. Evaluation of deep learning strategies for nucleus segmentation in fluorescence images. Cytometry A 2019.", "doi": "10.1002/cyto.a.23863"}],
        output_description="per-pixel probabilities of background, nucleus interior and nucleus boundary (softmax), then the distance to the nucleus edge in units of input_object_radius_px",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
