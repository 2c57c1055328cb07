// Where errors become HTTP: each error kind's status (the only mapping of domain errors to statuses), the refusals only HTTP has, the one JSON error body, and sending it.
import type { Response } from 'express';
import { CivicGraphError, ConflictError, InvalidError, NotFoundError, ProblemsError, RateLimitedError, TooLargeError, type ErrorKind } from '../../model/index.ts';

/**
 * Every kind's status. `misconfigured` is 500 and its message is not sent: a configuration error is
 * the operator's, found at start and reported there in one line (main.ts); should one ever surface
 * while answering a request, the caller can do nothing about it, and its message (variables, paths)
 * is for the log, like any other 500.
 */
export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  timeout: 408,
  conflict: 409,
  too_large: 413,
  resource_exhausted: 422,
  rate_limited: 429,
  misconfigured: 500,
  unavailable: 503,
};

/**
 * A refusal that exists only in HTTP, so it carries its own status: a Host this server does not
 * answer for (421), a query string over the limit (414), what Express and its body parser refuse
 * themselves (415 for an unsupported charset, ...). Domain code never raises it; it raises a kind.
 */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/** What the error handler and the middlewares answer with: an error of ours, or a refusal only HTTP has. */
export type Refusal = CivicGraphError | HttpRefusal;

/** Kinds whose code and message are not for the client: it gets the generic 500 and the log gets the rest. */
const HIDDEN_KINDS: ReadonlySet<ErrorKind> = new Set(['misconfigured']);

/** May the client see this error's code and message? */
export function isVisible(error: Refusal): boolean {
  return !(error instanceof CivicGraphError && HIDDEN_KINDS.has(error.kind));
}

export function statusOf(error: Refusal): number {
  return error instanceof HttpRefusal ? error.status : STATUS_BY_KIND[error.kind];
}

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string; current?: unknown; problems?: string[] };
}

export function errorBody(code: string, message: string, requestId?: string, current?: unknown, problems?: string[]): ErrorBody {
  return { error: { code, message, ...(requestId ? { requestId } : {}), ...(current !== undefined ? { current } : {}), ...(problems ? { problems } : {}) } };
}

const INTERNAL_MESSAGE = 'internal server error; the request id locates it in the server log';

/**
 * Answers `error` in the one JSON shape at its status, a conflict with the current state; the code
 * goes to the request log too. One the client may not see answers as internal (the caller logs it).
 */
export function sendError(res: Response, error: Refusal, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (!isVisible(error)) {
    sendInternalError(res);
    return;
  }
  res.locals.errorCode = error.code;
  const current = error instanceof ConflictError ? error.current : undefined;
  const problems = error instanceof ProblemsError ? error.problems : undefined;
  res.status(statusOf(error)).json(errorBody(error.code, error.message, res.locals.requestId as string | undefined, current, problems));
}

/** The answer to anything else that reaches the error handler: a bug, logged with the request id. */
export function sendInternalError(res: Response): void {
  res.locals.errorCode = 'internal';
  res.status(500).json(errorBody('internal', INTERNAL_MESSAGE, res.locals.requestId as string | undefined));
}

/**
 * The errors a client may see, from what reached the error handler: ours as they are, and the
 * refusals Express and body-parser make themselves (http-errors objects with a 4xx status and, from
 * the body parser, a type) as the equivalent refusal. Anything else is a bug: undefined.
 */
export function asRefusal(error: unknown): Refusal | undefined {
  if (error instanceof CivicGraphError || error instanceof HttpRefusal) return error;
  const foreign = error as { status?: unknown; type?: unknown; message?: unknown } | null | undefined;
  // The one place a status is read off someone else's error: http-errors' own, set by Express's libraries.
  const status = foreign?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (foreign!.type === 'entity.too.large') return new TooLargeError(String(foreign!.message));
  if (foreign!.type === 'entity.parse.failed') return new InvalidError('the request body is not valid JSON', 'invalid_json');
  return status === 400 ? new InvalidError(String(foreign!.message)) : new HttpRefusal(status, 'bad_request', String(foreign!.message));
}

/**
 * @deprecated Names the HTTP layer had before the family; they are the family's classes. Import
 * InvalidError, NotFoundError, TooLargeError and RateLimitedError from model/errors.ts instead.
 */
export { InvalidError as BadRequestError, NotFoundError, TooLargeError as PayloadTooLargeError, RateLimitedError };

// Transitional, remove with db/errors.ts's AppError: server/services/graph-reads.ts still reads
// `.status` on a domain error. It reads it from this table, so the table stays the only mapping.
Object.defineProperty(CivicGraphError.prototype, 'status', {
  configurable: true,
  get(this: CivicGraphError) {
    return STATUS_BY_KIND[this.kind];
  },
});
