import { it } from 'vitest';
import { findQuantities } from '../../src/agent/planner/quantities.ts';
it('q', () => { console.log(JSON.stringify(findQuantities('track the cells over the first 10 frames'))); });
