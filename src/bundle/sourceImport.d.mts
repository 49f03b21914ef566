import type { CliBundle } from './manifest.mjs';

export function setRunningBundle(bundle: CliBundle | null | undefined): void;
export function runningBundleDir(): string | undefined;
export function registerTsx(): Promise<void>;
export function importFrom(baseUrl: string | undefined, specifier: string | URL): Promise<Record<string, unknown>>;
export function importSource(url: string): Promise<Record<string, unknown>>;
