#!/usr/bin/env node
// Entry point. The chat first paints from its pre-built UI bundle (src/ui/early.mjs; for
// every other command paintEarly returns at once); then the command line runs from the
// command bundle when it matches the sources, else from the TypeScript sources through
// tsx's loader (src/bundle/start.mjs).
await (await import('../src/ui/early.mjs')).paintEarly(process.argv.slice(2));
await (await import('../src/bundle/start.mjs')).startCli();
