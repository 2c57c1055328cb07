// Security headers on every answer: helmet's, with a strict Content-Security-Policy, a Permissions-Policy, and no-store on the API.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Only the page's own bundled files may run: no inline script, no eval, no plugins, no framing.
 * Styles allow 'unsafe-inline' because Lit, Cytoscape and CodeMirror set element styles at run time;
 * a style cannot run code.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** helmet's headers with our CSP (no upgrade-insecure-requests: the server itself speaks plain HTTP behind its proxy). */
const helmetHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES as Record<string, string[]> },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  // TLS ends at the proxy in front, which is the one to send HSTS for the public name.
  strictTransportSecurity: false,
  xDnsPrefetchControl: { allow: false },
  xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
});

export const securityHeaders: RequestHandler = (req, res, next) => {
  // The one header helmet does not set.
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
  // Answers about people at risk must not linger in shared caches or the browser's disk cache.
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  helmetHeaders(req, res, next);
};
