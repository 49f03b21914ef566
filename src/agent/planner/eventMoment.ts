// A frame said as the moment something happened in the experiment (stop 50, helper G): "the drug went in at frame 4",
// "treatment was added at frame 12", "after the wash-out at timepoint 20". That frame dates an event; it is no frame range
// for a step to run on ("segment and track the nuclei, the drug went in at frame 4" segments the whole movie), and no
// microscope timing. The readers of frame ranges blank it; a question of a change at it is changeAtAFrame.ts's.

/** What happened, just before "at frame N": a verb in the past ("went in", "was added", "treated"), or an event as a noun ("addition", "treatment", "wash-out"). */
const HAPPENED = String.raw`(?:(?:went|came|got|was|were|been)(?:\s+(?:in|on|out|off|added|applied))?|[a-z]{3,}ed(?:\s+(?:in|on|out|off))?|[a-z]{3,}(?:tion|ment)|wash-?(?:out|in)|spike-?in)`;
const EVENT_AT_FRAME = new RegExp(String.raw`\b${HAPPENED}\s+(?:at|on)\s+(?:the\s+)?(?:frame|time ?point|timepoint)\s*#?\d+\b(?!\s*(?:-|–|to|through|until|and)\s*\d)`, 'gi');

/** The frames said as when something happened, as written ("went in at frame 4"). */
export function eventMoments(text: string): string[] {
  return [...text.matchAll(EVENT_AT_FRAME)].map((m) => m[0]);
}

/** The text with each frame said as when something happened blanked (same length), for the readers of frame ranges. */
export function withoutEventMoments(text: string): string {
  return text.replace(EVENT_AT_FRAME, (m) => m.replace(/[^\s]/g, '_'));
}
