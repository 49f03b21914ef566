// Files (issue 15, items 1-4 and 6): symlinked inputs, `cellpilot run` over a movie named
// "...tif", outputs into system folders or wherever a model or a pipeline says, special
// files answered in bounded time, and concurrent writers on one session or --out folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../tools/index.ts';
import { runPipelineOnMovies } from '../../src/agent/batch.ts';
import { AGENT_TOOLS } from '../../src/agent/agentTools.ts';
import { runStep } from '../../src/agent/executor.ts';
import { readManifest } from '../../src/agent/filePolicy.ts';
import { lockFolder } from '../../src/agent/locks.ts';
import { Agent } from '../../src/agent/loop.ts';
import { parsePipeline } from '../../src/agent/pipeline.ts';
import { Session } from '../../src/agent/session.ts';
import { writeMovie } from '../../src/image/index.ts';
import { simulate } from '../../src/sim/index.ts';
import { fakeTools } from '../agent/fakeTools.ts';
import { ScriptedChatModel } from '../agent/scriptedModel.ts';
import { runCli } from '../commands/run-cli.ts';

function project(): { root: string; raw: string; other: string } {
  const root = mkdtempSync(join(tmpdir(), 'cellpilot-adv-files-'));
  writeFileSync(join(root, 'raw.tif'), 'raw pixels');
  writeFileSync(join(root, 'other.tif'), 'other raw pixels');
  return { root, raw: join(root, 'raw.tif'), other: join(root, 'other.tif') };
}

const untouched = (path: string, text: string) => expect(readFileSync(path, 'utf8')).toBe(text);

describe('file policy: inputs stay read-only, outputs stay where they belong', () => {
  it('refuses to overwrite a raw movie named through a symlink (15.1)', async () => {
    const { root, raw } = project();
    symlinkSync(raw, join(root, 'link.tif'));
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, 'link.tif'));
    // the person typed "save it as raw.tif": still an input behind the link
    const outcome = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: raw }, { typed: [`correct the drift and save it as ${raw}`] });
    expect(outcome.status).not.toBe('ok');
    expect(outcome.error).toMatch(/refusing to overwrite/);
    untouched(raw, 'raw pixels');
  });

  it('refuses an output in /etc even when the person typed it, with one line (15.3)', async () => {
    const { root } = project();
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, 'raw.tif'));
    const outcome = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: '/etc/cp_probe.tif' }, { typed: ['correct the drift and save it as /etc/cp_probe.tif'] });
    expect(outcome.error).toMatch(/^correct_drift failed: refusing to write \/etc\/cp_probe\.tif: \/etc is a system folder/);
    expect(existsSync('/etc/cp_probe.tif')).toBe(false);
  });

  it('keeps a path from a prompt-injected model reply inside the session (15.3)', async () => {
    const { root, other } = project();
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, 'raw.tif'));
    const elsewhere = join(root, 'elsewhere.tif');
    const model = new ScriptedChatModel([
      { tool: 'correct_drift', args: { movie: 'movie-1', output: other } },
      { tool: 'correct_drift', args: { movie: 'movie-1', output: elsewhere } },
      { text: 'Done.' },
    ]);
    const agent = new Agent({ session, tools: fakeTools, model, modelName: 'offline' });
    const result = await agent.ask('correct the drift');
    expect(result.toolCalls.map((c) => c.status)).toEqual(['error', 'error']);
    expect(result.toolCalls[0].error).toMatch(/outputs go in the session folder unless you name the path yourself/);
    untouched(other, 'other raw pixels');
    expect(existsSync(elsewhere)).toBe(false);
    // a path the person did type is fine
    const typed = new Agent({ session, tools: fakeTools, model: new ScriptedChatModel([{ tool: 'correct_drift', args: { movie: 'movie-1', output: elsewhere } }, { text: 'ok' }]), modelName: 'offline' });
    expect((await typed.ask(`correct the drift and save it as ${elsewhere}`)).toolCalls[0].status).toBe('ok');
    expect(existsSync(elsewhere)).toBe(true);
  });

  it('refuses to overwrite an existing file the session did not create, but replaces its own', async () => {
    const { root } = project();
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, 'raw.tif'));
    const notes = join(root, 'notes.txt');
    writeFileSync(notes, 'my notes');
    const refused = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: notes });
    expect(refused.error).toMatch(/exists and was not written by this session/);
    untouched(notes, 'my notes');
    const mine = join(root, 'mine.txt');
    expect((await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: mine })).status).toBe('ok');
    expect((await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: mine })).status).toBe('ok');
  });

  it("never lets a tool's output take the name of the session's own records (provenance, manifest, lock)", async () => {
    const { root } = project();
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, 'raw.tif'));
    for (const name of ['provenance.jsonl', 'manifest.jsonl', 'hashes.jsonl', 'session.json', '.cellpilot.lock']) {
      const outcome = await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: join(session.dir, name) });
      expect(outcome.error, name).toMatch(/is where the session keeps its own records/);
    }
    expect(session.provenance.read().every((r) => r.tool === 'correct_drift')).toBe(true);
    // the folder itself is still the place for outputs
    expect((await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: join(session.dir, 'mine.tif') })).status).toBe('ok');
  });

  it('keeps a crafted pipeline output inside the run folder, and never overwrites another raw movie (15.3)', async () => {
    const { root, other } = project();
    const pipeline = parsePipeline(`name: crafted\ninputs: { movie: { type: movie } }\nsteps:\n  - { id: d, tool: correct_drift, args: { movie: "\${inputs.movie}", output: "${other}" } }\n`);
    const [result] = await runPipelineOnMovies(pipeline, [join(root, 'raw.tif')], fakeTools, { outDir: join(root, 'out') });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/refusing/);
    untouched(other, 'other raw pixels');
  });

  it('never deletes the folder above --out for a movie named "...tif" (15.2)', async () => {
    const { root, raw, other } = project();
    const proj = join(root, 'proj');
    mkdirSync(proj);
    writeFileSync(join(proj, 'session.json'), '{}');
    writeFileSync(join(proj, 'a.tif'), 'a');
    writeFileSync(join(root, 'proj', '...tif'), 'dots');
    const pipeline = parsePipeline('name: p\ninputs: { movie: { type: movie } }\nsteps:\n  - { id: d, tool: correct_drift, args: { movie: "${inputs.movie}" } }\n');
    for (let i = 0; i < 2; i++) {
      const results = await runPipelineOnMovies(pipeline, [join(proj, '...tif')], fakeTools, { outDir: join(proj, 'batch') });
      expect(results[0].status).toBe('ok');
      expect(results[0].dir.startsWith(join(proj, 'batch') + '/')).toBe(true);
    }
    untouched(join(proj, 'a.tif'), 'a');
    untouched(join(proj, 'session.json'), '{}');
    untouched(raw, 'raw pixels');
    untouched(other, 'other raw pixels');
  });

  it('a movie folder in --out that is a symbolic link elsewhere is never written through, and the error says it is a link', async () => {
    const { root, raw } = project();
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'drift.csv'), 'precious');
    mkdirSync(join(root, 'out'));
    symlinkSync(elsewhere, join(root, 'out', 'raw'));
    const pipeline = parsePipeline('name: p\ninputs: { movie: { type: movie } }\nsteps:\n  - { id: d, tool: correct_drift, args: { movie: "${inputs.movie}" } }\n');
    const [result] = await runPipelineOnMovies(pipeline, [raw], fakeTools, { outDir: join(root, 'out') });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/is not inside --out .*\(a symbolic link to .*elsewhere, which is never written through: remove the link or choose another --out\)/);
    untouched(join(elsewhere, 'drift.csv'), 'precious');
    expect(readdirSync(elsewhere)).toEqual(['drift.csv']);
  });

  it('a rerun removes only what the earlier run created in the movie folder', async () => {
    const { root } = project();
    const pipeline = parsePipeline('name: p\ninputs: { movie: { type: movie } }\nsteps:\n  - { id: d, tool: correct_drift, args: { movie: "${inputs.movie}" } }\n');
    const [first] = await runPipelineOnMovies(pipeline, [join(root, 'raw.tif')], fakeTools, { outDir: join(root, 'out') });
    writeFileSync(join(first.dir, 'my-annotations.csv'), 'keep me');
    const [second] = await runPipelineOnMovies(pipeline, [join(root, 'raw.tif')], fakeTools, { outDir: join(root, 'out') });
    expect(second.status).toBe('ok');
    untouched(join(first.dir, 'my-annotations.csv'), 'keep me');
    // one fresh session: no duplicate artifact ids from the first run
    const ids = readFileSync(join(second.dir, 'artifacts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('special files and folders answer within bounded time (15.4)', () => {
  const cases: [string, () => string][] = [
    ['a FIFO', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cellpilot-adv-fifo-'));
      execFileSync('mkfifo', [join(dir, 'pipe.tif')]);
      return join(dir, 'pipe.tif');
    }],
    ['/dev/zero', () => '/dev/zero'],
    ['a folder with a symlink to itself', () => {
      const dir = mkdtempSync(join(tmpdir(), 'cellpilot-adv-loop-'));
      symlinkSync(dir, join(dir, 'self'));
      return dir;
    }],
    ['/usr/share', () => '/usr/share'],
  ];
  for (const [what, make] of cases) {
    it(`movie_info on ${what}: one line, under 10 s`, async () => {
      let path: string;
      try {
        path = make();
      } catch {
        return console.log(`cannot make ${what} here: skipping`);
      }
      const session = Session.create({ root: mkdtempSync(join(tmpdir(), 'cellpilot-adv-special-')) });
      const started = performance.now();
      const outcome = await runStep(session, TOOLS, 'movie_info', { movie: path });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(outcome.status).not.toBe('ok');
      expect(outcome.error).toMatch(/FIFO|device|folder without \.tif/);
      expect(outcome.error).not.toContain('\n');
    }, 15_000);
  }
});

describe('a FIFO among the frames of a folder movie (15.4)', () => {
  it('movie_info and project answer with one line naming it, under 10 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-adv-framefifo-'));
    const frames = join(dir, 'frames');
    mkdirSync(frames);
    const movie = simulate({ frames: 2, width: 32, height: 32, cells: 2, seed: 2, divisionRate: 0 }).movie;
    await writeMovie(join(frames, 't000.tif'), movie);
    try {
      execFileSync('mkfifo', [join(frames, 't001.tif')]);
    } catch {
      return console.log('mkfifo is missing: skipping');
    }
    const session = Session.create({ root: join(dir, 'sessions') });
    for (const [tool, args] of [['movie_info', { movie: frames }], ['project', { movie: frames, method: 'max' }]] as const) {
      const started = performance.now();
      const outcome = await runStep(session, TOOLS, tool, args);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(outcome.error).toMatch(/t001\.tif is a FIFO, device or socket, not a TIFF file/);
      expect(outcome.error).not.toContain('\n');
    }
  }, 30_000);
});

describe('pipeline files and provenance never block on special files (15.4)', () => {
  it('run_pipeline and `cellpilot run` named a FIFO or /dev/zero as the pipeline: one line, under 10 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-adv-pipefifo-'));
    try {
      execFileSync('mkfifo', [join(dir, 'p.yaml')]);
    } catch {
      return console.log('mkfifo is missing: skipping');
    }
    writeFileSync(join(dir, 'raw.tif'), 'raw pixels');
    const session = Session.create({ root: join(dir, 'sessions') });
    const started = performance.now();
    const viaTool = await runStep(session, [...fakeTools, ...AGENT_TOOLS], 'run_pipeline', { pipeline: join(dir, 'p.yaml'), movie: join(dir, 'raw.tif') });
    expect(viaTool.error).toMatch(/p\.yaml is a FIFO \(named pipe\), not a file cellpilot can read: name a regular file$/);
    expect(performance.now() - started).toBeLessThan(10_000);
    for (const pipeline of [join(dir, 'p.yaml'), '/dev/zero']) {
      const r = await runCli(['run', pipeline, join(dir, 'raw.tif'), '--out', join(dir, 'out')], { cwd: dir, timeoutMs: 30_000 });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^cellpilot: .*(FIFO|character device)/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);

  it('a step naming a /proc file records it without reading it (no EIO, no block)', async () => {
    if (!existsSync('/proc/self/mem')) return console.log('no /proc here: skipping');
    const session = Session.create({ root: mkdtempSync(join(tmpdir(), 'cellpilot-adv-proc-')) });
    const outcome = await runStep(session, TOOLS, 'movie_info', { movie: '/proc/self/mem' });
    expect(outcome.status).toBe('error');
    expect(outcome.error).toMatch(/^movie_info failed: \/proc\/self\/mem is empty \(0 bytes\)/);
  });
});

describe('`cellpilot info` on a FIFO (15.4)', () => {
  it('exits 2 with one line of ours within 10 s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-adv-info-'));
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.tif')]);
    } catch {
      return console.log('mkfifo is missing: skipping');
    }
    const r = await runCli(['info', join(dir, 'pipe.tif')], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^cellpilot: .*pipe\.tif is a FIFO \(named pipe\), not a file cellpilot can read/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 40_000);
});

describe('locks (15.6)', () => {
  it('a second writer on a locked folder waits, then refuses with one line naming the holder pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-adv-lock-'));
    const held = await lockFolder(dir, 'session s1');
    await expect(lockFolder(dir, 'session s1', 0.2)).rejects.toThrow(new RegExp(`session s1 is in use by pid ${process.pid}`));
    held.release();
    (await lockFolder(dir, 'session s1', 0.2)).release();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellpilot-adv-stale-'));
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
    writeFileSync(join(dir, '.cellpilot.lock'), JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), since: 'then', command: 'ask' }));
    (await lockFolder(dir, 'session s1', 0.2)).release();
  });

  it('two runs on the same --out at once: one after the other, no duplicate ids, nothing deleted mid-run', async () => {
    const { root } = project();
    const slowPipeline = parsePipeline('name: p\ninputs: { movie: { type: movie } }\nsteps:\n  - { id: d, tool: correct_drift, args: { movie: "${inputs.movie}" } }\n  - { id: n, tool: denoise, args: { movie: "${steps.d.movie}", method: median } }\n');
    const runs = await Promise.all([0, 1].map(() => runPipelineOnMovies(slowPipeline, [join(root, 'raw.tif')], fakeTools, { outDir: join(root, 'out') })));
    expect(runs.map((r) => r[0].status)).toEqual(['ok', 'ok']);
    const dir = runs[0][0].dir;
    const ids = readFileSync(join(dir, 'artifacts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
    expect(ids).toEqual(['movie-1', 'movie-2', 'movie-3']);
    for (const line of readFileSync(join(dir, 'artifacts.jsonl'), 'utf8').trim().split('\n')) expect(existsSync(JSON.parse(line).path)).toBe(true);
    expect(readdirSync(dir)).not.toContain('.cellpilot.lock');
  });

  it('parallel `ask --session SAME`: the turns run one after the other, with distinct turn and step ids', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cellpilot-adv-ask-'));
    const env = { ...process.env, CELLPILOT_SESSIONS: join(cwd, 'sessions'), CELLPILOT_MODEL: 'offline', CELLPILOT_LOCK_WAIT_S: '60', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };
    const ask = (q: string) => runCli(['ask', q, '--session', 'same', '--json'], { cwd, env, timeoutMs: 90_000 });
    const answers = await Promise.all([ask('which drift correction should I use?'), ask('which bleach correction should I use?')]);
    expect(answers.map((a) => a.code)).toEqual([0, 0]);
    const dir = join(cwd, 'sessions', 'same');
    const turns = readFileSync(join(dir, 'transcript.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.role === 'user').map((e) => e.turn);
    expect(turns.sort()).toEqual(['t1', 't2']);
    const steps = readFileSync(join(dir, 'provenance.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).step);
    expect(new Set(steps).size).toBe(steps.length);
  }, 120_000);
});

describe('paths the person typed', () => {
  it('count with the extension a planner adds ("save it as drift" names drift.tif), and nothing else does', async () => {
    const { root } = project();
    const session = Session.create({ root: join(root, 'sessions') });
    session.addInput('movie', join(root, 'raw.tif'));
    const typed = [`correct the drift and save it as ${join(root, 'drift')}`];
    expect((await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: join(root, 'drift.tif') }, { typed })).status).toBe('ok');
    expect((await runStep(session, fakeTools, 'correct_drift', { movie: 'movie-1', output: join(root, 'driftwood.tif') }, { typed })).error).toMatch(/unless you name the path yourself/);
  });
});

describe('side files and the pipelines folder go through the policy too', () => {
  it("a plot's .svg and .vl.json beside a typed PNG are checked and listed in the manifest", async () => {
    const { root } = project();
    const movie = join(root, 'small.tif');
    await writeMovie(movie, simulate({ frames: 3, width: 32, height: 32, cells: 2, seed: 1, divisionRate: 0 }).movie);
    const session = Session.create({ root: join(root, 'sessions') });
    const fig = join(root, 'fig.png');
    const drawn = await runStep(session, TOOLS, 'plot', { kind: 'projection', movie, output: fig }, { typed: [`plot it as ${fig}`] });
    expect(drawn.status).toBe('ok');
    expect(readManifest(session.dir)).toEqual(expect.arrayContaining([fig, join(root, 'fig.svg'), join(root, 'fig.vl.json')]));
    // a side file that exists and is not the session's is never overwritten
    writeFileSync(join(root, 'fig2.svg'), 'my drawing');
    const refused = await runStep(session, TOOLS, 'plot', { kind: 'projection', movie, output: join(root, 'fig2.png') }, { typed: [`plot it as ${join(root, 'fig2.png')}`] });
    expect(refused.error).toMatch(/refusing to overwrite .*fig2\.svg: it exists and was not written by this session/);
    expect(refused.error).not.toContain('\n');
    untouched(join(root, 'fig2.svg'), 'my drawing');
    expect(existsSync(join(root, 'fig2.png'))).toBe(false);
  }, 30_000);

  it('save_pipeline writes pipelines/NAME.yaml through the policy: listed, never over a file that is not a pipeline', async () => {
    const { root } = project();
    const saved = process.env.CELLPILOT_PIPELINES;
    process.env.CELLPILOT_PIPELINES = join(root, 'pipelines');
    try {
      const tools = [...fakeTools, ...AGENT_TOOLS];
      const session = Session.create({ root: join(root, 'sessions') });
      session.addInput('movie', join(root, 'raw.tif'));
      expect((await runStep(session, tools, 'correct_drift', { movie: 'movie-1' })).status).toBe('ok');
      const first = await runStep(session, tools, 'save_pipeline', { name: 'p' }, { typed: ['save this as a pipeline called p'] });
      expect(first.status).toBe('ok');
      expect(readManifest(session.dir)).toContain(join(root, 'pipelines', 'p.yaml'));
      // someone's own file that happens to sit there is not replaced, whatever the model says
      writeFileSync(join(root, 'pipelines', 'mine.yaml'), 'my: notes\n');
      const over = await runStep(session, tools, 'save_pipeline', { name: 'mine', overwrite: true }, { typed: [] });
      expect(over.error).toMatch(/refusing to overwrite .*mine\.yaml/);
      untouched(join(root, 'pipelines', 'mine.yaml'), 'my: notes\n');
      // a pipeline cellpilot saved (in another session) may be replaced when asked
      const later = Session.create({ root: join(root, 'sessions') });
      later.addInput('movie', join(root, 'raw.tif'));
      await runStep(later, tools, 'correct_drift', { movie: 'movie-1' });
      expect((await runStep(later, tools, 'save_pipeline', { name: 'p', overwrite: true }, { typed: [] })).status).toBe('ok');
      // a path from the model, outside the session and the pipelines folder, is refused
      const elsewhere = await runStep(later, tools, 'save_pipeline', { name: 'q', output: join(root, 'q.yaml') }, { typed: [] });
      expect(elsewhere.error).toMatch(/outputs go in the session folder unless you name the path yourself/);
      expect(existsSync(join(root, 'q.yaml'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CELLPILOT_PIPELINES;
      else process.env.CELLPILOT_PIPELINES = saved;
    }
  });
});
