// The HTTP layer's own typed errors and the one JSON error shape the API answers with.
import { AppError } from '../../db/errors.ts';

export class BadRequestError extends AppError {
  constructor(message: string, code = 'bad_request') {
    super(400, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string) {
    super(429, 'rate_limited', message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

export function errorBody(code: string, message: string, requestId?: string): ErrorBody {
  return { error: requestId ? { code, message, requestId } : { code, message } };
}
