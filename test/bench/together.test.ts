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
});
