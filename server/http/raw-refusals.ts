// Refusals before Express has a request (Node's parser errors, header timeouts, unmet Expect), answered as raw HTTP/1.1 in the one JSON error shape; and the server that answers them.
import { createServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody, HttpRefusal } from './errors.ts';
import { CONTENT_SECURITY_POLICY } from './security-headers.ts';

/** Node's parser errors, as what a client should be told. */
function clientErrorRefusal(error: NodeJS.ErrnoException): HttpRefusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new HttpRefusal(431, 'headers_too_large', 'the request headers are larger than the server accepts; send long id lists in a POST body');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new HttpRefusal(408, 'request_timeout', 'the request headers did not arrive in time');
    default:
      return new HttpRefusal(400, 'malformed_request', 'the request is not well-formed HTTP');
  }
}

/** A complete HTTP/1.1 answer in the one JSON error shape, written straight to the socket. */
function rawJsonError(refusal: HttpRefusal): string {
  const body = JSON.stringify(errorBody(refusal.code, refusal.message));
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    Connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * The HTTP server for the app, answering in the one JSON error shape what Node would otherwise
 * answer bare before Express sees a request: oversized headers (431), malformed request lines and
 * headers (400), header timeouts (408), unmet Expect headers (417). Requests without a Host header
 * reach Express (requireHostHeader off), whose Host check refuses them in JSON too.
 */
export function createHttpServer(app: RequestListener): Server {
  const server = createServer({ requireHostHeader: false }, app);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A reset: nobody is left to read an answer. An answer already under way on this connection
    // (keep-alive) cannot be followed by another status line.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(rawJsonError(clientErrorRefusal(error)));
  });
  server.on('checkExpectation', (_req, res) => {
    const body = JSON.stringify(errorBody('expectation_failed', 'the server meets no Expect header but 100-continue'));
    res.writeHead(417, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    res.end(body);
  });
  return server;
}
