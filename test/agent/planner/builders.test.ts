// A step's arguments: the generic reading (channel, frames, output where the schema has
// them) with the tool's own `fromRequest` over it, declared in the tool's definition alone.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { clauseForTool } from '../../../src/agent/planner/builders.ts';
import { catalogueFromTools } from '../../../src/agent/planner/catalogue.ts';
import { nextAction } from '../../../src/agent/planner/planner.ts';
import { defineTool, type RequestClause, type ToolSpec } from '../../../tools/types.ts';
import { loadAcquisitionWords, plan } from './planOffline.ts';

// declared here and nowhere else: its words, its schema and its own argument reader
const countFoci = defineTool({
  name: 'count_foci',
  summary: 'Counts DNA-damage foci in each nucleus.',
  words: ['foci', 'focus count', 'puncta', 'gamma-h2ax'],
  examples: ['count the foci', 'how many puncta per nucleus?'],
  consumes: ['movie'],
  produces: ['table'],
  results: { fociPerNucleus: { about: 'mean foci per nucleus', unit: '' } },
  description: 'Counts foci (small bright spots) per nucleus in every frame.',
  schema: z.object({
    movie: z.string().describe('The movie'),
    channel: z.union([z.number().int(), z.string()]).optional().describe('Channel of the foci marker'),
    detector: z.enum(['log', 'dog']).default('log').describe('Spot detector'),
    spotRadiusPx: z.number().positive().optional().describe('Radius of a focus, px'),
    region: z.enum(['nucleus', 'cytoplasm']).default('nucleus').describe('Where foci are counted'),
  }),
  valueWords: { detector: { log: ['laplacian of gaussian'], dog: ['difference of gaussians'] } },
  fromRequest: (c: RequestClause) => {
    // words no schema can say: "outside the nucleus" is the cytoplasm
    const args: Record<string, unknown> = { detector: c.read.value('detector') };
    if (/\boutside (?:the )?nucle/i.test(c.text)) args.region = 'cytoplasm';
    const size = c.read.quantity(['length', 'count'], /radius|size/);
    if (size) args.spotRadiusPx = size.value;
    if (/\bevery channel\b|\ball channels\b/i.test(c.text)) args.channel = undefined;
    if (/\bin 3-?d\b/i.test(c.text)) args.$ask = 'count_foci works on 2D planes: shall I use a maximum projection?';
    else args.$note = 'Foci were counted with the default spot threshold.';
    return args;
  },
  async run() {
    return { summary: 'counted', artifacts: [], values: {} };
  },
}) as unknown as ToolSpec;

const catalogue = catalogueFromTools([...ALL_TOOLS, countFoci]);
const conversation = (request: string) => ({ request, artifactsAtStart: [{ id: 'movie-1', type: 'movie' }], earlier: [], current: [], earlierRequests: [] });

describe('tool-owned argument readers', () => {
  it('a tool declared in one file reads its own arguments, over the generic channel', async () => {
    await loadAcquisitionWords();
    const action = nextAction(conversation('count the foci outside the nucleus in channel 2 with a difference of gaussians, radius of 3 px'), catalogue);
    expect(action).toEqual({ kind: 'call', tool: 'count_foci', args: { movie: 'movie-1', channel: 2, detector: 'dog', region: 'cytoplasm', spotRadiusPx: 3 } });
    // an argument the reader sets to undefined is left unset, whatever the generic reading found
    const all = nextAction(conversation('count the foci in every channel of the GFP movie'), catalogue);
    expect(all.kind).toBe('call');
    expect(all.kind === 'call' && all.args.channel).toBeUndefined();
  });

  it("the reader's question is asked instead of running anything", async () => {
    await loadAcquisitionWords();
    expect(nextAction(conversation('count the foci in 3D'), catalogue)).toEqual({ kind: 'answer', text: 'count_foci works on 2D planes: shall I use a maximum projection?' });
  });

  it('lends generic readers bound to the step: enum values through the tool\'s words, numbers by role, negation', () => {
    const c = clauseForTool('count_foci', 'count foci with the laplacian of gaussian, spot size 4, but do not bother with divisions', {}, catalogue);
    expect(c.read.value('detector')).toBe('log');
    expect(c.read.quantity(['count', 'length'], /size/)?.value).toBe(4);
    expect(c.read.saysNot(/divisions/)).toBe(true);
    expect(c.read.saysNot(/foci/)).toBe(false);
    expect(clauseForTool('track', 'track them, the cells move up to 8 px').read.quantity(['length'], /move/)?.value).toBe(8);
  });

  it('a stage move with no place it can read is asked about, never made to somewhere guessed', () => {
    const move = ALL_TOOLS.find((t) => t.name === 'move_stage')!;
    expect(move.fromRequest!(clauseForTool('move_stage', 'go to well B3')).$ask).toMatch(/well B3 .*no plate layout/);
    expect(move.fromRequest!(clauseForTool('move_stage', 'move the stage over there')).$ask).toMatch(/^Where should the stage go\?/);
    expect(move.fromRequest!(clauseForTool('move_stage', 'move the stage to x=100, y=200'))).toEqual({ xUm: 100, yUm: 200 });
  });

  it('the agent keeps no table of tools by name in the argument reading, the planner, the acquisition language, pipelines or the eval runner', () => {
    const names = ALL_TOOLS.map((t) => t.name);
    // the only quoted names left, each with its reason
    const allowed: Record<string, string[]> = {
      // 'help' is also an eval case's `use` category (analysis, acquisition, help, ...), not the tool
      'src/agent/evals.ts': ['help'],
      // 'denoise' is also a topic of the method notes (prompts/methods/denoise.md) that help searches
      'src/agent/agentTools.ts': ['denoise'],
      // 'plot' is also an artifact type (a pipeline input's type)
      'src/agent/pipeline.ts': ['plot'],
      // ... and the kind of file "where are the plots?" asks for (explanations.ts NOUN_TYPES: artifact types)
      'src/agent/planner/explanations.ts': ['plot'],
      // 'help' is also a notice's tone in the chat, and the /help command
      'src/ui/App.tsx': ['help'],
      'src/ui/state.ts': ['help'],
      'src/ui/slash.ts': ['help'],
      'src/ui/components/Item.tsx': ['help'],
    };
    const language = ['adjustments.ts', 'index.ts', 'requests.ts', 'route.ts', 'rules.ts', 'space.ts', 'words.ts'].map((f) => `src/agent/acquisitionLanguage/${f}`);
    // the chat finds tools by what they declare (role, carriesOut, appliesToLaterSteps, produces, truth) too
    const ui = ['src/ui', 'src/ui/components'].flatMap((dir) => readdirSync(new URL(`../../../${dir}`, import.meta.url)).filter((f) => /\.(?:ts|tsx|mjs)$/.test(f) && !f.endsWith('.d.mts')).map((f) => `${dir}/${f}`));
    const files = ['builders.ts', 'catalogue.ts', 'lexicon.ts', 'microscopeLanguage.ts', 'planner.ts', 'answers.ts', 'explanations.ts'].map((f) => `src/agent/planner/${f}`).concat('src/agent/evals.ts', 'src/agent/agentTools.ts', 'src/agent/pipeline.ts', ...language, ...ui);
    for (const file of files) {
      // comments may name a tool as an example, and a file that defines a tool names it once, in its declaration; code may not
      const source = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8').replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*name: '[a-z_]+',$/gm, '');
      const quoted = names.filter((n) => source.includes(`'${n}'`) || source.includes(`"${n}"`) || new RegExp(`\\b${n}\\s*:`).test(source));
      expect(quoted, file).toEqual(allowed[file] ?? []);
    }
  });
});

describe('a file name goes to the step that writes that kind of file', () => {
  it('"as a csv called intensity.csv" is the measurement\'s table, not the corrected movie', async () => {
    await loadAcquisitionWords();
    const { plan } = await import('./planOffline.ts');
    const steps = plan('bleach-correct with a simple ratio method, then give me the mean intensity per frame as a csv called intensity.csv', [{ id: 'movie-1', type: 'movie', frames: 48 }]).steps;
    expect(steps.find((s) => s.tool === 'correct_bleach')?.args.output).toBeUndefined();
    expect(steps.find((s) => s.tool === 'measure')?.args.output).toBe('intensity.csv');
    expect(plan('correct the drift and save it as corrected.tif').steps[0].args.output).toBe('corrected.tif');
  });
});

describe('a pixel size told in the words is no length of another step', () => {
  it('"(pixel size 0.8 um)" after "moved the furthest" sets no linking distance; a tool that takes a pixel size keeps it', async () => {
    await loadAcquisitionWords();
    const { argsOf } = await import('./planOffline.ts');
    expect(argsOf('track the cells and tell me which one moved the furthest (pixel size 0.8 um)', 'track').maxLinkingDistancePx).toBeUndefined();
    expect(argsOf('track the cells and tell me which one moved the furthest (pixel size 0.8 um)', 'set_calibration').pixelSizeUm).toBe(0.8);
    expect(argsOf('track the nuclei, they move at most 12 px per frame, pixel size 0.8 um', 'track').maxLinkingDistancePx).toBe(12);
  });
});

describe('the channel the masks were made on', () => {
  beforeAll(loadAcquisitionWords);
  it('is the segmenting step\'s, never the channel a step reading the masks measures', () => {
    const steps = plan('measure the mean GFP intensity inside each nucleus segmented on DAPI').steps;
    expect(steps.find((s) => s.tool === 'segment')?.args.channel).toBe('DAPI');
    expect(steps.find((s) => s.tool === 'measure')?.args.channel).toBe('GFP');
    const other = plan('quantify GFP in nuclei detected in the Hoechst channel');
    expect(other.steps.find((s) => s.tool === 'measure')?.args.channel).toBe('GFP');
    expect((other.notes ?? []).join(' ')).not.toMatch(/Not applied: "Hoechst"/);
  });
});
