# Unroll build, run and test targets. `make run` and `make test` work on a fresh clone
# once the prerequisites in README.md are installed (.ci/run installs them).

GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
ADDR    ?= 127.0.0.1:8080
GEN     := static/gen
WASMEXEC_DIR := $(GOROOT)/lib/wasm

# Inputs that change the WebAssembly engine.
WASM_SRC := $(shell find core wasm -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum

.PHONY: all build assets run test test-unit test-go test-wasm test-browser test-worker bench bench-page bench-worker fuzz loadtest \
        worker-build worker-dev worker-deploy clean

all: build

## node_modules: front-end, browser-test, Worker and benchmark tooling, pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The engine: app.wasm answers every operation; first.wasm, what the first view needs (the worker
# starts it and moves to app.wasm when the page asks for more; static/engine/worker.js).
$(GEN)/app.wasm: $(WASM_SRC)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm

$(GEN)/first.wasm: $(WASM_SRC)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $@ ./wasm/first

$(GEN)/wasm_exec.js: $(WASMEXEC_DIR)/wasm_exec.js
	cp $< $@

# The presentation mode's QR code of the page's link (lessons/qr.js), an ES module.
$(GEN)/qrcode.mjs: node_modules/.package-lock.json
	cp node_modules/qrcode-generator/dist/qrcode.mjs $@

# The engine's limits, split and feature sets, for the page (core/lecture).
$(GEN)/limits.js: $(filter-out %_test.go,$(wildcard core/lecture/*.go)) cmd/genlimits/main.go
	$(GO) run ./cmd/genlimits $@

## assets: everything the page needs that is generated (git-ignored under static/gen/): the engine,
## the page's modules and style sheets bundled by esbuild (static/gen/page/, scripts/bundle.mjs), then
## the brotli and gzip copies of the page that `unroll serve` sends (static/gen/z/, scripts/precompress.mjs).
assets: $(GEN)/app.wasm $(GEN)/first.wasm $(GEN)/wasm_exec.js $(GEN)/qrcode.mjs $(GEN)/limits.js
	node scripts/bundle.mjs static
	node scripts/precompress.mjs static

## build: one self-contained binary, page and engine embedded.
build: assets
	$(GO) build -trimpath -o bin/unroll ./cmd/unroll

## run: build, then serve the page and the API on the embedded defaults.
run: build
	./bin/unroll serve --addr $(ADDR)

## test: the JS unit tests, vet, Go tests, the bridge under Node, the page in headless Chromium, the Worker in workerd.
test: test-unit build test-go test-wasm test-browser test-worker

## test-unit: the page's pure modules (static/) under Node's test runner, no browser; fast, so first.
test-unit: node_modules/.package-lock.json $(GEN)/limits.js
	node --test test/unit/

test-go: assets
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./cmd/worker ./wasm/...
	$(GO) test ./...

## test-wasm: the bridge, and the engine's kernels (matrix products, e^x) and gradient checks, in WebAssembly.
test-wasm: assets
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASMEXEC_DIR)/go_js_wasm_exec" ./wasm/...
	GOOS=js GOARCH=wasm $(GO) test -exec="$(WASMEXEC_DIR)/go_js_wasm_exec" -run 'MulAdd|InlineExp|GradientFiniteDifference' ./core/nn/

test-browser: build
	node --test --test-concurrency=1 test/browser/


## bench: Go benchmarks, then the side-by-side epoch timings (Unroll native and WebAssembly,
## TensorFlow.js cpu and wasm), ending in DESIGN.md's epoch_ms and ratio lines.
bench: node_modules/.package-lock.json
	$(GO) test -run '^$$' -bench . -benchmem ./core/...
	GO=$(GO) bash bench/run.sh

## bench-page: cold loads of the default view in headless Chromium against `bin/unroll serve --offline`,
## median of 7: first contentful paint, ready, bytes over the wire and requests before ready.
bench-page: build
	node bench/page.mjs --runs 7

## fuzz: a short run of each fuzz target.
fuzz:
	@for t in $$($(GO) test -list 'Fuzz.*' ./web/... ./wasm/bridge ./core/... | grep ^Fuzz); do \
	  pkg=$$($(GO) list ./web/... ./wasm/bridge ./core/... | xargs -I{} sh -c "$(GO) test -list '^$$t$$' {} | grep -q ^$$t && echo {}" | head -1); \
	  $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime 10s $$pkg || exit 1; \
	done

## loadtest: a class against bin/unroll and a loopback fake exchange that bans above 3 calls in 5 s:
## 40 students on 40 listed stocks and 40 on 2330, 24 months each (about 33 minutes; add
## LOADTEST_FLAGS='--scale 10' for the same class at a tenth of the time). Not part of `make test`.
LOADTEST_FLAGS ?=
loadtest: build
	$(GO) run ./cmd/loadtest --bin bin/unroll $(LOADTEST_FLAGS)

## Cloudflare Worker (cmd/worker): the API as Go WebAssembly on github.com/syumai/workers, the page
## (static/) as Workers static assets; configuration in wrangler.toml.
WORKER_BUILD := cmd/worker/build
WORKER_PORT  ?= 8787
TWSE_BASE    ?=
TPEX_BASE    ?=
# wrangler 4's bin script refuses Node.js < 22.12; its CLI module itself runs on Node.js 20.
WRANGLER     := node --no-warnings node_modules/wrangler/wrangler-dist/cli.js
# No telemetry, and no download of the Request.cf placeholder: `wrangler dev` stays on loopback.
WRANGLER_ENV := WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

## worker-build: cmd/worker/build/{worker.mjs,runtime.mjs,wasm_exec.js,app.wasm}.
worker-build:
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(WORKER_BUILD)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WORKER_BUILD)/app.wasm ./cmd/worker
	@echo "app.wasm: $$(wc -c < $(WORKER_BUILD)/app.wasm) bytes, $$(gzip -9 -c $(WORKER_BUILD)/app.wasm | wc -c) gzip -9"

## worker-dev WORKER_PORT=P TWSE_BASE=URL TPEX_BASE=URL: the Worker in the local Workers runtime
## (wrangler dev, workerd on 127.0.0.1:P); the bases default to wrangler.toml's [vars].
worker-dev: worker-build assets node_modules/.package-lock.json
	$(WRANGLER_ENV) $(WRANGLER) dev --local --ip 127.0.0.1 --port $(WORKER_PORT) \
	  $(if $(TWSE_BASE),--var TWSE_BASE:$(TWSE_BASE)) $(if $(TPEX_BASE),--var TPEX_BASE:$(TPEX_BASE))

## worker-deploy: publish to your Cloudflare account (`npx wrangler login` first; README.md).
worker-deploy: worker-build assets node_modules/.package-lock.json
	$(WRANGLER) deploy

## bench-worker: the Worker's start-up CPU per request (bench/worker.mjs), `name value` lines: its
## glue and app.wasm under Node (script load, first request, later requests, the instantiation alone),
## then in workerd (`wrangler dev` on loopback; workerd's CPU time from /proc).
bench-worker: worker-build node_modules/.package-lock.json
	node bench/worker.mjs --requests 30
	node bench/worker.mjs --runtime workerd --requests 30

test-worker: node_modules/.package-lock.json
	node --test --test-concurrency=1 test/worker/

clean:
	rm -rf bin $(GEN)/app.wasm $(GEN)/first.wasm $(GEN)/z $(GEN)/page $(GEN)/wasm_exec.js $(GEN)/d3.min.js $(GEN)/qrcode.mjs $(GEN)/limits.js
