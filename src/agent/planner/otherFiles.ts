// "run it on all the tif files in this folder", "could the same steps be applied to every one of them?", "do it on every
// tif in the folder pls": the session's steps asked again on OTHER files. The chat works on the movies it holds; a run
// over many files is the saved pipeline run headless (`cellpilot run`, src/agent/batch.ts). So the steps are saved as a
// pipeline (by the tool that declares it produces one) and the answer names the command that runs it on the files, in one
// line; nothing is exported and no step runs again on the movie at hand. With no steps yet, it asks which steps to run.
import { asksForACluster, withoutClusterWords } from '../snakemake.ts';
import { buildArgs } from './builders.ts';
import type { Conversation } from './conversation.ts';
import { findName, findPaths } from './extract.ts';
import type { Catalogue } from './catalogue.ts';
import { producesOf, selfOf, writesCopies } from './catalogue.ts';
import { indexFor } from './toolIndex.ts';
import type { Plan } from './types.ts';

/** Verbs that ask for earlier work again, without naming a step of their own. */
const AGAIN_VERB = String.raw`(?:run|re-?run|apply|do|redo|repeat|use|re-?use|process|execute|perform|carry\s+out|batch|treat|handle|analy[sz]e)`;
/** Many files, a folder of them, or the rest of them. */
const MANY = String.raw`(?:all|every|each|any|the\s+other|the\s+remaining|the\s+rest\s+of|every\s+single|each\s+and\s+every|every\s+one\s+of|each\s+one\s+of|all\s+of)`;
const FILE_NOUN = String.raw`(?:files?|stacks?|movies?|videos?|recordings?|datasets?|data\s*sets?|acquisitions?|positions?|wells?|fields?|fovs?|tiff?s?|ome-?tiff?s?|czis?|nd2s?|lifs?|\.?tiff?\s+files?|one\s+of\s+them|others|ones)`;
const MANY_FILES = new RegExp(String.raw`\b${MANY}\s+(?:of\s+)?(?:the\s+|my\s+|our\s+|these\s+|those\s+|this\s+|that\s+)?(?:other\s+|remaining\s+|similar\s+|same\s+|\*?\.?[a-z0-9]{2,4}\s+)?${FILE_NOUN}\b`, 'i');
/** "the whole folder", "the entire directory", "in this folder", "data/run3/", "*.tif". */
const A_FOLDER = /\b(?:(?:the\s+)?(?:whole|entire)\s+(?:folder|directory|dir|batch|plate|experiment)|(?:in|from|of|inside)\s+(?:this|the|that|my|our|same)\s+(?:same\s+)?(?:folder|directory|dir))\b|(?:^|\s)[\w.~-]+(?:\/[\w.~-]+)*\/(?=\s|$|[,.;!?])|\*\.[a-z0-9]{2,4}\b/i;
/** A folder or a set of files by its path: "data/run3/", "raw/*.tif". */
const FOLDER_PATH = /(?:^|\s)[\w.~-]+(?:\/[\w.~-]+)*\/(?=\s|$|[,.;!?])|\*\.[a-z0-9]{2,4}\b/i;
/** Work already done, pointed at: "it", "the same steps", "whatever you just did". */
const POINTS_BACK = /\b(?:it|this|that|these|those|them|the\s+same(?:\s+[\p{L}-]+)?|same\s+(?:thing|steps?|analysis|pipeline|workflow|processing)|whatever\s+(?:you|we)(?:'ve)?\s+(?:just\s+)?(?:did|done)|what\s+(?:you|we)(?:'ve)?\s+(?:just\s+|have\s+|had\s+)?(?:did|done)|(?:the|these|those|this|that|your|my)\s+(?:steps?|analysis|pipeline|workflow|processing|protocol|recipe))\b/iu;
/** "could the same steps be applied to ...", "should get run on ...": the passive form of the same ask. */
const PASSIVE = /\b(?:be|get|gets|got|been|being)\s+(?:run|re-?run|applied|done|redone|repeated|used|re-?used|processed|executed|performed|carried\s+out|treated|handled|analy[sz]ed)\b/i;
const VERB = new RegExp(String.raw`\b${AGAIN_VERB}\b`, 'i');
/**
 * Everything in a folder named by its path ("everything in /data/exp3", "all of it under ~/scans/day4", "every file in
 * data/plate4"): the folder, with or without its closing slash (a path whose last part has no file extension).
 */
const EVERYTHING_IN = /\b(?:everything|all(?:\s+of\s+(?:it|them))?|the\s+lot|(?:each|every)\s+(?:file|movie|stack|one))\s+(?:that's\s+|that\s+is\s+)?(?:in|under|inside|from|within)\s+(?:the\s+(?:folder|directory|dir)\s+)?((?:~|\.{1,2})?\/?[\w.~-]+(?:\/[\w~-]+)*\/?)(?=\s|$|[,;!?]|\.(?:\s|$))/i;
/** The folder of an EVERYTHING_IN, with its closing slash; undefined when the words name no folder path ("in it"). */
function everythingIn(text: string): string | undefined {
  const path = EVERYTHING_IN.exec(text)?.[1];
  if (!path || !path.includes('/')) return undefined;
  return path.endsWith('/') ? path : `${path}/`;
}
/** A folder path after "in" / "under" ("in /data/exp3", "under ~/scans/day4"): a path with a slash whose last part has no extension. */
const IN_FOLDER = /\b(?:in|under|inside|from|within|over|across)\s+(?:the\s+(?:folder|directory|dir)\s+)?((?:~|\.{1,2})?\/?[\w.~-]+(?:\/[\w~-]+)+)\/?(?=\s|$|[,;!?]|\.(?:\s|$))/i;
/** A folder by its closing slash ("data/run3/", "/data/exp3/"), or files by a wildcard ("raw/*.tif"). */
const SLASHED_FOLDER = /(?:^|\s)((?:~|\.{1,2})?\/?[\w.~-]+(?:\/[\w.~-]+)*\/)(?=\s|$|[,.;!?])/;
const WILDCARD = /(\S*\*\.[a-z0-9]{2,4})\b/i;

/** The folder (with its closing slash) or the wildcard of files the words name; undefined when none. */
function folderNamed(text: string): string | undefined {
  const inFolder = IN_FOLDER.exec(text)?.[1];
  // ("in px/frame", "in µm/min": a unit of a rate, no folder)
  if (inFolder && /^(?:[nµμu]?m|mm|px|pixels?|microns?)(?:\^?[23]|²|³)?\/\w+$/i.test(inFolder)) return everythingIn(text) ?? WILDCARD.exec(text)?.[1] ?? SLASHED_FOLDER.exec(text)?.[1];
  return everythingIn(text) ?? WILDCARD.exec(text)?.[1] ?? SLASHED_FOLDER.exec(text)?.[1] ?? (inFolder ? `${inFolder}/` : undefined);
}

/** Files for the batch command: the wildcard named, or every tif of the folder named. */
function filesOf(folder: string | undefined): string {
  return folder ? (folder.includes('*') ? folder : `${folder}*.tif`) : 'FOLDER/*.tif';
}

/** Words asking to make or keep a pipeline ("make that a pipeline called X and run it on ..."). */
const MAKES = /\b(?:make|save|store|keep|turn|create|build|package)\b/i;

/** The request asks for the work done so far on other files (many of them, or a folder), without naming a new step. */
export function asksForOtherFiles(text: string): boolean {
  const aFolder = (A_FOLDER.test(text) && (/\b(?:all|every|each|whole|entire|rest|other|remaining)\b/i.test(text) || FOLDER_PATH.test(text))) || everythingIn(text) !== undefined || (IN_FOLDER.test(text) && folderNamed(text) !== undefined);
  if (!MANY_FILES.test(text) && !aFolder) return false;
  // "split the movie into files" or "export every frame" are no runs over files; a verb asking for work again must be said
  if (!VERB.test(text) && !PASSIVE.test(text)) return false;
  return POINTS_BACK.test(text);
}

/** The tool that saves the session's steps as a pipeline: the one that produces a pipeline and reads nothing. */
function pipelineSaver(catalogue: Catalogue): string | undefined {
  return [...catalogue.keys()].find((t) => producesOf(t, catalogue)[0] === 'pipeline' && (selfOf(t, catalogue)?.consumes ?? []).length === 0);
}

/** A pipeline name from the steps that ran ("subtract-segment"), when the person gave none. */
function nameFromSteps(tools: string[]): string {
  const words = [...new Set(tools.map((t) => t.split('_')[0].toLowerCase()))].slice(0, 4);
  return words.length ? `${words.join('-')}-batch` : 'batch';
}

/** The plan for a run over other files: the steps saved as a pipeline and the command named, or a question back. */
export function otherFilesPlan(conversation: Conversation, catalogue: Catalogue): Plan | undefined {
  const text = conversation.request;
  // "run nuclei-v2 on all the movies in data/plate4/": a pipeline named, on many files, is the batch command's, said (nothing run)
  const named = namedPipelineOnManyFiles(conversation);
  if (named) return { steps: [], reply: named };
  const saver = pipelineSaver(catalogue);
  // "export it for snakemake", "can I run this on the cluster?": the steps saved with a Snakefile, by the saver's own reader
  const cluster = saver !== undefined && asksForTheCluster(text, saver, catalogue);
  if (!cluster && !asksForOtherFiles(text)) return undefined;
  // "run the nuclei pipeline on all the files": a saved pipeline named, or a YAML path, is run_pipeline's own request
  // (unless it asks to make that pipeline first: "make that a pipeline called nuclei-v2 and run it on all the files in /data/exp3/")
  if (!cluster && !MAKES.test(text) && (/\.ya?ml\b/i.test(text) || /\b(?:pipeline|workflow|recipe)\s+(?:called|named)\b/i.test(text))) return undefined;
  if (!saver) return undefined;
  const ran = [...conversation.earlier, ...conversation.current].filter((r) => r.ok !== false && selfOf(r.tool, catalogue)?.domain !== 'microscope' && producesOf(r.tool, catalogue).length > 0 && r.tool !== saver);
  const made = conversation.artifactsAtStart.filter((a) => a.producedBy && producesOf(a.producedBy, catalogue)[0] !== 'pipeline');
  const files = filesOf(folderNamed(text));
  if (ran.length === 0 && made.length === 0) {
    return { steps: [], reply: `Which steps should run on ${cluster ? 'the cluster' : 'every file'}? Nothing has been analysed in this session yet, so I ran nothing. Tell me the steps on this movie first (e.g. "segment and track the nuclei"); I then save them as a pipeline, and ${cluster ? '`cellpilot export snakemake pipelines/NAME.yaml > Snakefile` writes the Snakefile that runs it once per movie with Snakemake' : `\`cellpilot run pipelines/NAME.yaml ${files} --out results/\` runs it on all the files`}.` };
  }
  const name = findName(text) ?? nameFromSteps(ran.length ? ran.map((r) => r.tool) : made.map((a) => a.producedBy as string));
  if (cluster) {
    // (the saver's own reader says what it writes for the cluster, and the line the answer says of it)
    const { $note, ...args } = buildArgs(saver, { clause: text, text, conversation, catalogue });
    const notes = [`I saved this session's steps as the pipeline "${name}".`, ...(typeof $note === 'string' ? [$note] : [])];
    return { steps: [{ tool: saver, args: { ...args, name }, clause: text }], notes };
  }
  const note = `I can only open files one at a time in this chat, so I ran nothing on the other files: I saved this session's steps as the pipeline "${name}"; run it on every file with \`cellpilot run pipelines/${name}.yaml ${files} --out results/\` (one results folder per movie).`;
  return { steps: [{ tool: saver, args: { name }, clause: text }], notes: [note] };
}

/**
 * The request asks for the work done so far on a cluster or with Snakemake, naming no step of its own beside it: the
 * words left once the cluster's are out name only the saver, a tool that writes copies (an export), the one that runs a
 * pipeline, or advice ("segment the nuclei and export it for snakemake" plans the segmentation as said).
 */
function asksForTheCluster(text: string, saver: string, catalogue: Catalogue): boolean {
  if (!asksForACluster(text)) return false;
  const others = indexFor(catalogue).match(withoutClusterWords(text)).filter((m) => !m.byArgument).map((m) => m.tool);
  return others.every((t) => t === saver || writesCopies(t, catalogue) || 'pipeline' in (catalogue.get(t)?.properties ?? {}) || selfOf(t, catalogue)?.role === 'advice');
}

/**
 * A pipeline named by its file, its name, or the name of one saved in this session ("run nuclei-v2 on all the movies in
 * data/plate4/", "apply pipelines/seg.yaml to every tif in raw/"), asked on many files or a folder: the chat opens one
 * movie at a time, so the answer names the command that runs it on them (`cellpilot run`), and nothing is run. Undefined
 * when no pipeline is named or no many files are.
 */
function namedPipelineOnManyFiles(conversation: Conversation): string | undefined {
  const text = conversation.request;
  if (MAKES.test(text)) return undefined;
  const folderPath = folderNamed(text);
  const many = MANY_FILES.test(text) || folderPath !== undefined || (A_FOLDER.test(text) && /\b(?:all|every|each|whole|entire|rest|other|remaining)\b/i.test(text));
  if (!many || !(VERB.test(text) || PASSIVE.test(text))) return undefined;
  const yaml = findPaths(text).find((p) => /\.ya?ml$/i.test(p));
  const saved = conversation.artifactsAtStart.filter((a) => a.type === 'pipeline').map((a) => /\bpipeline\s+([\w-]+)/i.exec(a.description ?? '')?.[1]).filter((n): n is string => !!n);
  const name = yaml
    ?? /\b(?:pipeline|workflow|recipe)\s+(?:called|named)\s+["'`]?([a-z0-9][\w-]*)/i.exec(text)?.[1]
    ?? saved.find((n) => new RegExp(String.raw`(?<![\w-])${n.replace(/[-]/g, '\\-')}(?![\w-])`, 'i').test(text))
    ?? /\b(?:run|apply|use|re-?use|execute)\s+(?:the\s+|my\s+|our\s+)?(?:saved\s+)?["'`]?([a-z0-9][\w-]*)["'`]?\s+(?:pipeline|workflow|recipe)\b/i.exec(text)?.[1];
  if (!name || /^(?:it|this|that|the|same|saved|whole|entire)$/i.test(name)) return undefined;
  const path = /\.ya?ml$/i.test(name) ? name : `pipelines/${name.toLowerCase()}.yaml`;
  const files = filesOf(folderPath);
  return `I ran nothing on those files: the chat opens one movie at a time. Run the pipeline on every file with \`cellpilot run ${path} ${files} --out results/\` (one results folder per movie, and a summary.csv of them all)${folderPath ? '' : '; put the folder of the movies in place of FOLDER'}.`;
}
