// The contract between the agent and the analysis code: a tool is a zod schema plus
// a thin async wrapper over src/. Tools never import LangChain (src/agent converts
// them), so `cellpilot tool` and pipelines run them without an LLM stack loaded.
import type { z } from 'zod';
import type { Movie } from '../src/image/movie.ts';
import type { Calibration } from '../src/image/calibration.ts';

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
  /** The movie it derives from (the raw file at the root of its chain), so artifacts of different movies are never mixed. */
  source?: { id: string; path: string; hash?: string; hashAlgorithm?: string; /** sessions written before xxh128 */ sha256?: string };
  /** Where the file was before the person moved it (the same content loaded from its new place). */
  movedFrom?: string;
  /** The inputs the call that made it read: artifact ids, or paths of files named by path (a TrackMate export finds the movie its labels were segmented on). */
  madeFrom?: string[];
  /**
   * The channel of the movie it was made from, where one channel was read (the channel a segment step segmented):
   * 0-based `index` as src/ functions take it, and `name` where the movie names its channels (not "C2").
   */
  channel?: ArtifactChannel;
}

export interface ArtifactChannel {
  index: number;
  name?: string;
}

/** Facts a tool records with an artifact beyond its type, path and description. */
export type ArtifactFacts = Pick<ArtifactRecord, 'channel'>;

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
  addArtifact(type: ArtifactType, path: string, description: string, facts?: ArtifactFacts): ArtifactRef;
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
  /** The session's calibration (set_calibration); openMovie already applies it to every movie's meta. */
  calibration?(): Calibration;
  /** Replaces the session's calibration (kept in session.json and the provenance log). */
  setCalibration?(calibration: Calibration): void;
}

/** What a call will do, in one line, when it needs a person's approval; undefined when it does not. */
export type ApprovalCheck = (args: Record<string, unknown>, ctx: ToolContext) => string | undefined | Promise<string | undefined>;

/**
 * What one row of a table a tool writes stands for: an object in a frame, a frame, a whole track, a step of a track
 * between two frames, or a lag of the mean squared displacement.
 */
export type TableRows = 'objects' | 'frames' | 'tracks' | 'steps' | 'lags';

/** A measured column of a table a tool writes: its unit (in px and frames) and a typical value. */
export interface TableColumn {
  /** Unit in px and frames ('px²', 'px/frame', 'frames', '' for counts and ratios); a calibrated run writes µm and min. */
  unit: string;
  /** A typical value: the mean of the column in a stand-in table. */
  example: number;
  /** Whole numbers only (a count of objects in a frame, spots of a track). */
  whole?: boolean;
  /** The column's name when the movie is calibrated, where the name carries its unit (area_px, then area_um2 beside it). */
  calibratedName?: string;
}

/** The table a tool writes: what a row is, and its measured columns (the id and frame columns follow from the rows). */
export interface TableDeclaration {
  rows: TableRows;
  columns: Record<string, TableColumn>;
}

/** One result value a tool returns: what it is and its unit (answers quote it). */
export interface ResultValue {
  /** A few words on what the number is ("largest drift of any frame"). */
  about: string;
  /** Unit of the value ("px", "µm", "frames", "px/frame", "" for counts); omitted for non-numbers. */
  unit?: string;
  /** A typical value: what a plan-only eval reports for it, so follow-up questions have something to read. */
  example?: number;
  /** What people call it when they ask about it ("how long", "time span"): a question about the value finds it by these. */
  words?: string[];
  /**
   * A setting the step used or chose (track's linking distance), not a measurement of the things: it answers only a
   * question about that setting ("which linking distance did you use?"), never "how far did the cells travel?".
   */
  setting?: boolean;
  /**
   * The argument this value is what the step used for, where the words gave none (segment's thresholdPerFrame: the
   * threshold each frame got): a change said by comparison with no number ("redo it with a lower threshold") starts from
   * it (the median of a list), and says both values.
   */
  usedFor?: string;
  /** How much "higher" or "lower" changes that argument when no number is said, as a factor (default 1.5). */
  stepFactor?: number;
  /**
   * Arguments that set this value (a setting the step chose) other than by its own name (segment's minAreaPx, by
   * minTypicalShare): a rerun that changes one says this value before and after, though the step chose it.
   */
  changedBy?: string[];
  /**
   * A yes or no the step decides from the data (correct_bleach's `bleaching`: the frame means decay, or the objects fade),
   * a boolean value: a yes/no question answered by the step run only to measure leads with it (measuredOnlyVerdict.ts),
   * never a fixed tolerance that could say the opposite of the step's own sentence.
   */
  verdict?: boolean;
  /** The number a one-line account of the step quotes beside its outputs, before its `about` or the words given ("Done: find nuclei → labels-1 (7.8 objects per frame on average)"). */
  headline?: boolean | string;
}

/**
 * What a sentence to the microscope can ask for, as the acquisition language reads it:
 * report the state or the light dose, take one image, move the stage or change objective,
 * start, change, pause, resume or stop an acquisition, propose, activate, remove or list
 * self-driving rules. Each microscope tool declares the ones it carries out (`carriesOut`).
 */
export const MICROSCOPE_COMMANDS = ['status', 'dose', 'takeImage', 'move', 'start', 'change', 'pause', 'resume', 'stop', 'proposeRule', 'activateRule', 'removeRule', 'listRules'] as const;
export type MicroscopeCommand = (typeof MICROSCOPE_COMMANDS)[number];

/** The words of one step of a request, as the planner hands them to a tool's `fromRequest`. */
export interface RequestClause {
  /** The words of this step. */
  text: string;
  /** The whole request. */
  request: string;
  /** Numbers in `text` with their units (normalised: px, um, nm, s, ms, min, h, %, frame, x, '' for counts) and nearby words. */
  quantities: { value: number; unit: string; kind: string; before: string; after: string; per?: 'px' | 'frame' }[];
  /** File paths named in `text`. */
  paths: string[];
  /** Lateral pixel size in µm that converts µm said in the request: stated in it, set earlier, or the movie header's. */
  pixelSizeUm?: number;
  /** Width and height of the session's movie in pixels, when its header was read ("a line through the middle"). */
  movieSizePx?: { width: number; height: number };
  /** The session's artifacts, oldest first; `now` marks those made earlier in this same request, `truth` a tool's ground truth. */
  artifacts: { id: string; type: string; producedBy?: string; path?: string; now?: boolean; truth?: boolean }[];
  /** Earlier steps of the conversation, oldest first: the tool, whether it succeeded, the values it reported. */
  earlier: { tool: string; ok: boolean; values: Record<string, unknown> }[];
  /** The tool of the step just before this one in the same request, if any. */
  previousTool?: string;
  /** The artifact types that step makes, main result first (not yet in `artifacts`: the step has not run). */
  previousMakes?: string[];
  /** Readers the agent lends (they hold its vocabulary: channel names, the thesaurus, the acquisition language). */
  read: RequestReaders;
}

/** A number as `RequestClause.quantities` holds it. */
export type RequestQuantity = RequestClause['quantities'][number];

/** Generic readers of a step's words, each about one kind of value; `text` defaults to the step's words. */
export interface RequestReaders {
  /** The allowed value of one of this tool's enum arguments that the words name (its `valueWords` included). */
  value(arg: string, text?: string): string | undefined;
  /** The first number of one of `kinds` (time, length, percent, frames, count, factor) whose nearby words match `role`. */
  quantity(kinds: string[], role: RegExp): RequestQuantity | undefined;
  /** A channel, by 1-based number or by name ("channel 2", "the GFP channel", "the 488 line"). */
  channel(text?: string): number | string | undefined;
  /** Every channel name said, in order ("GFP and DAPI"). */
  channels(text?: string): string[];
  /** An output file or folder ("to results/tracks.csv", "into the folder out/"). */
  output(text?: string): string | undefined;
  /** Artifact ids written in the words ("tracks-2"). */
  artifactIds(text?: string): string[];
  /** True when the request says not to do what these words name ("but don't bother with divisions"). */
  saysNot(words: RegExp): boolean;
  /**
   * The objects at the image edge the words name as a limit on which objects: 'leftOut' ("the cells not touching the
   * border", "nuclei away from the edges", "interior cells only", "excluding edge objects") or 'only' ("just the edge cells").
   */
  edgeObjects(text?: string): 'leftOut' | 'only' | undefined;
  /**
   * A microscope command's typed arguments as the acquisition language reads `words`
   * (`running`: an acquisition is under way), or `{ $ask }` with the question to ask back
   * when it cannot read them as this tool's command.
   */
  acquisition(words: string, running: boolean): Record<string, unknown>;
}

/**
 * How a tool describes itself (DESIGN.md, "The agent"): everything the planner, the
 * answers, `help`, `cellpilot tools` and the evals know about a tool comes from here.
 */
/** A fault seen in a tool's result and the change of its settings that answers it. */
export interface Remedy {
  /** The fault, as the answer names it ("touching objects merged into one"). */
  symptom: string;
  /** How people say it (single words or short phrases, matched by meaning). */
  words: string[];
  /** Each setting changed: 'lower' or 'higher' than the value the last run used, or set to a value. */
  changes: { arg: string; way?: 'lower' | 'higher'; to?: unknown }[];
}

export interface ToolSelfDescription {
  /** What it does, in one sentence a biologist reads. */
  summary: string;
  /** Verbs and nouns people use for it, synonyms included (single words or short phrases). */
  words: string[];
  /** Requests as people write them. */
  examples: string[];
  /** Artifact types it reads, main input first. */
  consumes: ArtifactType[];
  /** Artifact types it writes, main output first. */
  produces: ArtifactType[];
  /**
   * What to cite for the methods it runs, for a methods section: by the value of its method argument that selects it
   * (`method`, or the argument named `by`), and under '*' for every run. Answers "what should I cite for the tracking?".
   */
  references?: { by?: string; cite: Record<string, string[]> };
  /** Needs a time-lapse (several frames), never a single-frame projection. */
  needsFrames?: boolean | ((args: Record<string, unknown>) => boolean);
  /** 'microscope': it runs the microscope (its requests are read by the acquisition language); default analysis. */
  domain?: 'analysis' | 'microscope';
  /**
   * The part it plays in a conversation where the planner treats it apart from what its words match:
   * 'advice' answers questions about using cellpilot (an advice question goes to it alone; a repeat skips it);
   * 'open' opens a file the request names (without a path, its words mean another tool);
   * 'start' / 'stop' / 'change' begin, end or change an acquisition (whether one runs is read from them);
   * 'rule' proposes a rule a person confirms with a yes (it absorbs the actions its sentence names);
   * 'status' reports on the microscope (state, dose): such a question stands alone;
   * 'list' lists what the session or the microscope holds (rules, models).
   * Advice, status and lists only report: a "why did you ..." is never about them.
   */
  role?: 'advice' | 'open' | 'start' | 'stop' | 'change' | 'rule' | 'status' | 'list';
  /**
   * The commands of the acquisition language (src/agent/acquisitionLanguage) it carries out:
   * the language reads a sentence as one of them, and the tool that declares it runs it.
   */
  carriesOut?: MicroscopeCommand[];
  /**
   * Its result summary is the answer to a request it alone carries out (a report, or a
   * microscope action whose numbers the person needs: dose, plan, time points), its files
   * named after it; by default the answer names the step and its outputs (the card shows the rest).
   */
  answersWithSummary?: boolean;
  /** Frames of the movie or labels it writes: as many as its input ('same'), or a single one ('one'); by its arguments when it depends on them. */
  framesOut?: 'same' | 'one' | ((args: Record<string, unknown>) => 'same' | 'one');
  /** Z slices of the movie or labels it writes, as framesOut; when absent, those of framesOut ('same' keeps the input's slices). */
  zOut?: 'same' | 'one' | ((args: Record<string, unknown>) => 'same' | 'one');
  /** Its result values: what each is and its unit. */
  results: Record<string, ResultValue>;
  /**
   * The table it writes for these arguments (measure's kind), column by column with a typical value each, as `results`
   * declare an `example`: a plan-only eval writes a small stand-in table from it, so an answer reads rows as in a real run.
   */
  table?: (args: Record<string, unknown>) => TableDeclaration | undefined;
  /**
   * Irreversible or risky (stopping an acquisition, raising the light a lot, activating or
   * deleting a rule): a person approves it first. A function of the arguments says, in one
   * line, what will happen when this call needs approval (undefined when it does not).
   */
  needsApproval?: boolean | ApprovalCheck;
  /**
   * The inputs a value of an argument can read, when not every input the tool accepts fits every value: export's
   * { format: { csv: ["table", "tracks"], tiff: ["movie", "labels"] } } (labels cannot be written as CSV). A plan whose
   * steps so far made none of them has the maker of the first added, and says so.
   */
  readsByValue?: Record<string, Record<string, ArtifactType[]>>;
  /** Words people use for an argument's enum values: { method: { model: ["u-net", "deep learning"] } }. */
  valueWords?: Record<string, Record<string, string[]>>;
  /**
   * Programs people name as where its files go ("they need to go into QuPath", "so I can open it in Fiji", "I'll plot it
   * in Prism"), by their usual name: the words people name each by (its name when absent, matched as written when a
   * word is in capitals, "R"), and the value of its `format` argument the program opens for each kind of result written.
   * A program named as the goal chooses the format by what is written (QuPath: labels as GeoJSON; Fiji: tracks as
   * TrackMate XML, labels as TIFF); its words count as words of the first format it lists.
   */
  opensIn?: Record<string, { words?: string[]; formats: Partial<Record<ArtifactType, string>> }>;
  /**
   * The kinds of file it opens (load_movie): their names as people say them, the file endings it reads, and what to do
   * with any other kind. A question whether cellpilot reads a kind of file is answered from this, nothing run.
   */
  readsFiles?: { formats: string[]; endings: string[]; otherwise: string };
  /** Artifact types it writes as ground truth for evaluation (among `produces`): never chained on as results. */
  truth?: ArtifactType[];
  /**
   * Inputs it also reads when the session has them, by its arguments (measure: the movie for
   * intensities, the tracks for a track id per object): 'latest' for the newest of that type,
   * 'recording' for the newest movie that is the recording itself (see `keepsRecording`).
   */
  alsoUses?: (args: Record<string, unknown>) => Partial<Record<ArtifactType, 'latest' | 'recording'>>;
  /** It only reads (a movie's header, the review): nothing to stand in for, so a plan-only eval runs it for real where what it reads exists. */
  readsOnly?: boolean;
  /** It sets something every later step reads (the calibration): a saved pipeline keeps it, though it reads no input. */
  appliesToLaterSteps?: boolean;
  /**
   * It cuts a region of the field out of a movie (a crop): a region said as another step's scope ("segment only the top
   * half") runs it first, its movie then that step's input (src/agent/planner/regionScope.ts).
   */
  cutsRegion?: boolean;
  /**
   * It keeps some of the things of its input by rules and writes them as a new result of the same type (filter_tracks:
   * the tracks that last long enough, the 3 fastest): a rule said as the scope of another step that reads that type
   * ("measure the speeds, but only for tracks of 10 frames or more") runs it first, its result that step's input
   * (src/agent/planner/selectionScope.ts).
   */
  selects?: ArtifactType;
  /** Its movie is the recording itself, opened, simulated, or only moved or corrected (drift, bleaching, channel offsets): what is measured on it is the recording's. */
  keepsRecording?: boolean;
  /** Its results are its inputs written again in another format or place (an export): files for the user, never a later step's input. */
  writesCopies?: boolean;
  /** The artifact types this tool is the usual maker of, when a later step needs one that does not exist yet. */
  makes?: ArtifactType[];
  /**
   * Arguments that apply only with certain others (a LUT only to a colour-coded projection): for each,
   * why it does not apply to the call's arguments, or undefined when it does. A value given where it
   * does not apply is named in the step's summary (src/agent/inapplicable.ts), never dropped silently.
   */
  inapplicable?: Record<string, (args: Record<string, unknown>) => string | undefined>;
  /**
   * Methods people ask for by name that this tool does not have: what runs instead, and the line the answer says;
   * `size`, the stand-in's argument that takes a size said for the method asked ("median filter 3x3": its 3 px window).
   */
  insteadOf?: Record<string, { args: Record<string, unknown>; say: string; size?: string }>;
  /**
   * Operations people ask for by name that this tool always does as part of its own work, with no argument
   * for them ("fill holes" of a threshold segmentation): the line the answer says when such an operation is
   * asked beside one of its steps, instead of naming it as not done.
   */
  alwaysDoes?: Record<string, string>;
  /**
   * How it tells by itself whether its work is needed, when it does ("if needed", "if there is any" said with it is
   * then met by running it): the line the answer says, e.g. that a drift correction shifts the frames only by the
   * common motion it finds beyond its own uncertainty.
   */
  decidesNeed?: string;
  /**
   * The faults of a recording it takes away, as people name them ("photobleaching", "drift", "noise", "uneven
   * background"): a verb of putting a fault right said with one of them as its object ("normalise the bleaching", "get
   * rid of the jitter", "take out the background") asks for this tool, whichever tool the verb alone would name.
   */
  removes?: string[];
  /**
   * What a person sees wrong in its result and which of its settings put that right ("the cells are merged": seeds
   * closer together; "it missed the dim ones": a lower threshold). A complaint about its last result with one of these
   * symptoms runs it again from the settings it used, changed so (src/agent/planner/resultRemedies.ts).
   */
  remedies?: Remedy[];
  /**
   * What it makes that a recording may lack, as people name the lack ("nuclear stain", "nuclear marker"): told that the
   * data has none ("we have no nuclear stain", "the cells are unlabelled") beside a step that finds the objects, this
   * tool makes it first and that step reads its result.
   */
  supplies?: string[];
  /** The yes/no question whose answer tells whether its work is needed, when a step here can answer it ("is there photobleaching?"): "if needed" said with it asks that first. */
  needQuestion?: string;
  /**
   * Its argument reader: the arguments the step's words state that the schema alone cannot
   * read (coordinates, names, words for a method), merged over the generic reading (a
   * channel, frames and an output where the schema has them; an argument set to undefined
   * is left unset). It may also return `$needs` (the input types it prefers, when its inputs
   * are all optional), `$ask` (a question to ask back instead of running) and `$note` (a line
   * for the answer). Numbers by an argument's name and allowed values are read from the
   * schema afterwards, where this left them unset.
   */
  fromRequest?: (clause: RequestClause) => Record<string, unknown>;
}

export interface ToolSpec<S extends z.ZodObject = z.ZodObject> extends Partial<ToolSelfDescription> {
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
