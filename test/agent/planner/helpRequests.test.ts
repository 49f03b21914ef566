// Asking for help in general words plans the help tool (which answers how to use cellpilot), never a refusal.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAcquisitionWords, toolsOf } from './planOffline.ts';

beforeAll(loadAcquisitionWords);

describe('general pleas for help', () => {
  for (const request of ['help', 'help me', 'how do I use this?', 'what can I ask you', 'how does this work?']) {
    it(`plans help alone: ${request}`, () => expect(toolsOf(request)).toEqual(['help']));
  }
});
