import { beforeAll, test } from 'vitest';
import { loadAcquisitionWords, catalogue } from '../agent/planner/planOffline.ts';
import { indexFor } from '../../src/agent/planner/toolIndex.ts';
beforeAll(loadAcquisitionWords);
test('probe', async () => {
  const m = await import('../../src/agent/planner/matcher.ts');
  console.log(Object.keys(m));
});
