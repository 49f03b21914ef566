// "what file types can you read?", "does it open .czi files from ZEN?", "can it read nd2 or lif files?": a question whether
// cellpilot opens a kind of file, asked of cellpilot. It is answered from the opening tool's own declaration (its
// `readsFiles`: the kinds it opens, their endings, what to do with another kind), nothing run. Before this such a question
// described the open movie's header (movie_info's "file type" result), as if it were asked of that file.
import { type Catalogue, selfOf } from './catalogue.ts';
import { findChannels } from './extract.ts';
import { isEverydayWord } from './english.ts';
import { isStopWord } from './words.ts';

/** Verbs of opening a file. */
const OPENING = String.raw`(?:read|open|load|import|handle|support|accept|take|understand|work\s+with|deal\s+with|cope\s+with)`;
/** Asked of cellpilot: "can you read", "does it open", "will cellpilot load", "is it able to import". */
const ASKED_OF_ME = new RegExp(String.raw`\b(?:(?:can|could|do|does|will|would)\s+(?:you|u|it|cellpilot|this(?:\s+(?:tool|thing|software|app|program))?|the\s+(?:tool|software|app|program))|(?:are\s+you|is\s+it|is\s+cellpilot)\s+able\s+to)\s+(?:also\s+|even\s+|actually\s+)?${OPENING}\b`, 'i');
/** "how do I open a .czi file?", "how can I load my nd2 data?": how to open a kind of file is whether it is opened, and how. */
const HOW_TO_OPEN = new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question|also)[,!\s]+)*how\s+(?:do|can|could|should|would)\s+(?:i|we|one)\s+(?:best\s+)?${OPENING}\b`, 'i');
/** "what file types can you read?", "which formats are supported?", "what can you open?". */
const WHICH_KINDS = new RegExp(String.raw`^\s*(?:(?:so|and|hey|hi|ok(?:ay)?|quick\s+question|also)[,!\s]+)*(?:what|which)\s+(?:(?:other\s+)?(?:kinds?|types?|sorts?)\s+of\s+)?(?:image\s+|movie\s+|file\s+|microscopy\s+)?(?:files?|formats?|file\s*types?|types?|kinds?|extensions?)?\s*(?:(?:can|could|do|does|will)\s+(?:you|u|it|cellpilot|this\s+\w+|the\s+\w+)\s+(?:also\s+)?${OPENING}|(?:are\s+you|is\s+it|is\s+cellpilot)\s+able\s+to\s+${OPENING}|(?:are|is)\s+(?:supported|readable|accepted))\b`, 'i');
/** The question's own words, never a kind of file: its verbs and subjects. */
const OWN_WORD = new RegExp(String.raw`^(?:${OPENING}|you|u|it|cellpilot|can|could|do|does|will|would|open|also|even)$`, 'i');
/** What is said of a kind of file: "X files", "X format", "X stacks", ".x". */
const FILE_NOUN = /^(?:files?|formats?|stacks?|hyperstacks?|images?|movies?|data|datasets?|exports?)$/i;

const squash = (s: string) => s.toLowerCase().replace(/[^a-z\d]/g, '');

/** The kinds of file a question names: ".czi", "nd2 or lif files", "CZI", "OME-TIFF", "tiff stacks" (`endings`: those read). */
function kindsNamed(text: string, endings: Set<string>): string[] {
  const kinds = new Set<string>();
  for (const m of text.matchAll(/(?<![\w/])\.(ome\.tiff?|[a-z][a-z\d]{1,4})\b/gi)) kinds.add(m[1].toLowerCase());
  // (an ending's shape: a letter, then up to four letters or digits; never a channel, "the GFP images", nor "3D", "16-bit")
  // (nor the question's own words: its verb, "load", its subject, "you", an everyday word, "lab")
  const endingLike = (w: string) => (/^[A-Za-z][A-Za-z\d]{1,4}$/.test(w) || /^ome-?tiff?$/i.test(w)) && !isStopWord(w.toLowerCase()) && findChannels(w).length === 0
    && !OWN_WORD.test(w) && !(w === w.toLowerCase() && isEverydayWord(w));
  const words = [...text.matchAll(/[\p{L}\d][\p{L}\d.-]*/gu)].map((m) => m[0].replace(/\.$/, ''));
  words.forEach((noun, i) => {
    if (!FILE_NOUN.test(noun)) return;
    // the words before the noun, back over "or", "and" ("nd2, lif or czi files"): in capitals or with a digit ("CZI
    // images", "nd2 data"), or in lower case before "files" or "format" ("czi files"), or an ending read ("tiff stacks")
    for (let j = i - 1; j >= 0; j -= 1) {
      const before = words[j];
      if (/^(?:or|and)$/i.test(before)) continue;
      const written = /\d/.test(before) || /^[A-Z][A-Z\d-]+$/.test(before) || (/^[a-z]+$/.test(before) && /^(?:files?|formats?)$/i.test(noun)) || endings.has(squash(before));
      if (!endingLike(before) || !written) break;
      kinds.add(before.toLowerCase());
    }
  });
  // a name in capitals with a letter ("CZI", "ND2", "LIF"), never a channel ("GFP")
  // (never the program a file comes from or is opened in, "files from ZEN", "exported by NIS")
  for (const m of text.matchAll(/(?<![\w.-])([A-Z][A-Z\d]{1,4}(?:-[A-Z]{2,4})?)(?![\w.-])/g)) {
    if (/\b(?:from|in|by|with|using|via|of)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, (m.index ?? 0) - 12), m.index))) continue;
    if ((m[1].length > 2 && endingLike(m[1])) || /-/.test(m[1])) kinds.add(m[1].toLowerCase());
  }
  return [...kinds];
}

/** The answer to a question whether cellpilot opens a kind of file, or undefined when the request is no such question. */
export function readableFilesAnswer(text: string, catalogue: Catalogue): string | undefined {
  const plain = text.replace(/\s+/g, ' ').trim();
  const listing = WHICH_KINDS.test(plain);
  if (!listing && !ASKED_OF_ME.test(plain) && !HOW_TO_OPEN.test(plain)) return undefined;
  const opener = [...catalogue.keys()].find((tool) => selfOf(tool, catalogue)?.readsFiles);
  const reads = opener ? selfOf(opener, catalogue)?.readsFiles : undefined;
  if (!opener || !reads) return undefined;
  const endings = new Set(reads.endings.map(squash));
  const kinds = listing ? [] : kindsNamed(plain, endings);
  // ("how do I load my movie?": no file named, how to open one, with the kinds opened)
  if (!listing && kinds.length === 0 && HOW_TO_OPEN.test(plain) && !/[\\/]|\w\.\w{2,5}\b/.test(plain)) {
    return `Say "load" and the file's path (e.g. "load ~/data/cells.tif"), or start the chat with it: \`cellpilot chat cells.tif\`. \`${opener}\` opens ${reads.formats.join(', ')} (from its declaration; nothing was run).`;
  }
  // ("can you open my movie?", "can you read the metadata?": no kind of file named, no list asked, not this question)
  if (!listing && kinds.length === 0) return undefined;
  const read = kinds.filter((k) => endings.has(squash(k)));
  const notRead = kinds.filter((k) => !endings.has(squash(k)));
  const what = `\`${opener}\` opens ${reads.formats.join(', ')} (from its declaration; nothing was run)`;
  if (kinds.length === 0) return `${what.replace(/^./, (c) => c.toUpperCase())}. Any other kind of file: ${reads.otherwise}.`;
  const parts: string[] = [];
  if (notRead.length) parts.push(`No, ${notRead.map((k) => `.${k}`).join(' and ')} ${notRead.length > 1 ? 'files are' : 'files are'} not read here: ${reads.otherwise}.`);
  if (read.length) parts.push(`${notRead.length ? 'But' : 'Yes:'} ${read.map((k) => `.${k}`).join(' and ')} ${read.length > 1 ? 'are' : 'is'} read.`);
  return `${parts.join(' ')} ${what}.`;
}
