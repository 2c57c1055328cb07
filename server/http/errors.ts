// The HTTP layer's own typed errors and the one JSON error shape the API answers with.
import { errorClass } from '../../db/errors.ts';

export const BadRequestError = errorClass('BadRequestError', 400, 'bad_request');
export const NotFoundError = errorClass('NotFoundError', 404, 'not_found');
export const PayloadTooLargeError = errorClass('PayloadTooLargeError', 413, 'payload_too_large');
export const RateLimitedError = errorClass('RateLimitedError', 429, 'rate_limited');

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

export function errorBody(code: string, message: string, requestId?: string): ErrorBody {
  return { error: requestId ? { code, message, requestId } : { code, message } };
}
