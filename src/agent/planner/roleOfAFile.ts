// A file named by what it is for, other than the data to analyse: "using my measured PSF psf_488.tif", "with the flat-field
// image flat.tif", "my classifier.model", "the dark frame dark.tif". It is no movie to run a step on (segment ran on the PSF):
// the steps run on the movie, and the file, which no tool takes, is left to be named.

/** Names of what a file is for, none of them the recording analysed. */
const ROLE = /\b(?:psfs?|point[\s-]spread[\s-]functions?|kernels?|flat[\s-]?fields?|flat[\s-]?field\s+images?|dark[\s-](?:frames?|images?|fields?)|background\s+images?|classifiers?|weights|templates?|beads?\s+(?:images?|stacks?))\s*(?:(?:file|image|stack|called|named|is|at|from|in|=|:)\s*)*$/i;

/** Whether the path is said right after a name of what it is for (within the few words before it), other than the data. */
export function fileOfAnotherRole(text: string, path: string): boolean {
  const at = text.indexOf(path);
  if (at < 0) return false;
  return ROLE.test(text.slice(Math.max(0, at - 40), at).replace(/["'`(]\s*$/, ''));
}
