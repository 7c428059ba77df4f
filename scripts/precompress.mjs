// Precompresses the page for `unroll serve`: for every text file and the
// engine's app.wasm and first.wasm under static/, a brotli (quality 11) and a gzip (level 9)
// copy under static/gen/z/ at the same path (static/app.js → static/gen/z/app.js.br
// and .gz), kept only when smaller than the file. web.Static picks one by the
// request's Accept-Encoding. A copy newer than its file is left as it is.
//
// Usage: node scripts/precompress.mjs [static]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] || 'static');
const out = path.join(root, 'gen', 'z');
const EXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.map', '.wasm', '.txt', '.md']);
const MIN = 256; // smaller files gain nothing worth a second request's header

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.name.startsWith('.') || e.name.startsWith('_') || p === out) continue;
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && EXT.has(path.extname(e.name))) yield p;
  }
}

const encoders = {
  '.br': (b, wasm) => zlib.brotliCompressSync(b, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]: wasm ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length,
    },
  }),
  '.gz': (b) => zlib.gzipSync(b, { level: 9 }),
};

let made = 0;
const keep = new Set();
for (const file of walk(root)) {
  const st = fs.statSync(file);
  if (st.size < MIN) continue;
  const rel = path.relative(root, file);
  let body = null;
  for (const [ext, enc] of Object.entries(encoders)) {
    const dst = path.join(out, rel + ext);
    keep.add(dst);
    const old = fs.statSync(dst, { throwIfNoEntry: false });
    if (old && old.mtimeMs >= st.mtimeMs) continue;
    body ??= fs.readFileSync(file);
    const z = enc(body, file.endsWith('.wasm'));
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    if (z.length < body.length) {
      fs.writeFileSync(dst, z);
      made++;
    } else if (old) fs.rmSync(dst);
  }
}
// Copies of files that are gone.
for (const file of fs.existsSync(out) ? [...fs.readdirSync(out, { recursive: true })].map((f) => path.join(out, f)) : []) {
  if ((file.endsWith('.br') || file.endsWith('.gz')) && !keep.has(file)) fs.rmSync(file, { force: true });
}
console.log(`precompress: ${made} files written under ${path.relative(process.cwd(), out) || out}`);
