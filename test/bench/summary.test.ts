import { describe, expect, it } from 'vitest';
import { loadScaledTimeout, type SummaryRow } from '../../bench/_harness.ts';
import { CRITERIA, goalHolds, goalThreshold, summaryLines } from '../../bench/_summary.ts';

const row = (extra: Partial<SummaryRow>): SummaryRow => ({ work: 'some work', ours: '1 s', peer: '2 s', ratio: 2, goal: '>= 1.0', load: 3, ...extra });

describe('a goal read from its words', () => {
  it('takes the least ratio of a ">= N" goal, with or without a note after it', () => {
    expect(goalThreshold('>= 1.2')).toBe(1.2);
    expect(goalThreshold('>= 0.87 (within 1.15x)')).toBe(0.87);
    expect(goalThreshold(' >=1 (bounded, < 500 MB)')).toBe(1);
  });

  it('has no threshold for goals that are not a ratio', () => {
    expect(goalThreshold('info')).toBeUndefined();
    expect(goalThreshold('< 50 ms')).toBeUndefined();
  });
});

describe('whether a row holds its goal', () => {
  it('holds when the first run and the rerun both reach it', () => {
    expect(goalHolds(row({ ratio: 1.3, rerun: 1.25, goal: '>= 1.2' }))).toEqual({ text: 'yes', fails: false });
  });

  it('says which run missed it when only one did', () => {
    expect(goalHolds(row({ ratio: 1.3, rerun: 1.1, goal: '>= 1.2' }))).toEqual({ text: 'first run only', fails: true });
    expect(goalHolds(row({ ratio: 1.1, rerun: 1.3, goal: '>= 1.2' }))).toEqual({ text: 'rerun only', fails: true });
  });

  it('fails when neither run reaches it, and says when there was no rerun', () => {
    expect(goalHolds(row({ ratio: 0.7, rerun: 0.8 }))).toEqual({ text: 'no', fails: true });
    expect(goalHolds(row({ ratio: 0.7 }))).toEqual({ text: 'no (measured once)', fails: true });
    expect(goalHolds(row({ ratio: 1.7 }))).toEqual({ text: 'yes (measured once)', fails: false });
  });

  it('is not applicable without a ratio or a ratio goal', () => {
    expect(goalHolds(row({ ratio: null })).text).toBe('n/a');
    expect(goalHolds(row({ goal: 'info' })).text).toBe('n/a');
  });
});

describe('the summary table', () => {
  const rows = [
    { area: 'drift', row: row({ work: 'drift two', criterion: 'drift-2' as const, ratio: 1.5, rerun: 1.4, goal: '>= 1.2' }) },
    { area: 'track', row: row({ work: 'dense small', criterion: 'dense-linking' as const, ratio: 0.8, rerun: 1.0 }) },
    { area: 'pipeline', row: row({ work: 'whole analysis', ratio: 1.4, rerun: 1.45, goal: '>= 1.2' }) },
  ];
  const lines = summaryLines(rows, ['image']);

  it('prints every criterion of the issue, in its order, with a line for each that no row measured', () => {
    const criterionLines = lines.filter((l) => CRITERIA.some((c) => l.startsWith(`| ${c.text} |`)));
    expect(criterionLines.map((l) => CRITERIA.findIndex((c) => l.startsWith(`| ${c.text} |`)))).toEqual(CRITERIA.map((_, i) => i));
    const missing = lines.find((l) => l.startsWith('| TIFF read+write'))!;
    expect(missing).toContain('not measured (failed areas: image)');
  });

  it('puts the goal and whether it holds beside each figure, then the rows of no criterion', () => {
    expect(lines.find((l) => l.includes('drift two'))).toMatch(/\| 1\.50 \| 1\.40 \(-7%\) \|.*\| >= 1\.2 \| yes \| 3\.0 \|$/);
    expect(lines.find((l) => l.includes('dense small'))).toContain('| **rerun only** |');
    expect(lines.findIndex((l) => l.includes('whole analysis'))).toBeGreaterThan(lines.findIndex((l) => l.startsWith('| memory bounded')));
  });

  it('ends with the rerun check and the criteria left unmet or unmeasured', () => {
    expect(lines.at(-2)).toContain('2 of 3 rows; outside: dense small');
    expect(lines.at(-1)).toMatch(/^done-when criteria: 2 of 10 measured; rows not meeting their goal in both runs: dense small \(rerun only\); not measured: TIFF read\+write/);
  });
});

describe('the time a measured run may take', () => {
  it('is the base limit on a machine with a core free per runnable job', () => {
    expect(loadScaledTimeout(900, 0.5, 2)).toBe(900);
    expect(loadScaledTimeout(900, 2, 2)).toBe(900);
  });

  it('stretches with the load per core, as a working run gets its share of the cores', () => {
    expect(loadScaledTimeout(900, 38, 2)).toBe(900 * 19);
    expect(loadScaledTimeout(60, 8, 4)).toBe(120);
  });

  it('is whole seconds, as a child process timeout must be an integer of milliseconds', () => {
    expect(loadScaledTimeout(900, 8.97, 2)).toBe(4037);
  });
});
