// Set up for every unit file that shares a thread with others (vitest.config.ts, project `planner-shared`):
// the file must leave process.env as it found it, or a later file in the same process would run
// under its settings. A file that leaves a change fails here, naming the variables.
import { afterAll, expect } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  const names = new Set([...Object.keys(before), ...Object.keys(process.env)]);
  const changed = [...names].filter((n) => before[n] !== process.env[n]).sort();
  expect(changed, 'environment variables this file left changed').toEqual([]);
});
