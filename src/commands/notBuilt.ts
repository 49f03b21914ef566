/** What a command that is not built yet does: say so and exit 2. */
export function notBuilt(name: string): number {
  process.stderr.write(`cellpilot: "${name}" is not built yet\n`);
  return 2;
}
