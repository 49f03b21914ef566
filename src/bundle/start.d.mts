export function startCli(root?: string): Promise<'bundle' | 'sources'>;
