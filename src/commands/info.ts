import { notBuilt } from './notBuilt.ts';

export async function run(_argv: string[]): Promise<number> {
  return notBuilt('info');
}
