// Bundles the page for index.html with esbuild: the ES modules from app.js
// into static/gen/page/app.js, with what the page imports later (Train mode,
// Why LSTM, the training views) as chunks of their own, and the style sheets
// (with their @imports) into static/gen/page/app.css; minified, with source
// maps beside them. The sources stay as they are: the unit tests and the views'
// harness import them directly.
//
// Usage: node scripts/bundle.mjs [static]
import path from 'node:path';
import fs from 'node:fs';
import * as esbuild from 'esbuild';

const root = path.resolve(process.argv[2] || 'static');
const outdir = path.join(root, 'gen', 'page');
// The page's style sheets in the order of the cascade.
const SHEETS = ['views.css', 'style.css', 'controls/stock.css', 'controls/pad.css', 'train/views/train.css', 'train/train.css', 'demos/demos.css', 'memory/memory.css', 'lessons/lessons.css'];

fs.rmSync(outdir, { recursive: true, force: true });
const common = { bundle: true, minify: true, sourcemap: 'linked', target: ['es2022'], logLevel: 'warning', legalComments: 'none' };
await esbuild.build({
  ...common,
  entryPoints: { app: path.join(root, 'app.js') },
  format: 'esm',
  splitting: true,
  outdir,
  chunkNames: '[name]-[hash]',
});
await esbuild.build({
  ...common,
  stdin: { contents: SHEETS.map((s) => `@import "./${s}";`).join('\n'), resolveDir: root, loader: 'css', sourcefile: 'page.css' },
  outfile: path.join(outdir, 'app.css'),
});
const files = fs.readdirSync(outdir).filter((f) => !f.endsWith('.map'));
const size = files.reduce((n, f) => n + fs.statSync(path.join(outdir, f)).size, 0);
console.log(`bundle: ${files.length} files, ${size} bytes in ${path.relative(process.cwd(), outdir)}`);
