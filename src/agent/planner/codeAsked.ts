// A request to write a program ("write me a python script to segment cells", "give me an ImageJ macro for this",
// "can you generate code that tracks the nuclei?"): cellpilot runs its own steps and never writes or runs code, so
// nothing runs and the answer says what it does instead (run the step here, or save the session's steps as a
// pipeline that runs again headless). Saving the steps "as a script" is the pipeline's own request, not this.

/** Words that ask for code to be written, with the language or program it is for. */
const CODE_ASKED = /\b(?:write|give|generate|make|create|produce|draft|send|code\s+up)\s+(?:me\s+|us\s+)?(?:up\s+)?(?:a|an|the|some)?\s*(?:(?:quick|simple|small|short|little|working)\s+)?(?:(?:python|matlab|r|java|javascript|julia|bash|shell|groovy|jython|imagej|fiji|napari|cellprofiler|jupyter|ij)\s+)*(?:script|code|program|macro|notebook|function|snippet)s?\b/i;

/** Courtesy and asking words before the request ("hi, could you please", "I'd like you to"). */
const ASKING_ONLY = /^\s*(?:(?:hi|hey|hello|ok(?:ay)?|so|please|pls|kindly|can|could|would|will|you|u|i|we|need|want|wanted|like|'d|to|just|quickly|also)\b[\s,']*)*$/i;

/** The words that ask for code, or undefined (saving the steps "as a script" is a pipeline). */
export function codeAsked(text: string): string | undefined {
  if (/\b(?:save|store|keep|export)\b/i.test(text) || /\bpipeline\b/i.test(text)) return undefined;
  const m = CODE_ASKED.exec(text);
  // (only as the request itself, after courtesy: "segment the cells and write the code you used" runs the segmentation)
  return m && ASKING_ONLY.test(text.slice(0, m.index)) ? m[0] : undefined;
}

/** The one answer: what was not done, and what cellpilot does instead. */
export function codeAskedReply(text: string): string {
  const said = text.trim().replace(/[\s.!?]+$/, '');
  return `I do not write code (scripts, macros or notebooks), so I ran nothing. Not done: "${said.length <= 90 ? said : `${said.slice(0, 87)}...`}". I run the analysis steps here myself (say what to run, e.g. "segment the cells"), and I can save a session's steps as a pipeline that runs again headless on other movies ("save this as a pipeline"; \`cellpilot export snakemake\` writes a Snakefile).`;
}
