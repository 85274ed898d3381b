/**
 * Model and engine identity: what every case state and trace entry names, so a state is never
 * silently resumed under another model.
 */
import type { Model } from './ast.js';
import { canonicalJson } from './canonical.js';
import { sha256Hex } from './sha256.js';
import { stripSpans } from './walk.js';
import { atBoundary, emptyModel } from './guard.js';

/**
 * The version of this engine (the `version` of package.json; a test keeps them equal). Written
 * into every case state and trace entry.
 */
export const ENGINE_VERSION = '0.1.0';

/** Which model a state or trace was made with. */
export interface ModelIdentity {
  /**
   * `sha256:` and the SHA-256 of the canonical JSON (see canonicalJson) of the model AST without
   * its spans: the same model gives the same hash however it is formatted or where its files are.
   */
  readonly hash: string;
  /** The model header's title; `null` without a header. */
  readonly title: string | null;
  /** The model header's version date (`version:`); `null` when not given. */
  readonly version: string | null;
}

const cache = new WeakMap<Model, ModelIdentity>();

/** The identity of a model (computed once per model object: the AST is immutable). */
export function modelIdentity(model: Model): ModelIdentity {
  return atBoundary(
    'modelIdentity',
    () => modelIdentity(emptyModel()),
    () => {
      let id = cache.get(model);
      if (id === undefined) {
        id = Object.freeze({
          hash: `sha256:${sha256Hex(canonicalJson(stripSpans(model)))}`,
          title: model.header?.title ?? null,
          version: model.header?.versionDate ?? null,
        });
        cache.set(model, id);
      }
      return id;
    },
  );
}
