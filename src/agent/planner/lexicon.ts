// The channel vocabulary of microscopists: channel names (Micro-Manager presets and common
// fluorophores) and the laser lines that excite them. Which words mean which tool is in
// each tool's own declaration (tools/*.ts: words, examples, valueWords), read by matcher.ts.

/** Channel names as microscopists write them (Micro-Manager demo presets and common fluorophores). */
export const CHANNEL_NAMES = ['DAPI', 'Hoechst', 'GFP', 'FITC', 'YFP', 'CFP', 'mCherry', 'RFP', 'tdTomato', 'Rhodamine', 'TRITC', 'Cy5', 'Cy3', 'mScarlet', 'mNeonGreen', 'SiR', 'Brightfield', 'Phase', 'DIC'];

/** Laser lines to the channel they excite (Micro-Manager demo names). */
export const LASER_CHANNELS: Record<string, string> = { '405': 'DAPI', '488': 'FITC', '561': 'Rhodamine', '555': 'Rhodamine', '640': 'Cy5', '647': 'Cy5', '633': 'Cy5' };

/**
 * Names of image-analysis methods, models and programs people ask for by name, ours and others'
 * (a request that names one is checked for it: applied, or said not to be: accounted.ts). Proper
 * names only: a method said in everyday words ("a median filter") is read from the tools' words.
 */
export const METHOD_NAMES = [
  // segmentation and detection
  'StarDist', 'Cellpose', 'U-Net', 'Mask R-CNN', 'YOLO', 'DeepCell', 'Mesmer', 'ilastik', 'Weka', 'CellProfiler', 'Omnipose', 'SAM', 'micro-SAM', 'Otsu', 'Li', 'Triangle', 'Huang', 'Yen', 'MaxEntropy', 'IsoData', 'Niblack', 'Sauvola', 'Phansalkar', 'Bernsen', 'Chan-Vese', 'Canny', 'Sobel', 'Frangi', 'LoG', 'DoG',
  // tracking
  'TrackMate', 'btrack', 'trackpy', 'Kalman', 'LAP', 'Hungarian', 'Ultrack', 'Baxter', 'LapTrack',
  // denoising and restoration
  'Noise2Void', 'N2V', 'Noise2Noise', 'CARE', 'BM3D', 'Richardson-Lucy', 'CLAHE', 'BaSiC', 'Wiener',
  // registration
  'StackReg', 'TurboReg', 'Fast4DReg', 'SIFT', 'elastix',
  // embedding, clustering and statistics
  'PCA', 'UMAP', 't-SNE', 'tSNE', 'k-means', 'DBSCAN', 'HDBSCAN', 'Leiden', 'Louvain', 'Granger', 'Savitzky-Golay',
  // methods known by a noun phrase of their own (no tool's words: named as not here when asked)
  'active contours', 'active contour', 'level set', 'level sets', 'random walker', 'graph cut', 'extended depth of field', 'focus stacking', 'optical flow', 'PIV',
];

/**
 * Words of the computer a step runs on and how it runs ("on the GPU", "gpu=True", "in parallel on 8 cores", "on our SLURM
 * cluster", "it is slow on my laptop CPU"): words of image analysis, never from elsewhere, and no setting of any tool (the
 * steps run here as they always do): named when asked (computeWords.ts).
 */
export const COMPUTE_WORDS = ['GPU', 'GPUs', 'CPU', 'CPUs', 'CUDA', 'cuDNN', 'NVIDIA', 'RTX', 'graphics card', 'VRAM', 'RAM', 'cores', 'threads', 'multithreaded', 'multithreading', 'multi-threaded', 'multiprocessing', 'in parallel', 'parallelise', 'parallelize', 'parallelised', 'parallelized', 'on the cluster', 'on our cluster', 'compute cluster', 'computing cluster', 'HPC', 'SLURM', 'compute node', 'workstation', 'laptop', 'Colab', 'cloud', 'headless', 'batch mode'];
