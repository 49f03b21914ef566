// "Why did you ..." is answered from the record of the step asked about, never by running it again.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogueFromBoundTools } from '../../../src/agent/planner/catalogue.ts';
import type { PastResult } from '../../../src/agent/planner/conversation.ts';
import { asksCitation, asksWhatItFound, asksWhatWasDone, asksWhy, explainStep, toolAskedAbout } from '../../../src/agent/planner/explanations.ts';
import { indexFor } from '../../../src/agent/planner/planner.ts';

const catalogue = catalogueFromBoundTools(ALL_TOOLS.map((t) => ({ name: t.name, description: t.description, schema: z.toJSONSchema(t.schema, { io: 'input', unrepresentable: 'any' }) })));
const index = indexFor(catalogue);

const earlier: PastResult[] = [
  { tool: 'correct_drift', args: { movie: 'movie-1' }, ok: true, summary: 'Corrected drift of up to 3 px; uncertain by ±0.5 px.', values: { maxDriftPx: 3, meanConfidence: 0.58, path: '/x/drift.csv' }, artifacts: [] },
  { tool: 'segment', args: { movie: 'movie-2', method: 'model' }, ok: true, summary: 'Found 6 objects per frame by the nuclei-unet model.', values: { method: 'model', model: 'nuclei-unet', modelFolder: '/models/nuclei-unet', modelSha256: 'ab12cd', objectRadiusPx: 10.1, objects: 48 }, artifacts: [] },
  { tool: 'track', args: { labels: 'labels-1' }, ok: true, summary: 'Tracked into 6 tracks (max 18 px per frame, chosen from the movie).', values: { maxLinkingDistancePx: 18, tracks: 6, method: 'lap' }, artifacts: [] },
];

describe('explanations from the record', () => {
  it('knows a question about how a step chose from a request', () => {
    for (const q of ['why did you choose this threshold?', 'how did you pick the linking distance?', 'what parameters did you use?', 'which model did you use?', 'how confident are you in the drift correction?']) expect(asksWhy(q), q).toBe(true);
    for (const q of ['segment the nuclei', 'how many cells are there?', 'which denoising method should I use?']) expect(asksWhy(q), q).toBe(false);
    // as people write them: slips, passives, other verbs of choosing
    for (const q of ['what threshold did u use?', 'which reference did you align to?', 'what segmentation method was used?', 'how was the threshold chosen?', 'what sigma did the denoiser use', 'which channel did you segment?', 'how come you went with that threshold?', 'what made you choose that linking distance?', 'can you tell me why you chose that model?', 'what was the reasoning behind the reference?', 'on what basis did you split them?', 'is the drift estimate reliable?', 'explain what settings the denoising used']) expect(asksWhy(q), q).toBe(true);
    for (const q of ['what values did you get?', 'what is the mean speed?', 'which threshold should I use?', 'which cells were tracked?']) expect(asksWhy(q), q).toBe(false);
    // a choice asked in the past tense, other nouns and verbs of choosing
    for (const q of ['what was the threshold value exactly?', 'what smoothing did you use?', 'what max distance did the tracker allow?', 'what frame did you register to?']) expect(asksWhy(q), q).toBe(true);
    for (const q of ['what was the mean area?', 'what is the pixel size?', 'what was the frame interval?', 'which frame has the most cells?']) expect(asksWhy(q), q).toBe(false);
  });

  it('explains the step the question names, with its recorded values and units, and runs nothing', () => {
    const tracking = explainStep('how did you choose the linking distance for the tracking?', earlier, index)!;
    expect(tracking).toMatch(/^I did not re-run anything\. From the record of track: no arguments were given/);
    expect(tracking).toContain('maxLinkingDistancePx = 18 px');
    expect(tracking).toContain('chosen from the movie');
    const model = explainStep('which model did you use for the segmentation?', earlier, index)!;
    expect(model).toMatch(/record of segment: you \(or the plan\) set method = "model"/);
    expect(model).toContain('modelFolder = /models/nuclei-unet');
    expect(model).toContain('modelSha256 = ab12cd');
    expect(explainStep('how confident are you in the drift correction?', earlier, index)).toMatch(/record of correct_drift.*meanConfidence = 0\.58/);
    // (a measurement run after the tracking names "distance" too: the step whose record names more of the asked words is meant)
    const measured: PastResult = { tool: 'measure', args: { kind: 'tracks', tracks: 'tracks-1' }, ok: true, summary: 'Measured 6 tracks: mean speed 1.8 px/frame.', values: { meanDisplacement: 18.9, tracks: 6 }, artifacts: [] };
    expect(explainStep('why did you pick that linking distance?', [...earlier, measured], index)).toMatch(/record of track:.*maxLinkingDistancePx = 18 px/);
    expect(explainStep('why did you do that?', earlier, index)).toMatch(/record of track/);
    // nothing ran: no choice to explain, said so, and nothing is run to make one
    expect(explainStep('why did you do that?', [], index)).toMatch(/^Nothing has run in this session yet, so there is no choice of mine to explain/);
    expect(explainStep('why did you choose this threshold?', [], index)).toMatch(/What `segment` would do, from its declaration/);
    expect(explainStep('explain how to segment', [], index)).toBeUndefined();
  });
});

describe('questions about a tool itself', () => {
  it('reads which tool a question asks about, and what of it, but not questions about the data', () => {
    const asked = (q: string) => toolAskedAbout(q, index);
    expect(asked('how long does segmentation take?')).toEqual({ tool: 'segment', aspect: 'time' });
    expect(asked('how fast is tracking?')).toEqual({ tool: 'track', aspect: 'time' });
    expect(asked('how long does it take to segment a movie?')).toEqual({ tool: 'segment', aspect: 'time' });
    expect(asked('which algorithm do you use for tracking?')).toEqual({ tool: 'track', aspect: 'method' });
    expect(asked('is your segmentation deep learning or just thresholding?')).toEqual({ tool: 'segment', aspect: 'method' });
    expect(asked('what does the measure tool actually compute?')).toEqual({ tool: 'measure', aspect: 'what' });
    expect(asked('how does the drift correction work?')).toEqual({ tool: 'correct_drift', aspect: 'method' });
    expect(asked("what's the tracking algorithm?")).toEqual({ tool: 'track', aspect: 'method' });
    expect(asked('which segmentation method do you use?')).toEqual({ tool: 'segment', aspect: 'method' });
    expect(asked('does the segmentation use a neural network?')).toEqual({ tool: 'segment', aspect: 'method' });
    expect(asked('what kind of tracker is it?')).toEqual({ tool: 'track', aspect: 'method' });
    for (const q of ['what kind of cells are these?', 'which method should I use for tracking?', 'what type of movie is this?', 'which cells moved?']) expect(asked(q), q).toBeUndefined();
    for (const q of ['how fast do the cells move?', 'how long are the tracks?', 'how long is the movie?', 'how fast is the drift?', 'which method should I use for segmentation?', 'how long does each track last?', 'how fast do they move on average?', 'what does the movie show?']) expect(asked(q), q).toBeUndefined();
  });

  it('answers from the declaration, and the time from the record when the step ran, running nothing', () => {
    const before = explainStep('how long does segmentation take?', [], index)!;
    expect(before).toMatch(/^About `segment`, from its own declaration \(I ran nothing\)/);
    expect(before).toMatch(/has not run in this session/);
    const ran: PastResult[] = [{ ...earlier[1], durationMs: 2350 }];
    expect(explainStep('how long did the segmentation take?', ran, index)).toContain('it took 2.35 s');
    expect(explainStep('which algorithm do you use for tracking?', [], index)).toMatch(/lap, overlap; default lap/);
  });
});

describe('what was done, and choices asked in chat and non-native forms (brief s14/Q)', () => {
  it('reads a question about the session\'s steps, and not a request for a summary of the data', () => {
    for (const q of ['ok what exactly did you do to my data', 'recap?', 'please tell me all steps you have make until now', "walk me through what you've done so far"]) expect(asksWhatWasDone(q), q).toBe(true);
    for (const q of ['summarize the speeds per track', 'what happened to cell 3?', 'what steps should I take?', 'summary statistics of area']) expect(asksWhatWasDone(q), q).toBe(false);
  });

  it('reads a question about a choice however it is written', () => {
    for (const q of ["how'd u pick the threshold", 'why you find so many nucleus? which setting you was using?', 'did you end up using otsu or triangle?', 'params used for tracking?', 'For the methods section I need to know exactly which model file was used for the segmentation.']) expect(asksWhy(q), q).toBe(true);
    for (const q of ['segment the nuclei', 'what is the mean area?', 'did the cells divide?', 'which cells divided?']) expect(asksWhy(q), q).toBe(false);
  });
});

describe('how good a result is, asked in people\'s words (brief s15/Q)', () => {
  it('reads trust and accuracy questions as questions for the record', async () => {
    const { asksWhy } = await import('../../../src/agent/planner/explanations.ts');
    expect(asksWhy('can I trust these masks?')).toBe(true);
    expect(asksWhy('how accurate are the tracks?')).toBe(true);
    expect(asksWhy('how good is the segmentation?')).toBe(true);
    expect(asksWhy('is the segmentation any good?')).toBe(true);
    expect(asksWhy('is the signal stable?')).toBe(false);
    expect(asksWhy('segment the nuclei')).toBe(false);
  });
});

describe('a duration of the things found is no question about a step\'s run time (brief s15/Q)', () => {
  it('leaves "how long does the average track last?" to the data', async () => {
    const { toolAskedAbout } = await import('../../../src/agent/planner/explanations.ts');
    const { catalogueFromTools } = await import('../../../src/agent/planner/catalogue.ts');
    const index = indexFor(catalogueFromTools(ALL_TOOLS));
    expect(toolAskedAbout('how long does the average track last?', index)).toBeUndefined();
    expect(toolAskedAbout('how long did the tracking take?', index)).toMatchObject({ tool: 'track', aspect: 'time' });
  });
});

describe('what a step found, from its record', () => {
  it('knows a question about what a step found or gave', () => {
    for (const q of ['so what did that find?', 'what did the tracking give?', 'what did you get?', 'ok, what are the results?', 'results?', 'what was the outcome']) expect(asksWhatItFound(q), q).toBe(true);
    for (const q of ['what does this show?', 'what is the mean area?', 'what are the results of frame 3?', 'what did you do?', 'find the nuclei', 'segment and show the results']) expect(asksWhatItFound(q), q).toBe(false);
  });

  it("answers with the account of the step named, else the latest, and runs nothing", () => {
    expect(explainStep('so what did that find?', earlier, index)).toBe('From the record (I ran nothing): track: Tracked into 6 tracks (max 18 px per frame, chosen from the movie).');
    expect(explainStep('what did the segmentation find?', earlier, index)).toBe('From the record (I ran nothing): segment: Found 6 objects per frame by the nuclei-unet model.');
    expect(explainStep('what did that find?', [], index)).toMatch(/^Nothing has run in this session yet/);
  });
});

describe('a choice asked of the method that made it', () => {
  it('"what threshold value did otsu pick?" asks the step\'s record, whoever the subject', () => {
    for (const q of ['what threshold value did otsu pick?', 'which radius did the watershed use?']) expect(asksWhy(q), q).toBe(true);
    expect(asksWhy('which threshold should otsu pick?')).toBe(false);
  });
});

describe('what to cite', () => {
  const seg: PastResult = { tool: 'segment', args: { movie: 'movie-1' }, ok: true, summary: 'Found.', values: { objects: 96, method: 'otsu' }, artifacts: [] };
  const byModel: PastResult = { tool: 'segment', args: { method: 'model' }, ok: true, summary: 'Found.', values: { objects: 96, method: 'model', modelFolder: 'models/nuclei-unet', modelSha256: 'abc123' }, artifacts: [] };
  const trk: PastResult = { tool: 'track', args: { labels: 'labels-1' }, ok: true, summary: 'Tracked.', values: { tracks: 8 }, artifacts: [] };
  const schemaOf = (tool: string) => (tool === 'track' ? { method: { default: 'lap' } } : {}) as never;
  const index = indexFor(catalogue);
  it('names the references of the method each step ran, from the record, running nothing', () => {
    const said = explainStep('what should I cite for the methods section?', [seg, trk], index, schemaOf) ?? '';
    expect(said).toMatch(/segment \(otsu\): Otsu N \(1979\)/);
    expect(said).toMatch(/track \(lap\): Jaqaman K et al\. \(2008\)/);
    expect(explainStep('can you cite the method for the tracking?', [seg, trk], index, schemaOf)).not.toMatch(/Otsu/);
  });
  it('never cites a published method for our own model, which it names by folder and sha256', () => {
    const said = explainStep('which paper is the segmentation from?', [byModel], index, schemaOf) ?? '';
    expect(said).toMatch(/our own model models\/nuclei-unet \(sha256 abc123\)/);
    expect(said).not.toMatch(/StarDist|Otsu/);
  });
  it('is no question about a reference frame', () => {
    expect(asksCitation('align everything to the first frame as reference')).toBe(false);
    expect(asksCitation('what reference did the drift correction use?')).toBe(false);
    expect(asksCitation('what should I cite?')).toBe(true);
  });
  it('reads "to reference" as the verb when a thing to cite follows, and as the noun when the clause ends on it', () => {
    expect(asksCitation('which paper am I supposed to reference for the tracking part of my thesis?')).toBe(true);
    expect(asksCitation('what publication do I need to reference in my methods?')).toBe(true);
    expect(asksCitation('which paper used the first frame? align it to reference')).toBe(false);
    expect(asksCitation('which papers register the frames to the reference?')).toBe(false);
  });
});

// Stop 35: how a quantity was obtained, asked with an adverb of manner, a missing or moved auxiliary, other
// participles, or a many-word subject of "where did ... come from": an explanation, never a step run again.
describe('how a value was obtained, as people ask it', () => {
  const measured: PastResult[] = [
    ...earlier,
    { tool: 'measure', args: { kind: 'tracks', tracks: 'tracks-1' }, ok: true, summary: 'Measured 6 tracks.', values: { tracks: 6, meanSpeed: 1.2 }, artifacts: [] },
  ];
  it('is a question about how a step got its values', () => {
    for (const q of [
      'How exactly was the speed column derived?',
      'how precisely were the areas obtained?',
      'how you have calculate the speed of the cells?',
      'how you computed the displacement?',
      'where did the cut-off between nucleus and background come from?',
      'where does that number of tracks come from?',
      'how exactly do you measure the area?',
      'how was the linking distance arrived at?',
    ])
      expect(asksWhy(q), q).toBe(true);
    for (const q of ['how fast do the cells move?', 'how many tracks are there?', 'where are the biggest cells?', 'how big is the largest nucleus?']) expect(asksWhy(q), q).toBe(false);
  });
  it('says how the quantity is computed from the tool declaration, the specific sentence first', () => {
    for (const q of ['How exactly was the speed column derived?', 'how you have calculate the speed?', 'how is the speed computed?']) {
      const said = explainStep(q, measured, index)!;
      expect(said, q).toMatch(/^I did not re-run anything\. From the record of measure/);
      expect(said, q).toMatch(/from its declaration: A step's speed is the straight-line distance between a cell's centroids in two consecutive frames/);
    }
    expect(explainStep('how precisely were the areas obtained?', measured, index)).toMatch(/area is its number of pixels times the area of one pixel/);
  });
  it('reads the file, version or name said after the choice as part of it ("which model file ran?"), not a question about the movie file', () => {
    for (const q of ['which model file ran?', 'what network checkpoint actually ran?', 'which method name ran']) expect(asksWhy(q), q).toBe(true);
    expect(asksWhy('which file did you open?')).toBe(false);
  });
});
