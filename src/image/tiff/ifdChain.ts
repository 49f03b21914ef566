// The chain of image file directories of one TIFF file, walked lazily: IFD k is found by
// following next-pointers from the last one known, so a huge file costs only the IFDs
// asked for. Recently parsed IFDs are kept for the plane reads that follow.
import { InputError } from '../../errors.ts';
import type { Ifd, TiffFile } from './tiffFile.ts';

const CACHE = 64;

export class IfdChain {
  private offsets: number[];
  private readonly seen: Set<number>;
  private readonly cache = new Map<number, Ifd>();
  private nextAfterLast: number;
  private walk: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: TiffFile,
    /** The first IFD, as parsed when the file was opened. */
    readonly first: Ifd,
  ) {
    const ifd0 = first;
    this.offsets = [ifd0.offset];
    this.seen = new Set(this.offsets);
    this.nextAfterLast = ifd0.nextOffset;
    this.cache.set(ifd0.offset, ifd0);
  }

  /** Uses a complete, already walked list of page offsets. */
  setOffsets(offsets: number[]): void {
    this.offsets = offsets;
    this.nextAfterLast = 0;
  }

  /** IFD number `index` (0-based); `what` names the plane in errors. Walks are serialised. */
  ifd(index: number, what: string): Promise<Ifd> {
    const result = this.walk.then(async () => {
      while (this.offsets.length <= index) {
        const next = this.nextAfterLast;
        if (next <= 0) {
          throw new InputError(`${this.file.path} is truncated or corrupted: ${what} should be image ${index + 1} but the file has only ${this.offsets.length} images`);
        }
        if (this.seen.has(next)) throw new InputError(`${this.file.path} is corrupted: its image directories form a loop`);
        this.file.checkRange(next, 2, `image directory ${this.offsets.length + 1}`);
        const ifd = await this.file.readIfd(next);
        this.offsets.push(next);
        this.seen.add(next);
        this.remember(ifd);
        this.nextAfterLast = ifd.nextOffset;
      }
      const offset = this.offsets[index];
      return this.cache.get(offset) ?? this.remember(await this.file.readIfd(offset));
    });
    this.walk = result.catch(() => {});
    return result;
  }

  private remember(ifd: Ifd): Ifd {
    this.cache.set(ifd.offset, ifd);
    if (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value!);
    return ifd;
  }
}
