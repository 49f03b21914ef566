// What method "auto" picks (seg-auto.ts chooseThresholdMethod) and on what evidence, with the sample frames the segment
// tool takes from a movie of the first N frames (first, middle, last; N = the whole sequence by default).
//   node bin/run-ts.js models/training/probe-threshold-choice.ts SET[,SET] [frames=N] [upsample=K]
// Sets: simplus01, simplus02, msc02 (as target "cells": shape irregular), sim, cancer (eval-robust.ts robustSources).
import { listCtcFrames } from '../../src/analysis/ctc.ts';
import { chooseSegmentParameters, type SamplePlane } from '../../src/analysis/seg-auto.ts';
import { robustSources } from './eval-robust.ts';
import { ctcDataset, readFrame, resamplePlane, type DatasetName } from './real-data.ts';

const option = (key: string) => process.argv.find((a) => a.startsWith(`${key}=`))?.slice(key.length + 1);
const sets = (process.argv[2] ?? 'simplus01,simplus02,msc02,sim,cancer').split(',');
const upsample = Number(option('upsample') ?? 1);
for (const set of sets) {
  let samples: SamplePlane[];
  if (set === 'sim' || set === 'cancer') {
    const [source] = robustSources([set], 2);
    samples = await Promise.all(source.samples.map(async (t) => {
      const f = await source.image(t);
      return { plane: f.image, width: f.width, height: f.height };
    }));
  } else {
    const data = ctcDataset(set as DatasetName);
    const total = listCtcFrames(data.images, 't').size;
    const n = Math.min(total, Number(option('frames') ?? total));
    samples = await Promise.all([0, Math.round((n - 1) / 2), n - 1].map((t) => readFrame(data, t)));
  }
  if (upsample !== 1) samples = samples.map((s) => resamplePlane(s.plane, s.width, s.height, upsample, false) as SamplePlane);
  const { chosen } = chooseSegmentParameters(samples, { method: 'auto', shape: set === 'msc02' ? 'irregular' : 'round' });
  console.log(`${set}\tframes ${option('frames') ?? 'all'}\t${upsample}x\tr ${chosen.objectRadiusPx}\t${chosen.method}\t${chosen.methodReason}`);
}
