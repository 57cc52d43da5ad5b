// The build's brotli files (decision 061): `npm start` writes `<file>.br` beside each text file of
// `<distDir>/static` worth compressing, once, after `next build`; its edge (static-brotli.ts) serves
// them to browsers that accept br. Plain JS: scripts/start.mjs runs it before anything is compiled.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';

/** The text files the build serves from /_next/static/ (fonts and images are compressed already). */
export const BROTLI_EXTENSIONS = new Set(['.js', '.css', '.json', '.svg', '.txt']);
/**
 * Below this, a compressed body saves no more than a few dozen bytes. Next's gzip stops at 1 KB, but
 * a `.br` costs one header (Content-Encoding) and is written once: the chunk manifest of the page's
 * on-demand imports (~1 KB) loads with every page and shrinks by half (decision 065).
 */
export const BROTLI_MIN_BYTES = 256;
export const BROTLI_SUFFIX = '.br';

const compress = promisify(brotliCompress);

/** Every file under `dir`, as paths relative to it with `/` separators. */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
    );
}

/**
 * Writes `<file>.br` (quality 11, text mode) beside every file of `staticDir` with one of
 * BROTLI_EXTENSIONS and at least BROTLI_MIN_BYTES, when it comes out smaller. All at once: zlib
 * compresses on libuv's thread pool, so every core works.
 * @param {string} staticDir
 * @returns {Promise<{ files: number, bytes: number, brotliBytes: number }>}
 */
export async function precompressStatic(staticDir) {
  const candidates = (await filesUnder(staticDir)).filter((file) => BROTLI_EXTENSIONS.has(extname(file)));
  const sizes = await Promise.all(
    candidates.map(async (file) => {
      const body = await readFile(join(staticDir, file));
      if (body.length < BROTLI_MIN_BYTES) return null;
      const br = await compress(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
      if (br.length >= body.length) return null;
      await writeFile(join(staticDir, file + BROTLI_SUFFIX), br);
      return [body.length, br.length];
    }),
  );
  const written = sizes.filter((s) => s !== null);
  return {
    files: written.length,
    bytes: written.reduce((sum, [bytes]) => sum + bytes, 0),
    brotliBytes: written.reduce((sum, [, brotli]) => sum + brotli, 0),
  };
}
