import { it } from 'vitest';
import { statedCalibration, findQuantities } from '../../src/agent/planner/quantities.ts';
import { withoutToldCalibration } from '../../src/agent/planner/askedUnits.ts';
it('q', () => {
  for (const r of ['the interval is 2 minutes', 'the interval is 2 mins']) console.log(r, '=>', JSON.stringify(statedCalibration(r)), JSON.stringify(withoutToldCalibration(r)), JSON.stringify(findQuantities(r)));
});
