// The contract between the agent and the analysis code: a tool is a zod schema plus
// a thin async wrapper over src/. Tools never import LangChain (src/agent converts
// them), so `cellpilot tool` and pipelines run them without an LLM stack loaded.
import type { z } from 'zod';
import type { Movie } from '../src/image/movie.ts';

export type ArtifactType = 'movie' | 'labels' | 'tracks' | 'table' | 'plot' | 'pipeline' | 'model' | 'rule';

export interface ArtifactRef {
  /** Short id such as "movie-3", unique within a session. */
  id: string;
  type: ArtifactType;
  /** Absolute path of the file or folder that holds it. */
  path: string;
}

export interface ArtifactRecord extends ArtifactRef {
  /** A few words a person or the planner can refer to ("drift-corrected movie"). */
  description: string;
  /** Tool that produced it, if any. */
  producedBy?: string;
  createdAt: string;
}

export interface ToolResult {
  /** One or two sentences a biologist can read. */
  summary: string;
  artifacts: ArtifactRef[];
  /** The key numbers a follow-up question needs (e.g. maxDriftPx, objects, tracks, divisions). */
  values: Record<string, unknown>;
}

export interface ToolContext {
  /** Turns an artifact id ("movie-2") or a file path into an absolute path; throws InputError naming the ref. */
  resolve(ref: string, expected?: ArtifactType | ArtifactType[]): string;
  /** Opens a movie (or label movie) given an artifact id or a path. */
  openMovie(ref: string): Promise<Movie>;
  /**
   * A fresh path to write an output to: `output` when the user named one (must not be an input),
   * otherwise a new file inside the session's artifact folder named after `suggestedName`.
   */
  outputPath(suggestedName: string, output?: string): string;
  /** Records a written file or folder as an artifact and returns its reference. */
  addArtifact(type: ArtifactType, path: string, description: string): ArtifactRef;
  /** Lists the session's artifacts, oldest first. */
  listArtifacts(): ArtifactRecord[];
  /** Progress of the current step, e.g. planes done out of total. */
  progress(done: number, total: number, label?: string): void;
  /** Aborted when the user cancels the step. */
  signal: AbortSignal;
  /** Long-lived per-session objects (the microscope, a running acquisition), by name. */
  state: Map<string, unknown>;
  /** The session folder (artifacts live under it). */
  sessionDir: string;
}

export interface ToolSpec<S extends z.ZodObject = z.ZodObject> {
  /** snake_case name; the names in DESIGN.md and the issues are a contract. */
  name: string;
  /** What it does, when to use it, and what it returns (the LLM reads this). */
  description: string;
  schema: S;
  run(args: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}

/** Identity helper that keeps the schema's type attached to run(). */
export function defineTool<S extends z.ZodObject>(spec: ToolSpec<S>): ToolSpec<S> {
  return spec;
}
