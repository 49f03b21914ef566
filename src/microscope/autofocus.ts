// Software autofocus: a z sweep around the current focus scored by normalised variance,
// refined by a parabola through the best three planes (as Micro-Manager's
// OughtaFocus does with its own scores). Every snap goes through the (guarded)
// microscope, so the light it costs is counted like any other image.
import type { Microscope } from './microscope.ts';
import { focusScore } from './measures.ts';

/** Images in the sweep an acquisition's autofocus runs (10 µm in 1 µm steps): what its light is planned and booked by. */
export const AUTOFOCUS_PLANES = 11;
/** Its images are short and dim: this share of the channel's exposure (at the channel's power). */
export const AUTOFOCUS_EXPOSURE_SHARE = 1 / 5;

export interface AutofocusOptions {
  /** Total search range, µm, centred on the current focus. Default 10. */
  rangeUm?: number;
  /** Step between planes, µm. Default 1. */
  stepUm?: number;
  /** Called after each snap with its exposure (for the dose ledger). */
  onSnap?: (snap: { channel: string; exposureMs: number; powerPercent: number }) => void;
}

export interface AutofocusResult {
  bestZUm: number;
  /** Change from the starting focus, µm. */
  shiftUm: number;
  scores: { zUm: number; score: number }[];
}

export async function autofocus(microscope: Microscope, options: AutofocusOptions = {}): Promise<AutofocusResult> {
  const rangeUm = options.rangeUm ?? 10;
  const stepUm = options.stepUm ?? 1;
  const startZ = microscope.getState().zUm;
  const n = Math.max(3, Math.floor(rangeUm / stepUm) + 1);
  const scores: { zUm: number; score: number }[] = [];
  for (let i = 0; i < n; i++) {
    const zUm = startZ + (i - (n - 1) / 2) * stepUm;
    await microscope.setZ(zUm);
    const snap = await microscope.snap();
    options.onSnap?.(snap);
    scores.push({ zUm, score: focusScore(snap.data) });
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (scores[i].score > scores[best].score) best = i;
  let bestZUm = scores[best].zUm;
  if (best > 0 && best < n - 1) {
    const [a, b, c] = [scores[best - 1].score, scores[best].score, scores[best + 1].score];
    const denominator = a - 2 * b + c;
    if (denominator < 0) bestZUm += (0.5 * (a - c) / denominator) * stepUm;
  }
  await microscope.setZ(bestZUm);
  return { bestZUm, shiftUm: bestZUm - startZ, scores };
}
