/**
 * Files opened in the explorer (file input or drag and drop), without a service: trace JSON in any
 * of the shapes the project writes, or a model (.flint files with their imports, or FLINT JSON),
 * built by the engine in the page.
 */
import type { TraceEntry } from '../../src/model/trace.js';
import type { Diagnostic, ModelData } from './engine.js';
import { buildModel } from './engine.js';

/** What was opened. */
export interface Opened {
  readonly traces: readonly { readonly name: string; readonly entry: TraceEntry }[];
  readonly model: ModelData | null;
  readonly problems: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

const isEntry = (v: unknown): v is TraceEntry =>
  typeof v === 'object' && v !== null && (v as { traceVersion?: unknown }).traceVersion === 2;

/** The trace entries in a JSON value: one entry, a list, a stored decision, a `flint run --format json` run. */
export function tracesIn(value: unknown): TraceEntry[] | null {
  if (isEntry(value)) return [value];
  if (Array.isArray(value)) {
    const found = value.flatMap((v) => tracesIn(v) ?? []);
    return found.length > 0 ? found : null;
  }
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    if (isEntry(o.trace)) return [o.trace];
    if (Array.isArray(o.acts)) {
      const found = o.acts.flatMap((a) => tracesIn(a) ?? []);
      if (found.length > 0) return found;
    }
  }
  return null;
}

/** Read the files: traces from JSON that holds them, a model from .flint files or another JSON. */
export async function openFiles(files: readonly File[]): Promise<Opened> {
  const texts: { name: string; text: string }[] = [];
  for (const f of files) texts.push({ name: f.name, text: await f.text() });
  return openTexts(texts);
}

export function openTexts(texts: readonly { name: string; text: string }[]): Opened {
  const traces: { name: string; entry: TraceEntry }[] = [];
  const problems: string[] = [];
  const flint: Record<string, string> = {};
  let flintJson: { name: string; text: string } | null = null;
  for (const { name, text } of texts) {
    if (/\.flint$/i.test(name)) {
      flint[name] = text;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      problems.push(`${name}: not JSON and not .flint (${(e as Error).message})`);
      continue;
    }
    const found = tracesIn(value);
    if (found !== null) {
      found.forEach((entry, i) => {
        traces.push({ name: found.length > 1 ? `${name} #${i + 1}` : name, entry });
      });
    } else flintJson = { name, text };
  }
  let model: ModelData | null = null;
  let diagnostics: readonly Diagnostic[] = [];
  const names = Object.keys(flint);
  if (names.length > 0) {
    // The main file is the one no other file imports (by file name: dropped files come without folders).
    const imported = new Set<string>();
    for (const t of Object.values(flint))
      for (const m of t.matchAll(/^\s*import\s+"([^"]+)"/gm)) imported.add((m[1] ?? '').split('/').pop() ?? '');
    const main = names.find((n) => !imported.has(n)) ?? (names[0] as string);
    const built = buildModel('local', { format: 'flint', main, files: flint }, { flat: true });
    if ('checked' in built) model = built;
    diagnostics = built.diagnostics;
  } else if (flintJson !== null) {
    const built = buildModel('local', {
      format: 'flint-json',
      main: flintJson.name,
      files: { [flintJson.name]: flintJson.text },
    });
    if ('checked' in built) model = built;
    diagnostics = built.diagnostics;
  }
  return { traces, model, problems, diagnostics };
}
