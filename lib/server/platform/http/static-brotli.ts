import 'server-only';
import { existsSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream';
import { BROTLI_EXTENSIONS, BROTLI_SUFFIX } from './precompress.mjs';
import { staticAssetHeaders } from './security-headers.js';

// npm start serves the build's static files brotli-compressed (decision 061): the `.br` files
// `npm start` wrote at build time (precompress.mjs), to a browser that accepts br. Everything else —
// no `.br`, br not accepted, a range or conditional request, a path that is not plainly a file of
// the build — goes to Next untouched, which serves the same file gzip-compressed.

/** The Content-Type Next (send) gives each of these files. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'application/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=UTF-8',
};

/** The build's file names: each segment of letters, digits, `_`, `-`, `~` and inner dots; no `..`, no `%`, no `\`, nothing empty. */
const STATIC_PATH = /^\/_next\/static\/((?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*[A-Za-z0-9_~-][A-Za-z0-9._~-]*)$/;

/** One element of Accept-Encoding (RFC 9110 §12.5.3): a coding and, optionally, its weight. */
const CODING = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*(?:;\s*q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?$/i;

/** What Next's compression could answer instead: br must weigh at least as much as each. */
const ALTERNATIVES = ['gzip', 'deflate', 'identity'];

/** The weight of each coding the header names (the first mention counts); malformed elements are ignored. */
function weights(header: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const element of header.split(',')) {
    const match = CODING.exec(element.trim());
    if (!match) continue;
    const coding = match[1].toLowerCase();
    if (!found.has(coding)) found.set(coding, match[2] === undefined ? 1 : Number(match[2]));
  }
  return found;
}

/**
 * Whether a response may be br-encoded for this Accept-Encoding: br (or `*`) with a weight above 0,
 * and no lower than gzip's, deflate's or identity's. No header, no br.
 */
export function acceptsBrotli(header: string | undefined): boolean {
  if (!header) return false;
  const found = weights(header);
  const weightOf = (coding: string) => found.get(coding) ?? found.get('*') ?? 0;
  const br = weightOf('br');
  return br > 0 && ALTERNATIVES.every((coding) => weightOf(coding) <= br);
}

/** The path under `<distDir>/static` a request target names (query dropped), or null when it is not plainly one of the build's files. */
export function staticAssetOf(target: string): string | null {
  const query = target.indexOf('?');
  const match = STATIC_PATH.exec(query < 0 ? target : target.slice(0, query));
  return match ? match[1] : null;
}

/** Headers that ask for part of a file or a comparison with a copy the client holds: Next answers those. */
const LEFT_TO_NEXT = ['range', 'if-range', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

type Fallback = () => void;

/**
 * The server of the build's `.br` files, found once in `staticDir` (nothing when it is missing): a
 * function that serves `req` from one, or calls `fallback` having touched nothing.
 */
export function createStaticBrotli(staticDir: string): (req: IncomingMessage, res: ServerResponse, fallback: Fallback) => void {
  // Only the files found here can be served: a path that names anything else falls through.
  const files = new Map<string, string>();
  if (existsSync(staticDir)) {
    for (const entry of readdirSync(staticDir, { recursive: true, encoding: 'utf8' })) {
      const path = entry.split('\\').join('/');
      if (!path.endsWith(BROTLI_SUFFIX)) continue;
      const original = path.slice(0, -BROTLI_SUFFIX.length);
      if (BROTLI_EXTENSIONS.has(extname(original)) && existsSync(join(staticDir, original))) files.set(original, join(staticDir, path));
    }
  }
  return (req, res, fallback) => {
    const method = req.method;
    const asset = method === 'GET' || method === 'HEAD' ? staticAssetOf(req.url ?? '/') : null;
    const file = asset === null ? undefined : files.get(asset);
    if (asset === null || !file || !acceptsBrotli(req.headers['accept-encoding']) || LEFT_TO_NEXT.some((name) => name in req.headers)) return fallback();
    void serveFile(req, res, file, CONTENT_TYPES[extname(asset)], fallback);
  };
}

async function serveFile(req: IncomingMessage, res: ServerResponse, file: string, contentType: string, fallback: Fallback): Promise<void> {
  let handle;
  let size: number;
  try {
    handle = await open(file, 'r');
    ({ size } = await handle.stat());
  } catch {
    await handle?.close().catch(() => undefined);
    return fallback();
  }
  // No Last-Modified: a hashed file never changes under its name, so nothing revalidates it (decision 065).
  res.writeHead(200, {
    ...staticAssetHeaders(),
    'Content-Type': contentType,
    'Content-Encoding': 'br',
    'Content-Length': size,
    'Cache-Control': 'public, max-age=31536000, immutable',
    Vary: 'Accept-Encoding',
  });
  if (req.method === 'HEAD') {
    await handle.close().catch(() => undefined);
    res.end();
    return;
  }
  // A client that hangs up ends the pipeline with an error: nothing to answer then.
  pipeline(handle.createReadStream(), res, () => undefined);
}
