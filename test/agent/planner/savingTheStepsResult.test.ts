// "Save it", "export it", "write it out", "keep the result" after a step that makes a movie writes THAT movie: no
// segmentation, tracking or measurement is added to make something else to write. The requests are made from each
// movie-making tool's own declared examples, so a new tool is covered without a word here.
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../../../src/agent/allTools.ts';
import { catalogue, loadAcquisitionWords, plan, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const SAYINGS = ['and then save it', ', then export it', 'and keep the result'];

/** The step writes its own movie: a yes/no argument named for writing, on by default and not turned off. */
function writesItself(tool: string, args: Record<string, unknown>): boolean {
  const properties = catalogue.get(tool)?.properties ?? {};
  return Object.keys(properties).some((k) => /^write/.test(k) && args[k] !== false);
}

const movieMakers = ALL_TOOLS.filter((t) => t.produces?.length && t.produces.every((p) => p === 'movie' || p === 'table') && t.produces[0] === 'movie' && t.consumes?.includes('movie') && t.examples?.length && t.domain !== 'microscope');

describe('saving what the step before made', () => {
  it('has movie-making tools to ask about', () => expect(movieMakers.length).toBeGreaterThan(5));
  for (const tool of movieMakers) {
    it(`writes the movie ${tool.name} made and adds no other step`, () => {
      const example = tool.examples![0].replace(/[.?!]$/, '');
      const alone = toolsOf(example);
      for (const saying of SAYINGS) {
        const request = `${example} ${saying}`.replace(' ,', ',');
        const p = plan(request);
        const tools = p.steps.map((s) => s.tool);
        const last = p.steps.at(-1)!;
        if (tools.length === alone.length && last.tool === tool.name) {
          // (a step that writes its movie by itself, "correct the drift and write it out", has saved it)
          expect(writesItself(tool.name, last.args), request).toBe(true);
          continue;
        }
        expect(tools, request).toEqual([...alone, 'export']);
        const input = last.args.movie as { mode?: string; producers?: string[] } | undefined;
        expect(input, `${request}: the export writes a movie`).toBeDefined();
        expect(input!.mode === 'chain' || input!.producers?.includes(tool.name), request).toBe(true);
        for (const other of ['tracks', 'labels', 'table']) expect(last.args[other], `${request}: no ${other} written`).toBeUndefined();
      }
    });
  }

  it('still writes the masks when the step before made masks', () => {
    const p = plan('segment the nuclei and save it');
    expect(p.steps.map((s) => s.tool)).toEqual(['segment', 'export']);
    expect(p.steps[1].args.labels).toBeDefined();
  });
});
