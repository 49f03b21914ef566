import { it } from 'vitest';
import { completedFollowUp } from '../../../src/agent/planner/tableAnswers.ts';
it('probe', () => {
  const pairs: [string, string][] = [['how many nuclei per frame on average', 'and the SD?'], ['how many nuclei per frame on average', "what's the SD of that"], ['mean area?', 'whats the median of that'], ['how many cells in frame 10', 'and 20?'], ['how many cells in frame 10', 'and in 20?'], ['mean area in frame 3?', 'and frame 7?'], ['mean track duration?', 'in minutes pls, frames are 5 min apart'], ['mean speed?', 'and the SEM of it?'], ['mean area', 'what about the max for those']];
  for (const [b, q] of pairs) console.log(JSON.stringify(b), '+', JSON.stringify(q), '=>', JSON.stringify(completedFollowUp(q, [b])));
});
