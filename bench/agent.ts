// Benchmark: how long the offline planner takes to turn a request into its next action,
// over every user turn of the evaluation suites, in three layers: the planner alone
// (nextAction), the LangChain chat model (OfflineChatModel.invoke, bound to all tools),
// and a whole agent turn in plan-only mode (the model called until it answers). Peer:
// the OpenAI-compatible backend (@langchain/openai ChatOpenAI) bound to the same tools,
// answering from a local zero-latency server on 127.0.0.1 - the floor of any LLM backend
// before the model computes anything. Goal: well under 100 ms per request.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ALL_TOOLS } from '../src/agent/allTools.ts';
import { loadSuites, runSuites } from '../src/agent/evals.ts';
import { toLangChainTools } from '../src/agent/langchainTools.ts';
import { catalogueFromBoundTools } from '../src/agent/planner/catalogue.ts';
import { readConversation } from '../src/agent/planner/conversation.ts';
import { OfflineChatModel } from '../src/agent/planner/model.ts';
import { loadMicroscopeLanguage } from '../src/agent/planner/microscopeLanguage.ts';
import { nextAction } from '../src/agent/planner/planner.ts';
import { startOpenAIServer } from '../test/agent/openaiServer.ts';

const CONTEXT = 'Session context.\n```json\n{"session":"bench","artifacts":[{"id":"movie-1","type":"movie","description":"input movie cells.tif","producedBy":"user"}]}\n```';

function stats(samples: number[]): { mean: number; p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(0.5), p95: at(0.95), max: s.at(-1)! };
}

const fmt = (ms: number) => `${ms.toFixed(2).padStart(8)} ms`;

export async function run(): Promise<void> {
  await runLatency();
  await runStartup();
}

async function runLatency(): Promise<void> {
  const suites = loadSuites(fileURLToPath(new URL('../evals', import.meta.url)));
  const requests = suites.flatMap((s) => s.cases.flatMap((c) => c.turns.map((t) => (typeof t === 'string' ? t : t.say))));
  const lcTools = toLangChainTools(ALL_TOOLS, async () => { throw new Error('not run in the bench'); });
  const model = new OfflineChatModel();
  const bound = model.bindTools(lcTools);
  const catalogue = catalogueFromBoundTools(lcTools as unknown[]);
  await loadMicroscopeLanguage();

  // warm-up: regex compilation, module loading, JIT
  for (const r of requests.slice(0, 20)) nextAction(readConversation([new SystemMessage(CONTEXT), new HumanMessage(r)]), catalogue);

  const planner: number[] = [];
  for (const r of requests) {
    const t0 = performance.now();
    nextAction(readConversation([new SystemMessage(CONTEXT), new HumanMessage(r)]), catalogue);
    planner.push(performance.now() - t0);
  }
  const invoke: number[] = [];
  for (const r of requests) {
    const t0 = performance.now();
    await bound.invoke([new SystemMessage(CONTEXT), new HumanMessage(r)]);
    invoke.push(performance.now() - t0);
  }
  const report = await runSuites(suites, { model: 'offline', tools: ALL_TOOLS, filter: (_c, s) => !s.execute });
  const turns = report.cases.flatMap((c) => c.turnLatencyMs);

  // peer: the OpenAI-compatible backend against a local server that answers at once
  const server = await startOpenAIServer([{ text: 'ok' }]);
  const saved = { ...process.env };
  Object.assign(process.env, { OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: 'sk-bench-local', CELLPILOT_LLM_MAX_RETRIES: '0' });
  const { createChatModel } = await import('../src/agent/models.ts');
  const openai = await createChatModel('openai:bench');
  const openaiBound = openai.model.bindTools!(lcTools);
  const peerRequests = requests.slice(0, 60);
  for (const r of peerRequests.slice(0, 5)) await openaiBound.invoke([new SystemMessage(CONTEXT), new HumanMessage(r)]);
  const peer: number[] = [];
  for (const r of peerRequests) {
    const t0 = performance.now();
    await openaiBound.invoke([new SystemMessage(CONTEXT), new HumanMessage(r)]);
    peer.push(performance.now() - t0);
  }
  process.env = saved;
  await server.close();

  const p = stats(planner);
  const i = stats(invoke);
  const t = stats(turns);
  const o = stats(peer);
  const rows: [string, ReturnType<typeof stats>, number][] = [
    ['planner alone (nextAction)', p, planner.length],
    ['OfflineChatModel.invoke, 38 tools bound', i, invoke.length],
    ['agent turn, plan-only (all model calls)', t, turns.length],
    ['peer: ChatOpenAI.invoke, local 0-latency server', o, peer.length],
  ];
  process.stdout.write(`offline planner latency over ${requests.length} eval requests (goal: well under 100 ms per request)\n`);
  process.stdout.write(`${'layer'.padEnd(48)} ${'n'.padStart(4)} ${'mean'.padStart(11)} ${'p50'.padStart(11)} ${'p95'.padStart(11)} ${'max'.padStart(11)}\n`);
  for (const [name, s, n] of rows) process.stdout.write(`${name.padEnd(48)} ${String(n).padStart(4)} ${fmt(s.mean)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)}\n`);
  process.stdout.write(`ratio (peer invoke / offline invoke, mean): ${(o.mean / i.mean).toFixed(2)}x; offline p95 per model call ${i.p95.toFixed(1)} ms vs goal 100 ms\n`);
  process.stdout.write(`eval pass rate in this run: tuned ${(100 * report.tuned.passRate).toFixed(1)}%, held-out ${(100 * report.heldout.passRate).toFixed(1)}%\n`);
}

// Start-up: a fresh node process (through tsx, as bin/cellpilot.js runs) until createAgent()
// resolves ("ready": the chat can take input) and until the first offline answer. "eager"
// imports what the agent used to load up front (LangChain core, the LangChain tool wrappers,
// the offline model, the microscope parsers) before createAgent: the old start-up path.
const STARTUP_CHILD = `
import { register } from 'tsx/esm/api';
register();
const root = process.argv[1];
const at = (p) => new URL(p, root).href;
if (process.argv[2] === 'eager') await Promise.all(['src/agent/history.ts', 'src/agent/langchainTools.ts', 'src/agent/planner/model.ts', 'src/agent/acquisitionLanguage/index.ts'].map((p) => import(at(p))));
const { createAgent } = await import(at('src/agent/index.ts'));
const agent = await createAgent({ model: 'offline' });
const ready = performance.now();
await agent.ask('hello');
process.stdout.write(JSON.stringify({ ready, answered: performance.now() }));
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function runStartup(repeats = 5): Promise<void> {
  const root = new URL('..', import.meta.url);
  const sessions = mkdtempSync(join(tmpdir(), 'cellpilot-bench-'));
  const measure = (mode: string) => {
    const runs = Array.from({ length: repeats }, () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', STARTUP_CHILD, root.href, mode], {
      cwd: fileURLToPath(root), env: { ...process.env, CELLPILOT_SESSIONS: sessions, CELLPILOT_MODEL: 'offline' }, encoding: 'utf8',
    })) as { ready: number; answered: number });
    return { ready: median(runs.map((r) => r.ready)), answered: median(runs.map((r) => r.answered)) };
  };
  try {
    const lazy = measure('lazy');
    const eager = measure('eager');
    process.stdout.write(`agent start-up, fresh process, median of ${repeats} (ms since node started)\n`);
    process.stdout.write(`${'path'.padEnd(48)} ${'ready'.padStart(11)} ${'1st answer'.padStart(11)}\n`);
    process.stdout.write(`${'offline, LangChain loaded in the background'.padEnd(48)} ${fmt(lazy.ready)} ${fmt(lazy.answered)}\n`);
    process.stdout.write(`${'reference: everything imported up front (old)'.padEnd(48)} ${fmt(eager.ready)} ${fmt(eager.answered)}\n`);
    process.stdout.write(`ratio (up front / background, ready): ${(eager.ready / lazy.ready).toFixed(2)}x\n`);
  } finally {
    rmSync(sessions, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
