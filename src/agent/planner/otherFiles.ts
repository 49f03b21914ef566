// "run it on all the tif files in this folder", "could the same steps be applied to every one of them?", "do it on every
// tif in the folder pls": the session's steps asked again on OTHER files. The chat works on the movies it holds; a run
// over many files is the saved pipeline run headless (`cellpilot run`, src/agent/batch.ts). So the steps are saved as a
// pipeline (by the tool that declares it produces one) and the answer names the command that runs it on the files, in one
// line; nothing is exported and no step runs again on the movie at hand. With no steps yet, it asks which steps to run.
import type { Conversation } from './conversation.ts';
import { findName, findPaths } from './extract.ts';
import type { Catalogue } from './catalogue.ts';
import { producesOf, selfOf } from './catalogue.ts';
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
const POINTS_BACK = /\b(?:it|this|that|these|those|them|the\s+same(?:\s+[\p{L}-]+)?|same\s+(?:thing|steps?|analysis|pipeline|workflow|processing)|whatever\s+you(?:'ve)?\s+(?:just\s+)?(?:did|done)|what\s+you(?:'ve)?\s+(?:just\s+)?(?:did|done)|(?:the|these|those|this|that|your|my)\s+(?:steps?|analysis|pipeline|workflow|processing|protocol|recipe))\b/iu;
/** "could the same steps be applied to ...", "should get run on ...": the passive form of the same ask. */
const PASSIVE = /\b(?:be|get|gets|got|been|being)\s+(?:run|re-?run|applied|done|redone|repeated|used|re-?used|processed|executed|performed|carried\s+out|treated|handled|analy[sz]ed)\b/i;
const VERB = new RegExp(String.raw`\b${AGAIN_VERB}\b`, 'i');

/** The request asks for the work done so far on other files (many of them, or a folder), without naming a new step. */
export function asksForOtherFiles(text: string): boolean {
  const aFolder = A_FOLDER.test(text) && (/\b(?:all|every|each|whole|entire|rest|other|remaining)\b/i.test(text) || FOLDER_PATH.test(text));
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
  if (!asksForOtherFiles(text)) return undefined;
  // "run the nuclei pipeline on all the files": a saved pipeline named, or a YAML path, is run_pipeline's own request
  if (/\.ya?ml\b/i.test(text) || /\b(?:pipeline|workflow|recipe)\s+(?:called|named)\b/i.test(text)) return undefined;
  const saver = pipelineSaver(catalogue);
  if (!saver) return undefined;
  const ran = [...conversation.earlier, ...conversation.current].filter((r) => r.ok !== false && selfOf(r.tool, catalogue)?.domain !== 'microscope' && producesOf(r.tool, catalogue).length > 0 && r.tool !== saver);
  const made = conversation.artifactsAtStart.filter((a) => a.producedBy && producesOf(a.producedBy, catalogue)[0] !== 'pipeline');
  const folder = [...findPaths(text), (/(?:^|\s)([\w.~-]+(?:\/[\w.~-]+)*\/)(?=\s|$|[,.;!?])/.exec(text) ?? /(\S*\*\.[a-z0-9]{2,4})\b/i.exec(text))?.[1] ?? ''].find((p) => p.endsWith('/') || p.includes('*'));
  const files = folder ? (folder.includes('*') ? folder : `${folder}*.tif`) : 'FOLDER/*.tif';
  if (ran.length === 0 && made.length === 0) {
    return { steps: [], reply: `Which steps should run on every file? Nothing has been analysed in this session yet, so I ran nothing. Tell me the steps on this movie first (e.g. "segment and track the nuclei"); I then save them as a pipeline, and \`cellpilot run pipelines/NAME.yaml ${files} --out results/\` runs it on all the files.` };
  }
  const name = findName(text) ?? nameFromSteps(ran.length ? ran.map((r) => r.tool) : made.map((a) => a.producedBy as string));
  const note = `I can only open files one at a time in this chat, so I ran nothing on the other files: I saved this session's steps as the pipeline "${name}"; run it on every file with \`cellpilot run pipelines/${name}.yaml ${files} --out results/\` (one results folder per movie).`;
  return { steps: [{ tool: saver, args: { name }, clause: text }], notes: [note] };
}
