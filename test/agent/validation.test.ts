// Validation messages a person can act on: an object-typed argument given in another
// form gets an example of the expected form, built from the tool's schema.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findTool } from '../../src/agent/allTools.ts';
import { defineTool } from '../../tools/types.ts';
import { validateArgs } from '../../src/agent/validation.ts';

const error = (tool: string, args: Record<string, unknown>) => {
  const checked = validateArgs(findTool(tool)!, args);
  return checked.ok ? '' : checked.error;
};

describe('validation messages', () => {
  it('shows a frame range given as a list in the expected form, with the user\'s numbers', () => {
    const message = error('segment', { movie: 'movie-1', frames: [30, 40] });
    expect(message).toContain('"frames" must be {"first": 30, "last": 40}');
    expect(message).toMatch(/1-based and inclusive/);
    expect(message).toContain('got [30,40]');
    expect(message).not.toContain('\n');
  });

  it('falls back to an example from the schema when the numbers do not fit', () => {
    expect(error('segment', { movie: 'movie-1', frames: 30 })).toContain('"frames" must be {"first": 1, "last": 1}');
    // 0 is not a 1-based frame: the example shows the minimum instead
    expect(error('segment', { movie: 'movie-1', frames: [0, 40] })).toContain('{"first": 1, "last": 40}');
  });

  it('builds examples for any object-typed field (enums, booleans, strings)', () => {
    const tool = defineTool({
      name: 'probe',
      description: 'test tool',
      schema: z.object({ box: z.object({ mode: z.enum(['fast', 'slow']), on: z.boolean(), name: z.string() }).optional() }),
      async run() {
        return { summary: '', artifacts: [], values: {} };
      },
    });
    const checked = validateArgs(tool, { box: 'fast' });
    expect(checked.ok ? '' : checked.error).toBe('probe: argument "box" must be {"mode": "fast", "on": true, "name": "..."}, got "fast"');
  });

  it('keeps the other messages as they were', () => {
    expect(error('segment', { movie: 'movie-1', frames: { first: 3 } })).toContain('argument "frames.last" is required');
  });
});
