// Typed errors: each knows the HTTP status and the stable machine-readable code it is answered with.
// The base and the errors the database boundary raises live here; the HTTP layer adds its own.

/** An error that knows its HTTP status and a stable machine-readable code. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Declares a typed error class for one status: `new NotFoundError(message)`, with a default code
 * (and message) that a caller may replace, and `instanceof` as for any class.
 */
export function errorClass(name: string, status: number, defaultCode: string, defaultMessage = '') {
  const typed = class extends AppError {
    constructor(message = defaultMessage, code = defaultCode) {
      super(status, code, message);
    }
  };
  Object.defineProperty(typed, 'name', { value: name });
  return typed;
}

export const ReadOnlyError = errorClass('ReadOnlyError', 403, 'read_only');
export const TimeoutError = errorClass('TimeoutError', 408, 'timeout');
export const MemoryLimitError = errorClass('MemoryLimitError', 422, 'memory_limit', 'the query needed more memory than one transaction may use and was stopped');
export const DatabaseUnavailableError = errorClass('DatabaseUnavailableError', 503, 'neo4j_unavailable', 'Neo4j is unreachable');
/** Neo4j refused the credentials: the server cannot work until the operator fixes them. */
export const DatabaseAuthError = errorClass('DatabaseAuthError', 503, 'neo4j_unauthorized', 'Neo4j refused our credentials; check NEO4J_USERNAME and NEO4J_PASSWORD (or the embedded password file)');
/** A Neo4j syntax or semantic error, passed on with Neo4j's own code: `new CypherError(message, neo4jCode)`. */
export const CypherError = errorClass('CypherError', 400, 'cypher_error');
