"""Stores superres-nuclei with its 12 full-resolution channels zero-padded to 16: the same
output (max |diff| 1e-6), but every level a multiple of onnxruntime's 8-channel convolution
blocks (NCHWc), so no layout reorders run between layers (12 channels cost ReorderInput/Output
around each Conv). 512² frame, 1 thread, alternately at load 18: 175-181 -> 169-170 ms CPU.

/usr/bin/python3 models/training/pad_channels.py   (rewrites models/superres-nuclei/weights.onnx and its sha256)
"""
import os
import re
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import sha256, teacher_unet, UNet  # noqa: E402
from superres import SuperRes  # noqa: E402

FOLDER = os.path.join(HERE, "..", "superres-nuclei")


def main():
    path = os.path.join(FOLDER, "weights.onnx")
    src = teacher_unet(path, "body.")
    old = src.state_dict()
    if old["down.0.0.weight"].shape[0] % 8 == 0:
        print("already a multiple of 8 channels")
        return
    dst = UNet(1, 4, widths=[16, 24, 48])
    padded = {}
    for k, v in dst.state_dict().items():
        w = torch.zeros_like(v)
        o = old[k]
        if k == "up.1.0.weight":  # input: concat(upsampled 24 channels, skip 12 -> 16)
            w[:o.shape[0], :o.shape[1]] = o
        else:
            w[tuple(slice(0, n) for n in o.shape)] = o
        padded[k] = w
    dst.load_state_dict(padded)
    model, reference = SuperRes(12, 2), SuperRes(12, 2)
    model.body, reference.body = dst, src
    model.eval(), reference.eval()
    x = torch.randn(1, 1, 64, 64)
    with torch.no_grad():
        diff = float((model(x) - reference(x)).abs().max())
    assert diff < 1e-4, diff
    before = sha256(path)
    torch.onnx.export(model, torch.zeros(1, 1, 32, 32), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}}, opset_version=17)
    rdf = os.path.join(FOLDER, "rdf.yaml")
    open(rdf, "w").write(re.sub(before, sha256(path), open(rdf).read()))
    print(f"padded to 16 channels, max |diff| {diff:.2e}; wrote {path}")


if __name__ == "__main__":
    main()
