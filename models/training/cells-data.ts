// Dumps the annotated frames of the real whole-cell movie MSC-02 (Cell Tracking Challenge,
// ../shared/data; never copied into the project) as .npy files for models/training/cells.py:
//   node bin/run-ts.js models/training/cells-data.ts OUT_DIR
// images_{train,val}.npy (N,H,W float32 grey levels), labels_{train,val}.npy (N,H,W int32,
// the SEG masks), markers_{train,val}.npy (N,H,W int32, the TRA markers: some SEG frames leave
// a cell unannotated, and the trainer must not call its pixels background).
// Validation = the annotated frames from HELD_OUT_FROM on (the end of the movie, so that no
// validation frame has a training frame a few minutes away); the rest trains.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCtcFrames, readMaskFrame } from '../../src/analysis/ctc.ts';
import { writeNpy } from '../../src/onnx/npy.ts';
import { annotatedFrames, ctcDataset, datasetPresent, readFrame } from './real-data.ts';

/** First frame of MSC-02 kept out of training (9 of the 33 annotated frames: 34..47). */
export const HELD_OUT_FROM = 34;

export function cellsSplit(): { train: number[]; val: number[] } {
  const frames = annotatedFrames(ctcDataset('msc02'));
  return { train: frames.filter((t) => t < HELD_OUT_FROM), val: frames.filter((t) => t >= HELD_OUT_FROM) };
}

async function dump(out: string, part: string, frames: number[]): Promise<void> {
  const data = ctcDataset('msc02');
  const seg = listCtcFrames(join(data.truth, 'SEG'), 'man_seg');
  const images: Float32Array[] = [];
  const labels: Int32Array[] = [];
  const markers: Int32Array[] = [];
  const tra = listCtcFrames(join(data.truth, 'TRA'), 'man_track');
  let height = 0;
  let width = 0;
  for (const t of frames) {
    const frame = await readFrame(data, t);
    height = frame.height;
    width = frame.width;
    images.push(Float32Array.from(frame.plane));
    labels.push(Int32Array.from((await readMaskFrame(seg.get(t)!)).planes[0]));
    markers.push(Int32Array.from((await readMaskFrame(tra.get(t)!)).planes[0]));
  }
  const size = height * width;
  const stack = <T extends Float32Array | Int32Array>(planes: T[], make: (n: number) => T) => {
    const all = make(planes.length * size);
    planes.forEach((p, i) => all.set(p, i * size));
    return all;
  };
  writeFileSync(join(out, `images_${part}.npy`), writeNpy({ shape: [frames.length, height, width], dtype: 'float32', data: stack(images, (n) => new Float32Array(n)) }));
  writeFileSync(join(out, `labels_${part}.npy`), writeNpy({ shape: [frames.length, height, width], dtype: 'int32', data: stack(labels, (n) => new Int32Array(n)) }));
  writeFileSync(join(out, `markers_${part}.npy`), writeNpy({ shape: [frames.length, height, width], dtype: 'int32', data: stack(markers, (n) => new Int32Array(n)) }));
  console.log(`${part}: frames ${frames.join(',')} (${width}x${height})`);
}

if (process.argv[1]?.endsWith('cells-data.ts')) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: cells-data.ts OUT_DIR');
  if (!datasetPresent(ctcDataset('msc02'))) {
    console.log('skipping: ../shared/data/ctc-Fluo-C2DL-MSC-02 not found');
    process.exit(0);
  }
  mkdirSync(out, { recursive: true });
  const { train, val } = cellsSplit();
  await dump(out, 'train', train);
  await dump(out, 'val', val);
}
