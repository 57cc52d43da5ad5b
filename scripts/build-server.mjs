// `npm run build:server`: bundles scripts/server.ts (Next.js + the bare-node /api/events stream and
// API routes, decisions 010 and 014) and scripts/cli.ts into <distDir>, after `next build`.
// `npm start` and the Dockerfile both call this, so there is one recipe for the bundles.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, stop } from 'esbuild';
import { refuseUnhonouredNextFeatures } from '../lib/server/platform/http/next-features.mjs';
import { precompressStatic } from '../lib/server/platform/http/precompress.mjs';
import { apiRoutesModule } from './api-routes.mjs';

const BUNDLES = { 'passion-server.cjs': 'scripts/server.ts', 'passion-cli.cjs': 'scripts/cli.ts' };

/** `import { apiRoutes } from 'passion:api-routes'`: every API route module, with its URL pattern (decision 014). */
const apiRoutes = {
  name: 'api-routes',
  setup(b) {
    b.onResolve({ filter: /^passion:api-routes$/ }, ({ path }) => ({ path, namespace: 'api-routes' }));
    b.onLoad({ filter: /.*/, namespace: 'api-routes' }, () => ({ contents: apiRoutesModule(), resolveDir: process.cwd(), loader: 'js' }));
  },
};

/**
 * Writes <distDir>/passion-server.cjs and <distDir>/passion-cli.cjs (packages stay in node_modules),
 * and beside them the brotli files of the build's static assets that the edge serves (decision 061).
 */
export async function buildServer(distDir = process.env.NEXT_DIST_DIR || '.next') {
  const started = performance.now();
  const brotli = precompressStatic(join(distDir, 'static')).then((result) => ({ ...result, seconds: (performance.now() - started) / 1000 }));
  const [bundle, compressed] = await Promise.all([bundleServer(distDir), brotli]);
  const kb = (bytes) => Math.round(bytes / 1024);
  console.log(
    `> Brotli: ${compressed.files} static files, ${kb(compressed.bytes)} KB → ${kb(compressed.brotliBytes)} KB in ${compressed.seconds.toFixed(1)} s (server bundle beside it)`,
  );
  return bundle;
}

async function bundleServer(distDir) {
  // A proxy or next.config.js feature npm start would skip stops the build (the image has no
  // sources to check at start-up); route segment config is checked at start-up (decision 025).
  const nextConfig = createRequire(import.meta.url)('../next.config.js');
  await refuseUnhonouredNextFeatures({ root: process.cwd(), nextConfig });
  try {
    for (const [out, entry] of Object.entries(BUNDLES)) {
      await build({
        entryPoints: [entry],
        outfile: join(distDir, out),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        packages: 'external',
        alias: { 'server-only': './scripts/server-only-shim.ts' },
        plugins: [apiRoutes],
        logLevel: 'warning',
      });
    }
  } finally {
    await stop();
  }
  return join(distDir, 'passion-server.cjs');
}

if (process.argv[1]?.endsWith('build-server.mjs')) await buildServer();
