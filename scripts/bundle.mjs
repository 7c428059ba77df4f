// Bundles the page for index.html with esbuild, minified, with source maps:
//
// - static/gen/page/app.js: app.js and every module it imports, one file, so
//   the page runs after one request. d3 is in it too, only the functions the
//   page uses (scripts/d3-page.mjs stands for the sources' `globalThis.d3`).
// - what the page imports later (Train mode with its training views, Why
//   LSTM): one file each beside it, fetched when first shown. Where they use
//   a module app.js already has, they import it from app.js (which exports it
//   under a name of its own), so that state such as the language or the
//   stock cache stays one. Train mode's views are in its file; their modules
//   still run only when the panel first mounts them.
// - static/gen/page/app.css: the style sheets, with their @imports.
// - static/gen/worker.js: the engine's worker (engine/worker.js) with what it
//   loads (Go's wasm_exec.js, engine/training.js), one script instead of three.
//
// The sources stay as they are: the unit tests and the views' harness import
// them directly.
//
// Usage: node scripts/bundle.mjs [static]
import path from 'node:path';
import fs from 'node:fs';
import * as esbuild from 'esbuild';
import { unrollD3 } from './d3-page.mjs';

const root = path.resolve(process.argv[2] || 'static');
const outdir = path.join(root, 'gen', 'page');
const D3 = path.resolve(import.meta.dirname, 'd3-page.mjs');
// The page's style sheets in the order of the cascade.
const SHEETS = ['views.css', 'style.css', 'controls/stock.css', 'controls/pad.css', 'train/views/train.css', 'train/train.css', 'demos/demos.css', 'memory/memory.css', 'lessons/lessons.css'];

// Every d3 function the sources use must be in scripts/d3-page.mjs.
function checkD3() {
  const used = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && p !== path.join(root, 'gen')) walk(p);
      else if (e.isFile() && e.name.endsWith('.js')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bd3\.([a-zA-Z]\w*)/g)) used.add(m[1]);
    }
  };
  walk(root);
  const missing = [...used].filter((f) => !(f in unrollD3));
  if (missing.length) throw new Error(`bundle: d3.${missing.join(', d3.')} used but not in scripts/d3-page.mjs`);
}

const lazyName = (file) => path.relative(root, file).replace(/\.m?js$/, '').replaceAll(path.sep, '-');
const common = { bundle: true, minify: true, sourcemap: 'linked', target: ['es2022'], logLevel: 'warning', legalComments: 'none' };
const js = { ...common, format: 'esm', define: { 'globalThis.d3': 'unrollD3' }, inject: [D3] };

// The page's modules: app.js's imports are bundled, its dynamic imports are
// the lazy files (lazy maps a source to its output's name; found collects them).
const pagePlugin = (lazy, found = new Set()) => ({
  name: 'page',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return null;
      const file = path.resolve(args.resolveDir, args.path);
      found.add(file);
      return { path: `./${lazy.get(file) || lazyName(file)}.js`, external: true };
    });
  },
});

// What app.js holds: every input of its bundle.
const found = new Set();
const probe = await esbuild.build({ ...js, entryPoints: [path.join(root, 'app.js')], write: false, outdir, metafile: true, plugins: [pagePlugin(new Map(), found)] });
const inPage = new Set(Object.keys(probe.metafile.inputs).map((f) => path.resolve(f)));
const lazySources = [...found].sort();

// The names each page module exports (for the lazy files to import from app.js).
const exportsOf = new Map();
{
  const files = [...inPage].filter((f) => /\.m?js$/.test(f));
  const r = await esbuild.build({ entryPoints: files, bundle: false, write: false, metafile: true, outdir: '/x', outbase: '/', format: 'esm', logLevel: 'error' });
  for (const o of Object.values(r.metafile.outputs)) if (o.entryPoint) exportsOf.set(path.resolve(o.entryPoint), o.exports);
}
const order = [...exportsOf.keys()].sort();
const alias = (file, name) => `m${order.indexOf(file)}_${name}`;

// The lazy files: a page module becomes an import from app.js.
fs.rmSync(outdir, { recursive: true, force: true });
const used = new Set();
const lazy = await esbuild.build({
  ...js,
  entryPoints: Object.fromEntries(lazySources.map((f) => [lazyName(f), f])),
  outdir,
  entryNames: '[name]-[hash]',
  metafile: true,
  plugins: [{
    name: 'from-page',
    setup(build) {
      build.onResolve({ filter: /^\.\/app\.js$/, namespace: 'page' }, () => ({ path: './app.js', external: true }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'resolving' || (args.kind === 'entry-point' && path.resolve(args.path) !== D3)) return null;
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
        if (r.errors.length || !inPage.has(r.path)) return null;
        used.add(r.path);
        // Without side effects: a lazy file that uses nothing of app.js (the lessons' text, which
        // boot.js awaits while app.js is still starting) does not import it, and so cannot wait on it.
        return { path: r.path, namespace: 'page', sideEffects: false };
      });
      build.onLoad({ filter: /.*/, namespace: 'page' }, (args) => {
        const names = exportsOf.get(args.path) || [];
        return { contents: `export { ${names.map((n) => `${alias(args.path, n)} as ${n}`).join(', ')} } from './app.js';`, loader: 'js' };
      });
    },
  }],
});
const lazyOut = new Map();
// Without splitting, a module two lazy files import would be in both, twice over and with its state twice.
const owner = new Map();
for (const [out, o] of Object.entries(lazy.metafile.outputs)) {
  for (const f of Object.keys(o.inputs).filter((k) => !k.startsWith('page:'))) {
    if (owner.has(f)) throw new Error(`bundle: ${f} is in both ${owner.get(f)} and ${out}; let app.js import it, or split`);
    owner.set(f, out);
  }
}
for (const [out, o] of Object.entries(lazy.metafile.outputs)) {
  if (o.entryPoint) lazyOut.set(path.resolve(o.entryPoint.replace(/^page:/, '')), path.basename(out, '.js'));
}

// The page: app.js, exporting what the lazy files take from it.
const reexports = [...used].sort().map((f) => {
  const names = exportsOf.get(f) || [];
  return names.length ? `export { ${names.map((n) => `${n} as ${alias(f, n)}`).join(', ')} } from ${JSON.stringify(f)};` : '';
});
await esbuild.build({
  ...js,
  stdin: { contents: [`import ${JSON.stringify(path.join(root, 'app.js'))};`, ...reexports].join('\n'), resolveDir: root, sourcefile: 'page.js', loader: 'js' },
  outfile: path.join(outdir, 'app.js'),
  plugins: [pagePlugin(new Map(lazySources.map((f) => [f, lazyOut.get(f)])))],
});

await esbuild.build({
  ...common,
  stdin: { contents: SHEETS.map((s) => `@import "./${s}";`).join('\n'), resolveDir: root, loader: 'css', sourcefile: 'page.css' },
  outfile: path.join(outdir, 'app.css'),
});

// The engine's worker, one classic script: worker.js with what it would
// importScripts in the place of that call, so that first.wasm's download still
// starts first.
{
  const src = fs.readFileSync(path.join(root, 'engine', 'worker.js'), 'utf8');
  const load = /^importScripts\('\.\.\/gen\/wasm_exec\.js', 'training\.js'\);$/m;
  if (!load.test(src)) throw new Error('bundle: engine/worker.js no longer loads wasm_exec.js and training.js as expected');
  const goJS = fs.readFileSync(path.join(root, 'gen', 'wasm_exec.js'), 'utf8');
  const notice = goJS.match(/^(\/\/.*\n)+/)[0]; // Go's copyright and licence lines
  const loaded = [goJS, fs.readFileSync(path.join(root, 'engine', 'training.js'), 'utf8')].join('\n;\n');
  const out = await esbuild.transform(src.replace(load, () => `;\n${loaded}\n;`), { minify: true, target: 'es2022', legalComments: 'none' });
  fs.writeFileSync(path.join(root, 'gen', 'worker.js'), notice + out.code);
}

checkD3();
const files = fs.readdirSync(outdir).filter((f) => !f.endsWith('.map'));
const size = files.reduce((n, f) => n + fs.statSync(path.join(outdir, f)).size, 0);
console.log(`bundle: ${files.length} files, ${size} bytes in ${path.relative(process.cwd(), outdir)}`);
