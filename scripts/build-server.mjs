// `npm run build:server`: bundles scripts/server.ts (Next.js + the bare-node /api/events stream,
// decision 010) and scripts/cli.ts into <distDir>, after `next build`. `npm start` and the
// Dockerfile both call this, so there is one recipe for the bundles.
import { join } from 'node:path';
import { build, stop } from 'esbuild';

const BUNDLES = { 'passion-server.cjs': 'scripts/server.ts', 'passion-cli.cjs': 'scripts/cli.ts' };

/** Writes <distDir>/passion-server.cjs and <distDir>/passion-cli.cjs; packages stay in node_modules. */
export async function buildServer(distDir = process.env.NEXT_DIST_DIR || '.next') {
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
        logLevel: 'warning',
      });
    }
  } finally {
    await stop();
  }
  return join(distDir, 'passion-server.cjs');
}

if (process.argv[1]?.endsWith('build-server.mjs')) await buildServer();
