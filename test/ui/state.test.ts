import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../src/agent/events.ts';
import { chatReducer, initialChatState, type ChatState } from '../../src/ui/state.ts';

const at = new Date().toISOString();
function run(events: AgentEvent[], state: ChatState = initialChatState): ChatState {
  return events.reduce((s, event) => chatReducer(s, { type: 'agent', event }), state);
}

describe('chat state', () => {
  it('builds a tool card from step events and commits the turn at its end', () => {
    let s = run([
      { type: 'turn_start', turnId: 't1', request: 'denoise', model: 'offline', at },
      { type: 'step_start', turnId: 't1', stepId: 's1', tool: 'denoise', args: { movie: 'movie-1' }, at },
      { type: 'tool_progress', turnId: 't1', stepId: 's1', tool: 'denoise', done: 4, total: 10, elapsedS: 2, etaS: 3 },
    ]);
    expect(s.busy).toBe(true);
    expect(s.live).toHaveLength(1);
    const card = s.live[0].kind === 'tool' ? s.live[0].card : undefined;
    expect(card).toMatchObject({ status: 'running', done: 4, total: 10, etaS: 3 });
    s = run(
      [
        { type: 'step_end', turnId: 't1', stepId: 's1', tool: 'denoise', status: 'ok', durationMs: 5000, summary: 'Denoised 10 planes.', artifacts: [], values: {} },
        { type: 'assistant_text', turnId: 't1', text: 'Done: movie-2.', final: true },
        { type: 'turn_end', turnId: 't1', status: 'done', answer: 'Done: movie-2.', steps: 1, durationMs: 5000 },
      ],
      s,
    );
    expect(s.busy).toBe(false);
    expect(s.live).toHaveLength(0);
    expect(s.committed.map((i) => i.kind)).toEqual(['tool', 'assistant']);
  });

  it('shows a failed turn as an error notice and keeps going', () => {
    const s = run([
      { type: 'turn_start', turnId: 't1', request: 'x', model: 'openai:m', at },
      { type: 'turn_end', turnId: 't1', status: 'error', answer: 'cannot reach the LLM server', error: 'cannot reach the LLM server at http://localhost:1', steps: 0, durationMs: 3 },
    ]);
    expect(s.committed).toMatchObject([{ kind: 'notice', tone: 'error', text: 'cannot reach the LLM server at http://localhost:1' }]);
    expect(s.busy).toBe(false);
  });

  it('uses the answer when no assistant text came, and clear empties the transcript', () => {
    let s = run([
      { type: 'turn_start', turnId: 't1', request: 'x', model: 'offline', at },
      { type: 'turn_end', turnId: 't1', status: 'cancelled', answer: 'Cancelled.', steps: 0, durationMs: 3 },
    ]);
    expect(s.committed).toMatchObject([{ kind: 'assistant', text: 'Cancelled.' }]);
    s = chatReducer(s, { type: 'clear' });
    expect(s.committed).toEqual([]);
  });
});

describe('chat state: start-up and headers', () => {
  it('keeps items typed before the agent loads below its header, and appends later headers', () => {
    let s = chatReducer(initialChatState, { type: 'user', text: 'segment' });
    expect(s.committed).toEqual([]);
    s = chatReducer(s, { type: 'header', info: { model: 'offline', sessionId: 'a', movies: [] } });
    expect(s.committed.map((i) => i.kind)).toEqual(['header', 'user']);
    expect(chatReducer(chatReducer(initialChatState, { type: 'user', text: 'x' }), { type: 'header', info: { model: 'offline', movies: [] }, intro: 'hi' }).committed.map((i) => i.kind)).toEqual(['header', 'notice', 'user']);
    s = chatReducer(s, { type: 'notice', tone: 'info', text: 'hello' });
    s = chatReducer(s, { type: 'header', info: { model: 'offline', sessionId: 'b', movies: [] } });
    expect(s.committed.map((i) => i.kind)).toEqual(['header', 'user', 'notice', 'header']);
  });
});

describe('chat state: streamed text', () => {
  it('grows one assistant item from deltas and replaces it with the final text', () => {
    let s = run([{ type: 'turn_start', turnId: 't1', request: 'x', model: 'openai:m', at }]);
    s = chatReducer(s, { type: 'agent', event: { type: 'assistant_delta', turnId: 't1', text: 'Segment' } });
    s = chatReducer(s, { type: 'agent', event: { type: 'assistant_delta', turnId: 't1', text: 'ing now' } });
    expect(s.live).toMatchObject([{ kind: 'assistant', text: 'Segmenting now', streaming: true }]);
    s = run([{ type: 'assistant_text', turnId: 't1', text: 'Segmenting now.', final: true }], s);
    expect(s.live).toHaveLength(1);
    expect(s.live[0]).toMatchObject({ kind: 'assistant', text: 'Segmenting now.' });
  });
});

describe('condensed answers', () => {
  it('drops the step summaries the cards already show and lists what was made', async () => {
    const { condenseAnswer } = await import('../../src/ui/state.ts');
    const a = 'Simulated 50 frames of 256x256 px with 30 nuclei. [movie-1, labels-1] Tracked 1690 objects into 32 tracks. [tracks-1]';
    expect(condenseAnswer(a, ['Simulated 50 frames of 256x256 px with 30 nuclei.', 'Tracked 1690 objects into 32 tracks.'])).toBe('Done. Made movie-1, labels-1, tracks-1.');
    expect(condenseAnswer('32 tracks, 9 divisions: 9 cells divided.', ['Tracked 1690 objects into 32 tracks.'])).toBe('32 tracks, 9 divisions: 9 cells divided.');
    expect(condenseAnswer('segment did not work: no such file. Tell me what to change.', [])).toBe('segment did not work: no such file. Tell me what to change.');
  });
});
