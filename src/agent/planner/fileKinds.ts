// Files people ask for by their kind ("a gif of the corrected stack", "an mp4 for the lab meeting", "a pdf of the plot"):
// a kind that no tool's format choice offers is never guessed at by another tool's output (an export of a table, a plot
// of one); the clause makes no step and one line of the answer names it with the formats the tools do write.
import { allowedValues, type Catalogue, selfOf } from './catalogue.ts';

/** Kinds of file by their usual name or extension (animations, pictures, vector figures, documents, tables, arrays, containers). */
const FILE_KIND = /\b(?<!geo[\s-])(gif|mp4|avi|mov|mkv|webm|wmv|mpe?g|pdf|jpe?g|bmp|pptx?|powerpoint|keynote|svg|eps|xlsx?|tsv|txt|hdf5|h5|zarr|n5|json|mat|npy|npz|parquet|feather|nwb|ims|nd2|czi|lif|oib)s?\b/gi;

/** The kinds of file a catalogue's tools write, read once per catalogue (every clause of every request asks). */
const OFFERED = new WeakMap<Catalogue, { formats: string[]; declared: string[] }>();

function offeredBy(catalogue: Catalogue): { formats: string[]; declared: string[] } {
  let offered = OFFERED.get(catalogue);
  if (!offered) OFFERED.set(catalogue, (offered = { formats: formatsOfferedNow(catalogue), declared: fileKindsDeclaredNow(catalogue) }));
  return offered;
}

/** The file kinds every tool's `format` choice offers (tiff, png, csv ...). */
export function formatsOffered(catalogue: Catalogue): string[] {
  return [...offeredBy(catalogue).formats];
}

function formatsOfferedNow(catalogue: Catalogue): string[] {
  const out = new Set<string>();
  for (const info of catalogue.values()) {
    const p = info.properties?.format;
    if (p) for (const v of allowedValues(p)) out.add(String(v).toLowerCase());
  }
  return [...out];
}

/**
 * The file kinds a tool declares among its own words or value words (plot's movie: "gif", "mp4"): that tool makes what
 * stands for one (the frames as PNG pictures) or declines, and its own line names the kind either way.
 */
export function fileKindsDeclared(catalogue: Catalogue): string[] {
  return [...offeredBy(catalogue).declared];
}

function fileKindsDeclaredNow(catalogue: Catalogue): string[] {
  const out = new Set<string>();
  for (const name of catalogue.keys()) {
    const self = selfOf(name, catalogue);
    for (const w of [...(self?.words ?? []), ...Object.values(self?.valueWords ?? {}).flatMap((v) => Object.values(v).flat())]) {
      for (const m of w.matchAll(FILE_KIND)) if (m[0].length === w.length) out.add(m[1].toLowerCase());
    }
  }
  return [...out];
}

/** Where the text names a kind of file that no tool writes ("gif" in "a gif of the corrected stack"). */
export function unwrittenFileKinds(text: string, catalogue: Catalogue): { word: string; start: number; end: number }[] {
  const offered = new Set([...formatsOffered(catalogue), ...fileKindsDeclared(catalogue)]);
  const same = (w: string) => (w === 'jpg' ? 'jpeg' : w === 'mpg' ? 'mpeg' : w);
  // (an extension keeps its dot as written: ".mat", ".ims")
  return [...text.matchAll(FILE_KIND)].filter((m) => !offered.has(same(m[1].toLowerCase()))).map((m) => ({ word: m[1], start: m.index - (text[m.index - 1] === '.' ? 1 : 0), end: m.index + m[0].length }));
}

/** The line that names the kinds of file asked for that no tool writes, with the formats there are; undefined when none. */
export function unwrittenFileLine(request: string, catalogue: Catalogue, said: string): string | undefined {
  const kinds = unwrittenFileKinds(request, catalogue).filter((k) => !new RegExp(`\\b${k.word}\\b`, 'i').test(said));
  if (kinds.length === 0) return undefined;
  const names = [...new Set(kinds.map((k) => k.word.toUpperCase()))];
  const writers = [...catalogue.values()].filter((info) => info.properties?.format && allowedValues(info.properties.format).length > 0)
    .map((info) => `\`${info.name}\`: ${allowedValues(info.properties.format).join(', ')}`);
  const asked = [...new Set(kinds.map((k) => request.slice(k.start, k.end)))].map((w) => `"${w}"`).join(', ');
  return `Not done: ${asked} — no tool here writes ${names.length > 1 ? 'those files' : `${names[0]} files`}, so nothing was made for it${writers.length ? ` (the formats I write: ${writers.join('; ')})` : ''}.`;
}
