/**
 * The engine in the browser: the same parse, check and graph code as the CLI and the service (src/),
 * bundled by vite. None of it touches node: the core library does no I/O (src/index.ts); imports
 * are resolved over the files in memory.
 */
import { check } from '../../src/check/index.js';
import type { CheckedModel } from '../../src/check/index.js';
import { toGraph } from '../../src/graph/index.js';
import type { ModelGraph } from '../../src/graph/index.js';
import { importFlintJson } from '../../src/interchange/index.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { hasErrors } from '../../src/model/diagnostic.js';
import type { FrameDecl, SourceDecl } from '../../src/model/ast.js';
import { compile } from '../../src/run/index.js';
import type { CompiledModel } from '../../src/run/index.js';
import { loadModel } from '../../src/syntax/index.js';

export type { CheckedModel, Diagnostic, ModelGraph, CompiledModel };

/** A model's source as the service keeps it (GET /v1/models/{id}/files) or as files were opened. */
export interface ModelSource {
  readonly format: 'flint' | 'flint-json';
  readonly main: string;
  readonly files: Readonly<Record<string, string>>;
}

/** A model ready to explore. */
export interface ModelData {
  readonly id: string;
  readonly title: string;
  readonly source: ModelSource;
  readonly checked: CheckedModel;
  readonly graph: ModelGraph;
  readonly diagnostics: readonly Diagnostic[];
  /** Built on first use (the case timeline's state at an event). */
  compiled(): CompiledModel;
}

/** `a/b/../c` → `a/c` (POSIX, relative names only). */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
const dirOf = (path: string): string => path.split('/').slice(0, -1).join('/');

/** Build a model from its files: the model, or its diagnostics when it has errors. */
export function buildModel(
  id: string,
  source: ModelSource,
  options: { readonly flat?: boolean } = {},
): ModelData | { readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let checked: CheckedModel | null = null;
  if (source.format === 'flint-json') {
    const imported = importFlintJson(source.files[source.main] ?? '', source.main);
    diagnostics.push(...imported.diagnostics);
    if (!hasErrors(diagnostics)) {
      const c = check(imported.value);
      diagnostics.push(...c.diagnostics);
      checked = c.value;
    }
  } else {
    const files = new Map(Object.entries(source.files).map(([n, t]) => [normalize(n), t]));
    // Dropped files come without their folders: an import then finds a file by its name alone.
    const base = (p: string): string => p.split('/').pop() ?? p;
    const read = (p: string): string | undefined =>
      files.get(normalize(p)) ?? (options.flat === true ? files.get(base(p)) : undefined);
    const loaded = loadModel(
      normalize(source.main),
      {
        readFile: read,
        resolve: (from, imp) => (options.flat === true ? base(imp) : normalize(`${dirOf(from)}/${imp}`)),
      },
      { root: '.' },
    );
    diagnostics.push(...loaded.diagnostics);
    if (!hasErrors(diagnostics)) {
      const c = check(loaded.value.model);
      diagnostics.push(...c.diagnostics);
      checked = c.value;
    }
  }
  if (checked === null || hasErrors(diagnostics)) return { diagnostics };
  const ok = checked;
  let compiled: CompiledModel | null = null;
  return {
    id,
    title: ok.model.header?.title ?? source.main,
    source,
    checked: ok,
    graph: toGraph(ok),
    diagnostics,
    compiled: () => (compiled ??= compile(ok.model).value),
  };
}

/** A node of the model graph (`act:aanvragen`, `source:awir-15-lid-1`). */
export interface GraphNode {
  readonly key: string;
  readonly kind: 'act' | 'fact' | 'duty' | 'source';
  readonly name: string;
  readonly label: string;
}

export function graphNodes(m: ModelData): GraphNode[] {
  const out: GraphNode[] = [];
  m.graph.forEachNode((key, a) => {
    const attrs = a as { kind: GraphNode['kind']; name: string; label: string };
    out.push({ key, kind: attrs.kind, name: attrs.name, label: attrs.label });
  });
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** An edge with its relation (requires, derives, creates, terminates, enforces, rests-on, ...). */
export interface GraphEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: string;
}

export function graphEdges(m: ModelData): GraphEdge[] {
  const out: GraphEdge[] = [];
  m.graph.forEachEdge((_e, a, s, t) => {
    out.push({ source: s, target: t, kind: String((a as { type?: unknown }).type ?? '') });
  });
  return out;
}

/** The frame declaration of a node key, or the source declaration. */
export function declOf(m: ModelData, key: string): FrameDecl | SourceDecl | null {
  const i = key.indexOf(':');
  const kind = key.slice(0, i);
  const name = key.slice(i + 1);
  const table =
    kind === 'act'
      ? m.checked.acts
      : kind === 'fact'
        ? m.checked.facts
        : kind === 'duty'
          ? m.checked.duties
          : kind === 'source'
            ? m.checked.sources
            : {};
  return (table as Readonly<Record<string, FrameDecl | SourceDecl>>)[name] ?? null;
}

/** The text of a declaration in its file (its `.flint` definition), or null (FLINT JSON, no span). */
export function declText(m: ModelData, decl: FrameDecl | SourceDecl): string | null {
  if (m.source.format !== 'flint') return null;
  const file = m.source.files[decl.span.file] ?? m.source.files[normalize(decl.span.file)];
  if (file === undefined) return null;
  const text = file.slice(decl.span.start.offset, decl.span.end.offset);
  return text.length > 0 ? text : null;
}

/** The source ids a frame cites directly (its `sources:` and those of its variants). */
export function citedSources(decl: FrameDecl): string[] {
  const ids = new Set<string>();
  for (const s of decl.sources) ids.add(s.id);
  for (const v of decl.variants ?? []) for (const s of v.sources ?? []) ids.add(s.id);
  return [...ids];
}

/** The article of a source for the filter: its citation without the lid (`art. 26 Awir`), else its id. */
export function articleOf(s: SourceDecl): string {
  const c = s.citation ?? s.id;
  return c.replace(/\s*lid\s+\d+[a-z]?/i, '').trim();
}

/** The Juriconnect id as a link to wetten.overheid.nl (the id resolves there). */
export function juriconnectUrl(jci: string): string {
  return `https://wetten.overheid.nl/${jci}`;
}
