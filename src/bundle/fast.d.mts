export const FAST_COMMANDS: string[];
export const FAST_FILE: string;
export function buildFastBundle(
  esbuild: unknown,
  options: { root: string; entry: string; outdir: string; esmEntries: Map<string, string>; vendorUrls: Map<string, string>; options: object; plugins: object[] },
): Promise<{ file?: string; esmOnly?: string[]; reason?: string }>;
export function runFastBundle(bundleDir: string, command: string): Promise<string>;
/** `text` with the non-ASCII characters of its regular-expression literals escaped (unchanged when any lies elsewhere). */
export function asciiRegexes(text: string): Promise<string>;
/** fast.cjs is written wrapped as a CommonJS function: this text, the bundle, then FAST_WRAP_TAIL. */
export const FAST_WRAP_HEAD: string;
export const FAST_WRAP_TAIL: string;
