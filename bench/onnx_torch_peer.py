"""PyTorch peer for bench/onnx.ts: rebuilds the U-Net from models/training/common.py,
loads the weights from the ONNX file's initialisers, and times CPU inference on the
same tile tensors our core feeds to onnxruntime, in batches of the same size.
usage: onnx_torch_peer.py WEIGHTS.onnx FRAMES.npy THREADS BATCH"""
import os
import sys
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "training"))
from common import UNet  # noqa: E402

weights, frames_path, threads, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(weights).graph.initializer}
base = inits["down.0.0.weight"].shape[0]
depth = sum(1 for k in inits if k.startswith("down.") and k.endswith(".0.weight"))
out_channels = inits["head.weight"].shape[0]
in_channels = inits["down.0.0.weight"].shape[1]
model = UNet(in_channels, out_channels, base, depth)
model.load_state_dict({k: torch.from_numpy(np.array(inits[k])) for k in model.state_dict()})
model.eval()
frames = np.load(frames_path)  # tiles, already pre-processed as our core feeds them
x = torch.from_numpy(frames.astype(np.float32))  # (tiles, channels, y, x)
with torch.no_grad():
    model(x[:1])
    started = time.time()
    for i in range(0, len(x), batch):
        model(x[i:i + batch])
print(f"seconds={time.time() - started:.3f}")
