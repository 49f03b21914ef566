import type { CliBundle } from './manifest.mjs';

export type BuildResult = { bundle: CliBundle; reason?: undefined } | { bundle?: undefined; reason: string };

export function modulesNamedByUrl(root: string): string[];
export function buildCliBundle(options?: { root?: string; entry?: string }): Promise<BuildResult>;
export function ensureCliBundle(options?: { root?: string; entry?: string }): Promise<BuildResult>;
export function scanSources(root: string): { namedByUrl: string[]; rewritten: string[] };
export function buildInBackground(root?: string): boolean;
