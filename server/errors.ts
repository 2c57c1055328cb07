// Typed HTTP errors and the one JSON error shape the API answers with.

/** An error that knows its HTTP status and a stable machine-readable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, code = 'bad_request') {
    super(400, code, message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class ReadOnlyError extends HttpError {
  constructor(message: string) {
    super(403, 'read_only', message);
  }
}

export class TimeoutError extends HttpError {
  constructor(message: string) {
    super(408, 'timeout', message);
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

export class RateLimitedError extends HttpError {
  constructor(message: string) {
    super(429, 'rate_limited', message);
  }
}

export class DatabaseUnavailableError extends HttpError {
  constructor(message = 'Neo4j is unreachable') {
    super(503, 'neo4j_unavailable', message);
  }
}

/** A Neo4j syntax or semantic error, passed on with Neo4j's own code. */
export class CypherError extends HttpError {
  constructor(neo4jCode: string, message: string) {
    super(400, neo4jCode, message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

export function errorBody(code: string, message: string, requestId?: string): ErrorBody {
  return { error: requestId ? { code, message, requestId } : { code, message } };
}
