// The lines a throw-away session (an eval case's, `durable: false`, removed with its folder) appends to its transcript and
// artifact index, written through descriptors kept open until the session is closed: an appendFileSync opens and closes
// the file for each line, and opening a file is most of what a line costs on a busy disk. What is written is in the file
// at once, as before (the same file, opened for appending: a reader or another appender of it sees every line in order).
import { closeSync, openSync, writeSync } from 'node:fs';

export class KeptAppends {
  private readonly open = new Map<string, number>();

  append(path: string, text: string): void {
    let fd = this.open.get(path);
    if (fd === undefined) this.open.set(path, (fd = openSync(path, 'a')));
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  }

  /** Closes the files; a later append opens its file again. */
  close(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}
