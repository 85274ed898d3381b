/**
 * The decision service's API (docs/server.md) as the explorer reads it: same origin, bearer token
 * kept in sessionStorage (this tab only), explanations in the explorer's language.
 */
import type { JsonScalar, Reason, TraceEntry, TraceSource } from '../../src/model/trace.js';
import type { Counterfactual, WhyNotAnswer as EngineWhyNot } from '../../src/trace/queries.js';
import type { Lang } from './i18n.js';

export type { Counterfactual };

export type { JsonScalar, Reason, TraceEntry, TraceSource };

const TOKEN_KEY = 'calculemus-explorer-token';

/** A problem document of the service, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ExplorerConfig {
  readonly demoToken?: string;
  readonly cases?: readonly { readonly id: string; readonly model: string; readonly description: string }[];
}

export interface ModelEntry {
  readonly id: string;
  readonly title: string | null;
  readonly version: string | null;
}

export interface CaseEvent {
  readonly seq: number;
  readonly kind: string;
  readonly by: string | null;
  /** The decision the event records: its id and the SHA-256 of its stored trace. */
  readonly decision: { readonly id: string; readonly traceHash: string } | null;
  readonly event: Record<string, unknown>;
}

export interface CaseDoc {
  readonly id: string;
  readonly model: { readonly id: string; readonly title: string | null; readonly version: string | null };
  readonly revision: number;
  readonly asOf: string;
}

export interface DecisionDoc {
  readonly id: string;
  readonly case: string;
  readonly seq: number;
  readonly model: string;
  readonly trace: TraceEntry;
}

export interface WhyNotAnswer {
  readonly params: Record<string, JsonScalar>;
  readonly answer: EngineWhyNot;
  readonly counterfactual: Counterfactual | null;
}

export function savedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // storage refused (file://, private mode): the token lives for this page only
  }
}

/** Is there a service to talk to? Not when the page is opened from disk. */
export const hasService = (): boolean => location.protocol === 'http:' || location.protocol === 'https:';

export async function loadConfig(): Promise<ExplorerConfig | null> {
  if (!hasService()) return null;
  try {
    const r = await fetch('./explorer.json', { headers: { accept: 'application/json' } });
    return r.ok ? ((await r.json()) as ExplorerConfig) : null;
  } catch {
    return null;
  }
}

/** A client for one token and language. */
export class Api {
  constructor(
    private readonly token: string,
    private readonly lang: Lang,
  ) {}

  async get<T>(path: string): Promise<T> {
    let r: Response;
    try {
      r = await fetch(`./v1${path}`, {
        headers: { authorization: `Bearer ${this.token}`, 'accept-language': this.lang, accept: 'application/json' },
      });
    } catch (e) {
      throw new ApiError(0, String(e));
    }
    const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
    if (!r.ok) throw new ApiError(r.status, String(body.detail ?? r.statusText));
    return body as T;
  }

  models = () => this.get<{ models: ModelEntry[] }>('/models').then((r) => r.models);
  modelFiles = (id: string) =>
    this.get<{ format: 'flint' | 'flint-json'; main: string; files: Record<string, string> }>(
      `/models/${encodeURIComponent(id)}/files`,
    );
  /** The first page of the cases the token may read. */
  cases = () =>
    this.get<{ cases: { id: string; model: string; revision: number }[]; next: string | null }>('/cases?limit=100');
  caseDoc = (id: string) => this.get<CaseDoc>(`/cases/${encodeURIComponent(id)}`);
  events = (id: string) => this.get<{ events: CaseEvent[] }>(`/cases/${encodeURIComponent(id)}/events`);
  decision = (id: string) => this.get<DecisionDoc>(`/decisions/${encodeURIComponent(id)}`);
  why = (id: string) => this.get<{ explanation: string }>(`/decisions/${encodeURIComponent(id)}/why`);
  whyNot = (id: string, act: string, actor: string) =>
    this.get<{ asOf: string; answers: WhyNotAnswer[] }>(
      `/decisions/${encodeURIComponent(id)}/why-not?act=${encodeURIComponent(act)}&actor=${encodeURIComponent(actor)}`,
    );
  counterfactual = (id: string) =>
    this.get<{ counterfactual: Counterfactual | null }>(`/decisions/${encodeURIComponent(id)}/counterfactual`);
}
