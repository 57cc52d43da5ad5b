import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ApiRouteEntry } from '@/lib/server/platform/http/api-router';
import { createEdge } from '@/lib/server/platform/http/edge';
import { handleEventStream } from '@/lib/server/platform/realtime/node-stream';
import { apiRouteFiles } from '@/scripts/api-routes.mjs';

/** Every route module under app/api as the server bundle lists it (scripts/api-routes.mjs), loaded. */
export async function realRoutes(root = process.cwd()): Promise<ApiRouteEntry[]> {
  return Promise.all(apiRouteFiles(root).map(async (route) => ({ ...route, module: await import(/* @vite-ignore */ join(root, route.file)) })));
}

export interface EdgeServer {
  port: number;
  /** `METHOD path` of every request handed to the stand-in for Next (which answers 418). */
  declined: string[];
  close(): Promise<void>;
}

/** npm start's edge (scripts/server.ts) on a real socket, over `routes`, with a stand-in for Next. */
export async function startEdge(routes: ApiRouteEntry[]): Promise<EdgeServer> {
  const declined: string[] = [];
  const edge = createEdge(routes, {
    origin: 'http://localhost:3000',
    compress: true,
    streams: { '/api/events': handleEventStream },
    next: (req, res) => {
      declined.push(`${req.method} ${req.url}`);
      res.writeHead(418, { 'Content-Type': 'text/plain' });
      res.end('next');
    },
  });
  const server: Server = createServer(edge);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    declined,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One request with any method token and path as given (no normalisation), read to its end. */
export function send(port: number, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
