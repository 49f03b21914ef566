import type { ChatAppProps } from './App.tsx';

export interface EarlyChat {
  app: { waitUntilExit(): Promise<unknown>; unmount(): void };
  args: { model?: string; resume?: string; movies: string[] };
  provide(value: Pick<ChatAppProps, 'loadBackend' | 'previews' | 'onSubmitLine' | 'onExit'>): void;
}

export function bundlePath(): string;
export function historyPath(): string;
export function readHistory(): string[];
export function plainChatArgs(argv: string[]): { model?: string; resume?: string; movies: string[] } | undefined;
export function paintEarly(argv: string[]): Promise<void>;
export function takeEarlyChat(): EarlyChat | undefined;
