// Shared helpers for the image tests: Python (tifffile) availability and the real data folder.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Movie, PlaneData } from '../../src/image/index.ts';

export const PYTHON = '/usr/bin/python3';
export const DATA_DIR = fileURLToPath(new URL('../../../shared/data', import.meta.url));
export const HAVE_DATA = existsSync(DATA_DIR);

export function havePython(modules: string[]): boolean {
  try {
    execFileSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

export function runPython(args: string[], input?: string): string {
  return execFileSync(PYTHON, args, { encoding: 'utf8', timeout: 120_000, input });
}

/** All planes of a movie concatenated in T,Z,C order as little-endian bytes. */
export async function movieBytes(m: Movie): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let t = 0; t < m.shape.t; t++)
    for (let z = 0; z < m.shape.z; z++)
      for (let c = 0; c < m.shape.c; c++) {
        const p: PlaneData = await m.plane(t, z, c);
        parts.push(Buffer.from(p.buffer, p.byteOffset, p.byteLength));
      }
  return Buffer.concat(parts);
}
