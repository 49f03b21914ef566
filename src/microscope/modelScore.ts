// A model's score as a self-driving trigger: runs a bioimage.io model from models/ (via
// src/onnx) on each incoming frame and reduces its first output channel to one number
// (the mean, or the maximum). For example label-nuclei predicts nuclei from brightfield,
// so its mean is a confluence score. The model loads once and stays loaded.
import type { FrameScorer } from './rules.ts';

export interface ModelScoreOptions {
  /** How the output plane becomes one number. Default "mean". */
  reduce?: 'mean' | 'max';
}

export function modelScorer(modelName: string, options: ModelScoreOptions = {}): FrameScorer {
  const reduce = options.reduce ?? 'mean';
  let loaded: unknown;
  return async (data, widthPx, heightPx) => {
    const { mapModelOverMovie } = await import('../onnx/index.ts');
    const { MemoryMovie } = await import('../image/movie.ts');
    const movie = new MemoryMovie({ t: 1, z: 1, c: 1, y: heightPx, x: widthPx }, 'uint16', [data]);
    let score = Number.NaN;
    loaded = await mapModelOverMovie((loaded ?? modelName) as Parameters<typeof mapModelOverMovie>[0], movie, {}, ({ planes }) => {
      const plane = planes[0];
      let acc = reduce === 'max' ? -Infinity : 0;
      for (let i = 0; i < plane.length; i++) acc = reduce === 'max' ? Math.max(acc, plane[i]) : acc + plane[i];
      score = reduce === 'max' ? acc : acc / plane.length;
    });
    return score;
  };
}

/** Throws a one-line InputError naming the installed models when `modelName` is not one of them. */
export async function checkModelExists(modelName: string): Promise<void> {
  const { resolveModelFolder } = await import('../onnx/index.ts');
  resolveModelFolder(modelName);
}
