// Reading a movie larger than the page cache can keep with direct I/O (O_DIRECT): the disk
// writes the pixels straight into an aligned buffer, and the kernel neither copies them nor
// adds them to its page cache, which such a movie would only flush others' data from before
// being evicted itself. Through the cache, the system time of a cold read is most of a big
// projection's CPU (4.06 GiB at load 16-21: 3.9-6.3 s system against 0.7 s user), and on a
// loaded machine the read waits for that CPU: dd of the same file from a dropped cache,
// 8 MiB reads, 20-26 s wall / 2.7-3.5 s system buffered against 3.9-5.1 s / 0.13 s direct.
// Fast readers of large arrays do the same (fio, databases, kvikio's POSIX path).
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { totalmem } from 'node:os';
import { PAGE_BYTES, wasm } from '../wasmModule.ts';

/** File offsets, lengths and buffer addresses of direct reads are multiples of this (a page: every Linux block size divides it). */
export const DIRECT_ALIGN_BYTES = 4096;

/** Reads shorter than this go through the page cache (image directories, tags, small strips). */
export const DIRECT_MIN_READ_BYTES = 1 << 20;

/** Largest direct read per call, the bounce buffer's size: an 8 MiB plane (2048² uint16) at any offset in one read. */
const BOUNCE_BYTES = (8 << 20) + PAGE_BYTES;

/**
 * Whether a file of `bytes` is read with direct I/O: when it is more than an eighth of the
 * machine's memory (a file that size rarely stays cached between commands on a machine that
 * does other work). CELLPILOT_DIRECT_IO=1 or 0 forces it on or off.
 */
export function wantsDirectIo(bytes: number, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CELLPILOT_DIRECT_IO === '1') return true;
  if (env.CELLPILOT_DIRECT_IO === '0') return false;
  return bytes > machineBytes() / 8;
}

let memoryBytes: number | undefined;

/** The machine's memory, read once per process: os.totalmem() reads /proc/meminfo at every call (a frame series opens each file twice). */
function machineBytes(): number {
  return (memoryBytes ??= totalmem());
}

/**
 * A second, O_DIRECT descriptor of a file and an aligned bounce buffer (WebAssembly memory
 * starts on a page boundary; a Buffer's address has no such promise). read() fills a target
 * from any offset and length by reading the aligned range around it; it returns false, and
 * the caller reads through the cache, where the file system refuses direct I/O (tmpfs, some
 * network file systems): then this reader stays off.
 */
export class DirectReader {
  private fd: number | undefined;
  private bounce: Uint8Array | undefined;
  private failed = false;

  constructor(
    readonly path: string,
    readonly size: number,
  ) {}

  /** Reads [offset, offset + target.length) into target; false when direct I/O is not available here. */
  read(target: Uint8Array, offset: number): boolean {
    if (this.failed || !('O_DIRECT' in constants)) return false;
    try {
      const fd = (this.fd ??= openSync(this.path, constants.O_RDONLY | constants.O_DIRECT));
      // The copy out of it costs user time (4.06 GiB: ~1 s), less than the cache's system time it saves.
      const bounce = (this.bounce ??= new Uint8Array(new wasm.Memory({ initial: BOUNCE_BYTES / PAGE_BYTES }).buffer));
      let done = 0;
      while (done < target.length) {
        const at = offset + done;
        const start = at - (at % DIRECT_ALIGN_BYTES);
        const skip = at - start;
        const want = Math.min(BOUNCE_BYTES, roundUp(skip + target.length - done));
        const got = readAligned(fd, bounce, want, start);
        const take = Math.min(got - skip, target.length - done);
        if (take <= 0) return this.fail(); // the file ends early: let the buffered read report it
        target.set(bounce.subarray(skip, skip + take), done);
        done += take;
      }
      return true;
    } catch {
      return this.fail();
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
    }
    this.fd = undefined;
    this.bounce = undefined;
  }

  private fail(): false {
    this.failed = true;
    this.close();
    return false;
  }
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / DIRECT_ALIGN_BYTES) * DIRECT_ALIGN_BYTES;
}

/** Reads up to `want` (aligned) bytes at aligned `start`; fewer only at the end of the file. */
function readAligned(fd: number, bounce: Uint8Array, want: number, start: number): number {
  let got = 0;
  while (got < want) {
    const n = readSync(fd, bounce, got, want - got, start + got);
    if (n === 0) break;
    got += n;
    // a short read that is not block-aligned is the end of the file
    if (got % DIRECT_ALIGN_BYTES !== 0) break;
  }
  return got;
}
