// The errors the database boundary raises, as members of the one family (model/errors.ts): a kind and a stable code each.
import { CivicGraphError, ForbiddenError, InvalidError, ResourceExhaustedError, TimeoutError, UnavailableError } from '../model/index.ts';

/** A write refused: the console is read-only, and so is a database someone else built. */
export class ReadOnlyError extends ForbiddenError {
  constructor(message = 'refused: this is read-only', code = 'read_only', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** Neo4j stopped a query that needed more memory than one transaction may use. */
export class MemoryLimitError extends ResourceExhaustedError {
  constructor(message = 'the query needed more memory than one transaction may use and was stopped', code = 'memory_limit', options?: ErrorOptions) {
    super(message, code, options);
  }
}

export class DatabaseUnavailableError extends UnavailableError {
  constructor(message = 'Neo4j is unreachable', code = 'neo4j_unavailable', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** Neo4j refused the credentials: the server cannot work until the operator fixes them. */
export class DatabaseAuthError extends UnavailableError {
  constructor(
    message = 'Neo4j refused our credentials; check NEO4J_USERNAME and NEO4J_PASSWORD (or the embedded password file)',
    code = 'neo4j_unauthorized',
    options?: ErrorOptions,
  ) {
    super(message, code, options);
  }
}

/** A Neo4j syntax or semantic error, passed on with Neo4j's own code: `new CypherError(message, neo4jCode)`. */
export class CypherError extends InvalidError {
  constructor(message = 'Neo4j refused the query', code = 'cypher_error', options?: ErrorOptions) {
    super(message, code, options);
  }
}

// A query's time limit is no different at this boundary from any other: the family's own.
export { TimeoutError };

/**
 * @deprecated The root is CivicGraphError (model/errors.ts), and statuses are the HTTP layer's alone
 * (server/http/errors.ts). Kept, with the `status` its type still declares, only while
 * server/services/graph-reads.ts reads `.status`; remove both once it reads the kind.
 */
export const AppError = CivicGraphError as unknown as abstract new (...args: never[]) => AppError;
/** @deprecated See the value of the same name. */
export type AppError = CivicGraphError & { readonly status: number };
