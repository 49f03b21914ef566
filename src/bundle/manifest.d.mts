export interface CliBundle {
  /** URL of the bundled src/cli.ts. */
  entryUrl: string;
  /** Source file URL -> bundled module URL, for modules named by URL (worker kernels). */
  modules: Map<string, string>;
  /** The build's folder. */
  dir: string;
  /** The CommonJS file `cellpilot tool` starts from (fast.mjs), when it was built. */
  fast?: string;
}

export const ROOT: string;
export function cacheDir(root?: string): string;
export function manifestPath(root?: string): string;
export function bundleDisabled(): boolean;
export function fileStamp(path: string): [size: number, mtimeMs: number] | undefined;
export function freshBundle(root?: string): CliBundle | undefined;
