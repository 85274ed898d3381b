/**
 * Algoritmeregister entries from models (docs/register.md): `registerEntry` builds one, `registerMarkdown` renders
 * it; `registerEntrySchema` / `registerJsonSchema` describe the JSON form.
 */
export {
  ALGORITMEREGISTER_STANDARD,
  REGISTER_FIELDS,
  REGISTER_FORMAT,
  bwbOf,
  juriconnectLink,
  registerEntry,
} from './entry.js';
export type {
  AlgoritmeregisterFields,
  RegisterArticle,
  RegisterArticleVersion,
  RegisterDataItem,
  RegisterDecisionPoint,
  RegisterEntry,
  RegisterLink,
  RegisterOptions,
  RegisterPlaceholder,
} from './entry.js';
export { registerMarkdown } from './markdown.js';
export { registerEntrySchema, registerJsonSchema } from './schema.js';
