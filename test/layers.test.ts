// Dependencies flow one way (DESIGN.md, STYLE.md): every import of every .ts/.tsx file
// under src/ and tools/ - static, `export ... from`, type-only, dynamic `import()` and a
// worker module named by `new URL('x.ts', import.meta.url)` - goes to the same layer or
// one below, and no module reaches itself again through the imports that remain at run time.
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
  // (src/stdio.ts: the command line's own output, written straight to fd 1)
  { name: 'interface', paths: ['src/ui/', 'src/commands/', 'src/cli.ts', 'src/stdio.ts'] },
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

interface Imports {
  /** Every relative import, resolved: static, type-only, dynamic and worker URLs. */
  modules: string[];
  /** The ones still there when the program runs (type-only imports are erased). */
  runtime: string[];
  packages: string[];
}

/** What a file imports, from its syntax tree (imports in comments and strings do not count). */
export function importsOf(file: string): Imports {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { spec: string; typeOnly: boolean }[] = [];
  const allTypes = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) => elements.length > 0 && elements.every((e) => e.isTypeOnly);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!bindings && ts.isNamedImports(bindings) && allTypes(bindings.elements)));
      found.push({ spec: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && allTypes(clause.elements)) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push({ spec: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ spec: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // a worker or lazily loaded module named by URL is a dependency too
  for (const m of text.matchAll(/new URL\(\s*['"]([^'"]+\.tsx?)['"]\s*,\s*import\.meta\.url\s*\)/g)) found.push({ spec: m[1], typeOnly: false });
  const local = found.filter((f) => f.spec.startsWith('.'));
  return {
    modules: local.map((f) => resolve(dirname(file), f.spec)),
    runtime: local.filter((f) => !f.typeOnly).map((f) => resolve(dirname(file), f.spec)),
    packages: found.filter((f) => !f.spec.startsWith('.') && !f.spec.startsWith('node:')).map((f) => f.spec),
  };
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

  // type-only imports are erased before the program runs, so two modules may name each other's types
  it('has no import cycle between modules (imports that remain at run time)', () => {
    // (a module that names itself as its worker module, src/analysis/background.ts, runs its own tasks: no cycle)
    const graph = new Map([...imports].map(([file, { runtime }]) => [file, runtime.filter((m) => imports.has(m) && m !== file)]));
    const cycles = findCycles(graph).map((c) => c.map(rel).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one (the checks can fail)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    expect(layerOf(join(ROOT, 'tools/segment.ts'))).toBeLessThan(layerOf(join(ROOT, 'src/agent/loop.ts')));
    expect(importsOf(fileURLToPath(import.meta.url)).packages).toContain('typescript');
    // type-only imports count for the direction, not for cycles
    const loop = importsOf(join(ROOT, 'src/agent/loop.ts'));
    const session = join(ROOT, 'src/agent/session.ts');
    expect(loop.modules).toContain(session);
    expect(loop.runtime).not.toContain(session);
  });
});
