// The pipelines shipped in pipelines/: each loads, and the setting the README and `cellpilot run --help` show
// (--set segment_method=li) is one they take; left alone it is the segment tool's own default, so results do not move.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRunValues, loadPipeline } from '../../src/agent/pipeline.ts';
import { TOOLS } from '../../tools/index.ts';

const DIR = resolve(import.meta.dirname, '..', '..', 'pipelines');
const SHIPPED = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

describe('shipped pipelines', () => {
  it('are there to test', () => {
    expect(SHIPPED.length).toBeGreaterThan(0);
  });

  for (const file of SHIPPED) {
    it(`${file}: --set segment_method changes its segment step, whose default is the tool's own`, () => {
      const pipeline = loadPipeline(join(DIR, file));
      const segment = pipeline.steps.find((s) => s.tool === 'segment');
      expect(segment, `${file} has a segment step`).toBeDefined();
      expect(segment!.args.method).toBe('${params.segment_method}');
      const schema = TOOLS.find((t) => t.name === 'segment')!.schema;
      expect(pipeline.parameters?.segment_method?.value).toBe(schema.parse({ movie: 'm.tif' }).method);
      expect(() => checkRunValues(pipeline, { segment_method: 'li' }, TOOLS)).not.toThrow();
      expect(() => checkRunValues(pipeline, { segment_method: 'stardist' }, TOOLS)).toThrow(/segment_method=stardist: segment: argument "method" must be one of/);
    });
  }
});
