"""2x super-resolution of fluorescence frames: a small U-Net at the low resolution predicts
four sub-pixel planes (pixel shuffle; Shi et al., CVPR 2016, doi:10.1109/CVPR.2016.207)
that refine a bilinear upsampling of the input. Trained on simulated pairs: a clean or
noisy high-resolution frame downsampled 2x by 2x2 area averaging is the input, the clean
high-resolution frame the target. Reports PSNR against bicubic (Keys a = -0.5 cubic
convolution, as ImageJ's bicubic) upsampling of the same inputs.

/usr/bin/python3 models/training/superres.py --data DIR --out models/superres-nuclei [--steps 1500]
DIR (from models/training/superres-data.ts) holds {noisy,clean}_{train,val}.npy, (movies, frames, H, W).
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
from common import HalfResUNet, parameter_count, teacher_unet, training_arguments, UNet, write_model_folder  # noqa: E402


def parse_args():
    p = training_arguments(__doc__, patch=32, base=12, patch_help="low-resolution patch edge, px")
    p.add_argument("--half-res", action="store_true", help="the U-Net at half the input resolution (stride-2 first layer, 4x pixel shuffle out; --widths)")
    p.add_argument("--teacher", default=None, help="a superres model folder: its output is a second target (distillation), weighted by --teacher-weight")
    p.add_argument("--teacher-weight", type=float, default=0.5)
    p.add_argument("--fine", type=int, default=0, help="with --half-res: channels of a thin full-resolution branch (0: none)")
    p.add_argument("--thin-top", action="store_true", help="one 3x3 convolution each way at the input resolution (common.UNet thin_top)")
    return p.parse_args()


class SuperRes(nn.Module):
    def __init__(self, base, depth, widths=None, half_res=False, fine=0, thin_top=False):
        super().__init__()
        # half_res: the body sees the input at half size and its 4x pixel shuffle gives the 2x output.
        self.body = HalfResUNet(1, 1, widths or (16, 32, 48), 4, fine) if half_res else UNet(1, 4, base, depth, widths=widths, thin_top=thin_top)
        self.half_res = half_res
        self.depth = self.body.depth

    def forward(self, x):
        up = F.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=False)
        return up + (self.body(x) if self.half_res else F.pixel_shuffle(self.body(x), 2))


def area_down2(image):
    h, w = image.shape[-2] // 2 * 2, image.shape[-1] // 2 * 2
    im = image[..., :h, :w]
    return 0.25 * (im[..., 0::2, 0::2] + im[..., 1::2, 0::2] + im[..., 0::2, 1::2] + im[..., 1::2, 1::2])


def keys_kernel(s, a=-0.5):
    s = np.abs(s)
    return np.where(s <= 1, (a + 2) * s**3 - (a + 3) * s**2 + 1, np.where(s < 2, a * s**3 - 5 * a * s**2 + 8 * a * s - 4 * a, 0.0))


def bicubic_up2(image):
    """Keys cubic convolution (a = -0.5), pixel centres aligned, edges clamped."""
    out = image.astype(np.float64)
    for axis in (0, 1):
        n = out.shape[axis]
        src = (np.arange(2 * n) + 0.5) / 2 - 0.5
        base = np.floor(src).astype(int)
        acc = 0
        for k in range(-1, 3):
            idx = np.clip(base + k, 0, n - 1)
            wgt = keys_kernel(src - (base + k))
            shape = [1, 1]
            shape[axis] = -1
            acc = acc + np.take(out, idx, axis=axis) * wgt.reshape(shape)
        out = acc
    return out


def psnr(clean, test):
    data_range = float(clean.max() - clean.min())
    return 10 * np.log10(data_range**2 / float(np.mean((clean.astype(np.float64) - test) ** 2)))


def stats(image):
    return float(image.mean()), float(image.std()) + 1e-6


def predict(model, low, step):
    h, w = low.shape
    mean, std = stats(low)
    padded = np.pad((low - mean) / std, ((0, (-h) % step), (0, (-w) % step)), mode="reflect")
    with torch.no_grad():
        out = model(torch.from_numpy(padded[None, None].astype(np.float32)))[0, 0, :2 * h, :2 * w].numpy()
    return out * std + mean, out


def batch(noisy, clean, size, patch, rng, taught=None):
    """Input patches, clean targets and (with `taught`, the teacher's output on each whole
    noisy and clean training plane, in counts) the teacher's targets, cropped alike."""
    n, h, w = clean.shape
    x = np.empty((size, 1, patch, patch), np.float32)
    y = np.empty((size, 1, 2 * patch, 2 * patch), np.float32)
    z = np.empty((size, 1, 2 * patch, 2 * patch), np.float32)
    for b in range(size):
        i, y0, x0 = rng.integers(n), 2 * rng.integers(h // 2 - patch + 1), 2 * rng.integers(w // 2 - patch + 1)
        k, flip = rng.integers(4), rng.random() < 0.5
        source = int(rng.random() < 0.5)
        src = (clean, noisy)[source]
        hr = np.rot90(clean[i, y0:y0 + 2 * patch, x0:x0 + 2 * patch], k)
        lr = area_down2(np.rot90(src[i, y0:y0 + 2 * patch, x0:x0 + 2 * patch], k))
        tt = np.rot90(taught[source][i, y0:y0 + 2 * patch, x0:x0 + 2 * patch], k) if taught is not None else hr
        if flip:
            hr, lr, tt = hr[:, ::-1], lr[:, ::-1], tt[:, ::-1]
        mean, std = stats(lr)
        x[b, 0] = (lr - mean) / std
        y[b, 0] = (hr - mean) / std
        z[b, 0] = (tt - mean) / std
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(z)


def flat(stack):
    return stack.reshape(-1, *stack.shape[-2:]).astype(np.float32)


def main():
    args = parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    noisy = flat(np.load(os.path.join(args.data, "noisy_train.npy")))
    clean = flat(np.load(os.path.join(args.data, "clean_train.npy")))
    model = SuperRes(args.base, args.depth, args.widths, args.half_res, args.fine, args.thin_top)
    teacher, taught = None, None
    if args.teacher:
        teacher = SuperRes(12, 2)
        teacher.body = teacher_unet(os.path.join(args.teacher, "weights.onnx"), "body.")
        teacher.depth = teacher.body.depth
        taught = [np.stack([predict(teacher, area_down2(p), 2**teacher.depth)[0] for p in src]).astype(np.float32) for src in (clean, noisy)]
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=0.1)
    started, running = time.time(), None
    for step in range(args.steps):
        x, y, z = batch(noisy, clean, args.batch, args.patch, rng, taught)
        out = model(x)
        loss = torch.mean((out - y) ** 2)
        if teacher is not None:
            loss = (1 - args.teacher_weight) * loss + args.teacher_weight * torch.mean((out - z) ** 2)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if (step + 1) % 100 == 0:
            print(f"step {step + 1}/{args.steps} mse {running:.5f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()
    step = 2**model.depth
    nv, cv = flat(np.load(os.path.join(args.data, "noisy_val.npy"))), flat(np.load(os.path.join(args.data, "clean_val.npy")))
    report = {"steps": args.steps, "parameters": parameter_count(model), "train_planes": int(len(clean)), "train_seconds": round(time.time() - started, 1), "final_mse": round(running, 5)}
    for kind, inputs in (("clean", cv), ("noisy", nv)):
        lows = [area_down2(p) for p in inputs]
        report[f"val_{kind}_psnr_model_db"] = round(float(np.mean([psnr(c, predict(model, lo, step)[0]) for lo, c in zip(lows, cv)])), 2)
        if teacher is not None:
            report[f"val_{kind}_psnr_teacher_db"] = round(float(np.mean([psnr(c, predict(teacher, lo, 2**teacher.depth)[0]) for lo, c in zip(lows, cv)])), 2)
        report[f"val_{kind}_psnr_bicubic_db"] = round(float(np.mean([psnr(c, bicubic_up2(lo)) for lo, c in zip(lows, cv)])), 2)
    print(json.dumps(report), flush=True)

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "weights.onnx")
    torch.onnx.export(model, torch.zeros(1, 1, 32, 32), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}}, opset_version=17)
    test_raw = area_down2(nv[0])[:48, :48]
    mean, std = stats(test_raw)
    test_out = predict(model, test_raw, step)[1]
    if args.half_res:
        network = f"""A U-Net at half the input resolution (`common.HalfResUNet`: a stride-2 4x4 convolution,
levels of {','.join(map(str, args.widths or (16, 32, 48)))} channels; {report['parameters']} parameters) predicts sixteen sub-pixel planes,
rearranged by pixel shuffle (Shi et al. 2016, doi:10.1109/CVPR.2016.207) into a correction of
the bilinear 2x upsampling."""
        if args.fine:
            network += f""" A thin branch of {args.fine} channels at the input resolution is joined with the
U-Net's output before the last 3x3 convolution."""
    else:
        network = f"""A {args.depth}-level U-Net with {args.base} channels ({report['parameters']} parameters) runs at the input
resolution and predicts four sub-pixel planes, rearranged by pixel shuffle (Shi et al. 2016,
doi:10.1109/CVPR.2016.207) into a correction of the bilinear 2x upsampling."""
    if teacher is not None:
        network += f""" Distilled: the loss is {1 - args.teacher_weight:g} x the error against the clean
frame + {args.teacher_weight:g} x the error against the output of `{args.teacher}` on the same input."""
    readme = f"""# 2x super-resolution for fluorescence nuclei

{network} Trained with a mean
squared error on {report['train_planes']} simulated frames (cellpilot `simulate`, seeds 7001-7040, 128x128,
nuclei of radius 3-8 px, SNR 5-40): input = the clean or the noisy frame (half each)
downsampled 2x by 2x2 area averaging, target = the clean high-resolution frame;
{args.steps} steps of {args.batch} patches of {args.patch}x{args.patch} px (input), random rotations and flips.

Input: one fluorescence plane, normalised to zero mean and unit variance. Output: the plane at
twice the width and height (half the pixel size) in the input's normalised units; cellpilot's
`super_resolve` multiplies by the input's standard deviation and adds its mean
(`config.cellpilot.output: input_zero_mean_unit_variance`).

Training:
```
node bin/run-ts.js models/training/superres-data.ts /tmp/f2-sr
nice -n 10 /usr/bin/python3 models/training/superres.py --data /tmp/f2-sr --out models/superres-nuclei --steps {args.steps} --base {args.base}
```

Measured on held-out frames (seeds 8001-8004), PSNR against the clean high-resolution frame:
from clean inputs {report['val_clean_psnr_model_db']} dB vs {report['val_clean_psnr_bicubic_db']} dB for bicubic upsampling; from
noisy inputs {report['val_noisy_psnr_model_db']} dB vs {report['val_noisy_psnr_bicubic_db']} dB.
All figures: {json.dumps(report)}
"""
    write_model_folder(
        args.out,
        name="Nuclei 2x super-resolution",
        description="2x super-resolution of fluorescence nuclei frames (U-Net + pixel shuffle, trained on simulated area-downsampled pairs).",
        tags=["super-resolution", "upsampling", "fluorescence", "nuclei", "2d", "cellpilot"],
        input_channels=["fluorescence"],
        output_channels=["superresolved"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("zero_mean_unit_variance", {"axes": ["channel", "y", "x"]})],
        postprocessing=[],
        size_min=16,
        size_step=step,
        halo=16,
        test_input=test_raw[None, None],
        test_output=test_out[None, None],
        documentation=readme,
        config={"task": "super_resolve", "scale": 2, "output": "input_zero_mean_unit_variance", "training": report},
        cite=[{"text": "Shi et al. Real-time single image and video super-resolution using an efficient sub-pixel convolutional neural network. CVPR 2016.", "doi": "10.1109/CVPR.2016.207"}],
        output_description="the plane at 2x resolution in the input's zero-mean unit-variance units",
    )
    # The output's spatial axes are twice the input's: bioimage.io 0.5 `scale: 0.5` (output px per input px = 1 / scale).
    rdf_path = os.path.join(args.out, "rdf.yaml")
    head, outputs = open(rdf_path).read().split("\noutputs:\n", 1)
    outputs = outputs.replace("        size: {tensor_id: input, axis_id: y}", "        scale: 0.5\n        size: {tensor_id: input, axis_id: y}")
    outputs = outputs.replace("        size: {tensor_id: input, axis_id: x}", "        scale: 0.5\n        size: {tensor_id: input, axis_id: x}")
    open(rdf_path, "w").write(head + "\noutputs:\n" + outputs)
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
