// A question asked after the steps reads their results: it adds no second run of a step said before it, and one frame it
// names is the answer's scope, never a restriction of a step that needs several frames (planner.ts, frameScope.ts).
import { beforeAll, describe, expect, test } from 'vitest';
import { loadAcquisitionWords, plan } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

const steps = ['segment the nuclei and track them', 'find the nuclei, then follow them over time', 'segment and track the cells'];
const perFrame = ['how many nuclei are there in each frame?', 'how many cells per frame?', 'tell me the number of nuclei in every frame'];
const oneFrame = (n: number) => [`how many nuclei are in frame ${n}?`, `tell me how many cells there are in frame ${n}`];

describe('a question after the steps', () => {
  for (const said of steps) {
    for (const asked of perFrame) {
      test(`"${said}; ${asked}" runs each step once`, () => {
        const p = plan(`${said}; ${asked}`);
        expect(p.steps.filter((s) => s.tool === 'segment')).toHaveLength(1);
        expect(p.steps.map((s) => s.tool)).toContain('track');
        expect(p.question).toBeTruthy();
      });
    }
    for (const asked of oneFrame(3)) {
      test(`"${said}, ${asked}" tracks every frame`, () => {
        const p = plan(`${said}, ${asked}`);
        expect(p.steps.find((s) => s.tool === 'segment')?.args.frames).toBeUndefined();
        expect(p.steps.map((s) => s.tool)).toContain('track');
      });
    }
  }

  test('frames said for the steps still restrict them', () => {
    const p = plan('segment the nuclei in frames 3 to 9 and track them; how many per frame?');
    expect(p.steps.find((s) => s.tool === 'segment')?.args.frames).toEqual({ first: 3, last: 9 });
  });
});

describe('objects bright or dark, said of another thing', () => {
  test('dark cells between bright membranes are dark objects', () => {
    const p = plan('segment the cells; bright membranes, dark cells');
    expect(p.steps[0].args.objects).toBe('dark');
    expect((p.notes ?? []).join(' ')).not.toMatch(/Not applied: "bright"/);
  });
  test('a bright background makes the objects dark', () => {
    expect(plan('segment the nuclei, the background is quite bright').steps[0].args.objects).toBe('dark');
  });
});
