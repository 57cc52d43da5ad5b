/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Fewer, larger chunks: the shell's four small chunks load as one, 2.4–3.4 KB less compressed script
  // on every app page's first load and two requests fewer (bench:page-weight). Experimental in Next
  // 16; removing the line gives Turbopack's default chunking back (decision 075).
  experimental: { turbopackChunking: { minChunkSize: 150000 } },
  // Parallel worktrees and test runs build into their own folder (NEXT_DIST_DIR) instead of fighting over .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The sync runtime's conditional fetches rely on ETags the route handlers compute themselves.
  generateEtags: false,
  // `npm test` type-checks once (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // @serwist/turbopack bundles the service worker with esbuild while the build prerenders its route (decision 041).
  serverExternalPackages: ['esbuild'],
  // The one source of the security headers; npm start gives the same to what it serves itself, and
  // refuses to start should a rule here differ (decision 025). Required here, not at the top: Next
  // calls headers() only to build and in next dev, and the image has no lib/ (Dockerfile).
  async headers() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS, loaded by Node as it is
    const { securityHeaderRules } = require('./lib/server/platform/http/security-headers.js');
    // `nosniff` on every path; the document headers on every path but the build's static files (decision 061).
    return securityHeaderRules({ development: process.env.NODE_ENV === 'development' });
  },
};

module.exports = nextConfig;
