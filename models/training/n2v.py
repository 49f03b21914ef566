"""Noise2Void: self-supervised denoising from noisy images alone (Krull, Buchholz & Jug,
CVPR 2019, doi:10.1109/CVPR.2019.00223). A blind-spot U-Net learns to predict each
masked pixel from its neighbourhood; the loss is taken only on masked pixels, whose
values were replaced by a random neighbour (N2V's "uniform without centre pixel").
Clean images are never used for training; when clean_val.npy exists it is used only to
report PSNR against the best Gaussian filter and the noisy input.

/usr/bin/python3 models/training/n2v.py --data DIR --out models/n2v-nuclei [--steps 3000]
DIR holds noisy_train.npy (movies, frames, H, W) and optionally noisy_val.npy /
clean_val.npy of the same layout. With --context K the network also sees the K frames
before and after (their noise is independent, so the blind spot stays blind): the input
channels are frames t-K..t+K, mirrored at the movie's ends, and only frame t is masked.
"""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import export_onnx, HalfResUNet, parameter_count, teacher_unet, training_arguments, UNet, write_model_folder  # noqa: E402


def parse_args():
    p = training_arguments(__doc__, steps=3000, batch=16, base=16, lr=4e-4)
    p.add_argument("--mask-box", type=int, default=8, help="one masked pixel per box of this size (1/64 = 1.6%% of pixels)")
    p.add_argument("--name", default="Noise2Void nuclei denoiser")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--context", type=int, default=0, help="frames before and after frame t fed as extra channels")
    p.add_argument("--progress", action="store_true", help="print JSON progress lines")
    p.add_argument("--half-res", action="store_true", help="common.HalfResUNet: a stride-2 first layer and pixel-shuffle output (--widths)")
    p.add_argument("--teacher", default=None, help="a model folder whose U-Net's output on the whole noisy frame is the target of every pixel "
                   "(distillation; no blind-spot masking: the student learns the teacher's denoising, not the noise)")
    return p.parse_args()


def psnr(clean, test):
    data_range = float(clean.max() - clean.min())
    mse = float(np.mean((clean.astype(np.float64) - test) ** 2))
    return 10 * np.log10(data_range**2 / mse)


def mirrored(t, frames):
    """Frame index t mirrored into 0..frames-1 (frame -1 is frame 1), as src/onnx/movie.ts."""
    if frames == 1:
        return 0
    period = 2 * (frames - 1)
    k = t % period
    return period - k if k >= frames else k


class Movies:
    """Noisy movies (M, T, H, W) with per-frame statistics, so that a stack of frames is
    normalised exactly as the rdf's zero_mean_unit_variance over (channel, y, x) does."""

    def __init__(self, movies, context):
        self.movies = movies
        self.context = context
        self.mean = movies.mean(axis=(2, 3), dtype=np.float64)
        self.square = (movies.astype(np.float64) ** 2).mean(axis=(2, 3))

    def frames_of(self, t):
        return [mirrored(t + o, self.movies.shape[1]) for o in range(-self.context, self.context + 1)]

    def stack(self, m, t, ys=slice(None), xs=slice(None)):
        idx = self.frames_of(t)
        mean = self.mean[m, idx].mean()
        std = np.sqrt(max(self.square[m, idx].mean() - mean**2, 0))
        return (self.movies[m, idx][:, ys, xs] - mean) / (std + 1e-6), mean, std


def blind_spot_batch(data, batch, patch, box, rng):
    """Random patches (all context frames) with one masked pixel of the centre frame per
    box x box cell, replaced by a random neighbour from the 5x5 window without the centre.
    Returns input, target, mask."""
    m_count, t_count, h, w = data.movies.shape
    channels = 2 * data.context + 1
    centre = data.context
    x = np.empty((batch, channels, patch, patch), np.float32)
    for b in range(batch):
        m, t = rng.integers(m_count), rng.integers(t_count)
        y0, x0 = rng.integers(h - patch + 1), rng.integers(w - patch + 1)
        p = data.stack(m, t, slice(y0, y0 + patch), slice(x0, x0 + patch))[0]
        p = np.rot90(p, rng.integers(4), axes=(1, 2))
        if rng.random() < 0.5:
            p = p[:, :, ::-1]
        if rng.random() < 0.5:
            p = p[::-1]  # time reversal
        x[b] = p
    target = x[:, centre:centre + 1].copy()
    mask = np.zeros_like(target)
    cells = patch // box
    gy = (np.arange(cells)[:, None] * box + rng.integers(box, size=(batch, cells, cells))).reshape(batch, -1)
    gx = (np.arange(cells)[None, :] * box + rng.integers(box, size=(batch, cells, cells))).reshape(batch, -1)
    offsets = np.array([(dy, dx) for dy in range(-2, 3) for dx in range(-2, 3) if (dy, dx) != (0, 0)])
    pick = offsets[rng.integers(len(offsets), size=gy.shape)]
    ny = np.clip(gy + pick[..., 0], 0, patch - 1)
    nx = np.clip(gx + pick[..., 1], 0, patch - 1)
    bidx = np.repeat(np.arange(batch)[:, None], gy.shape[1], 1)
    x[bidx, centre, gy, gx] = target[bidx, 0, ny, nx]
    mask[bidx, 0, gy, gx] = 1
    return torch.from_numpy(x), torch.from_numpy(target), torch.from_numpy(mask)


def distill_batch(data, targets, batch, patch, rng):
    """Random patches (all context frames) and the teacher's output on the same pixels, with
    the same rotations and flips; nothing masked."""
    m_count, t_count, h, w = data.movies.shape
    x = np.empty((batch, 2 * data.context + 1, patch, patch), np.float32)
    y = np.empty((batch, 1, patch, patch), np.float32)
    for b in range(batch):
        m, t = rng.integers(m_count), rng.integers(t_count)
        y0, x0 = rng.integers(h - patch + 1), rng.integers(w - patch + 1)
        p = np.concatenate([data.stack(m, t, slice(y0, y0 + patch), slice(x0, x0 + patch))[0], targets[m, t][None, y0:y0 + patch, x0:x0 + patch]])
        p = np.rot90(p, rng.integers(4), axes=(1, 2))
        if rng.random() < 0.5:
            p = p[:, :, ::-1]
        if rng.random() < 0.5:
            p = np.concatenate([p[:-1][::-1], p[-1:]])  # time reversal of the input frames
        x[b], y[b] = p[:-1], p[-1:]
    return torch.from_numpy(x), torch.from_numpy(y)


def predict(model, data, m, t, step):
    """Whole-plane prediction of frame t of movie m: (in the input's units, normalised)."""
    stack, mean, std = data.stack(m, t)
    h, w = stack.shape[1:]
    ph, pw = (-h) % step, (-w) % step
    padded = np.pad(stack, ((0, 0), (0, ph), (0, pw)), mode="reflect")
    with torch.no_grad():
        out = model(torch.from_numpy(padded[None].astype(np.float32)))[0, 0, :h, :w].numpy()
    return out * (std + 1e-6) + mean, out, stack


def gaussian_baseline(noisy, clean):
    from scipy.ndimage import gaussian_filter

    best = (None, -np.inf)
    for sigma in np.arange(0.5, 4.01, 0.25):
        score = np.mean([psnr(c, gaussian_filter(n.astype(np.float64), sigma, mode="nearest", truncate=4.0)) for n, c in zip(noisy, clean)])
        if score > best[1]:
            best = (float(sigma), float(score))
    return best


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    noisy = np.load(os.path.join(args.data, "noisy_train.npy")).astype(np.float32)
    if noisy.ndim == 3:
        noisy = noisy[:, None]
    data = Movies(noisy, args.context)
    channels = 2 * args.context + 1
    model = HalfResUNet(channels, 1, args.widths or (24, 32, 48), 2) if args.half_res else UNet(channels, 1, args.base, args.depth, widths=args.widths)
    size_step = 2**model.depth
    teacher = teacher_unet(os.path.join(args.teacher, "weights.onnx")) if args.teacher else None
    if teacher is not None:
        # The teacher's output on every whole training frame, in the stack's normalised units.
        targets = np.stack([np.stack([predict(teacher, data, m, t, 2**teacher.depth)[1] for t in range(noisy.shape[1])]) for m in range(noisy.shape[0])])
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=max(0.05, 3 / args.steps))
    started = time.time()
    running = None
    for step in range(args.steps):
        if teacher is not None:
            x, target = distill_batch(data, targets, args.batch, args.patch, rng)
            loss = torch.mean((model(x) - target) ** 2)
        else:
            x, target, mask = blind_spot_batch(data, args.batch, args.patch, args.mask_box, rng)
            loss = (((model(x) - target) ** 2) * mask).sum() / mask.sum()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if args.progress and (step + 1) % 50 == 0:
            print(json.dumps({"step": step + 1, "steps": args.steps, "loss": running}), flush=True)
        elif (step + 1) % 500 == 0:
            print(f"step {step + 1}/{args.steps} masked-pixel loss {running:.4f} ({time.time() - started:.0f} s)", flush=True)
    model.eval()
    step = size_step
    report = {"steps": args.steps, "parameters": parameter_count(model), "train_planes": int(noisy.shape[0] * noisy.shape[1]), "context_frames": args.context, "train_seconds": round(time.time() - started, 1), "final_loss": round(running, 4)}
    val_path = os.path.join(args.data, "noisy_val.npy")
    if os.path.exists(val_path) and os.path.exists(os.path.join(args.data, "clean_val.npy")):
        nv = np.load(val_path).astype(np.float32)
        cv = np.load(os.path.join(args.data, "clean_val.npy")).astype(np.float32)
        if nv.ndim == 3:
            nv, cv = nv[:, None], cv[:, None]
        val = Movies(nv, args.context)
        denoised = [predict(model, val, m, t, step)[0] for m in range(nv.shape[0]) for t in range(nv.shape[1])]
        nv, cv = nv.reshape(-1, *nv.shape[2:]), cv.reshape(-1, *cv.shape[2:])
        report["val_psnr_noisy_db"] = round(float(np.mean([psnr(c, n) for n, c in zip(nv, cv)])), 2)
        report["val_psnr_n2v_db"] = round(float(np.mean([psnr(c, d) for d, c in zip(denoised, cv)])), 2)
        if teacher is not None:
            taught = [predict(teacher, val, m, t, 2**teacher.depth)[0] for m in range(len(val.movies)) for t in range(val.movies.shape[1])]
            report["val_psnr_teacher_db"] = round(float(np.mean([psnr(c, d) for d, c in zip(taught, cv)])), 2)
        sigma, score = gaussian_baseline(nv, cv)
        report["val_psnr_gaussian_best_db"] = round(score, 2)
        report["val_gaussian_best_sigma_px"] = sigma
    print(json.dumps(report), flush=True)

    os.makedirs(args.out, exist_ok=True)
    export_onnx(model, os.path.join(args.out, "weights.onnx"), channels)
    small = Movies(noisy[:1, :, :128, :128], args.context)
    _, test_out, _ = predict(model, small, 0, 0, step)
    test_raw = small.movies[0, small.frames_of(0)]
    if teacher is not None:
        network = f"""a U-Net at half resolution (`common.HalfResUNet`: a stride-2 4x4 convolution, levels of
{','.join(map(str, args.widths or (24, 32, 48)))} channels, pixel-shuffle output; {report['parameters']} parameters), distilled
from the Noise2Void model in `{args.teacher}` (itself trained self-supervised on noisy frames
only): the target of every pixel is that model's output on the whole noisy frame, nothing
masked, {args.steps} steps of {args.batch} patches of {args.patch}x{args.patch} px. No clean frame is used."""
    else:
        network = f"""a {args.depth}-level U-Net with
{args.base} channels at full resolution ({report['parameters']} parameters), trained
self-supervised on noisy frames only (blind-spot masking of one pixel per
{args.mask_box}x{args.mask_box} box, replaced by a random 5x5 neighbour; loss on masked
pixels only), {args.steps} steps of {args.batch} patches of {args.patch}x{args.patch} px."""
    readme = f"""# {args.name}

Noise2Void (Krull et al. 2019, doi:10.1109/CVPR.2019.00223): {network}

Input: {channels} channel(s): frames t-{args.context}..t+{args.context} of one fluorescence channel
(mirrored at the movie's ends; `config.cellpilot.frame_offsets`), normalised jointly to
zero mean and unit variance (the rdf's preprocessing). Only frame t is masked in training,
and the noise of other frames is independent, so the blind spot stays blind. Output: frame
t denoised, in the same normalised units; cellpilot's `denoise` multiplies by the input
stack's standard deviation and adds its mean (`config.cellpilot.output:
input_zero_mean_unit_variance`).

Training: `{' '.join(sys.argv)}` (data from `models/training/make-data.ts`).

Measured (held-out frames): {json.dumps(report)}
"""
    write_model_folder(
        args.out,
        name=args.name,
        description="Noise2Void denoiser for fluorescence nuclei movies (self-supervised, trained on noisy frames only).",
        tags=["denoising", "noise2void", "fluorescence", "2d", "cellpilot"],
        input_channels=[f"frame t{o:+d}" if o else "frame t" for o in range(-args.context, args.context + 1)],
        output_channels=["denoised"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("zero_mean_unit_variance", {"axes": ["channel", "y", "x"]})],
        postprocessing=[],
        size_min=16,
        size_step=step,
        halo=16,
        test_input=test_raw[None],
        test_output=test_out[None, None],
        documentation=readme,
        config={"task": "denoise", "output": "input_zero_mean_unit_variance", "frame_offsets": list(range(-args.context, args.context + 1)), "training": report},
        cite=[{"text": "Krull, Buchholz & Jug. Noise2Void - learning denoising from single noisy images. CVPR 2019.", "doi": "10.1109/CVPR.2019.00223"}],
        output_description="denoised plane in the input's zero-mean unit-variance units",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
