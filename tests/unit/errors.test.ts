// The one error family: every kind answers its HTTP status, every code stays what clients and tests rely on, and every error of ours is in the family.
import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../db/config.ts';
import { EmbeddedNeo4jError } from '../../db/embedded-neo4j.ts';
import { AppError, CypherError, DatabaseAuthError, DatabaseUnavailableError, MemoryLimitError, ReadOnlyError, TimeoutError as DbTimeoutError } from '../../db/errors.ts';
import { UsageError } from '../../ingest/cli.ts';
import { DatasetWriteError } from '../../ingest/dataset/loader.ts';
import { DatasetError } from '../../ingest/errors.ts';
import { BulkFileError } from '../../ingest/bulk/format.ts';
import { ImportBusyError } from '../../ingest/bulk/runs.ts';
import { BulkWriteError } from '../../ingest/bulk/writer.ts';
import { SyntheticMixError } from '../../ingest/synthetic-guard.ts';
import {
  CivicGraphError,
  ConflictError,
  ERROR_KINDS,
  ForbiddenError,
  InvalidError,
  MisconfiguredError,
  ModelError,
  NotFoundError,
  RateLimitedError,
  ResourceExhaustedError,
  TimeoutError,
  TooLargeError,
  UnauthenticatedError,
  UnavailableError,
  type ErrorKind,
} from '../../model/index.ts';
import { SecurityConfigError } from '../../server/config.ts';
import {
  asRefusal,
  BadRequestError,
  HttpRefusal,
  isVisible,
  NotFoundError as HttpNotFoundError,
  PayloadTooLargeError,
  RateLimitedError as HttpRateLimitedError,
  sendError,
  STATUS_BY_KIND,
  statusOf,
  type ErrorBody,
} from '../../server/http/errors.ts';

/** What an Express response was told: enough of Response for sendError. */
function fakeResponse(requestId?: string) {
  const sent: { status?: number; body?: ErrorBody; headers: Record<string, string> } = { headers: {} };
  const res = {
    locals: requestId ? { requestId } : {},
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
      return res;
    },
    status(status: number) {
      sent.status = status;
      return res;
    },
    json(body: ErrorBody) {
      sent.body = body;
      return res;
    },
  };
  return { res: res as unknown as Response, sent };
}

describe('the error family', () => {
  // Written out, not read from STATUS_BY_KIND: a status is part of the API, and changing one must change this test.
  const statuses: Record<ErrorKind, [CivicGraphError, number]> = {
    invalid: [new InvalidError(), 400],
    unauthenticated: [new UnauthenticatedError(), 401],
    forbidden: [new ForbiddenError(), 403],
    not_found: [new NotFoundError(), 404],
    timeout: [new TimeoutError(), 408],
    conflict: [new ConflictError(), 409],
    too_large: [new TooLargeError(), 413],
    resource_exhausted: [new ResourceExhaustedError(), 422],
    rate_limited: [new RateLimitedError(), 429],
    misconfigured: [new MisconfiguredError(), 500],
    unavailable: [new UnavailableError(), 503],
  };

  it('maps every kind to its status, and only through the table', () => {
    expect(Object.keys(statuses).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) {
      const [error, status] = statuses[kind];
      expect(error.kind, kind).toBe(kind);
      expect(statusOf(error), kind).toBe(status);
      expect(STATUS_BY_KIND[kind]).toBe(status);
    }
  });

  // [error, code, status]: the codes clients and tests branch on.
  const stable: Array<[CivicGraphError, string, number]> = [
    [new ReadOnlyError('refused'), 'read_only', 403],
    [new DbTimeoutError('the query ran past its time limit and was stopped'), 'timeout', 408],
    [new MemoryLimitError(), 'memory_limit', 422],
    [new DatabaseUnavailableError(), 'neo4j_unavailable', 503],
    [new DatabaseAuthError(), 'neo4j_unauthorized', 503],
    [new CypherError('bad syntax'), 'cypher_error', 400],
    [new CypherError('bad syntax', 'Neo.ClientError.Statement.SyntaxError'), 'Neo.ClientError.Statement.SyntaxError', 400],
    [new BadRequestError('limit: too large'), 'bad_request', 400],
    [new BadRequestError('limit: too large', 'invalid_parameter'), 'invalid_parameter', 400],
    [new HttpNotFoundError('no node'), 'not_found', 404],
    [new PayloadTooLargeError('too long'), 'payload_too_large', 413],
    [new HttpRateLimitedError('wait'), 'rate_limited', 429],
    [new UnauthenticatedError('send a token'), 'unauthorized', 401],
    [new ForbiddenError('not from there', 'cors_forbidden'), 'cors_forbidden', 403],
    [new InvalidError('no Host', 'missing_host'), 'missing_host', 400],
    [new DatasetError([{ file: 'd.yaml', path: '', message: 'broken' }]), 'invalid_dataset', 400],
    [new ModelError([{ file: 'm.yaml', path: 'labels.X', message: 'broken' }]), 'invalid_model', 400],
    [new BulkFileError('a.csv', ['no header']), 'invalid_file', 400],
    [new UsageError('no files given'), 'usage', 400],
    [new ImportBusyError({ id: 'run-1', status: 'running', pid: 1, host: 'h', idleSeconds: 2 }), 'import_busy', 409],
    [new SyntheticMixError(true), 'synthetic_mix', 409],
    [new BulkWriteError('a batch wrote less'), 'bulk_write_failed', 409],
    [new DatasetWriteError('wrote 1 of 2'), 'dataset_write_failed', 409],
    [new EmbeddedNeo4jError('cannot start java'), 'embedded_neo4j_failed', 503],
    [new ConfigError('PORT', 'must be a number'), 'misconfigured', 500],
    [new SecurityConfigError('API_TOKEN', 'too short'), 'misconfigured', 500],
  ];

  it.each(stable.map(([error, code, status]) => [error.name, code, status, error] as const))('%s answers %s with %i', (_name, code, status, error) => {
    expect(error).toBeInstanceOf(CivicGraphError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(statusOf(error)).toBe(status);
  });

  it('names each error after its class, keeps messages, and passes a cause on', () => {
    const cause = new Error('socket closed');
    const error = new DatabaseUnavailableError('Neo4j is unreachable', undefined, { cause });
    expect(error.name).toBe('DatabaseUnavailableError');
    expect(error.code).toBe('neo4j_unavailable');
    expect(error.cause).toBe(cause);
    expect(new ModelError([{ file: 'm.yaml', path: 'labels.X', message: 'broken' }]).message).toBe('m.yaml: labels.X: broken');
    expect(new ConfigError('PORT', 'must be a number').message).toBe('PORT: must be a number');
    expect(new SecurityConfigError('HOST', '0.0.0.0 is reachable').message).toBe('HOST: 0.0.0.0 is reachable');
  });

  it('keeps the old names as the family classes they now are', () => {
    expect(BadRequestError).toBe(InvalidError);
    expect(HttpNotFoundError).toBe(NotFoundError);
    expect(PayloadTooLargeError).toBe(TooLargeError);
    expect(HttpRateLimitedError).toBe(RateLimitedError);
    expect(DbTimeoutError).toBe(TimeoutError);
    expect(new ReadOnlyError()).toBeInstanceOf(ForbiddenError);
    expect(new CypherError()).toBeInstanceOf(InvalidError);
    expect(new MemoryLimitError()).toBeInstanceOf(ResourceExhaustedError);
    expect(new DatabaseAuthError()).toBeInstanceOf(UnavailableError);
    expect(new SecurityConfigError('X', 'y')).toBeInstanceOf(ConfigError);
    expect(new ConfigError('X', 'y')).toBeInstanceOf(MisconfiguredError);
    // Transitional: graph-reads.ts reads `.status` through the deprecated AppError until it reads the kind.
    const legacy: unknown = new ReadOnlyError();
    expect(legacy).toBeInstanceOf(AppError);
    expect((legacy as AppError).status).toBe(403);
  });
});

describe('answers in the one JSON shape', () => {
  it('sends the code, message and request id at the kind status', () => {
    const { res, sent } = fakeResponse('req-1');
    sendError(res, new ReadOnlyError('refused: writes are not allowed'));
    expect(sent.status).toBe(403);
    expect(sent.body).toEqual({ error: { code: 'read_only', message: 'refused: writes are not allowed', requestId: 'req-1' } });
    expect(res.locals.errorCode).toBe('read_only');
  });

  it('sends a conflict with the current state, so a stale write can be shown and retried', () => {
    const { res, sent } = fakeResponse();
    sendError(res, new ConflictError('fact/1 changed since revision 3', 'stale_revision', { current: { revision: 4 } }));
    expect(sent.status).toBe(409);
    expect(sent.body).toEqual({ error: { code: 'stale_revision', message: 'fact/1 changed since revision 3', current: { revision: 4 } } });
  });

  it('sends the headers a refusal needs', () => {
    const { res, sent } = fakeResponse();
    sendError(res, new UnauthenticatedError('send a token'), { 'WWW-Authenticate': 'Bearer realm="civic-graph"' });
    expect(sent.status).toBe(401);
    expect(sent.headers['WWW-Authenticate']).toMatch(/^Bearer/);
  });

  it('answers a misconfiguration as internal: the operator reads it in the log, the client learns nothing of the setup', () => {
    const error = new ConfigError('NEO4J_PASSWORD_FILE', '/srv/secret/password is not readable');
    expect(isVisible(error)).toBe(false);
    const { res, sent } = fakeResponse('req-2');
    sendError(res, error);
    expect(sent.status).toBe(500);
    expect(sent.body?.error.code).toBe('internal');
    expect(JSON.stringify(sent.body)).not.toContain('/srv/secret');
  });

  it('answers a refusal only HTTP has at its own status', () => {
    const refusal = new HttpRefusal(421, 'unknown_host', 'this server does not answer for that host name');
    expect(statusOf(refusal)).toBe(421);
    expect(isVisible(refusal)).toBe(true);
  });

  it("turns Express's and body-parser's own refusals into ours, and leaves anything else to be logged as a bug", () => {
    const tooLarge = asRefusal(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' }));
    expect(tooLarge).toBeInstanceOf(TooLargeError);
    expect([tooLarge && statusOf(tooLarge), tooLarge?.code]).toEqual([413, 'payload_too_large']);
    const notJson = asRefusal(Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400, type: 'entity.parse.failed' }));
    expect([notJson && statusOf(notJson), notJson?.code, notJson?.message]).toEqual([400, 'invalid_json', 'the request body is not valid JSON']);
    const charset = asRefusal(Object.assign(new Error('unsupported charset "LATIN1"'), { status: 415, type: 'charset.unsupported' }));
    expect([charset && statusOf(charset), charset?.code]).toEqual([415, 'bad_request']);
    const undecodable = asRefusal(Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 }));
    expect([undecodable && statusOf(undecodable), undecodable?.code]).toEqual([400, 'bad_request']);
    expect(asRefusal(Object.assign(new Error('stream is not readable'), { status: 500, type: 'stream.not.readable' }))).toBeUndefined();
    expect(asRefusal(new TypeError('x is undefined'))).toBeUndefined();
    expect(asRefusal(undefined)).toBeUndefined();
    const ours = new NotFoundError('no node');
    expect(asRefusal(ours)).toBe(ours);
  });
});
