// Draws the app's icons (public/icons/*.png, public/favicon.ico) as real PNGs with no image library:
// the brand orange with a white focus ring and dot. Run `node scripts/make-icons.mjs` after a change;
// the files are committed, so a build never depends on it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BRAND = [0xe0, 0x4a, 0x12];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of a pixel by a shape, from 4×4 samples (anti-aliased edges). */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

/**
 * One icon. `corner`: radius of the background's rounded square as a share of the size (0: full
 * bleed, as maskable and Apple icons must be). `glyph`: the ring's outer radius as a share of the size.
 */
function draw(size, { corner, glyph }) {
  const rgba = Buffer.alloc(size * size * 4);
  const c = size / 2;
  const r = corner * size;
  const background = (x, y) => {
    const dx = Math.max(r - x, 0, x - (size - r));
    const dy = Math.max(r - y, 0, y - (size - r));
    return dx * dx + dy * dy <= r * r;
  };
  const outer = glyph * size;
  const inner = outer * 0.72;
  const dot = outer * 0.3;
  const ring = (x, y) => {
    const d = Math.hypot(x - c, y - c);
    return (d <= outer && d >= inner) || d <= dot;
  };
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const bg = coverage(x, y, background);
      const fg = coverage(x, y, (px, py) => background(px, py) && ring(px, py));
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(bg > 0 ? (BRAND[k] * (bg - fg) + WHITE[k] * fg) / bg : 0);
      rgba[i + 3] = Math.round(bg * 255);
    }
  return png(size, rgba);
}

/** A .ico holding PNG images (every current browser reads them). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size % 256;
    e[1] = size % 256;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

mkdirSync('public/icons', { recursive: true });
const rounded = { corner: 0.22, glyph: 0.3 };
// Maskable: full bleed, the glyph inside the 40% radius safe zone.
const bleed = { corner: 0, glyph: 0.24 };
writeFileSync('public/icons/icon-192.png', draw(192, rounded));
writeFileSync('public/icons/icon-512.png', draw(512, rounded));
writeFileSync('public/icons/maskable-512.png', draw(512, bleed));
writeFileSync('public/icons/apple-touch-icon.png', draw(180, { corner: 0, glyph: 0.28 }));
writeFileSync('public/favicon.ico', ico([16, 32, 48].map((size) => ({ size, data: draw(size, { corner: 0.22, glyph: 0.34 }) }))));
