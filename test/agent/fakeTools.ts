// Small stand-in tools for agent tests: the same names and kinds of arguments as the
// real catalogue, writing tiny files, so the loop, provenance and pipelines are tested
// without image processing.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { defineTool, type ToolSpec } from '../../tools/types.ts';

const movie = z.string().min(1).describe('movie id or path');

function writer(name: string, type: 'movie' | 'labels' | 'tracks' | 'table', values: (args: Record<string, unknown>) => Record<string, unknown>) {
  return async (args: Record<string, unknown>, ctx: Parameters<ToolSpec['run']>[1]) => {
    const input = typeof args.movie === 'string' ? ctx.resolve(args.movie) : undefined;
    const path = ctx.outputPath(`${name}.txt`, args.output as string | undefined);
    writeFileSync(path, `${name} ${JSON.stringify(args)} from ${input ?? ''}\n`);
    for (let i = 1; i <= 4; i++) ctx.progress(i, 4);
    const ref = ctx.addArtifact(type, path, `${name} output`);
    return { summary: `${name} done.`, artifacts: [ref], values: values(args) };
  };
}

export const fakeTools: ToolSpec[] = [
  defineTool({
    name: 'correct_drift',
    description: 'Corrects drift.',
    schema: z.object({ movie, channel: z.union([z.number().int().min(1), z.string()]).optional().describe('channel'), reference: z.enum(['first', 'previous']).default('first').describe('reference frame'), output: z.string().optional().describe('output') }),
    run: writer('correct_drift', 'movie', () => ({ maxDriftPx: 4.25 })),
  }),
  defineTool({
    name: 'denoise',
    description: 'Denoises.',
    schema: z.object({ movie, method: z.enum(['n2v', 'gaussian', 'median']).default('n2v').describe('method'), sigmaPx: z.number().positive().optional().describe('sigma px') }),
    run: writer('denoise', 'movie', () => ({ modelSha256: 'ab'.repeat(32), model: 'n2v-demo' })),
  }),
  defineTool({
    name: 'segment',
    description: 'Segments nuclei.',
    schema: z.object({
      movie,
      channel: z.union([z.number().int().min(1), z.string()]).optional().describe('channel'),
      method: z.enum(['otsu', 'li', 'triangle', 'log', 'stardist']).default('otsu').describe('method'),
      radiusPx: z.number().positive().optional().describe('radius px'),
      frames: z.object({ first: z.number().int().min(1), last: z.number().int().min(1) }).optional().describe('frames'),
    }),
    run: writer('segment', 'labels', () => ({ objects: 31, meanObjectsPerFrame: 30.5 })),
  }),
  defineTool({
    name: 'track',
    description: 'Tracks labels.',
    schema: z.object({ labels: z.string().describe('labels'), maxLinkingDistancePx: z.number().positive().default(15).describe('px'), maxFrameGap: z.number().int().min(0).default(2).describe('frames'), allowSplitting: z.boolean().default(false).describe('divisions') }),
    run: async (args, ctx) => {
      ctx.resolve(args.labels, 'labels');
      const path = ctx.outputPath('tracks.json');
      writeFileSync(path, '{}');
      return { summary: 'Tracked 30 cells.', artifacts: [ctx.addArtifact('tracks', path, 'tracks')], values: { tracks: 30, divisions: args.allowSplitting ? 4 : 0 } };
    },
  }),
  defineTool({
    name: 'detect_divisions',
    description: 'Finds divisions in tracks.',
    schema: z.object({ tracks: z.string().describe('tracks') }),
    run: async (args, ctx) => {
      ctx.resolve(args.tracks, 'tracks');
      return { summary: 'Found 4 divisions.', artifacts: [], values: { divisions: 4 } };
    },
  }),
  defineTool({
    name: 'fail_always',
    description: 'Always fails.',
    schema: z.object({}),
    run: async () => {
      throw new Error('disk full');
    },
  }),
  defineTool({
    name: 'slow',
    description: 'Waits until cancelled.',
    schema: z.object({}),
    run: async (_args, ctx) => {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return { summary: 'slow done', artifacts: [], values: {} };
    },
  }),
];
