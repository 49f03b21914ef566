"""Nuclear foreground (extent) model: a small U-Net predicting, per pixel, the probability of
lying inside a nucleus (sigmoid) and the distance to the nucleus edge (in units of
--canonical-radius). cellpilot runs it at a normalised scale (each frame resampled so the
estimated object radius, src/analysis/object-size.ts, becomes --canonical-radius) and uses
its foreground to bound the classical seeded watershed (src/analysis/seg-extent.ts): the
classical seeds say where the nuclei are, the model says how far each one reaches, dim
nuclear parts at background level included (Fluo-N2DH-SIM+ masks).

nice -n 10 /usr/bin/python3 models/training/nuclei_fg.py --data DIR --out OUT
    --ctc ../shared/data/ctc-Fluo-N2DH-SIMplus/01 --ctc-val ../shared/data/ctc-Fluo-N2DH-SIMplus/02
    [--widths 8,16,32,48] [--minutes 35]
DIR holds images_{train,val}.npy and labels_{train,val}.npy (models/training/make-data.ts nuclei).
--ctc-val is never trained on (validation figure only). Augmentation: nuclei_dist.py's strong one
(per-nucleus brightness, chromatin texture pushing parts below the background, blur, gamma, noise
models, gradients) on --strong of the patches, nuclei.py's on the rest; object sizes --scales
relative to the canonical radius (errors of the movie's radius estimate).
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
from nuclei import augment, load_ctc  # noqa: E402
from nuclei_dist import augment_strong, scaled_label_patch  # noqa: E402


def parse_args():
    p = training_arguments(__doc__, patch=96, steps=100000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--ctc", action="append", default=[])
    p.add_argument("--ctc-val", default=None)
    p.add_argument("--ctc-val-every", type=int, default=10)
    p.add_argument("--canonical-radius", type=float, default=8.0)
    p.add_argument("--minutes", type=float, default=35.0)
    p.add_argument("--strong", type=float, default=0.6)
    p.add_argument("--scales", default="0.65,1.5")
    p.add_argument("--ctc-share", type=float, default=0.6, help="share of patches from the --ctc sequences")
    p.add_argument("--dim", type=float, default=0.0, help="share of patches whose nuclei are dimmed to a median SNR of 0.7-6 per pixel (SIM+ 02's later frames: 1.3-2)")
    p.add_argument("--init-checkpoint", default=None, help="start from this checkpoint.pt")
    return p.parse_args()


class Exported(nn.Module):
    """What the ONNX file computes: p(nucleus) (sigmoid), then the distance to the edge (>= 0)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        y = self.net(x)
        return torch.cat([torch.sigmoid(y[:, :1]), F.relu(y[:, 1:2])], 1)


def export(net, path):
    model = Exported(net).eval()
    torch.onnx.export(model, torch.zeros(1, 1, 64, 64), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}}, opset_version=17)


def distance_target(labels, radius):
    """Each nucleus pixel's distance to the nearest pixel of another nucleus or the background, in canonical radii."""
    from scipy import ndimage
    padded = np.pad(labels, 1, mode="edge")
    edge = np.zeros(labels.shape, bool)
    for dy, dx in [(-1, 0), (1, 0), (0, -1), (0, 1)]:
        edge |= padded[1 + dy:1 + dy + labels.shape[0], 1 + dx:1 + dx + labels.shape[1]] != labels
    inner = (labels > 0) & ~edge
    return (ndimage.distance_transform_edt(inner) / radius).astype(np.float32)


def dim_nuclei(x, labels, rng):
    """Nuclei dimmed towards the background (each by its own factor) under fresh Gaussian noise: a median
    per-pixel SNR of 0.7-6, with the chromatin texture kept, so only their extent tells them apart."""
    inside = labels > 0
    if inside.sum() < 20 or (~inside).sum() < 20:
        return x
    bg = float(np.median(x[~inside]))
    contrast = float(np.median(x[inside]) - bg)
    if contrast <= 0:
        return x
    snr = np.exp(rng.uniform(np.log(0.7), np.log(6), size=int(labels.max()) + 1)).astype(np.float32)
    noise = rng.uniform(0.03, 0.1)
    gain = np.where(inside, snr[labels] * noise / contrast, 1.0)
    x = np.where(inside, bg + (x - bg) * gain, x) + noise * rng.standard_normal(x.shape)
    return normalise_percentiles(x.astype(np.float32)).astype(np.float32)


def predict(net, image, depth):
    m = 2 ** depth
    h, w = image.shape
    ph, pw = (-h) % m, (-w) % m
    x = np.pad(normalise_percentiles(image), ((0, ph), (0, pw)), mode="reflect").astype(np.float32)
    with torch.no_grad():
        out = Exported(net)(torch.from_numpy(x)[None, None])[0].numpy()
    return out[:, :h, :w]


def foreground_iou(net, images, labels, depth):
    inter = union = 0
    for im, lb in zip(images, labels):
        p = predict(net, im, depth)[0] > 0.5
        t = lb > 0
        inter += int((p & t).sum())
        union += int((p | t).sum())
    return round(inter / max(union, 1), 4)


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    widths = args.widths or [8, 16, 32, 48]
    net = UNet(out_channels=2, widths=widths)
    depth = len(widths) - 1
    os.makedirs(args.out, exist_ok=True)

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
    val_sets = {}
    if args.ctc_val:
        val_sets["ctc_val"] = load_ctc(args.ctc_val, args.canonical_radius, args.ctc_val_every)
    sim_i = np.load(os.path.join(args.data, "images_val.npy")).astype(np.float32)
    sim_l = np.load(os.path.join(args.data, "labels_val.npy"))
    val_sets["simulator_val"] = (list(sim_i), list(sim_l))

    if args.init_checkpoint:
        net.load_state_dict(torch.load(args.init_checkpoint))
    optimiser = torch.optim.Adam(net.parameters(), lr=args.lr)
    started = time.time()

    def learning_rate(step):
        done = max((time.time() - started) / (args.minutes * 60), step / max(args.steps, 1))
        if done < 0.05:
            return args.lr * (0.1 + 0.9 * done / 0.05)
        return args.lr * (0.01 + 0.99 * 0.5 * (1 + np.cos(np.pi * min(1.0, (done - 0.05) / 0.95))))

    scales = tuple(float(v) for v in args.scales.split(","))
    running = None
    steps_done = 0
    for step in range(args.steps):
        if time.time() - started > args.minutes * 60:
            print(f"stopping at step {step}: {args.minutes} minutes", flush=True)
            break
        for group in optimiser.param_groups:
            group["lr"] = learning_rate(step)
        xs, fs, ds = [], [], []
        for _ in range(args.batch):
            i = rng.integers(simulated, n) if foreign and rng.random() < args.ctc_share else rng.integers(simulated)
            x, lab = scaled_label_patch(images[i], labels[i], args.patch, rng, scales)
            k, flip = rng.integers(4), rng.random() < 0.5
            x, lab = np.rot90(x, k), np.rot90(lab, k)
            if flip:
                x, lab = x[:, ::-1], lab[:, ::-1]
            x, lab = np.ascontiguousarray(x), np.ascontiguousarray(lab)
            if rng.random() < args.dim:
                x = dim_nuclei(x, lab, rng)
            xs.append(augment_strong(x, lab, rng) if rng.random() < args.strong else augment(x, lab, rng).astype(np.float32))
            fs.append((lab > 0).astype(np.float32))
            ds.append(distance_target(lab, args.canonical_radius))
        x = torch.from_numpy(np.stack(xs)[:, None])
        f = torch.from_numpy(np.stack(fs))
        d = torch.from_numpy(np.stack(ds))
        out = net(x)
        p = torch.sigmoid(out[:, 0])
        dice = 1 - (2 * (p * f).sum() + 1) / (p.sum() + f.sum() + 1)
        loss = F.binary_cross_entropy_with_logits(out[:, 0], f) + dice + F.smooth_l1_loss(out[:, 1], d, beta=0.1)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        steps_done = step + 1
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if steps_done % 100 == 0:
            print(f"step {steps_done} loss {running:.4f} lr {learning_rate(step):.2e} ({time.time() - started:.0f} s)", flush=True)
        if steps_done % 500 == 0:
            net.eval()
            print(json.dumps({"step": steps_done, **{k: foreground_iou(net, *v, depth) for k, v in val_sets.items()}}), flush=True)
            net.train()
            export(net, os.path.join(args.out, "weights.onnx"))
            torch.save(net.state_dict(), os.path.join(args.out, "checkpoint.pt"))
    net.eval()
    torch.save(net.state_dict(), os.path.join(args.out, "checkpoint.pt"))
    report = {"steps": steps_done, "parameters": parameter_count(net), "widths": widths, "train_planes": int(n), "foreign_planes": int(foreign),
              "canonical_radius_px": args.canonical_radius, "train_seconds": round(time.time() - started, 1),
              "foreground_iou": {k: foreground_iou(net, *v, depth) for k, v in val_sets.items()}}
    if args.ctc_val:
        report["validation"] = f"{args.ctc_val} every {args.ctc_val_every}th annotated frame at its true radius (never trained on)"
    print(json.dumps(report), flush=True)
    export(net, os.path.join(args.out, "weights.onnx"))
    test_raw = sim_i[0][:128, :128]
    write_model_folder(
        args.out,
        name="Nuclear extent U-Net (foreground and distance)",
        description="Per-pixel probability of lying inside a nucleus, and the distance to its edge, at a normalised object radius: bounds the classical seeded watershed.",
        tags=["segmentation", "nuclei", "unet", "fluorescence", "2d", "cellpilot"],
        input_channels=["nuclei"],
        output_channels=["foreground", "distance"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("scale_range", {"axes": ["channel", "y", "x"], "min_percentile": 1.0, "max_percentile": 99.8})],
        postprocessing=[],
        size_min=16,
        size_step=2**depth,
        halo=32,
        test_input=test_raw[None, None],
        test_output=predict(net, test_raw, depth)[None],
        documentation="(written by the training run; replaced by the model README)\n",
        config={"task": "nuclear-extent", "input_object_radius_px": args.canonical_radius, "training": report},
        cite=[{"text": "Ronneberger, Fischer & Brox. U-Net: convolutional networks for biomedical image segmentation. MICCAI 2015.", "doi": "10.1007/978-3-319-24574-4_28"}],
        output_description="p(nucleus) per pixel (sigmoid), then the distance to the nucleus edge in units of input_object_radius_px",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
