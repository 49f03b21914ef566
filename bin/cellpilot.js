#!/usr/bin/env node
// Entry point. The chat first paints from its pre-built UI bundle (src/ui/early.mjs; for
// every other command paintEarly returns at once); then the command line runs from the
// command bundle when it matches the sources, else from the TypeScript sources through
// tsx's loader (src/bundle/start.mjs).
// Which of process.stdout and process.stderr this process has made (src/stdio.ts reads the set):
// making one loads node:stream, and node:net for a pipe (4-7 ms of CPU each), so a `tool`
// command writes its output without them and exits without flushing streams it never made.
const stdioMade = (globalThis[Symbol.for('cellpilot.stdioMade')] = new Set());
for (const name of ['stdout', 'stderr']) {
  const d = Object.getOwnPropertyDescriptor(process, name);
  if (d?.get && d.configurable) Object.defineProperty(process, name, { ...d, get: () => (stdioMade.add(name), d.get.call(process)) });
}
const argv = process.argv.slice(2);
// Only `cellpilot`, `cellpilot chat ...` and `cellpilot --option ...` can be a chat (see
// plainChatArgs in early.mjs): other commands skip loading the early paint (about 10 ms).
if (argv.length === 0 || argv[0] === 'chat' || argv[0].startsWith('-')) await (await import('../src/ui/early.mjs')).paintEarly(argv);
await (await import('../src/bundle/start.mjs')).startCli();
