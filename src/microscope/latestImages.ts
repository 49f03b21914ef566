// The latest image of each position and channel of a running acquisition: what "zoom into
// cell N" numbers cells from, and what the status shows.
import { segmentNuclei, type Nucleus } from './measures.ts';
import type { Snapshot } from './microscope.ts';

export class LatestImages {
  private readonly byKey = new Map<string, Snapshot>();

  set(position: string, channel: string, snapshot: Snapshot): void {
    this.byKey.set(`${position}\u0000${channel}`, snapshot);
  }

  /** The latest image of a position, in `preferred` channel when there is one; grid fields ("<position>_r<row>c<column>") count as the position. */
  image(position: string, preferred: string): Snapshot | undefined {
    const entries = [...this.byKey.entries()].filter(([k]) => k.startsWith(`${position}\u0000`) || k.startsWith(`${position}_r`));
    return this.byKey.get(`${position}\u0000${preferred}`) ?? entries.find(([k]) => k.endsWith(`\u0000${preferred}`))?.[1] ?? entries[0]?.[1];
  }

  /** The latest image of a position in each channel (a grid's first field when the position is tiled), in the order first seen. */
  all(position: string): Snapshot[] {
    const byChannel = new Map<string, Snapshot>();
    for (const [k, snapshot] of this.byKey) {
      if (!(k.startsWith(`${position}\u0000`) || k.startsWith(`${position}_r`))) continue;
      const exact = k.startsWith(`${position}\u0000`);
      if (!byChannel.has(snapshot.channel) || exact) byChannel.set(snapshot.channel, snapshot);
    }
    return [...byChannel.values()];
  }

  /** The nuclei of that image, numbered as "zoom into cell N" numbers them. */
  cells(position: string, preferred: string): { position: string; channel: string; cells: Nucleus[] } {
    const snapshot = this.image(position, preferred);
    if (!snapshot) return { position, channel: '', cells: [] };
    return { position, channel: snapshot.channel, cells: segmentNuclei(snapshot.data, snapshot.widthPx, snapshot.heightPx, snapshot.pixelSizeUm).nuclei };
  }
}
