"""Frame interpolation: a small U-Net takes two neighbouring frames (t-1, t+1) as two
channels and predicts the frame in between (t) as a correction of their linear blend,
in the spirit of learned video frame interpolation (Niklaus et al., ICCV 2017,
doi:10.1109/ICCV.2017.37; CARE-style supervised restoration, Weigert et al., Nat Methods
2018, doi:10.1038/s41592-018-0216-7). Trained on simulated movies of moving nuclei: the
input is the clean or the noisy pair (half each), the target the clean middle frame.
Reports PSNR against the linear blend (mean of the two neighbours).

/usr/bin/python3 models/training/interp.py --data DIR --out models/interp-nuclei [--steps 1500]
DIR (from models/training/interp-data.ts) holds {noisy,clean}_{train,val}.npy, (movies, frames, H, W).
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import parameter_count, training_arguments, UNet, write_model_folder  # noqa: E402


def parse_args():
    p = training_arguments(__doc__, base=12)
    return p.parse_args()


class Interpolator(nn.Module):
    def __init__(self, base, depth):
        super().__init__()
        self.body = UNet(2, 1, base, depth)

    def forward(self, x):
        return 0.5 * (x[:, 0:1] + x[:, 1:2]) + self.body(x)


def stats(pair):
    return float(pair.mean()), float(pair.std()) + 1e-6


def psnr(clean, test):
    data_range = float(clean.max() - clean.min())
    return 10 * np.log10(data_range**2 / float(np.mean((clean.astype(np.float64) - test) ** 2)))


def triplets(noisy, clean):
    """(movie, t) for every frame with both neighbours."""
    return [(m, t) for m in range(clean.shape[0]) for t in range(1, clean.shape[1] - 1)]


def batch(noisy, clean, index, size, patch, rng):
    _, _, h, w = clean.shape
    x = np.empty((size, 2, patch, patch), np.float32)
    y = np.empty((size, 1, patch, patch), np.float32)
    for b in range(size):
        m, t = index[rng.integers(len(index))]
        y0, x0 = rng.integers(h - patch + 1), rng.integers(w - patch + 1)
        src = noisy if rng.random() < 0.5 else clean
        k, flip = rng.integers(4), rng.random() < 0.5
        pair = np.stack([src[m, t - 1], src[m, t + 1]])[:, y0:y0 + patch, x0:x0 + patch]
        target = clean[m, t, y0:y0 + patch, x0:x0 + patch][None]
        if rng.random() < 0.5:  # time reversal: the middle frame is the same
            pair = pair[::-1]
        pair, target = np.rot90(pair, k, axes=(1, 2)), np.rot90(target, k, axes=(1, 2))
        if flip:
            pair, target = pair[:, :, ::-1], target[:, :, ::-1]
        mean, std = stats(pair)
        x[b] = (pair - mean) / std
        y[b] = (target - mean) / std
    return torch.from_numpy(x), torch.from_numpy(y)


def predict(model, before, after, step):
    h, w = before.shape
    pair = np.stack([before, after]).astype(np.float32)
    mean, std = stats(pair)
    padded = np.pad((pair - mean) / std, ((0, 0), (0, (-h) % step), (0, (-w) % step)), mode="reflect")
    with torch.no_grad():
        out = model(torch.from_numpy(padded[None].astype(np.float32)))[0, 0, :h, :w].numpy()
    return out * std + mean, out


def main():
    args = parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    noisy = np.load(os.path.join(args.data, "noisy_train.npy")).astype(np.float32)
    clean = np.load(os.path.join(args.data, "clean_train.npy")).astype(np.float32)
    index = triplets(noisy, clean)
    model = Interpolator(args.base, args.depth)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=0.1)
    started, running = time.time(), None
    for step in range(args.steps):
        x, y = batch(noisy, clean, index, args.batch, args.patch, rng)
        loss = torch.mean((model(x) - y) ** 2)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if (step + 1) % 100 == 0:
            print(f"step {step + 1}/{args.steps} mse {running:.5f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()
    step = 2**args.depth
    nv, cv = np.load(os.path.join(args.data, "noisy_val.npy")), np.load(os.path.join(args.data, "clean_val.npy"))
    val = triplets(nv, cv)
    report = {"steps": args.steps, "parameters": parameter_count(model), "train_triplets": len(index), "train_seconds": round(time.time() - started, 1), "final_mse": round(running, 5), "val_triplets": len(val)}
    for kind, src in (("clean", cv), ("noisy", nv)):
        report[f"val_{kind}_psnr_model_db"] = round(float(np.mean([psnr(cv[m, t], predict(model, src[m, t - 1], src[m, t + 1], step)[0]) for m, t in val])), 2)
        report[f"val_{kind}_psnr_blend_db"] = round(float(np.mean([psnr(cv[m, t], 0.5 * (src[m, t - 1].astype(np.float64) + src[m, t + 1])) for m, t in val])), 2)
    print(json.dumps(report), flush=True)

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "weights.onnx")
    torch.onnx.export(model, torch.zeros(1, 2, 64, 64), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}}, opset_version=17)
    test_raw = np.stack([nv[0, 0], nv[0, 2]])[:, :64, :64]
    test_out = predict(model, test_raw[0], test_raw[1], step)[1]
    readme = f"""# Frame interpolation for moving nuclei

A {args.depth}-level U-Net with {args.base} channels ({report['parameters']} parameters) takes two neighbouring
frames as two channels and predicts the frame halfway between them as a correction of their
linear blend. Trained with a mean squared error on {report['train_triplets']} triplets from simulated movies of
moving, dividing nuclei (cellpilot `simulate`, seeds 7101-7140, 128x128, radius 5-8 px,
2-5 px per frame, SNR 5-40): input = frames t-1 and t+1 (clean or noisy, half each, in
either order), target = the clean frame t; {args.steps} steps of {args.batch} patches of
{args.patch}x{args.patch} px, random rotations and flips.

Input: channels [before, after], normalised together to zero mean and unit variance.
Output: the middle frame in the input's normalised units; cellpilot's `interpolate_frames`
multiplies by the pair's standard deviation and adds its mean
(`config.cellpilot.output: input_zero_mean_unit_variance`).

Training:
```
node bin/run-ts.js models/training/interp-data.ts /tmp/f2-interp
nice -n 10 /usr/bin/python3 models/training/interp.py --data /tmp/f2-interp --out models/interp-nuclei --steps {args.steps} --base {args.base}
```

Measured on held-out triplets (seeds 8101-8104), PSNR against the clean middle frame:
from clean neighbours {report['val_clean_psnr_model_db']} dB vs {report['val_clean_psnr_blend_db']} dB for the linear blend; from noisy
neighbours {report['val_noisy_psnr_model_db']} dB vs {report['val_noisy_psnr_blend_db']} dB.
All figures: {json.dumps(report)}
"""
    write_model_folder(
        args.out,
        name="Nuclei frame interpolation",
        description="Predicts the frame halfway between two neighbouring frames of a movie of moving nuclei (U-Net trained on simulated movies).",
        tags=["frame-interpolation", "temporal-super-resolution", "fluorescence", "nuclei", "2d", "cellpilot"],
        input_channels=["before", "after"],
        output_channels=["middle"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("zero_mean_unit_variance", {"axes": ["channel", "y", "x"]})],
        postprocessing=[],
        size_min=16,
        size_step=step,
        halo=16,
        test_input=test_raw[None],
        test_output=test_out[None, None],
        documentation=readme,
        config={"task": "interpolate_frames", "output": "input_zero_mean_unit_variance", "training": report},
        cite=[{"text": "Niklaus, Mai & Liu. Video frame interpolation via adaptive separable convolution. ICCV 2017.", "doi": "10.1109/ICCV.2017.37"},
              {"text": "Weigert et al. Content-aware image restoration: pushing the limits of fluorescence microscopy. Nat Methods 2018.", "doi": "10.1038/s41592-018-0216-7"}],
        output_description="the middle frame in the pair's zero-mean unit-variance units",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
