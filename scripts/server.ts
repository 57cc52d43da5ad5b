// `npm start`'s server: Next.js for pages, assets and next-auth; the API route handlers called
// directly (decision 014); /api/events on the bare node:http response to keep idle SSE connections
// small (decision 010); what Next would answer badly refused at the edge (decision 027).
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import next from 'next';
import { apiRoutes } from 'passion:api-routes';
import nextConfig from '../next.config.js';
import { config } from '@/lib/server/platform/config';
import { createEdge } from '@/lib/server/platform/http/edge';
import { refuseUnhonouredNextFeatures } from '@/lib/server/platform/http/next-features.mjs';
import { logger } from '@/lib/server/platform/log';
import { startRuntime } from '@/lib/server/runtime';
import { handleEventStream } from '@/lib/server/platform/realtime/node-stream';

const streams = { '/api/events': handleEventStream };

async function main(): Promise<void> {
  const { PORT } = config();
  // What this server serves itself must carry no Next feature it would skip (decision 025).
  await refuseUnhonouredNextFeatures({
    root: process.cwd(),
    nextConfig,
    routes: apiRoutes.filter((r) => !r.servedByNext || Object.hasOwn(streams, r.pattern)),
  });
  // Before Next's own instrumentation.ts: this bundle's services are the ones the API routes run.
  await startRuntime({ serve: true });
  const app = next({ dev: false, port: PORT });
  await app.prepare();
  const server = createServer(
    createEdge(apiRoutes, {
      next: app.getRequestHandler(),
      streams,
      origin: `http://localhost:${PORT}`,
      compress: nextConfig.compress !== false,
      // The build's brotli files, written by `npm start` after `next build` (decision 061).
      staticDir: resolve(nextConfig.distDir ?? '.next', 'static'),
    }),
  );
  // Node closes an idle keep-alive connection after 5 s; a client reusing it at that moment gets
  // ECONNRESET (seen in the e2e suite). Clients and load balancers (60 s) give up on idle
  // connections before the server does, which closes the race.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(PORT, () => logger().info({ port: PORT }, `Passion OS ready on http://localhost:${PORT}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}

main().catch((err) => {
  // Not the logger: an invalid environment (LOG_LEVEL included) is what usually lands here.
  console.error(err);
  process.exit(1);
});
