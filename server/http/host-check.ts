// The Host check: a request must name this server (a loopback name or PUBLIC_HOSTNAMES), which is what stops DNS rebinding.
import type { RequestHandler } from 'express';
import { InvalidError } from '../../model/index.ts';
import { HttpRefusal, sendError } from './errors.ts';

/** Names of this machine's loopback interface, as a Host header may carry them. */
export const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header (lower case, without port or trailing dot), or undefined when it is not a valid one. */
export function hostnameOf(header: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return undefined;
  return match[1]!.toLowerCase().replace(/\.$/, '');
}

/** Refuses a request whose Host is neither a loopback name nor one of `publicHostnames` (DNS rebinding). */
export function hostCheck(publicHostnames: readonly string[]): RequestHandler {
  const allowed = new Set([...LOOPBACK_HOSTNAMES, ...publicHostnames]);
  return (req, res, next) => {
    // The raw header, never req.hostname: behind 'trust proxy' that would read X-Forwarded-Host, which any client can send.
    const header = req.headers.host;
    if (!header) {
      sendError(res, new InvalidError('the request has no Host header', 'missing_host'));
      return;
    }
    const name = hostnameOf(header);
    if (name === undefined || !allowed.has(name)) {
      // 421 Misdirected Request: the connection reached a server that does not answer for that name.
      sendError(res, new HttpRefusal(421, 'unknown_host', 'this server does not answer for that host name; an operator can add it to PUBLIC_HOSTNAMES'));
      return;
    }
    next();
  };
}
