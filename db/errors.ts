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

export class ReadOnlyError extends AppError {
  constructor(message: string) {
    super(403, 'read_only', message);
  }
}

export class TimeoutError extends AppError {
  constructor(message: string) {
    super(408, 'timeout', message);
  }
}

export class MemoryLimitError extends AppError {
  constructor(message = 'the query needed more memory than one transaction may use and was stopped') {
    super(422, 'memory_limit', message);
  }
}

export class DatabaseUnavailableError extends AppError {
  constructor(message = 'Neo4j is unreachable') {
    super(503, 'neo4j_unavailable', message);
  }
}

/** A Neo4j syntax or semantic error, passed on with Neo4j's own code. */
export class CypherError extends AppError {
  constructor(neo4jCode: string, message: string) {
    super(400, neo4jCode, message);
  }
}
