// The security headers of every response, in one place (SECURITY.md): next.config.js gives them to
// what Next serves; npm start's server to what it serves itself (API routes, /api/events, every
// error, the build's brotli files). Plain CommonJS, so next.config.js can require it before
// anything is compiled.

/** The build's hashed static files, which are scripts, styles and fonts, never a document (decision 061). */
const STATIC_ASSET_PREFIX = '/_next/static/';

/** Every path but the build's static files: the rule that gives the document headers (path-to-regexp, as Next matches `source`). */
const DOCUMENTS_SOURCE = '/((?!_next/static/).*)';

/**
 * The headers of documents and API answers, by name: every response but the build's static files
 * (the service worker script /serwist/sw.js included: a worker's CSP comes from its script's
 * response). `development` allows eval for React's development build (next dev only).
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
    ...staticAssetHeaders(),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/**
 * The headers of the build's static files (`/_next/static/…`): only `nosniff`. The CSP,
 * X-Frame-Options, Permissions-Policy and Referrer-Policy act on a document, a worker or a fetch
 * made by one, never on a script or style a page loads; on every script they only cost bytes.
 * @returns {Record<string, string>}
 */
function staticAssetHeaders() {
  return { 'X-Content-Type-Options': 'nosniff' };
}

/**
 * next.config.js headers(): `nosniff` on every path, the rest on every path but `/_next/static/`.
 * @param {{ development?: boolean }} [options]
 * @returns {{ source: string, headers: { key: string, value: string }[] }[]}
 */
function securityHeaderRules(options) {
  const everyPath = staticAssetHeaders();
  const documentsOnly = Object.entries(securityHeaders(options)).filter(([key]) => !(key in everyPath));
  const rule = (source, entries) => ({ source, headers: entries.map(([key, value]) => ({ key, value })) });
  return [rule('/:path*', Object.entries(everyPath)), rule(DOCUMENTS_SOURCE, documentsOnly)];
}

module.exports = { securityHeaders, staticAssetHeaders, securityHeaderRules, DOCUMENTS_SOURCE, STATIC_ASSET_PREFIX };
