"""Peer baseline for segmentation measurements: scikit-image's Otsu + watershed recipe
(the scikit-image gallery "Watershed segmentation"), with fixed textbook parameters, as a
Python user would write it. Not tuned to any data set.

/usr/bin/python3 models/training/skimage_baseline.py OUT_DIR IMAGE.tif [IMAGE.tif ...]
writes OUT_DIR/<image name> label images (uint16); IMAGE.npy (float32, from eval-robust.ts) gives OUT_DIR/<stem>.tif.
"""
import os
import sys

import numpy as np
from PIL import Image  # reads LZW-compressed files without imagecodecs
from scipy import ndimage as ndi
from skimage import filters, morphology, segmentation
from skimage.feature import peak_local_max


def segment(image):
    smoothed = filters.gaussian(image.astype(np.float32), sigma=2, preserve_range=True)
    mask = ndi.binary_fill_holes(smoothed > filters.threshold_otsu(smoothed))
    distance = ndi.distance_transform_edt(mask)
    coords = peak_local_max(distance, min_distance=10, labels=ndi.label(mask)[0], exclude_border=False)
    markers = np.zeros(distance.shape, dtype=np.int32)
    markers[tuple(coords.T)] = np.arange(1, len(coords) + 1)
    labels = segmentation.watershed(-distance, markers, mask=mask)
    return morphology.remove_small_objects(labels, min_size=50)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for path in sys.argv[2:]:
        if path.endswith(".npy"):
            image, name = np.load(path), os.path.basename(path)[:-4] + ".tif"
        else:
            image, name = np.array(Image.open(path)), os.path.basename(path)
        labels = segment(image)
        Image.fromarray(labels.astype(np.uint16)).save(os.path.join(out, name))


if __name__ == "__main__":
    main()
