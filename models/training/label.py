"""Artificial labelling (in-silico labelling; Christiansen et al., Cell 2018,
doi:10.1016/j.cell.2018.03.040; Ounkomol et al., Nat Methods 2018,
doi:10.1038/s41592-018-0111-2): a small U-Net predicts the nuclei fluorescence from the
brightfield channel, trained on simulated brightfield / true-nuclei pairs.

/usr/bin/python3 models/training/label.py --data DIR --out models/label-nuclei [--steps 1500]
DIR (from models/training/label-data.ts) holds brightfield_{train,val}.npy and
nuclei_{train,val}.npy, shape (movies, frames, H, W).
"""
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import export_onnx, HalfResUNet, normalise_zero_mean_unit_variance as zmuv, parameter_count, teacher_unet, training_arguments, UNet, write_model_folder  # noqa: E402


def parse_args():
    p = training_arguments(__doc__)
    p.add_argument("--half-res", action="store_true", help="common.HalfResUNet: a stride-2 first layer and pixel-shuffle output (--widths)")
    p.add_argument("--teacher", default=None, help="a label model folder: its output is a second target (distillation), weighted by --teacher-weight")
    p.add_argument("--teacher-weight", type=float, default=0.5)
    return p.parse_args()


def flat(stack):
    return stack.reshape(-1, *stack.shape[-2:]).astype(np.float32)


def batch(inputs, targets, size, patch, rng, taught=None):
    """Patches of the inputs and targets (and of `taught`, the teacher's outputs on the whole planes), rotated and flipped alike."""
    n, h, w = inputs.shape
    x = np.empty((size, 1, patch, patch), np.float32)
    y = np.empty_like(x)
    z = np.empty_like(x)
    for b in range(size):
        i, y0, x0 = rng.integers(n), rng.integers(h - patch + 1), rng.integers(w - patch + 1)
        k, flip = rng.integers(4), rng.random() < 0.5
        for dst, src in ((x, inputs), (y, targets), (z, taught if taught is not None else targets)):
            p = np.rot90(src[i, y0:y0 + patch, x0:x0 + patch], k)
            dst[b, 0] = p[:, ::-1] if flip else p
    return torch.from_numpy(x), torch.from_numpy(y), torch.from_numpy(z)


def predict(model, image, step, normalised=False):
    h, w = image.shape
    padded = np.pad(image if normalised else zmuv(image), ((0, (-h) % step), (0, (-w) % step)), mode="reflect")
    with torch.no_grad():
        return model(torch.from_numpy(padded[None, None].astype(np.float32)))[0, 0, :h, :w].numpy()


def pearson(a, b):
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def main():
    args = parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    bf = np.stack([zmuv(p) for p in flat(np.load(os.path.join(args.data, "brightfield_train.npy")))])
    nuclei = flat(np.load(os.path.join(args.data, "nuclei_train.npy")))
    model = HalfResUNet(1, 1, args.widths or (16, 32, 64), 2) if args.half_res else UNet(1, 1, args.base, args.depth, widths=args.widths)
    teacher = teacher_unet(os.path.join(args.teacher, "weights.onnx")) if args.teacher else None
    taught = np.stack([predict(teacher, b, 2**teacher.depth, normalised=True) for b in bf]) if teacher is not None else None
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=args.steps, pct_start=0.1)
    started, running = time.time(), None
    for step in range(args.steps):
        x, y, z = batch(bf, nuclei, args.batch, args.patch, rng, taught)
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
    bf_val = flat(np.load(os.path.join(args.data, "brightfield_val.npy")))
    nuclei_val = flat(np.load(os.path.join(args.data, "nuclei_val.npy")))
    r = [pearson(predict(model, b, step), n) for b, n in zip(bf_val, nuclei_val)]
    extra = {}
    if teacher is not None:
        rt = [pearson(predict(teacher, b, 2**teacher.depth), n) for b, n in zip(bf_val, nuclei_val)]
        extra = {"val_pearson_mean_teacher": round(float(np.mean(rt)), 4), "val_pearson_min_teacher": round(float(np.min(rt)), 4)}
    report = {"steps": args.steps, "parameters": parameter_count(model), "train_planes": int(len(bf)), "train_seconds": round(time.time() - started, 1),
              "final_mse": round(running, 5), "val_planes": len(r), "val_pearson_mean": round(float(np.mean(r)), 4), "val_pearson_min": round(float(np.min(r)), 4), **extra}
    print(json.dumps(report), flush=True)

    os.makedirs(args.out, exist_ok=True)
    export_onnx(model, os.path.join(args.out, "weights.onnx"), 1)
    test_raw = bf_val[0, :64, :64]
    test_out = predict(model, test_raw, step)
    network = (f"a U-Net at half resolution (`common.HalfResUNet`: a stride-2 4x4 convolution, levels of "
               f"{','.join(map(str, args.widths or (16, 32, 64)))} channels, pixel-shuffle output; {report['parameters']} parameters)"
               if args.half_res else f"a {args.depth}-level U-Net with {args.base} channels at full\nresolution ({report['parameters']} parameters)")
    if teacher is not None:
        network += f", distilled from `{args.teacher}` (loss: {1 - args.teacher_weight:g} x the error against the true nuclei + {args.teacher_weight:g} x the error against that model's output),"
    flags = sys.argv[1:]
    command_tail = " ".join(f for i, f in enumerate(flags) if f not in ("--data", "--out") and (i == 0 or flags[i - 1] not in ("--data", "--out")))
    readme = f"""# Artificial labelling: nuclei from brightfield

In-silico labelling (Christiansen et al. 2018, doi:10.1016/j.cell.2018.03.040; Ounkomol et
al. 2018, doi:10.1038/s41592-018-0111-2): {network} predicts the nuclei fluorescence from one
brightfield plane. Trained with a mean squared error on {report['train_planes']} simulated
brightfield frames (cellpilot `simulate` with `brightfield: true`, seeds 5001-5040, 128x128,
nuclei of radius 6-9 px at varied density) against the simulator's true nuclei channel,
{args.steps} steps of {args.batch} patches of {args.patch}x{args.patch} px (random rotations and flips).

Input: the brightfield channel, normalised per plane to zero mean and unit variance.
Output: nuclei fluorescence in the simulator's units (1 = an average nucleus's peak,
0 = no nucleus), not camera counts.

Training:
```
node bin/run-ts.js models/training/label-data.ts /tmp/f2-label
nice -n 10 /usr/bin/python3 models/training/label.py --data /tmp/f2-label --out models/label-nuclei {command_tail}
```

Measured on held-out frames (seeds 6001-6004): Pearson correlation with the true nuclei
channel {report['val_pearson_mean']} on average (lowest frame {report['val_pearson_min']}).
All figures: {json.dumps(report)}
"""
    write_model_folder(
        args.out,
        name="Nuclei from brightfield",
        description="Artificial labelling: predicts nuclei fluorescence from a brightfield plane (U-Net trained on simulated pairs).",
        tags=["artificial-labelling", "in-silico-labelling", "brightfield", "nuclei", "2d", "cellpilot"],
        input_channels=["brightfield"],
        output_channels=["nuclei"],
        preprocessing=[("ensure_dtype", {"dtype": "float32"}), ("zero_mean_unit_variance", {"axes": ["channel", "y", "x"]})],
        postprocessing=[],
        size_min=16,
        size_step=step,
        halo=16,
        test_input=test_raw[None, None],
        test_output=test_out[None, None],
        documentation=readme,
        config={"task": "label", "input": "brightfield", "output": "absolute", "training": report},
        cite=[{"text": "Christiansen et al. In silico labeling: predicting fluorescent labels in unlabeled images. Cell 2018.", "doi": "10.1016/j.cell.2018.03.040"},
              {"text": "Ounkomol et al. Label-free prediction of three-dimensional fluorescence images from transmitted-light microscopy. Nat Methods 2018.", "doi": "10.1038/s41592-018-0111-2"}],
        output_description="predicted nuclei fluorescence (1 = an average nucleus's peak)",
    )
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    main()
