// Build the Worker and run it in the local Workers runtime (`wrangler dev`,
// which runs workerd on loopback), with no network access and no telemetry.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const buildDir = path.join(root, 'cmd/worker/build');

// Wrangler is started through its CLI module rather than its bin script: the
// script refuses Node.js older than 22.12, while the dev server itself runs on
// the Node.js 20 this project is tested with.
const wranglerCLI = path.join(root, 'node_modules/wrangler/wrangler-dist/cli.js');

function run(cmd, args, env, timeoutMs) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : `exit status ${r.status}`;
    throw new Error(`${cmd} ${args.join(' ')}: ${why}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

// buildWorker does what `make worker-build` does: the JS glue from
// workers-assets-gen (the module's pinned version), then the Go code as
// WebAssembly. It returns the sizes of app.wasm, raw and gzip -9.
export function buildWorker() {
  run('go', ['run', 'github.com/syumai/workers/cmd/workers-assets-gen', '-mode=go', '-o', buildDir], {}, 600_000);
  run('go', ['build', '-trimpath', '-ldflags=-s -w', '-o', path.join(buildDir, 'app.wasm'), './cmd/worker'],
    { GOOS: 'js', GOARCH: 'wasm' }, 600_000);
  const wasm = readFileSync(path.join(buildDir, 'app.wasm'));
  return { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length };
}

// workerDeps lists the packages the Worker links (GOOS=js GOARCH=wasm).
export function workerDeps() {
  return run('go', ['list', '-deps', './cmd/worker'], { GOOS: 'js', GOARCH: 'wasm' }, 300_000)
    .split('\n').filter(Boolean);
}

export function goroot() {
  return run('go', ['env', 'GOROOT'], {}, 60_000).trim();
}

// freePort asks the kernel for an unused loopback port.
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// startWorker runs `wrangler dev` for the repository's wrangler.toml on a free
// loopback port with the given [vars] overrides, a fresh persistence
// directory (so the Cache API starts empty) and its output in a log file.
// It resolves once GET /healthz answers 200, and rejects with the log if
// wrangler exits or the deadline passes first.
export async function startWorker({ vars = {}, readyTimeoutMs = 180_000 } = {}) {
  const port = await freePort();
  const inspectorPort = await freePort();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'unroll-worker-'));
  const logPath = path.join(tmp, 'wrangler.log');
  const log = createWriteStream(logPath);
  const args = [
    '--no-warnings', wranglerCLI, 'dev',
    '--local', '--ip', '127.0.0.1', '--port', String(port),
    '--inspector-ip', '127.0.0.1', '--inspector-port', String(inspectorPort),
    '--persist-to', path.join(tmp, 'state'),
    '--show-interactive-dev-session=false', '--live-reload=false', '--log-level', 'info',
  ];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);

  const env = { ...process.env };
  for (const k of ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_KEY', 'CLOUDFLARE_EMAIL', 'CLOUDFLARE_ACCOUNT_ID']) delete env[k];
  Object.assign(env, {
    WRANGLER_SEND_METRICS: 'false',           // no telemetry
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',     // no download of the Request.cf placeholder
    WRANGLER_LOG_PATH: path.join(tmp, 'logs'),
    XDG_CONFIG_HOME: path.join(tmp, 'config'), // no user login or settings
    NO_COLOR: '1', FORCE_COLOR: '0', CI: '1',
  });

  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const base = `http://127.0.0.1:${port}`;
  const readLog = () => { try { return readFileSync(logPath, 'utf8'); } catch { return ''; } };
  // stop asks wrangler to shut down (it stops and reaps its workerd), then
  // kills whatever is left of its process group.
  const stop = async () => {
    const waitExit = async (ms) => { for (let t = 0; t < ms && exited === null; t += 100) await sleep(100); };
    if (exited === null) {
      try { process.kill(child.pid, 'SIGINT'); } catch { /* already gone */ }
      await waitExit(10_000);
    }
    if (exited === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await waitExit(5_000);
    }
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is empty */ }
    await waitExit(5_000);
    log.end();
    const text = readLog();
    rmSync(tmp, { recursive: true, force: true });
    return text;
  };

  const deadline = Date.now() + readyTimeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited !== null) {
      const text = await stop();
      throw new Error(`wrangler dev exited (${JSON.stringify(exited)}) before /healthz answered; its output:\n${text}`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status === 200) return { base, port, readLog, stop };
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e.cause?.code ?? e.message;
    }
    await sleep(250);
  }
  const text = await stop();
  throw new Error(`wrangler dev: /healthz did not answer 200 within ${readyTimeoutMs / 1000} s (last: ${lastError}); its output:\n${text}`);
}

export function fileSize(p) {
  return statSync(p).size;
}
