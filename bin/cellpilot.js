#!/usr/bin/env node
// Entry point: runs the TypeScript sources directly through tsx's loader, so there is no build step.
// The chat first paints from its pre-built UI bundle, before tsx starts (src/ui/early.mjs);
// for every other command paintEarly returns at once.
await (await import('../src/ui/early.mjs')).paintEarly(process.argv.slice(2));
const { register } = await import('tsx/esm/api');

register();
await import('../src/cli.ts');
