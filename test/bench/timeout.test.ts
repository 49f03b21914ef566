import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON, runOnce, runTogether, type Side } from '../../bench/_harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-timeout-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A measured command that outlives any timeout given here: it writes its process id, then waits.
const STUCK = `
import os, sys, time
open(sys.argv[1], 'w').write(str(os.getpid()))
time.sleep(600)
`;
const stuck = (name: string): Side => ({ label: name, command: PYTHON, args: ['-c', STUCK, join(dir, name)] });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True once the process is gone (an ended child is reaped by its wrapper's exit); gives up after ~10 s. */
async function ends(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !alive(pid);
}

/**
 * The process id the command wrote; on a loaded machine the wrapper may end it before it wrote one (then it
 * cannot run on: resolves to undefined), and a command left running writes it later: waits ~10 s for it.
 */
async function pidOf(name: string): Promise<number | undefined> {
  for (let i = 0; i < 200 && !existsSync(join(dir, name)); i++) await new Promise((r) => setTimeout(r, 50));
  return existsSync(join(dir, name)) ? Number(readFileSync(join(dir, name), 'utf8')) : undefined;
}
const gone = async (name: string) => {
  const pid = await pidOf(name);
  return pid === undefined || (await ends(pid));
};

describe('a measurement that runs past its timeout', () => {
  it('fails, and its command does not go on running (runOnce)', async () => {
    expect(() => runOnce(stuck('alone'), 6)).toThrow(/^alone failed/);
    expect(await gone('alone')).toBe(true);
  });

  it('fails, and none of the sides started together goes on running (runTogether)', async () => {
    expect(() => runTogether([stuck('left'), stuck('right')], 6)).toThrow(/failed/);
    expect(await gone('left')).toBe(true);
    expect(await gone('right')).toBe(true);
  });
});
