import { it } from 'vitest';
import { asksWhy } from '../../../src/agent/planner/explanations.ts';
it('probe', () => {
  for (const q of ['why did it miss that nucleus?', 'why did the tracking lose cell 4?', 'why were two nuclei merged?', 'why is cell 3 split in two?', 'why are there so many tracks?', 'why did you drop frame 5?', 'why did it find so few cells?', 'why has it merged these two?', 'why does the segmentation miss the dim ones', 'how come some cells are not detected?', 'why so few divisions?', 'why are some nuclei cut in half?', 'what minimum size did you keep?', 'what was the min area cutoff?', 'why is the count so low in frame 1?'])
    console.log(JSON.stringify(q), asksWhy(q));
});
