// The planner's plan: steps with symbolic references to artifacts, resolved when emitted.
import type { InputType } from './catalogue.ts';

/** A reference to an artifact, resolved when the step is emitted. */
export interface Ref {
  $ref: InputType;
  /** chain: the latest suitable output (this request's steps first); id: a named artifact; producer: made by one of these tools. */
  mode: 'chain' | 'id' | 'producer';
  id?: string;
  producers?: string[];
  /** For steps that need time: skip movies and labels known to be a single frame (projections). */
  multiFrame?: boolean;
  /** chain: as if only the first `before` steps of this request had run ("a max and a mean projection": both of the movie, not one of the other). */
  before?: number;
  /** chain: the outputs of these steps of this request are not taken (a movie made only to answer a question: "is there drift? Track the cells."). */
  aside?: number[];
}

/** An argument that names an artifact to resolve (a Ref), not a setting's value. */
export function isRef(v: unknown): v is Ref {
  return !!v && typeof v === 'object' && '$ref' in v;
}

export interface PlannedStep {
  tool: string;
  args: Record<string, unknown>;
  /** The words this step was made from. */
  clause: string;
  /** A yes/no question this step runs only if answered yes ("is there bleaching? if so, correct it"). */
  onlyIf?: string;
}

export interface Plan {
  steps: PlannedStep[];
  /** A question to answer from the results (after the steps, if any). */
  question?: string;
  /** Set when nothing can run: what was understood and what to do. */
  reply?: string;
  /** Things the answer must say (a unit converted, a value assumed). */
  notes?: string[];
}

export type Action = { kind: 'call'; tool: string; args: Record<string, unknown> } | { kind: 'answer'; text: string };
