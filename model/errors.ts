// The one family of errors: what went wrong as a kind and a stable machine-readable code, never an HTTP status (server/http/errors.ts maps kinds to statuses).

/**
 * What went wrong, in terms any caller can act on, whether it answers HTTP, prints to a terminal or
 * retries. One kind per way a caller reacts; the code says which error of that kind it was.
 */
export const ERROR_KINDS = [
  /** The request or the data is wrong; the caller must change it. */
  'invalid',
  /** Nobody known is asking: no credential, or a wrong one. */
  'unauthenticated',
  /** Known (or anonymous), but not allowed: a read-only database, a write from the console, a foreign origin. */
  'forbidden',
  'not_found',
  /** The state does not allow it now: it changed meanwhile, or something else holds it; may carry the current state. */
  'conflict',
  /** Larger than a limit on size: a request body, a query's text. */
  'too_large',
  /** Needed more of a resource than one request may use (memory); the same request will fail again. */
  'resource_exhausted',
  /** Too many requests from one client; the same request will pass later. */
  'rate_limited',
  /** Ran past its time limit and was stopped. */
  'timeout',
  /** Something we depend on is away or refuses us (Neo4j down, its credentials refused, the embedded launcher). */
  'unavailable',
  /** The operator's configuration is wrong; found at start, and no caller can fix it. */
  'misconfigured',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The root: every error of ours that a caller may react to has a kind and a stable code (tests check codes, not messages). */
export abstract class CivicGraphError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    message: string,
    /** Stable and machine-readable ('read_only', 'invalid_dataset', ...): clients and tests branch on it, never on the message. */
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The base class of one kind: the message and code an error of it says when given none. */
function ofKind<const K extends ErrorKind>(kind: K, defaultMessage: string, defaultCode: string) {
  return class extends CivicGraphError {
    readonly kind: K = kind;
    constructor(message = defaultMessage, code = defaultCode, options?: ErrorOptions) {
      super(message, code, options);
    }
  };
}

export class InvalidError extends ofKind('invalid', 'the request is not valid', 'bad_request') {}

/** Invalid in several places at once, each problem on its own (`fact.evidence[0].quote: ...`), so a form can show each on its field. */
export class ProblemsError extends InvalidError {
  constructor(
    readonly problems: string[],
    code = 'bad_request',
  ) {
    super(problems.join('; '), code);
  }
}

export class UnauthenticatedError extends ofKind('unauthenticated', 'this needs a credential', 'unauthorized') {}

export class ForbiddenError extends ofKind('forbidden', 'not allowed', 'forbidden') {}

export class NotFoundError extends ofKind('not_found', 'not found', 'not_found') {}

export interface ConflictOptions extends ErrorOptions {
  /** The state as it is now (e.g. the current revision), so that a caller whose write was stale can show it and retry. */
  current?: unknown;
}

export class ConflictError extends CivicGraphError {
  readonly kind = 'conflict';
  readonly current: unknown;
  constructor(message = 'the state changed meanwhile', code = 'conflict', options: ConflictOptions = {}) {
    const { current, ...errorOptions } = options;
    super(message, code, errorOptions);
    this.current = current;
  }
}

export class TooLargeError extends ofKind('too_large', 'larger than the limit', 'payload_too_large') {}

export class ResourceExhaustedError extends ofKind('resource_exhausted', 'needed more resources than one request may use', 'resource_exhausted') {}

export class RateLimitedError extends ofKind('rate_limited', 'too many requests; wait and try again', 'rate_limited') {}

export class TimeoutError extends ofKind('timeout', 'ran past its time limit and was stopped', 'timeout') {}

export class UnavailableError extends ofKind('unavailable', 'a service this needs is unavailable', 'unavailable') {}

/** A configuration problem: the operator's to fix, reported at start in one line (the message names the variable). */
export class MisconfiguredError extends ofKind('misconfigured', 'the configuration is not valid', 'misconfigured') {}
