/**
 * The exports of a library entry point as the TypeScript compiler sees them: name, kind and the first sentence of
 * its doc comment. Used by tests/api-docs.test.ts (docs/api.md lists every export) and to draft that file:
 * `npx tsx tests/helpers/api-exports.ts`.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from './shared.js';

/** One export of an entry point. */
export interface ApiExport {
  readonly name: string;
  readonly kind: 'function' | 'class' | 'const' | 'type';
  readonly summary: string;
}

/** The library's entry points: package subpath → source file. */
export const ENTRY_POINTS: ReadonlyArray<[subpath: string, file: string]> = [
  ['calculemus', 'src/index.ts'],
  ['calculemus/norms', 'src/norms.ts'],
];

/** Every export of each entry point, sorted by name. */
export function apiExports(): Map<string, ApiExport[]> {
  const files = ENTRY_POINTS.map(([, f]) => join(projectRoot, f));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const out = new Map<string, ApiExport[]>();
  ENTRY_POINTS.forEach(([subpath], i) => {
    const source = program.getSourceFile(files[i] as string);
    const moduleSymbol = source ? checker.getSymbolAtLocation(source) : undefined;
    const list = (moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []).map((sym): ApiExport => {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      const f = target.flags;
      const kind =
        f & ts.SymbolFlags.Function
          ? 'function'
          : f & ts.SymbolFlags.Class
            ? 'class'
            : f & ts.SymbolFlags.Variable
              ? 'const'
              : 'type';
      const doc = ts.displayPartsToString(target.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
      // The first sentence: up to a full stop before a capital or a code span (`e.g.` and `i.e.` end none).
      const first = /^(.*?[^.](?<!\be\.g|\bi\.e)\.)(?=\s+[A-Z`]|$)/.exec(doc)?.[1] ?? doc;
      return { name: sym.name, kind, summary: first };
    });
    out.set(
      subpath,
      list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    );
  });
  return out;
}

if (process.argv[1]?.endsWith('api-exports.ts')) {
  for (const [subpath, list] of apiExports()) {
    process.stdout.write(`\n## \`${subpath}\`\n\n`);
    for (const e of list) process.stdout.write(`- \`${e.name}\` (${e.kind}): ${e.summary || 'TODO'}\n`);
  }
}
