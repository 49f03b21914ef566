import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { comparisonOf, PYTHON, runTogether, type Side } from '../../bench/_harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-together-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each side writes its own flag file and waits for the other's: only sides running at the same time both finish.
const HANDSHAKE = `
import json, os, sys, time
mine, theirs = sys.argv[1], sys.argv[2]
open(mine, 'w').close()
for _ in range(int(sys.argv[3])):
    if os.path.exists(theirs): break
    time.sleep(0.05)
else:
    sys.exit(3)
print(json.dumps({'seconds': 0.25, 'cpuSeconds': 0.01, 'side': os.path.basename(mine)}))
`;

const side = (mine: string, theirs: string, tries = 400): Side => ({ label: mine, command: PYTHON, args: ['-c', HANDSHAKE, join(dir, mine), join(dir, theirs), String(tries)] });

describe('runTogether', () => {
  it('starts the sides at the same moment and reports each one’s own figures', () => {
    const [a, b] = runTogether([side('a', 'b'), side('b', 'a')]);
    expect(existsSync(join(dir, 'a')) && existsSync(join(dir, 'b'))).toBe(true);
    expect(a.report.side).toBe('a');
    expect(b.report.side).toBe('b');
    expect(a.workS).toBe(0.25);
    expect(a.cpuS).toBeGreaterThan(0);
    expect(a.peakMiB).toBeGreaterThan(1);
    const c = comparisonOf([[a], [b]]);
    expect(c.workS).toEqual([0.25, 0.25]);
  });

  it('names the side that failed', () => {
    expect(() => runTogether([side('c', 'never', 2), { label: 'ok', command: PYTHON, args: ['-c', 'print(1)'] }])).toThrow(/^c failed/);
  });

  // A appends a mark to its file at each start; B ends once A has started `marks` times.
  const COUNTER = `
import json, os, sys, time
path, hang = sys.argv[1], sys.argv[2] == 'hang'
with open(path, 'a') as f: f.write('x')
if hang and os.path.getsize(path) >= 2: time.sleep(600)
print(json.dumps({'seconds': 0.5, 'cpuSeconds': 0.01}))
`;
  const WAITER = `
import json, os, sys, time
for _ in range(int(sys.argv[3])):
    if os.path.exists(sys.argv[1]) and os.path.getsize(sys.argv[1]) >= int(sys.argv[2]): break
    time.sleep(0.01)
else:
    sys.exit(3)
print(json.dumps({'seconds': 2.0, 'cpuSeconds': 0.02}))
`;
  const counter = (name: string, hang = false): Side => ({ label: name, command: PYTHON, args: ['-c', COUNTER, join(dir, name), hang ? 'hang' : 'end'] });
  const waiter = (name: string, marks: number, tries = 2000): Side => ({ label: 'waiter', command: PYTHON, args: ['-c', WAITER, join(dir, name), String(marks), String(tries)] });

  it('starts a side that ended first again while another still runs, and counts each run', () => {
    const [a, b] = runTogether([counter('count'), waiter('count', 3)]);
    expect(a.report.runs).toBeGreaterThanOrEqual(2); // the third may be stopped when B ends
    expect(b.report.runs).toBe(1);
    expect(a.workS).toBe(0.5);
    expect(b.workS).toBe(2.0);
  });

  it('without cover a side that ended is not started again', () => {
    expect(() => runTogether([counter('once'), waiter('once', 2, 50)], 900, false)).toThrow(/^waiter failed/);
  });

  it('stops the runs still going when the last side ends, and does not count them', () => {
    const [a, b] = runTogether([counter('hang', true), waiter('hang', 2)]);
    expect(a.report.runs).toBe(1);
    expect(b.report.runs).toBe(1);
  });
});
