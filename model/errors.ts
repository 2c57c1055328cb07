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

export class InvalidError extends CivicGraphError {
  readonly kind = 'invalid';
  constructor(message = 'the request is not valid', code = 'bad_request', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class UnauthenticatedError extends CivicGraphError {
  readonly kind = 'unauthenticated';
  constructor(message = 'this needs a credential', code = 'unauthorized', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class ForbiddenError extends CivicGraphError {
  readonly kind = 'forbidden';
  constructor(message = 'not allowed', code = 'forbidden', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class NotFoundError extends CivicGraphError {
  readonly kind = 'not_found';
  constructor(message = 'not found', code = 'not_found', options?: ErrorOptions) {
    super(message, code, options);
  }
}

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

export class TooLargeError extends CivicGraphError {
  readonly kind = 'too_large';
  constructor(message = 'larger than the limit', code = 'payload_too_large', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class ResourceExhaustedError extends CivicGraphError {
  readonly kind = 'resource_exhausted';
  constructor(message = 'needed more resources than one request may use', code = 'resource_exhausted', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class RateLimitedError extends CivicGraphError {
  readonly kind = 'rate_limited';
  constructor(message = 'too many requests; wait and try again', code = 'rate_limited', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class TimeoutError extends CivicGraphError {
  readonly kind = 'timeout';
  constructor(message = 'ran past its time limit and was stopped', code = 'timeout', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class UnavailableError extends CivicGraphError {
  readonly kind = 'unavailable';
  constructor(message = 'a service this needs is unavailable', code = 'unavailable', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** A configuration problem: the operator's to fix, reported at start in one line (the message names the variable). */
export class MisconfiguredError extends CivicGraphError {
  readonly kind = 'misconfigured';
  constructor(message = 'the configuration is not valid', code = 'misconfigured', options?: ErrorOptions) {
    super(message, code, options);
  }
}
