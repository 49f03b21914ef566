// Dependencies flow one way (DESIGN.md, STYLE.md): every import of every .ts/.tsx file
// under src/ and tools/ - static, `export ... from`, type-only, dynamic `import()` and a
// worker module named by `new URL('x.ts', import.meta.url)` - goes to the same layer or
// one below, and no module reaches itself again through its imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The layers, lowest first: a module may import its own layer or a lower one. Paths are prefixes from the repository root. */
const LAYERS: { name: string; paths: string[] }[] = [
  { name: 'foundation', paths: ['src/errors.ts', 'src/random.ts'] },
  // pixels and files, and the worker pool the kernels above run on (imports nothing of ours)
  { name: 'image', paths: ['src/image/', 'src/parallel/'] },
  // computations on movies; plot draws analysis tables
  { name: 'analysis', paths: ['src/analysis/', 'src/onnx/', 'src/sim/', 'src/plot/'] },
  { name: 'microscope', paths: ['src/microscope/'] },
  { name: 'tools', paths: ['tools/'] },
  { name: 'agent', paths: ['src/agent/'] },
  { name: 'interface', paths: ['src/ui/', 'src/commands/', 'src/cli.ts'] },
];

/** Packages only a layer at or above the named one may use. */
const PACKAGE_FLOOR: { pattern: RegExp; layer: string }[] = [
  { pattern: /^@langchain\//, layer: 'agent' },
  { pattern: /^(ink|ink-.+|react|react\/.+)$/, layer: 'interface' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function layerOf(file: string): number {
  const rel = relative(ROOT, file);
  return LAYERS.findIndex((l) => l.paths.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p)));
}

/** What a file imports: relative module paths (resolved) and package names. */
export function importsOf(file: string): { modules: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const specs = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  // a worker or lazily loaded module named by URL is a dependency too
  for (const m of text.matchAll(/new URL\(\s*['"]([^'"]+\.tsx?)['"]\s*,\s*import\.meta\.url\s*\)/g)) specs.push(m[1]);
  const modules = specs.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
  const packages = specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:'));
  return { modules, packages };
}

/** Every cycle the depth-first search meets, each as the list of files from where it closes. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('layers', () => {
  const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'tools'))].sort();
  const imports = new Map(files.map((f) => [f, importsOf(f)]));
  const rel = (f: string) => relative(ROOT, f);

  it('places every source file in a layer', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => layerOf(f) < 0).map(rel), 'files outside every layer: add their folder to LAYERS').toEqual([]);
  });

  it('imports only run downward: foundation < image < analysis < microscope < tools < agent < interface', () => {
    const upward: string[] = [];
    for (const [file, { modules }] of imports) {
      for (const target of modules) {
        if (!target.startsWith(ROOT) || !/^(src|tools)\//.test(rel(target))) continue;
        const from = layerOf(file);
        const to = layerOf(target);
        if (to > from) upward.push(`${rel(file)} imports ${rel(target)} (${LAYERS[from].name} may not import ${LAYERS[to].name})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('uses LangChain only from the agent up, and Ink/React only in the interface', () => {
    const misplaced: string[] = [];
    for (const [file, { packages }] of imports) {
      for (const pkg of packages) {
        const floor = PACKAGE_FLOOR.find((p) => p.pattern.test(pkg));
        if (floor && layerOf(file) < LAYERS.findIndex((l) => l.name === floor.layer)) misplaced.push(`${rel(file)} imports ${pkg} (only ${floor.layer} and above may)`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('has no import cycle between modules', () => {
    const graph = new Map([...imports].map(([file, { modules }]) => [file, modules.filter((m) => imports.has(m) || imports.has(m.replace(/\.js$/, '.ts')))]));
    const cycles = findCycles(graph).map((c) => c.map(rel).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one (the checks can fail)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    expect(layerOf(join(ROOT, 'tools/segment.ts'))).toBeLessThan(layerOf(join(ROOT, 'src/agent/loop.ts')));
    expect(importsOf(fileURLToPath(import.meta.url)).packages).toContain('typescript');
  });
});
