import { createSerwistRoute } from '@serwist/turbopack';

// GET /serwist/sw.js – the service worker (lib/pwa/sw.ts), bundled with the build's precache list
// when `next build` prerenders this route (decision 041). Not under /api: Next serves it as a static file.
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: 'lib/pwa/sw.ts',
  useNativeEsbuild: true,
  // Source maps, Next's server files and the edge's brotli copies (decision 061) stay out; the
  // build's static files and public/ go in.
  globIgnores: ['**/node_modules/**/*', '**/*.map', '**/*.br'],
});
