/** What every view reads: language, words, the service client, opened files, and a model cache. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.js';
import type { ModelData } from './engine.js';
import { buildModel } from './engine.js';
import type { Opened } from './files.js';
import type { Lang, Words } from './i18n.js';

export interface AppContext {
  readonly lang: Lang;
  readonly t: Words;
  readonly api: Api | null;
  readonly local: Opened | null;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (c === null) throw new Error('no app context');
  return c;
}

const models = new Map<string, Promise<ModelData>>();

/** The model `id`: the opened one (`local`), or the service's, built in the page once. */
export function loadModelData(ctx: AppContext, id: string): Promise<ModelData> {
  if (id === 'local') {
    return ctx.local?.model ? Promise.resolve(ctx.local.model) : Promise.reject(new Error('No model was opened.'));
  }
  const known = models.get(id);
  if (known) return known;
  const api = ctx.api;
  if (api === null) return Promise.reject(new Error('No decision service.'));
  const p = api.modelFiles(id).then((src) => {
    const built = buildModel(id, src);
    if (!('checked' in built)) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
    return built;
  });
  p.catch(() => models.delete(id));
  models.set(id, p);
  return p;
}
