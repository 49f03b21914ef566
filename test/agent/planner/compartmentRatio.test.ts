// A ratio between two compartments of a cell is named as not measured, in one line, and never answered by another
// step (a bleach correction ran for "N/C ratio per cell" before); the rest of the request is planned as said.
import { beforeAll, describe, expect, it } from 'vitest';
import { compartmentRatioAsked } from '../../../src/agent/planner/compartmentRatio.ts';
import { normalisedRequest } from '../../../src/agent/planner/normalise.ts';
import { catalogue, loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);
const planned = (r: string) => plan(normalisedRequest(r, catalogue));

describe('compartment ratios', () => {
  it.each([
    'N/C ratio per cell.',
    "what's the nuclear to cytoplasmic ratio of the reporter?",
    'nucleocytoplasmic ratio over time',
    'the ratio of nuclear to cytoplasmic GFP in each cell',
    'C:N ratio?',
    'ratio between the membrane and the cytoplasm signal',
    'nuclear signal divided by cytoplasmic signal',
  ])('"%s" runs nothing and says the ratio is not measured', (r) => {
    expect(compartmentRatioAsked(r)).toBeDefined();
    const p = planned(r);
    expect(p.steps).toEqual([]);
    expect(p.reply).toMatch(/Not measured: .*(?:ratio|N\/C|C:N|divided)/i);
    expect(p.reply).toMatch(/cytoplasm/);
  });

  it.each([
    ['segment the nuclei and give me the N/C ratio', 'segment'],
    ['track the cells and report the nuclear-to-cytoplasmic ratio', 'track'],
  ])('"%s" plans the rest and names the ratio', (r, tool) => {
    const p = planned(r);
    expect(p.steps.map((s) => s.tool)).toContain(tool);
    expect(p.steps.map((s) => s.tool)).not.toContain('correct_bleach');
    expect((p.notes ?? []).join(' ')).toMatch(/Not measured: .*ratio/);
  });

  it.each(['ratio of channel 2 to channel 1', 'the confinement ratio of each track', 'nuclear area per frame', 'nuclei to cells ratio'])('"%s" is no compartment ratio', (r) => {
    expect(compartmentRatioAsked(r)).toBeUndefined();
  });
});
