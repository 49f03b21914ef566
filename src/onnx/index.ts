// The ONNX core: bioimage.io model folders run on onnxruntime-node. See README.md.
export { readModelSpec, findRdf, PROCESSING_OPS, type ModelSpec, type TensorSpec, type AxisSpec, type AxisSize, type ProcessingOp } from './spec.ts';
export { listModels, resolveModelFolder, modelRoots, modelFolders, trainedModelsDir, BUILTIN_MODELS_DIR, type ModelListing } from './registry.ts';
export { loadModel, checkModelFiles, sha256File, releaseSessions, type LoadedModel } from './model.ts';
export { predictSample, predictSamples, type PredictOptions, type Sample } from './predict.ts';
export { tensorFromPlanes, planesFromTensor } from './layout.ts';
export { mapModelOverMovie, runModelOnMovie, mirroredFrame, type MovieRunOptions, type MovieRunResult, type PlaneResult } from './movie.ts';
export { verifyModel, type VerifyResult } from './verify.ts';
export { readNpy, writeNpy, npyToFloat32, type NpyArray } from './npy.ts';
export { applyProcessing } from './processing.ts';
export type { Tensor } from './tensor.ts';
