import type { components as HqComponents } from './hq-schema';
import type { components } from './schema';

/** A code the server answers with: generated from the server's one table of codes. */
export type ServerErrorCode = components['schemas']['ErrorCode'];
/** A code head office answers with (its own table, in its own OpenAPI document). */
export type HqErrorCode = HqComponents['schemas']['HqCode'];

/**
 * What went wrong: a server code (the shop's or head office's), or one the client gives itself (`network`: no answer;
 * `ipc`: the desktop bridge failed; `http_<status>`: an answer that was not the server's JSON).
 * Comparing with a misspelt code is a type error.
 */
export type ErrorCode = ServerErrorCode | HqErrorCode | 'network' | 'ipc' | `http_${number}`;

/** What the server sends with a code so the client can word it (`{"error":{…,"params"}}`). */
export type ErrorParams = Record<string, unknown>;

/** An error answer from the server (`{"error":{"code","message","params"?}}`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** Seconds to wait before trying again (a 429's `Retry-After`), when the server says. */
  readonly retryAfter: number | null;
  /** The values the message is worded with (numbers, strings, Money), by code; `{}` when none. */
  readonly params: ErrorParams;
  constructor(status: number, code: ErrorCode, message: string, retryAfter: number | null = null, params: ErrorParams = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.params = params;
  }
  /** True when the request may never have reached the server, or its answer was lost. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  let code: ErrorCode = `http_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let params: ErrorParams = {};
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object' && 'error' in body) {
      const e = (body as { error: { code?: unknown; message?: unknown; params?: unknown } }).error;
      // The server only sends codes of its table (`ServerErrorCode`).
      if (typeof e.code === 'string') code = e.code as ServerErrorCode;
      if (typeof e.message === 'string') message = e.message;
      params = asParams(e.params);
    }
  } catch {
    // not JSON; keep the status text
  }
  const wait = Number.parseInt(res.headers.get('Retry-After') ?? '', 10);
  return new ApiError(res.status, code, message, Number.isFinite(wait) && wait > 0 ? wait : null, params);
}

/** An error's `params` when it is an object; `{}` otherwise. */
export function asParams(p: unknown): ErrorParams {
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as ErrorParams) : {};
}
