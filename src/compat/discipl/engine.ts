/**
 * The discipl-law-reg compatibility profile: a pure, synchronous interpreter of the engine's AST
 * with the exact semantics of the peer `@discipl/law-reg` 0.7.3
 * (../shared/flint-models/discipl/SEMANTICS.md §2–§7). Errors the peer throws are returned as
 * values (`{ ok: false, error }`) with the peer's exact message.
 */
import type { Decimal } from 'decimal.js';
import type { Model } from '../../model/index.js';
import type { PeerAct, PeerExpr, PeerModel, RawTextAt } from './lower.js';
import { lowerExpr, lowerModel } from './lower.js';
import type { Expr } from '../../model/index.js';
import type { DisciplObject, DisciplValue } from './values.js';
import {
  DisciplError,
  fromAnswer,
  isDecimal,
  isNumeric,
  isObjectValue,
  isTruthy,
  toDecimal,
  valueText,
} from './values.js';

/**
 * A question put to the resolver: a fact name, `undefined` (the peer's "previous fact" unset), or an expression object.
 */
export type DisciplQuestion = string | undefined | DisciplObject;

/**
 * The caller's fact resolver: `(question, listNames, listIndices, candidates) → answer`;
 * `undefined` = unknown, a link chooses a creating record, an array of links for `some` projections.
 */
export type DisciplResolver = (
  question: DisciplQuestion,
  listNames: readonly string[],
  listIndices: readonly number[],
  candidates: readonly string[],
) => DisciplValue;

/** Success with a value, or the peer's error message. */
export type DisciplOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** A stored act record (SEMANTICS.md §3.1). */
export interface DisciplRecord {
  readonly link: string;
  /** Act name (bracketed); `null` for the start record of a case. */
  readonly act: string | null;
  readonly globalCase: string;
  /** `null` for the start record. */
  readonly previousCase: string | null;
  /** The answer memo of the take: question → answer (+ actor key → `IS` expression). */
  readonly factsSupplied: DisciplObject;
}

/** `{act, link}` as returned by available/potential acts (link = the act's name here) and getActions (record link). */
export interface ActLink {
  readonly act: string;
  readonly link: string;
}

/** `{duty, link}` for an active duty; link = the record that created it. */
export interface DutyLink {
  readonly duty: string;
  readonly link: string;
}

/** The result of an act check (SEMANTICS.md §5): `valid` is `undefined` when unknown. */
export interface DisciplActCheck {
  readonly valid: boolean | undefined;
  readonly invalidReasons: readonly string[];
}

/** A node of an explanation tree (SEMANTICS.md §7.1); absent keys mean "no value". */
export interface ExplainNode {
  fact?: string;
  expression?: string;
  operandExplanations?: ExplainNode[];
  value?: boolean | string | null;
}

type Memo = Record<string, DisciplValue>;

/** The answer memo wrapper (SEMANTICS.md §2.3); `memo: null` = pass-through (peer-internal checkAction). */
class Asker {
  constructor(
    readonly caller: DisciplResolver,
    readonly memo: Memo | null,
  ) {}

  ask(
    question: DisciplQuestion,
    names: readonly string[],
    indices: readonly number[],
    candidates: readonly string[],
  ): DisciplValue {
    if (!this.memo) return this.caller(question, names, indices, candidates);
    const slot = this.slot(names, indices);
    const key = typeof question === 'string' ? question : question === undefined ? 'undefined' : '[object Object]';
    const known = slot[key];
    if (isTruthy(known)) return known;
    const answer = candidates.length === 1 ? candidates[0] : this.caller(question, names, indices, candidates);
    slot[key] = answer;
    return answer;
  }

  private slot(names: readonly string[], indices: readonly number[]): Memo {
    let cur = this.memo as Memo;
    names.forEach((name, i) => {
      let arr = cur[name];
      if (!Array.isArray(arr)) {
        arr = [];
        cur[name] = arr;
      }
      const list = arr as Memo[];
      const idx = indices[i] ?? 0;
      list[idx] ??= {};
      cur = list[idx];
    });
    return cur;
  }
}

interface Ctx {
  readonly who: string | undefined;
  readonly asMyself: boolean;
  readonly caseLink: string | undefined;
  readonly previous: string | undefined;
  readonly asker: Asker;
  readonly names: readonly string[];
  readonly indices: readonly number[];
  readonly node: ExplainNode | null;
  readonly depth: number;
}

const MAX_DEPTH = 4000;
const MAX_LIST_ITEMS = 10_000;
const alwaysFalse: DisciplResolver = () => false;
const noAnswer: DisciplResolver = () => undefined;

function explainText(v: DisciplValue): boolean | string | null | undefined {
  if (v === undefined || v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  return valueText(v);
}

/**
 * One published model and its cases (records), with the peer's entry points. Record links are
 * deterministic (`case:1`, `record:2`, ...).
 */
export class DisciplEngine {
  private readonly records = new Map<string, DisciplRecord>();
  private counter = 0;

  private constructor(readonly model: PeerModel) {}

  /** Load a model (already bound to identities). `raw` recovers exact JSON name spellings from spans. */
  static fromModel(model: Model, raw?: RawTextAt): DisciplEngine {
    return new DisciplEngine(lowerModel(model, raw));
  }

  /** An engine with no cases over an already lowered model (lowered models are immutable and may be shared). */
  static fromLowered(model: PeerModel): DisciplEngine {
    return new DisciplEngine(model);
  }

  /** Start a new case; returns the link of its start record. */
  newCase(): string {
    const link = `case:${++this.counter}`;
    this.records.set(link, { link, act: null, globalCase: link, previousCase: null, factsSupplied: {} });
    return link;
  }

  /** The stored record behind `link`, if any. */
  record(link: string): DisciplRecord | undefined {
    return this.records.get(link);
  }

  /** Take `act` as `who` at `caseLink` (SEMANTICS.md §5); returns the new record's link. */
  take(who: string, caseLink: string, act: string, resolver: DisciplResolver = alwaysFalse): DisciplOutcome<string> {
    return this.guard(() => {
      const prev = this.needRecord(caseLink);
      const found = this.model.acts.find((a) => a.name === act);
      if (!found) throw new DisciplError(`Act not found ${act}`);
      const asker = new Asker(resolver, {});
      const check = this.checkAct(found, who, caseLink, asker, true, null);
      if (check.valid !== true)
        throw new DisciplError(`Action ${act} is not allowed due to ${check.invalidReasons.join(',')}`);
      const facts = asker.memo as Memo;
      facts[found.actorKey] = { expression: 'IS', operand: who };
      const link = `record:${++this.counter}`;
      this.records.set(link, {
        link,
        act: found.name,
        globalCase: prev.globalCase,
        previousCase: caseLink,
        factsSupplied: facts,
      });
      return link;
    });
  }

  /** Acts whose full check is `true`, in model order; one memo shared by all acts. */
  availableActs(caseLink: string, who: string, resolver: DisciplResolver): DisciplOutcome<ActLink[]> {
    return this.guard(() => {
      this.needRecord(caseLink);
      const asker = new Asker(resolver, {});
      return this.model.acts
        .filter((a) => this.checkAct(a, who, caseLink, asker, false, null).valid === true)
        .map((a) => ({ act: a.name, link: a.name }));
    });
  }

  /** Acts whose full check is unknown, in model order; a fresh memo per act. */
  potentialActs(caseLink: string, who: string, resolver: DisciplResolver): DisciplOutcome<ActLink[]> {
    return this.guard(() => {
      this.needRecord(caseLink);
      return this.model.acts
        .filter((a) => this.checkAct(a, who, caseLink, new Asker(resolver, {}), false, null).valid === undefined)
        .map((a) => ({ act: a.name, link: a.name }));
    });
  }

  /**
   * The raw act check (peer-internal `checkAction`): no memo wrapper; `caseLink` may be undefined.
   */
  checkAction(
    who: string,
    caseLink: string | undefined,
    act: string,
    resolver: DisciplResolver,
    earlyEscape: boolean,
  ): DisciplOutcome<DisciplActCheck> {
    return this.guard(() => {
      const found = this.model.acts.find((a) => a.name === act);
      if (!found) throw new DisciplError(`Act not found ${act}`);
      return this.checkAct(found, who, caseLink, new Asker(resolver, null), earlyEscape, null);
    });
  }

  /** The explanation tree of an early-escape check of `act` (SEMANTICS.md §7.1). */
  explain(who: string, caseLink: string, act: string, resolver: DisciplResolver): DisciplOutcome<ExplainNode> {
    return this.guard(() => {
      this.needRecord(caseLink);
      const found = this.model.acts.find((a) => a.name === act);
      if (!found) throw new DisciplError(`Act not found ${act}`);
      const root: ExplainNode = {};
      const check = this.checkAct(found, who, caseLink, new Asker(resolver, {}), true, root);
      root.value = check.valid === undefined ? null : check.valid;
      return root;
    });
  }

  /** Evaluate one expression outside any act (not as actor), with a fresh memo wrapper. */
  evaluate(expr: Expr, resolver: DisciplResolver, caseLink?: string, raw?: RawTextAt): DisciplOutcome<DisciplValue> {
    return this.guard(() =>
      this.value(lowerExpr(expr, raw), this.ctx(undefined, false, caseLink, new Asker(resolver, {}), null)),
    );
  }

  /** Duties active for `who` at `caseLink`, newest created first (SEMANTICS.md §6). */
  activeDuties(caseLink: string, who: string): DisciplOutcome<DutyLink[]> {
    return this.guard(() => {
      const terminated = new Set<string>();
      const found: DutyLink[] = [];
      for (const rec of this.chain(caseLink)) {
        const act = this.actOf(rec);
        if (!act) continue;
        if (typeof act.create === 'string') {
          for (const m of act.create.matchAll(/<[^>]+>/g)) {
            if (!terminated.has(m[0])) found.push({ duty: m[0], link: rec.link });
          }
        }
        if (typeof act.terminate === 'string') for (const m of act.terminate.matchAll(/<[^>]+>/g)) terminated.add(m[0]);
      }
      return found.filter((d) => {
        const duty = this.model.duties.get(d.duty);
        if (!duty) return false;
        // The peer passes no resolver here (a question crashes it); this profile answers unknown.
        const ctx = this.ctx(who, true, caseLink, new Asker(noAnswer, {}), null);
        return isTruthy(this.value(duty.holder, ctx));
      });
    });
  }

  /** The acts taken from the start of the case up to `caseLink`, oldest first; link = the act record. */
  actions(caseLink: string): DisciplOutcome<ActLink[]> {
    return this.guard(() =>
      this.chain(caseLink)
        .filter((r) => r.act !== null)
        .map((r) => ({ act: r.act as string, link: r.link }))
        .reverse(),
    );
  }

  // -------------------------------------------------------------------------------------------

  private guard<T>(run: () => T): DisciplOutcome<T> {
    try {
      return { ok: true, value: run() };
    } catch (e) {
      if (e instanceof DisciplError) return { ok: false, error: e.message };
      if (e instanceof RangeError) return { ok: false, error: 'Maximum call stack size exceeded' };
      // A bug of this profile, still reported as a value so that callers never see an exception.
      return { ok: false, error: `Internal error: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private needRecord(link: string): DisciplRecord {
    const r = this.records.get(link);
    if (!r) throw new DisciplError(`Case not found ${link}`);
    return r;
  }

  /** Records from `link` back to the start record, newest first. */
  private chain(link: string | undefined): DisciplRecord[] {
    const out: DisciplRecord[] = [];
    let cur = link === undefined ? undefined : this.records.get(link);
    while (cur) {
      out.push(cur);
      cur = cur.previousCase === null ? undefined : this.records.get(cur.previousCase);
    }
    return out;
  }

  private actOf(rec: DisciplRecord): PeerAct | undefined {
    return rec.act === null ? undefined : this.model.acts.find((a) => a.name === rec.act);
  }

  /** Live creating records of fact `name` at `link`, newest first (SEMANTICS.md §3.2). */
  private creating(name: string | undefined, link: string | undefined): string[] {
    if (name === undefined) return [];
    const contains = (list: readonly string[] | string): boolean =>
      typeof list === 'string' ? list.includes(name) : list.includes(name);
    const terminated = new Set<DisciplValue>();
    const candidates: string[] = [];
    for (const rec of this.chain(link)) {
      const act = this.actOf(rec);
      if (!act) continue;
      if (contains(act.terminate)) terminated.add(rec.factsSupplied[name]);
      if (contains(act.create)) candidates.push(rec.link);
    }
    return candidates.filter((c) => !terminated.has(c));
  }

  private ctx(
    who: string | undefined,
    asMyself: boolean,
    caseLink: string | undefined,
    asker: Asker,
    node: ExplainNode | null,
  ): Ctx {
    return { who, asMyself, caseLink, previous: undefined, asker, names: [], indices: [], node, depth: 0 };
  }

  private checkAct(
    act: PeerAct,
    who: string,
    caseLink: string | undefined,
    asker: Asker,
    early: boolean,
    root: ExplainNode | null,
  ): DisciplActCheck {
    const items: [string, PeerExpr | null, boolean][] = [
      ['actor', act.actor, true],
      ['object', act.object, false],
      ['recipient', act.recipient, false],
      ['preconditions', act.preconditions, false],
    ];
    const reasons: string[] = [];
    let sawFalse = false;
    for (const [item, expr, asMyself] of items) {
      if (expr === null) continue;
      const v = this.value(expr, this.ctx(who, asMyself, caseLink, asker, root));
      if (isTruthy(v)) continue;
      reasons.push(item);
      if (v === false) sawFalse = true;
      if (early) return { valid: false, invalidReasons: reasons };
    }
    return { valid: reasons.length === 0 ? true : sawFalse ? false : undefined, invalidReasons: reasons };
  }

  /** Evaluate `v` (fact name or expression), adding an explanation node when explaining. */
  private value(v: PeerExpr, ctx: Ctx): DisciplValue {
    if (ctx.depth > MAX_DEPTH) throw new RangeError('Maximum call stack size exceeded');
    let inner = ctx;
    let node: ExplainNode | null = null;
    if (ctx.node) {
      node = {};
      (ctx.node.operandExplanations ??= []).push(node);
      inner = { ...ctx, node };
    }
    inner = { ...inner, depth: ctx.depth + 1 };
    const result = this.check(v, inner, node);
    if (node && node.value === undefined) {
      const t = explainText(result);
      if (t !== undefined) node.value = t;
    }
    return result;
  }

  private check(v: PeerExpr, ctx: Ctx, node: ExplainNode | null): DisciplValue {
    if (typeof v === 'string') {
      if (this.model.facts.has(v)) {
        if (node) node.fact = v;
        return this.value(this.model.facts.get(v) ?? '[]', { ...ctx, previous: v });
      }
      const question = v === '[]' || v === '' ? ctx.previous : v;
      if (node && question !== undefined) node.fact = question;
      const answer = fromAnswer(ctx.asker.ask(question, ctx.names, ctx.indices, []));
      if (node) {
        const t = explainText(answer);
        (node.operandExplanations ??= []).push(t === undefined ? {} : { value: t });
      }
      return answer;
    }
    if (node) node.expression = v.op === 'UNKNOWN' ? v.type : v.op === 'FAIL' ? 'ERROR' : v.op;
    const sub = (x: PeerExpr): DisciplValue => this.value(x, ctx);
    switch (v.op) {
      case 'AND': {
        let unknown = false;
        for (const o of v.operands) {
          const r = sub(o);
          if (r === false) return false;
          if (r === undefined) unknown = true;
        }
        return unknown ? undefined : true;
      }
      case 'OR': {
        let unknown = false;
        for (const o of v.operands) {
          const r = sub(o);
          if (isTruthy(r)) return true;
          if (r === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      }
      case 'NOT': {
        const r = sub(v.operand);
        return r === true ? false : r === false ? true : undefined;
      }
      case 'LITERAL':
        return v.value;
      case 'EQUAL': {
        if (v.operands.length === 0) return undefined;
        let prev: DisciplValue;
        let first = true;
        for (const o of v.operands) {
          const r = sub(o);
          if (r === undefined) return undefined;
          if (!first) {
            const same = isDecimal(prev) || isDecimal(r) ? toDecimal(prev).eq(toDecimal(r)) : prev === r;
            if (!same) return false;
          }
          prev = r;
          first = false;
        }
        return true;
      }
      case 'LESS_THAN': {
        let prev: Decimal | null = null;
        for (const o of v.operands) {
          const r = sub(o);
          if (r === undefined) return undefined;
          if (!isNumeric(r)) return false;
          const d = toDecimal(valueText(r));
          if (prev && d.lt(prev)) return false;
          prev = d;
        }
        return true;
      }
      case 'SUM':
      case 'PRODUCT': {
        let acc: number | string | Decimal = v.op === 'SUM' ? 0 : 1;
        for (const o of v.operands) {
          const r = sub(o);
          for (const el of Array.isArray(r) ? (r as readonly DisciplValue[]) : [r]) {
            if (el === undefined) return undefined;
            if (!isNumeric(el)) return false;
            if (isDecimal(acc) || isDecimal(el)) {
              const d = toDecimal(valueText(el));
              acc = v.op === 'SUM' ? toDecimal(valueText(acc)).plus(d) : toDecimal(valueText(acc)).times(d);
            } else if (typeof el === 'number' || typeof el === 'string') {
              // Without a decimal involved the peer falls back to JavaScript's + and *, so numeric texts concatenate.
              acc =
                v.op === 'SUM'
                  ? typeof acc === 'number' && typeof el === 'number'
                    ? acc + el
                    : `${acc}${el}`
                  : Number(acc) * Number(el);
            } else {
              acc =
                v.op === 'SUM'
                  ? toDecimal(valueText(acc)).plus(toDecimal(valueText(el)))
                  : toDecimal(valueText(acc)).times(toDecimal(valueText(el)));
            }
          }
        }
        return acc;
      }
      case 'MIN':
      case 'MAX': {
        let best: DisciplValue;
        let bestD: Decimal | null = null;
        for (const o of v.operands) {
          const r = sub(o);
          if (r === undefined) return undefined;
          if (!isNumeric(r)) return false;
          const d = toDecimal(valueText(r));
          if (bestD === null || (v.op === 'MIN' ? d.lt(bestD) : d.gt(bestD))) {
            best = r;
            bestD = d;
          }
        }
        return bestD === null ? undefined : best;
      }
      case 'IS':
        if (v.identity === null || v.identity === 'ANYONE') return true;
        return ctx.asMyself ? ctx.who === v.identity : true;
      case 'LIST':
        return this.list(v.name, v.items, ctx);
      case 'CREATE': {
        const candidates = this.creating(ctx.previous, ctx.caseLink);
        if (candidates.length === 0) return false;
        const answer = ctx.asker.ask(ctx.previous, ctx.names, ctx.indices, candidates);
        if (answer === undefined) return undefined;
        if (typeof answer === 'string' && candidates.includes(answer)) return answer;
        throw new DisciplError(`Invalid choice for creating action: ${valueText(answer)}`);
      }
      case 'PROJECTION':
        return this.projection(v, ctx);
      case 'UNKNOWN':
        throw new DisciplError(`Unknown expression type ${v.type}`);
      case 'FAIL':
        throw new DisciplError(v.message);
    }
  }

  private list(name: string | null, items: PeerExpr, ctx: Ctx): DisciplValue {
    const key = name ?? 'undefined';
    const out: DisciplValue[] = [];
    for (let i = 0; i < MAX_LIST_ITEMS; i++) {
      const r = this.value(items, { ...ctx, names: [...ctx.names, key], indices: [...ctx.indices, i] });
      if (r === false) return out.length === 0 ? false : out;
      out.push(r);
      if (r === undefined) return undefined;
    }
    throw new DisciplError(`LIST ${key} did not end after ${MAX_LIST_ITEMS} items`);
  }

  private projection(v: Extract<PeerExpr, { op: 'PROJECTION' }>, ctx: Ctx): DisciplValue {
    const [first, ...rest] = v.context;
    if (first === undefined) throw new DisciplError("A 'context' array must be given for the PROJECTION expression");
    const candidates = this.creating(first, ctx.caseLink);
    let selected: string[];
    if (v.scope === 'all') selected = candidates;
    else {
      const answer = ctx.asker.ask(first, ctx.names, ctx.indices, candidates);
      selected =
        v.scope === 'single'
          ? candidates.filter((c) => c === answer)
          : Array.isArray(answer)
            ? candidates.filter((c) => (answer as readonly DisciplValue[]).includes(c))
            : [];
    }
    if (selected.length === 0 || (v.scope === 'single' && selected.length !== 1)) {
      if (v.scope !== 'single') return false;
      if (!ctx.asMyself) return undefined;
      return isTruthy(this.value(v.operand, ctx)) ? undefined : false;
    }
    const records = selected.map((link) => {
      let rec = this.records.get(link) as DisciplRecord;
      for (const c of rest) {
        const next = rec.factsSupplied[c];
        const target = typeof next === 'string' ? this.records.get(next) : undefined;
        if (!target) break;
        rec = target;
      }
      return rec;
    });
    const memo: Memo = {};
    if (v.scope === 'single') Object.assign(memo, (records[0] as DisciplRecord).factsSupplied);
    else {
      const keys = new Set(records.flatMap((r) => Object.keys(r.factsSupplied)));
      for (const k of keys) memo[k] = records.map((r) => r.factsSupplied[k]);
    }
    // A wrapper of its own around the caller's resolver: answers given here are not part of the take's record.
    const asker = new Asker(ctx.asker.caller, memo);
    const inner: Ctx = { ...ctx, asker };
    const question: DisciplQuestion =
      typeof v.operand === 'string' ? v.operand : (v.operandJson ?? { expression: v.operand.op });
    const answer = fromAnswer(asker.ask(question, ctx.names, ctx.indices, []));
    if (isObjectValue(answer) && typeof answer['expression'] === 'string') {
      return this.value(lowerStored(answer), inner);
    }
    if (answer !== undefined) return answer;
    return this.value(v.operand, inner);
  }
}

/** A stored expression object (the actor's `IS` in a record) in the peer's form. */
function lowerStored(o: DisciplObject): PeerExpr {
  if (o['expression'] === 'IS') {
    const id = o['operand'];
    return { op: 'IS', identity: typeof id === 'string' ? id : null };
  }
  return { op: 'UNKNOWN', type: valueText(o['expression']) };
}
