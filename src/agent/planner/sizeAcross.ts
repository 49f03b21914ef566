// "whats the typical nucleus diameter?", "how wide are the cells (in microns)?": a size asked as a length across, with no
// row of a table to read (a plan-only run, a step that reported only its mean area), is the diameter of the circle of
// the mean area a step reported, said as that, in px and in µm at a known pixel size. Before, such a question was "not
// answered" after the objects were measured (the tables' rows answer it with each object's equivalent diameter).
import { findTool } from '../allTools.ts';
import type { PastResult } from './conversation.ts';
import { asksASizeAcross } from './tableAnswers.ts';

const round = (v: number) => Number(v.toPrecision(3));

/** The answer from the newest mean area in px² a step reported, or undefined when the question asks no size across or none is held. */
export function sizeAcrossFromMeanArea(question: string, results: readonly PastResult[], pixelSizeUm: number | undefined): string | undefined {
  if (!asksASizeAcross(question)) return undefined;
  for (const r of [...results].reverse()) {
    if (!r.ok) continue;
    const declared = findTool(r.tool)?.results ?? {};
    const key = Object.keys(r.values).find((k) => declared[k]?.unit === 'px²' && /\bmean\b.*\barea\b/i.test(declared[k]?.about ?? '') && typeof r.values[k] === 'number');
    if (!key) continue;
    const areaPx = r.values[key] as number;
    const diameterPx = 2 * Math.sqrt(areaPx / Math.PI);
    const radius = /\b(?:radius|radii)\b/i.test(question);
    const [name, px] = radius ? ['Equivalent radius', diameterPx / 2] : ['Equivalent diameter', diameterPx];
    const um = pixelSizeUm ? `${round(px * pixelSizeUm)} µm (${round(px)} px at ${round(pixelSizeUm)} µm/px)` : `${round(px)} px (no calibration known)`;
    return `${name} = ${um}: that of a circle with the mean object area, ${round(areaPx)} px² (from ${r.tool})`;
  }
  return undefined;
}
