// A quantity asked "of each channel", "per channel", "in both channels" is answered for every channel the table has,
// side by side with its unit, never for channel 1 alone; a count asked per frame lists the frames by number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTableCsv } from '../../../src/analysis/table.ts';
import type { Conversation } from '../../../src/agent/planner/conversation.ts';
import { answerFromTable, readQuestion } from '../../../src/agent/planner/tableAnswers.ts';

const dir = mkdtempSync(join(tmpdir(), 'every-channel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 2 frames, 3 objects; channel 1 near 100, channel 2 near 400, channel 3 near 50
const path = join(dir, 'objects.csv');
writeTableCsv(path, {
  columns: ['label', 't', 'area_px', 'mean_intensity_c1', 'mean_intensity_c2', 'mean_intensity_c3'],
  rows: [
    { label: 1, t: 0, area_px: 40, mean_intensity_c1: 90, mean_intensity_c2: 390, mean_intensity_c3: 50 },
    { label: 2, t: 0, area_px: 50, mean_intensity_c1: 110, mean_intensity_c2: 410, mean_intensity_c3: 50 },
    { label: 1, t: 1, area_px: 45, mean_intensity_c1: 100, mean_intensity_c2: 400, mean_intensity_c3: 50 },
  ],
});
const conversation: Conversation = {
  request: '',
  artifactsAtStart: [{ id: 'table-1', type: 'table', producedBy: 'measure', path }],
  earlier: [{ tool: 'measure', args: { kind: 'objects' }, ok: true, summary: '', values: {}, artifacts: [{ id: 'table-1', type: 'table' }] }],
  current: [],
  earlierRequests: [],
};

describe('a quantity asked of every channel', () => {
  for (const q of ['what is the mean intensity of each channel?', 'average brightness per channel?', 'how bright is it in every channel?', 'mean signal across all channels?', 'give me the intensity channel by channel?']) {
    it(`answers each channel with its unit: ${q}`, () => {
      expect(readQuestion(q).everyChannel).toBe(true);
      const answer = answerFromTable(q, conversation) ?? '';
      for (const [c, v] of [[1, '100'], [2, '400'], [3, '50']]) expect(answer, q).toMatch(new RegExp(`channel ${c} mean intensity = ${v} grey levels`));
    });
  }

  it('keeps one channel named to that channel', () => {
    expect(readQuestion('mean intensity in channel 2?').everyChannel).toBeUndefined();
    expect(answerFromTable('what is the mean intensity in channel 2?', conversation)).toMatch(/mean intensity \(channel 2\) = 400/i);
  });

  it('answers a count per frame frame by frame', () => {
    expect(answerFromTable('how many objects are there in each frame?', conversation)).toMatch(/frame 1: 2\b.*frame 2: 1\b/);
  });
});
