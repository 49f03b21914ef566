"""Peer baseline for tracking measurements: scikit-image's Otsu + watershed (skimage_baseline.py, textbook
parameters) on every frame, then nearest-neighbour linking, as a Python user would write it. Not tuned to any data.

/usr/bin/python3 models/training/skimage_tracking.py MOVIE.tif OUT_DIR

MOVIE.tif: a T x Y x X stack (one channel). OUT_DIR receives a Cell Tracking Challenge result: maskNNN.tif (track
labels) and res_track.txt. Linking: each object of frame t is joined to the nearest unclaimed object of frame t-1
(centroids, closest pairs first) when it is nearer than the median equivalent diameter of the objects of both frames;
otherwise it starts a new track. No divisions and no gap closing (nearest neighbour has neither).
"""
import os
import sys

import numpy as np
import tifffile
from scipy.spatial.distance import cdist
from skimage.measure import regionprops

from skimage_baseline import segment


def link(previous, current, cutoff):
    """Pairs (index in previous, index in current), closest first, one to one, nearer than cutoff."""
    if not previous or not current:
        return []
    d = cdist(np.array([p.centroid for p in previous]), np.array([c.centroid for c in current]))
    pairs, used_p, used_c = [], set(), set()
    for flat in np.argsort(d, axis=None):
        i, j = np.unravel_index(flat, d.shape)
        if d[i, j] >= cutoff:
            break
        if i in used_p or j in used_c:
            continue
        used_p.add(i)
        used_c.add(j)
        pairs.append((i, j))
    return pairs


def main():
    movie, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    stack = tifffile.imread(movie)
    stack = stack.reshape((-1,) + stack.shape[-2:])
    digits = max(3, len(str(len(stack) - 1)))
    tracks = {}  # track id -> [start, end]
    previous, previous_ids, next_id = [], [], 1
    for t, image in enumerate(stack):
        labels = segment(image)
        current = regionprops(labels)
        sizes = [p.equivalent_diameter_area for p in previous + current]
        cutoff = float(np.median(sizes)) if sizes else 0.0
        ids = [0] * len(current)
        for i, j in link(previous, current, cutoff):
            ids[j] = previous_ids[i]
            tracks[ids[j]][1] = t
        for j in range(len(current)):
            if not ids[j]:
                ids[j], next_id = next_id, next_id + 1
                tracks[ids[j]] = [t, t]
        mask = np.zeros(labels.shape, np.uint16)
        for region, track in zip(current, ids):
            mask[tuple(region.coords.T)] = track
        tifffile.imwrite(os.path.join(out, f"mask{t:0{digits}d}.tif"), mask)
        previous, previous_ids = current, ids
    with open(os.path.join(out, "res_track.txt"), "w") as f:
        for track, (start, end) in sorted(tracks.items()):
            f.write(f"{track} {start} {end} 0\n")


if __name__ == "__main__":
    main()
