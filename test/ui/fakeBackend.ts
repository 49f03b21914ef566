// A scripted ChatBackend for component tests: each request runs one fake tool step that
// reports progress, then waits until released (or cancelled) and answers.
import { AgentEvents } from '../../src/agent/events.ts';
import type { ChatBackend } from '../../src/ui/backend.ts';

export interface FakeBackend extends ChatBackend {
  requests: string[];
  /** Lets the running step finish. */
  release(): void;
  /** Resolves when a step has started and reported progress. */
  started: () => Promise<void>;
}

export function fakeBackend(options: { failWith?: string; table?: boolean } = {}): FakeBackend {
  const events = new AgentEvents();
  const requests: string[] = [];
  let release = () => {};
  let onStarted: () => void = () => {};
  let startedPromise = new Promise<void>((r) => (onStarted = r));
  let turn = 0;
  const at = () => new Date().toISOString();
  const backend: FakeBackend = {
    modelName: 'offline',
    sessionId: 'fake-session',
    events,
    requests,
    release: () => release(),
    started: () => startedPromise,
    movies: () => ['cells.tif'],
    async ask(request, signal) {
      requests.push(request);
      const turnId = `t${++turn}`;
      events.emit({ type: 'turn_start', turnId, request, model: 'offline', at: at() });
      if (options.failWith) {
        events.emit({ type: 'turn_end', turnId, status: 'error', answer: options.failWith, error: options.failWith, steps: 0, durationMs: 1 });
        return;
      }
      events.emit({ type: 'step_start', turnId, stepId: `s${turn}`, tool: 'segment', args: { movie: 'movie-1', method: 'otsu' }, at: at() });
      events.emit({ type: 'tool_progress', turnId, stepId: `s${turn}`, tool: 'segment', done: 3, total: 10, label: 'planes', elapsedS: 1.5, etaS: 3.5 });
      const cancelled = await new Promise<boolean>((resolve) => {
        release = () => resolve(false);
        signal.addEventListener('abort', () => resolve(true), { once: true });
        onStarted();
      });
      startedPromise = new Promise<void>((r) => (onStarted = r));
      events.emit({
        type: 'step_end', turnId, stepId: `s${turn}`, tool: 'segment', status: cancelled ? 'cancelled' : 'ok', durationMs: 2400,
        summary: cancelled ? 'cancelled by the user' : 'Found 12 objects per frame in 10 frames; labels saved as labels-1.',
        artifacts: [], values: {},
      });
      const answer = cancelled ? 'Cancelled.' : 'Segmented movie-1: 12 objects per frame (labels-1).';
      events.emit({ type: 'assistant_text', turnId, text: answer, final: true });
      events.emit({ type: 'turn_end', turnId, status: cancelled ? 'cancelled' : 'done', answer, steps: 1, durationMs: 2400 });
    },
    async runTool() {},
    tools: () => [
      { name: 'segment', description: 'Finds nuclei or cells in every frame. Returns labels.' },
      { name: 'track', description: 'Links objects over time. Returns tracks.' },
      // found by what they declare, not by name (a renamed tool still answers /calibrate and /save-pipeline)
      { name: 'set_calibration', description: 'Sets the pixel size and frame interval.', appliesToLaterSteps: true, produces: [] },
      { name: 'save_pipeline', description: 'Saves the steps as a pipeline.', produces: ['pipeline'] },
    ],
    provenance: () => [
      { step: 's1', time: at(), tool: 'segment', args: {}, inputs: [], outputs: [{ id: 'labels-1', type: 'labels', path: '/tmp/l.tif' }], durationMs: 2400, versions: {}, models: [], status: 'ok' },
    ],
    artifacts: () => [{ id: 'labels-1', type: 'labels', path: '/tmp/l.tif', description: 'nuclei of cells.tif', createdAt: at() }],
    sessions: () => [{ id: 'fake-session', dir: '/tmp', createdAt: at(), steps: 1, artifacts: 1, lastRequest: 'segment' }],
    reopen: async () => backend,
  };
  return backend;
}
