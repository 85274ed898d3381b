/**
 * The default check rules, one per file; each file is named after the code it reports.
 */
import type { Rule } from '../rule.js';
import { actNeverEnabled } from './act-never-enabled.js';
import { actWithoutSource } from './act-without-source.js';
import { actorNotActorType } from './actor-not-actor-type.js';
import { argumentType } from './argument-type.js';
import { derivationCycle } from './derivation-cycle.js';
import { derivationTooDeep } from './derivation-too-deep.js';
import { duplicateFrame } from './duplicate-frame.js';
import { duplicateSource } from './duplicate-source.js';
import { dutyActMismatch } from './duty-act-mismatch.js';
import { dutyNeverEnds } from './duty-never-ends.js';
import { effectOnDerivedFact } from './effect-on-derived-fact.js';
import { emptyName } from './empty-name.js';
import { expressionTooDeep } from './expression-too-deep.js';
import { implicitInputFact } from './implicit-input-fact.js';
import { invertedValidity } from './inverted-validity.js';
import { malformedJuriconnect } from './malformed-juriconnect.js';
import { sourceNotInForce } from './source-not-in-force.js';
import { typeMismatch } from './type-mismatch.js';
import { unknownReference } from './unknown-reference.js';
import { unboundEffect } from './unbound-effect.js';
import { unboundedMonth } from './unbounded-month.js';
import { unknownSource } from './unknown-source.js';
import { unusedFact } from './unused-fact.js';
import { wrongArity } from './wrong-arity.js';
import { overlappingVariants } from './overlapping-variants.js';
import { overlappingVersions } from './overlapping-versions.js';
import { unknownVersion } from './unknown-version.js';
import { variantFields } from './variant-fields.js';
import { variantNotCovered } from './variant-not-covered.js';
import { versionGap } from './version-gap.js';
import { versionNeverInForce } from './version-never-in-force.js';

/** Every rule `check` runs by default, sorted by code. */
export const defaultRules: readonly Rule[] = [
  actNeverEnabled,
  actWithoutSource,
  actorNotActorType,
  argumentType,
  derivationCycle,
  derivationTooDeep,
  duplicateFrame,
  duplicateSource,
  dutyActMismatch,
  dutyNeverEnds,
  effectOnDerivedFact,
  emptyName,
  expressionTooDeep,
  implicitInputFact,
  invertedValidity,
  malformedJuriconnect,
  overlappingVariants,
  overlappingVersions,
  sourceNotInForce,
  typeMismatch,
  unboundEffect,
  unboundedMonth,
  unknownReference,
  unknownSource,
  unknownVersion,
  unusedFact,
  variantFields,
  variantNotCovered,
  versionGap,
  versionNeverInForce,
  wrongArity,
];
