// Every page and API response carries these; scripts/server.ts serves /api/events outside Next,
// so lib/server/platform/realtime/stream.ts (SSE_HEADERS) repeats the non-CSP ones (SECURITY.md).
const contentSecurityPolicy = [
  "default-src 'self'",
  // Next streams the RSC payload as inline <script> tags with no nonce on static pages; React's
  // development build also needs eval for its stack traces.
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === 'development' ? " 'unsafe-eval'" : ''}`,
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

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Parallel worktrees and test runs build into their own folder (NEXT_DIST_DIR) instead of fighting over .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The sync runtime's conditional fetches rely on ETags the route handlers compute themselves.
  generateEtags: false,
  // `npm test` type-checks once (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;
