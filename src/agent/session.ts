// A session: one folder under the sessions root holding the artifacts, the provenance
// log, the transcript and a small session.json. Everything is append-only JSONL, so a
// session can be resumed after a crash (`Session.open(id)`).
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ArtifactRef, ToolContext } from '../../tools/types.ts';
import { InputError, oneLine, systemErrorReason } from '../errors.ts';
import { isPattern, movieInputExists } from '../image/moviePath.ts';
import type { Calibration } from '../image/calibration.ts';
import { HISTORY_KEY } from '../../tools/historyKey.ts';
import { ArtifactStore, CALIBRATION_KEY, createToolContext, userPath } from './artifacts.ts';
import { sessionHistory } from './replay.ts';
import { ProvenanceLog, readJsonLines } from './provenance.ts';
import { KeptAppends } from './keptAppends.ts';
import { writeFileAtomic } from './locks.ts';
import { redact } from './secrets.ts';

export interface TranscriptEntry {
  time: string;
  turn?: string;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  /** Tool calls the assistant asked for (assistant entries). */
  toolCalls?: { id: string; name: string; args: Record<string, unknown> }[];
  /** Which call a tool entry answers. */
  toolCallId?: string;
  step?: string;
}

export interface SessionMeta {
  id: string;
  createdAt: string;
  cwd: string;
  model?: string;
  /** The calibration the user set (set_calibration, /calibrate); applied to every movie the session opens. */
  calibration?: Calibration;
  /** Steps undone (undo): their artifacts stay addressable by id but are set aside. */
  undoneSteps?: string[];
  /** Steps run again (rerun_step): old step -> the step that replaced it. */
  replacedSteps?: Record<string, string>;
  /** Artifacts of undone or replaced steps: addressable by id, left out of listings. */
  setAside?: string[];
}

export interface SessionSummary {
  id: string;
  dir: string;
  createdAt: string;
  steps: number;
  artifacts: number;
  lastRequest?: string;
}

const TRANSCRIPT = 'transcript.jsonl';
const META = 'session.json';

/** The sessions root: $CELLPILOT_SESSIONS, else ./sessions under the current directory. */
export function sessionsRoot(): string {
  return resolve(process.env.CELLPILOT_SESSIONS ?? join(process.cwd(), 'sessions'));
}

/** The shape of newSessionId's ids ("20261203-053522-5935"). */
const GENERATED_ID = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

function newSessionId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  // Math.random, not node:crypto: the suffix only tells apart sessions of the same second, and loading crypto cost each command ~5 ms of CPU
  return `${stamp}-${Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')}`;
}

export class Session {
  readonly store: ArtifactStore;
  readonly provenance: ProvenanceLog;
  /** Long-lived objects (the microscope, a running acquisition), shared by the session's tools. */
  readonly state = new Map<string, unknown>();
  private stepCounter: number;
  private turnCounter: number;
  /** A throw-away session's transcript and artifact index, kept open until `close` (see keptAppends.ts). */
  private readonly appends: KeptAppends | undefined;

  private constructor(
    readonly id: string,
    readonly dir: string,
    readonly meta: SessionMeta,
    durable = true,
  ) {
    this.appends = durable ? undefined : new KeptAppends();
    this.store = new ArtifactStore(dir, this.appends);
    this.provenance = new ProvenanceLog(dir, durable);
    if (meta.calibration) this.state.set(CALIBRATION_KEY, meta.calibration);
    this.store.setAside(meta.setAside ?? []);
    this.state.set(HISTORY_KEY, sessionHistory(this));
    this.stepCounter = this.provenance.read().length;
    this.turnCounter = new Set(this.transcript().map((e) => e.turn).filter(Boolean)).size;
  }

  /**
   * A new, empty session under `root` (default: sessionsRoot()). `durable: false` is for a session thrown away
   * with its folder (an eval case's): its provenance lines are not fsynced (see ProvenanceLog).
   */
  static create(options: { root?: string; id?: string; model?: string; durable?: boolean } = {}): Session {
    const root = options.root ?? sessionsRoot();
    const id = options.id ?? newSessionId();
    if (!/^[A-Za-z0-9_.-]+$/.test(id) || /^\.+$/.test(id)) throw new InputError(`session id "${id}" may only use letters, digits, "-", "_" and "."`);
    const dir = join(root, id);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      // the session's folder is where cellpilot keeps its work: say how to put it elsewhere
      throw new InputError(`cannot create the session folder ${dir} (${systemErrorReason(err) ?? oneLine(err)}): run cellpilot from a folder you can write to, or set CELLPILOT_SESSIONS to one`);
    }
    const meta: SessionMeta = { id, createdAt: new Date().toISOString(), cwd: process.cwd(), model: options.model };
    if (!existsSync(join(dir, META))) writeFileAtomic(join(dir, META), JSON.stringify(redact(meta), null, 2) + '\n');
    return new Session(id, dir, readMeta(dir) ?? meta, options.durable ?? true);
  }

  /** An existing session by id (under `root`) or by folder path; InputError when there is none. */
  static open(idOrPath: string, options: { root?: string } = {}): Session {
    const root = options.root ?? sessionsRoot();
    const dir = existsSync(join(root, idOrPath)) ? join(root, idOrPath) : resolve(idOrPath);
    if (!existsSync(join(dir, META))) {
      const known = Session.list(root).slice(0, 5).map((s) => s.id);
      throw new InputError(`no session "${idOrPath}" in ${root}${known.length ? ` (recent: ${known.join(', ')})` : ''}; run "cellpilot sessions list"`);
    }
    const meta = readMeta(dir)!;
    return new Session(meta.id, dir, meta);
  }

  /** Opens `id` when it exists, else creates it (or a fresh session when no id is given). */
  static openOrCreate(id: string | undefined, options: { root?: string; model?: string } = {}): Session {
    const root = options.root ?? sessionsRoot();
    if (id && existsSync(join(root, id, META))) return Session.open(id, { root });
    if (id && existsSync(join(resolve(id), META))) return Session.open(id, { root });
    // an id of the form cellpilot gives its sessions names one it made: a typo there would start an empty session silently
    if (id && GENERATED_ID.test(id)) return Session.open(id, { root });
    return Session.create({ root, id, model: options.model });
  }

  /** Sessions under `root`, newest first. */
  static list(root = sessionsRoot()): SessionSummary[] {
    if (!existsSync(root)) return [];
    const out: SessionSummary[] = [];
    for (const name of readdirSync(root)) {
      const dir = join(root, name);
      const meta = existsSync(join(dir, META)) ? readMeta(dir) : undefined;
      if (!meta) continue;
      const prov = join(dir, 'provenance.jsonl');
      const arts = join(dir, 'artifacts.jsonl');
      const transcript = join(dir, TRANSCRIPT);
      const requests = existsSync(transcript) ? readJsonLines<TranscriptEntry>(transcript).filter((e) => e.role === 'user') : [];
      out.push({
        id: meta.id,
        dir,
        createdAt: meta.createdAt,
        steps: existsSync(prov) ? readJsonLines(prov).length : 0,
        artifacts: existsSync(arts) ? readJsonLines(arts).length : 0,
        lastRequest: requests.at(-1)?.content,
      });
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  nextStepId(): string {
    this.stepCounter += 1;
    return `s${this.stepCounter}`;
  }

  nextTurnId(): string {
    this.turnCounter += 1;
    return `t${this.turnCounter}`;
  }

  /** A tool context whose artifacts land in this session. */
  context(options: { signal?: AbortSignal; onProgress?: (done: number, total: number, label?: string) => void; toolName?: string } = {}): ToolContext {
    return createToolContext({ sessionDir: this.dir, store: this.store, state: this.state, onCalibration: (c) => this.setCalibration(c), ...options });
  }

  /** The calibration in effect ({} when none was set). */
  calibration(): Calibration {
    return (this.state.get(CALIBRATION_KEY) as Calibration | undefined) ?? {};
  }

  /** Keeps `calibration` for every later step and in session.json (so a resumed session has it). */
  setCalibration(calibration: Calibration): void {
    this.state.set(CALIBRATION_KEY, calibration);
    this.meta.calibration = calibration;
    this.saveMeta();
  }

  /** Records steps as undone and sets their artifacts aside (still addressable by id). */
  markUndone(steps: string[], artifacts: string[]): void {
    this.meta.undoneSteps = [...new Set([...(this.meta.undoneSteps ?? []), ...steps])];
    this.setAside(artifacts);
  }

  /** Records that `newStep` replaced `oldStep`; the old step's artifacts are set aside. */
  markReplaced(oldStep: string, newStep: string, artifacts: string[]): void {
    this.meta.replacedSteps = { ...this.meta.replacedSteps, [oldStep]: newStep };
    this.setAside(artifacts);
  }

  private setAside(artifacts: string[]): void {
    this.meta.setAside = [...new Set([...(this.meta.setAside ?? []), ...artifacts])];
    this.store.setAside(this.meta.setAside);
    this.saveMeta();
  }

  private saveMeta(): void {
    writeFileAtomic(join(this.dir, META), JSON.stringify(redact(this.meta), null, 2) + '\n');
  }

  /** Registers a file the user named (e.g. `--movie F`) as an input artifact; the file is only ever read. */
  addInput(type: 'movie' | 'labels' | 'tracks' | 'table', path: string): ArtifactRef {
    const absolute = userPath(path);
    if (!movieInputExists(absolute)) throw new InputError(`${path}: no such file`);
    const existing = this.store.list().find((r) => r.path === absolute && r.producedBy === undefined);
    if (existing) return { id: existing.id, type: existing.type, path: existing.path };
    const kind = isPattern(absolute) ? 'frame pattern' : statSync(absolute).isDirectory() ? 'folder' : 'file';
    this.store.beginCall();
    return this.store.add(type, absolute, `input ${type} ${basename(absolute)} (${kind} named by the user)`);
  }

  /** Appends one transcript line; it is in the file at once (a killed process loses nothing), fsync is left to the OS. */
  appendTranscript(entry: Omit<TranscriptEntry, 'time'>): void {
    const line = JSON.stringify(redact({ time: new Date().toISOString(), ...entry })) + '\n';
    if (this.appends) this.appends.append(join(this.dir, TRANSCRIPT), line);
    else appendFileSync(join(this.dir, TRANSCRIPT), line);
  }

  /** Closes the files a throw-away session keeps open (before its folder is removed); nothing to do for another. */
  close(): void {
    this.appends?.close();
  }

  transcript(): TranscriptEntry[] {
    const path = join(this.dir, TRANSCRIPT);
    return existsSync(path) ? readJsonLines<TranscriptEntry>(path) : [];
  }
}

function readMeta(dir: string): SessionMeta | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, META), 'utf8')) as SessionMeta;
  } catch {
    return { id: basename(dir), createdAt: new Date(0).toISOString(), cwd: process.cwd() };
  }
}
