"""Shared pieces of cellpilot's model training: a small 2-D U-Net, ONNX export, and
writing a bioimage.io 0.5 model folder (rdf.yaml, weights.onnx + sha256, test tensors).

Run the training scripts with Debian's python3-torch: /usr/bin/python3 (CPU only,
torch.set_num_threads(1), nice -n 10 on a shared machine).
"""
import argparse
import hashlib
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def training_arguments(doc, *, steps=1500, batch=8, patch=64, base=8, lr=2e-3, patch_help=None):
    """The options every training script takes (data, output, schedule, U-Net size, seed);
    a script adds its own and calls parse_args()."""
    p = argparse.ArgumentParser(description=doc.split("\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, default=steps)
    p.add_argument("--batch", type=int, default=batch)
    p.add_argument("--patch", type=int, default=patch, help=patch_help)
    p.add_argument("--base", type=int, default=base, help="U-Net channels at full resolution")
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--widths", type=lambda v: [int(w) for w in v.split(",")], default=None,
                   help="channels of every U-Net level, full resolution first (e.g. 8,24,48); overrides --base and --depth")
    p.add_argument("--lr", type=float, default=lr)
    p.add_argument("--seed", type=int, default=0)
    return p


def block(cin, cout, convs=2):
    layers = [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True)]
    if convs == 2:
        layers += [nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True)]
    return nn.Sequential(*layers)


class UNet(nn.Module):
    """U-Net (Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28) with `depth`
    2x poolings, `base` channels at full resolution, nearest upsampling + concatenation;
    or `widths`, the channels of every level (full resolution first, bottom last), given
    outright. With `thin_top` the full-resolution level has one 3x3 convolution on the way
    down and one on the way up (in place of two each): the full-resolution level costs most.
    Input height and width must be multiples of 2**depth."""

    def __init__(self, in_channels=1, out_channels=1, base=16, depth=2, widths=None, thin_top=False):
        super().__init__()
        chans = list(widths) if widths is not None else [base * 2**i for i in range(depth + 1)]
        depth = len(chans) - 1
        self.depth = depth
        top = 1 if thin_top else 2
        self.down = nn.ModuleList([block(in_channels if i == 0 else chans[i - 1], chans[i], top if i == 0 else 2) for i in range(depth)])
        self.bottom = block(chans[depth - 1], chans[depth])
        self.up = nn.ModuleList([block(chans[i + 1] + chans[i], chans[i], top if i == 0 else 2) for i in reversed(range(depth))])
        self.head = nn.Conv2d(chans[0], out_channels, 1)

    def forward(self, x):
        skips = []
        for down in self.down:
            x = down(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.bottom(x)
        for up, skip in zip(self.up, reversed(skips)):
            x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = up(torch.cat([x, skip], 1))
        return self.head(x)


class HalfResUNet(nn.Module):
    """A U-Net that works at half the input resolution: a stride-2 4x4 convolution takes the
    full-resolution input to `widths[0]` channels at half size (in place of the first
    full-resolution block), the U-Net runs there, and the head predicts out_channels x
    `shuffle`² sub-pixel planes put back together by pixel shuffle (Shi et al. 2016,
    doi:10.1109/CVPR.2016.207): `shuffle` 2 gives the input size, 4 twice the input size.
    About 3x fewer multiply-adds than a U-Net with the same widths at full resolution.
    Input height and width must be multiples of 2**(len(widths))."""

    def __init__(self, in_channels=1, out_channels=1, widths=(24, 32, 48), shuffle=2, fine=0):
        super().__init__()
        chans = list(widths)
        self.depth = len(chans)  # poolings counted from the input: the stem halves too
        self.shuffle = shuffle
        self.fine = fine
        self.stem = nn.Sequential(nn.Conv2d(in_channels, chans[0], 4, stride=2, padding=1), nn.ReLU(inplace=True))
        if fine:
            # A thin full-resolution branch: `fine` channels of the input, joined with the U-Net's
            # output shuffled back to the input size, one 3x3 convolution, then the head.
            self.unet = UNet(chans[0], 4 * fine, widths=chans)
            self.fine_in = nn.Sequential(nn.Conv2d(in_channels, fine, 3, padding=1), nn.ReLU(inplace=True))
            self.merge = nn.Sequential(nn.Conv2d(2 * fine, fine, 3, padding=1), nn.ReLU(inplace=True))
            self.head = nn.Conv2d(fine, out_channels * (shuffle // 2) ** 2, 1)
        else:
            self.unet = UNet(chans[0], out_channels * shuffle * shuffle, widths=chans)

    def forward(self, x):
        if not self.fine:
            return F.pixel_shuffle(self.unet(self.stem(x)), self.shuffle)
        y = torch.cat([F.pixel_shuffle(F.relu(self.unet(self.stem(x))), 2), self.fine_in(x)], 1)
        y = self.head(self.merge(y))
        return F.pixel_shuffle(y, self.shuffle // 2) if self.shuffle > 2 else y


def teacher_unet(onnx_path, prefix=""):
    """The U-Net of a shipped model, rebuilt in torch from its ONNX initialisers (named as
    common.UNet's parameters, under `prefix`): the teacher of a distillation."""
    import onnx
    from onnx import numpy_helper

    weights = {i.name[len(prefix):]: torch.from_numpy(numpy_helper.to_array(i).copy())
               for i in onnx.load(onnx_path).graph.initializer if i.name.startswith(prefix)}
    depth = sum(1 for k in weights if k.startswith("down.") and k.endswith(".0.weight"))
    widths = [int(weights[f"down.{i}.0.weight"].shape[0]) for i in range(depth)] + [int(weights["bottom.0.weight"].shape[0])]
    net = UNet(int(weights["down.0.0.weight"].shape[1]), int(weights["head.weight"].shape[0]), widths=widths)
    net.load_state_dict(weights)
    return net.eval()


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def export_onnx(model, path, in_channels, opset=17):
    model.eval()
    example = torch.zeros(1, in_channels, 64, 64)
    torch.onnx.export(
        model,
        example,
        path,
        input_names=["input"],
        output_names=["output"],
        dynamic_axes={"input": {0: "batch", 2: "y", 3: "x"}, "output": {0: "batch", 2: "y", 3: "x"}},
        opset_version=opset,
    )


def normalise_zero_mean_unit_variance(image, eps=1e-6):
    """bioimage.io zero_mean_unit_variance over the whole plane."""
    return (image - image.mean()) / (image.std() + eps)


def normalise_percentiles(image, low=1.0, high=99.8, eps=1e-6):
    """bioimage.io scale_range with percentiles (StarDist's normalize(1, 99.8))."""
    lo, hi = np.percentile(image, [low, high])
    return (image - lo) / (hi - lo + eps)


def yaml_list(values):
    return "[" + ", ".join(str(v) for v in values) + "]"


def write_model_folder(folder, *, name, description, tags, input_channels, output_channels, preprocessing, postprocessing,
                       size_min, size_step, halo, test_input, test_output, documentation, config, cite, output_description):
    """Writes rdf.yaml (bioimage.io format 0.5) next to weights.onnx and the test tensors."""
    np.save(os.path.join(folder, "test_input.npy"), test_input.astype(np.float32))
    np.save(os.path.join(folder, "test_output.npy"), test_output.astype(np.float32))
    open(os.path.join(folder, "README.md"), "w").write(documentation)

    def ops(items):
        if not items:
            return " []\n"
        text = "\n"
        for op_id, kwargs in items:
            text += f"      - id: {op_id}\n"
            if kwargs:
                text += f"        kwargs: {json.dumps(kwargs)}\n"
        return text

    cite_text = "".join(f"  - text: {json.dumps(c['text'])}\n    doi: {c['doi']}\n" for c in cite)
    rdf = f"""format_version: 0.5.4
type: model
name: {json.dumps(name)}
description: {json.dumps(description)}
authors:
  - name: cellpilot
cite:
{cite_text}license: MIT
documentation: README.md
tags: {yaml_list(tags)}
inputs:
  - id: input
    axes:
      - type: batch
      - type: channel
        channel_names: {yaml_list(input_channels)}
      - type: space
        id: y
        size: {{min: {size_min}, step: {size_step}}}
      - type: space
        id: x
        size: {{min: {size_min}, step: {size_step}}}
    test_tensor:
      source: test_input.npy
      sha256: {sha256(os.path.join(folder, 'test_input.npy'))}
    data:
      type: float32
    preprocessing:{ops(preprocessing)}outputs:
  - id: output
    description: {json.dumps(output_description)}
    axes:
      - type: batch
      - type: channel
        channel_names: {yaml_list(output_channels)}
      - type: space
        id: y
        size: {{tensor_id: input, axis_id: y}}
        halo: {halo}
      - type: space
        id: x
        size: {{tensor_id: input, axis_id: x}}
        halo: {halo}
    test_tensor:
      source: test_output.npy
      sha256: {sha256(os.path.join(folder, 'test_output.npy'))}
    data:
      type: float32
    postprocessing:{ops(postprocessing)}weights:
  onnx:
    source: weights.onnx
    sha256: {sha256(os.path.join(folder, 'weights.onnx'))}
    opset_version: 17
config:
  bioimageio:
    reproducibility_tolerance:
      - absolute_tolerance: 1.0e-3
        relative_tolerance: 1.0e-3
  cellpilot: {json.dumps(config)}
"""
    open(os.path.join(folder, "rdf.yaml"), "w").write(rdf)
