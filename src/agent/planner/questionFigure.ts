// A question followed by a figure asked with nothing named of its own: "how does the number of nuclei change over
// time? show me a graph", "how many nuclei are there per frame? graph that please", "what's the mean area per frame?
// can I see a plot?". The figure is of what the question asks (the count per frame, a time series), so the figure
// step reads the question's own words as its object; the question is answered beside it (brief s39/A2).
import { asksAMeasuredQuantity, isAskedForm } from './tableAnswers.ts';

/** Words that ask for a figure and name nothing to draw ("show me a graph", "plot it", "a chart would be nice"). */
const FIGURE_WORD = /\b(?:graph|plot|chart|figure|curve|visuali[sz]e)\w*\b/i;
const FIGURE_ONLY = /^(?:(?:and|also|then|now|so|ok(?:ay)?|please|pls|plz|kindly|maybe|perhaps|just|can|could|would|will|you|u|me|us|i|we|d|like|love|want|need|to|see|get|have|show|give|make|draw|produce|create|generate|put|together|a|an|the|quick|simple|nice|little|it|that|this|those|them|these|of|for|too|as|well|be|great|good|helpful|useful|thanks|thank|cheers|graph\w*|plot\w*|chart\w*|figures?|curves?|visuali[sz]\w*)\b|'|’|[\s,.!?;:-])+$/i;

/** The question sentence and the figure sentence after it, or undefined when the request is not of that form. */
function questionThenFigure(request: string): { question: string; figure: string } | undefined {
  const sentences = request.trim().split(/(?<=[?.!;])\s+/).filter((s) => s.trim());
  if (sentences.length !== 2) return undefined;
  const [question, figure] = sentences.map((s) => s.trim());
  // (a question of a quantity or a count: "is there drift? plot it" plots the drift its step measures, read as before)
  // (a question of a value, never yes or no: "is there drift? plot it" plots what the correcting step measures, as before)
  if (!/\?\s*$/.test(question) || !isAskedForm(question) || !/\b(?:how|what|what's|which|when)\b/i.test(question) || !(asksAMeasuredQuantity(question) || /\bhow\s+many\b|\bnumber\s+of\b|\bcounts?\b/i.test(question))) return undefined;
  if (!FIGURE_WORD.test(figure) || !FIGURE_ONLY.test(figure)) return undefined;
  return { question, figure };
}

/**
 * The request with the figure drawn of what the question asks: "how does the number of nuclei change over time? show me
 * a graph" → "plot how does the number of nuclei change over time"; undefined when the request is not a question followed
 * by a figure that names nothing of its own.
 */
export function figureOfTheQuestion(request: string): string | undefined {
  const parts = questionThenFigure(request);
  if (!parts) return undefined;
  return `plot ${parts.question.replace(/^(?:(?:and|so|ok(?:ay)?|now|also)[\s,]+)+/i, '').replace(/[\s?]+$/, '')}`;
}
