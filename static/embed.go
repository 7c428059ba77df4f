// Package static holds the page that `unroll serve` serves: HTML, CSS, native
// ES modules (app.js and its controls/, engine/, views/, train/, memory/ and lessons/), the favicon, and
// the build output in gen/ (app.wasm and first.wasm, wasm_exec.js, worker.js, limits.js, the bundled page in gen/page/, and
// gen/z/ with brotli and gzip copies of the page, made by `make assets`; gen/README.md is committed so that the pattern below
// matches on a fresh clone).
package static

import (
	"embed"
	"io/fs"
)

//go:embed index.html *.js *.css favicon.svg engine controls views train demos memory lessons gen
var files embed.FS

// FS is the page, rooted at this directory: "index.html", "app.js",
// "gen/app.wasm", and so on.
var FS fs.FS = files
