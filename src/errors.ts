// Errors that reach the user as one line. InputError means the user gave something
// wrong (exit 2); WorkError means valid input but the work failed (exit 1).

export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export class WorkError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'WorkError';
  }
}

/** One line for the terminal: never a stack trace. */
export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*\n\s*/g, ' ').trim();
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof InputError) return 2;
  if (err instanceof Error && (err as { exitCode?: number }).exitCode === 2) return 2;
  return 1;
}
