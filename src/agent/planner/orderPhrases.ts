// "once the drift correction is done, track the nuclei", "segment with otsu once the bleach correction is finished",
// "following background subtraction, segment the cells", "following denoising, threshold them": a step named as a noun
// (or a bare gerund) after a word of time that puts it first is said as "after <step>", the order word the clause grammar
// reads (clauses.ts AFTER). Before, "finished" was read as stopping the acquisition, and "following" as tracking.

/** A step said as a noun: the nominalised forms (correction, subtraction, segmentation, denoising, removal, alignment). */
const STEP_NOUN = String.raw`(?:the\s+|a\s+|any\s+)?(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?:tion|sion|ment|ing|al)`;
/** Words of the run itself: "once the acquisition is done" is the microscope's time, never a step's. */
const THE_RUN = /\b(?:acquisition|imaging|recording|run|experiment|time-?lapse|movie|session)\b/i;

export function withOrderPhrasesAsAfter(text: string): string {
  return text
    .replace(new RegExp(String.raw`\b(?:once|when|as\s+soon\s+as)\s+(${STEP_NOUN})\s+(?:is|are|has\s+been|have\s+been|['’]s)\s+(?:done|finished|complete(?:d)?|over|through|applied)\b`, 'giu'), (m, noun: string) => (THE_RUN.test(noun) ? m : `after ${noun}`))
    // ("following denoising, ...", "following drift and bleach correction": never "following the cells", tracking's own word)
    .replace(new RegExp(String.raw`(^|[,;.:]\s*|\b(?:and|then|but)\s+)following\s+(?=(?:[\p{L}-]+(?:tion|sion|ment|ing|al)\b|[\p{L}-]+\s+(?:and\s+[\p{L}-]+\s+)?(?:correction|subtraction|removal|registration|alignment|normali[sz]ation)\b))`, 'giu'), '$1after ');
}
