/**
 * Problem documents (RFC 9457, `application/problem+json`): every error the service answers is one,
 * with the engine's diagnostics when there are any. Never a stack trace.
 */
import type { Diagnostic } from '../model/diagnostic.js';

/** A problem document as the service sends it. */
export interface ProblemDocument {
  /** `urn:calculemus:problem:<code>`. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The request path. */
  readonly instance: string;
  /** The short code of the problem (also the end of `type`). */
  readonly code: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly [extension: string]: unknown;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemDocument(
  status: number,
  code: string,
  detail: string,
  instance: string,
  more: { diagnostics?: readonly Diagnostic[] | undefined; extra?: Readonly<Record<string, unknown>> | undefined } = {},
): ProblemDocument {
  return {
    ...(more.extra ?? {}),
    type: `urn:calculemus:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance,
    code,
    ...(more.diagnostics && more.diagnostics.length > 0 ? { diagnostics: more.diagnostics } : {}),
  };
}
