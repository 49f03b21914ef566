// "What's the SNR?", "how noisy is it?", "signal to background?": a question about the image's
// quality, whose answer is a signal-to-noise (or -background) ratio, never another measured
// value (the objects' mean intensity is brightness, not SNR). No step computes the background's
// mean and spread, so the answer says that the ratio is not measured, what it would take and
// what is at hand, and runs nothing.

/** Words naming an image-quality ratio or the noise itself (not a filter, a simulation setting or a command). */
const QUALITY_WORDS = new RegExp(
  [
    String.raw`\bsnr\b`,
    String.raw`\bs\s*/\s*[nb]\b`,
    String.raw`\bcnr\b`,
    String.raw`\bsignal[\s-]*(?:to|-|/|vs\.?|versus|over)[\s-]*(?:noise|background|bg)\b`,
    String.raw`\bcontrast[\s-]*(?:to|-|/)[\s-]*noise\b`,
    String.raw`\bhow\s+(?:noisy|grainy|clean)\b`,
    String.raw`\b(?:noise|background)\s+(?:level|floor|sd|std|standard deviation)\b`,
    String.raw`\bnoisiness\b`,
    // the quality of the recording itself, a measured quantity's word ("the quality of this movie", "data quality"), never
    // a setting's (segment's quality threshold, a spot's quality score)
    String.raw`(?<!\b(?:segment\w*|track\w*|label\w*|masks?|measure\w*|analysis|results?)\s)\b(?:images?|movies?|data|recordings?|acquisitions?|stacks?|videos?|footage|imaging|pictures?|frames?|dataset|time-?lapse)\s+quality\b(?!\s*(?:threshold|score|cut-?off|filter|value|setting|level|limit))`,
    String.raw`\bquality\s+of\s+(?:the\s+|this\s+|my\s+|our\s+|these\s+|those\s+|that\s+)?(?:(?!segment|track|label|mask|measure|analys|result)[\w-]+\s+)?(?:images?|movies?|data|recordings?|acquisitions?|stacks?|videos?|footage|imaging|pictures?|frames|files?|dataset|time-?lapse)\b`,
    // ("is the image very noisy?", "do the frames look grainy?")
    String.raw`\b(?:is|are|was|were|look|looks|seem|seems)\b[^.?!]{0,30}\b(?:noisy|grainy)\b`,
  ].join('|'),
  'i',
);

/** A command that uses the words (denoise it, simulate with SNR 5, remove the noise), not a question about the movie. */
const COMMAND = /\b(?:denois\w*|simulat\w*|synthetic|generate|reduc\w*|remov\w*|suppress\w*|clean\w*|filter\w*|smooth\w*|subtract\w*|correct\w*|n2v|noise2void|train\w*|improv\w*|fix\w*|sharpen\w*|made|make|get rid)\b|\bsnr\s*(?:of|=|:)?\s*\d/i;

const QUESTION = /\?\s*$|^\s*(?:and\s+|so\s+|ok(?:ay)?,?\s+)?(?:what|what's|whats|how|is|are|does|do|tell me|give me|can you tell|could you tell|any idea)\b/i;

/** True when the words ask for the image's signal-to-noise or signal-to-background, or how noisy it is. */
export function asksImageQuality(text: string): boolean {
  const t = text.trim();
  if (!QUALITY_WORDS.test(t) || COMMAND.test(t)) return false;
  // ("SNR?", "signal to background?": a bare noun phrase asked)
  return QUESTION.test(t) || t.split(/\s+/).length <= 4;
}

/** Which ratio the words ask: against the background or against the noise. */
function ratioAsked(text: string): { name: string; formula: string } {
  if (/\bbackground\b|\bbg\b|\bs\s*\/\s*b\b/i.test(text)) return { name: 'signal-to-background ratio', formula: 'mean signal / mean background' };
  if (/\bcnr\b|\bcontrast\b/i.test(text)) return { name: 'contrast-to-noise ratio', formula: '(mean signal - mean background) / background SD' };
  return { name: 'signal-to-noise ratio (SNR)', formula: '(mean signal - mean background) / background SD' };
}

/**
 * The reply to an image-quality question: the ratio is not measured by any step here, what it is,
 * and what is at hand instead (named as such, never given as the ratio). Undefined when the words ask no such thing.
 */
export function imageQualityReply(text: string): string | undefined {
  if (!asksImageQuality(text)) return undefined;
  const { name, formula } = ratioAsked(text);
  return [
    `I have no measured ${name} for this movie, so I give none: it is ${formula}, and no step here measures the background's mean and standard deviation`,
    ` (\`measure\` reports each object's own intensity - mean, median, min, max and SD inside the object - which is brightness, not a ${name.replace(/ \(SNR\)$/, '')}).`,
    ' I ran nothing. To judge the noise by eye, ask for a denoised copy ("denoise it") and compare, or measure the objects and compare their intensity with a background region in Fiji.',
  ].join('');
}
