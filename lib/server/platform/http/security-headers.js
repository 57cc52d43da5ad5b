// The security headers of every response, in one place (SECURITY.md): next.config.js gives them to
// what Next serves; npm start's server to what it serves itself (API routes, /api/events, every
// error). Plain CommonJS, so next.config.js can require it before anything is compiled.

/**
 * The headers, by name. `development` allows eval for React's development build (next dev only).
 * @param {{ development?: boolean }} [options]
 * @returns {Record<string, string>}
 */
function securityHeaders({ development = false } = {}) {
  const contentSecurityPolicy = [
    "default-src 'self'",
    // Next streams the RSC payload as inline <script> tags with no nonce on static pages.
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The focus poller's clock is a Worker made from a blob: URL (lib/sync/clock.ts).
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  return {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

module.exports = { securityHeaders };
