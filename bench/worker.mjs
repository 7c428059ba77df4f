// worker.mjs measures the Cloudflare Worker's start-up CPU (make bench-worker): cmd/worker's Go
// WebAssembly, as `make worker-build` leaves it, run by its own glue (worker.mjs and wasm_exec.js from
// github.com/syumai/workers) under Node, with a runtime.mjs in place of the Workers one (which imports
// `cloudflare:sockets` and the module). As on Workers, every request makes a fresh Go instance: the
// glue instantiates the module, runs Go's runtime and the package initialisers, and then answers.
//
//   node bench/worker.mjs [--requests 30] [--path /healthz] [--runtime node|workerd]
//
// With --runtime workerd it runs the Worker in the real Workers runtime instead (`wrangler dev` on
// loopback, as test/worker does) and reads workerd's own CPU time from /proc (10 ms ticks):
//   workerd_ready_cpu_ms          workerd's CPU from its start to the first /healthz answered 200
//                                 (its own start, loading the script, the first request)
//   workerd_request_cpu_ms        its CPU per request over the later requests (total / count)
//
// Under Node:
// Prints `name value` lines, CPU time of this process (process.cpuUsage, all threads):
//   worker_wasm_bytes             app.wasm's size
//   worker_load_cpu_ms            loading the Worker's script, compiling the module included (once
//                                 per isolate on Workers, before its first request)
//   worker_first_request_cpu_ms   the first request (instantiate, start Go, answer): a cold start
//   worker_request_cpu_ms         median of the later requests: a request to a warm isolate, which
//                                 still starts Go afresh
//   worker_request_min_cpu_ms     the least of them
//   worker_instantiate_cpu_ms     median of WebAssembly.Instance alone (the fresh memory and the
//                                 module's data segments; no Go code run), the part of a request
//                                 that precedes Go
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from './args.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const build = path.join(root, 'cmd/worker/build');

const args = () => parseArgs({ requests: 30, path: '/healthz', runtime: 'node' });

// The Workers runtime.mjs exports loadModule and createRuntimeContext; this one compiles app.wasm
// when the script loads, as Workers does with a module imported by the script.
const runtimeShim = `import { readFileSync } from 'node:fs';
const mod = new WebAssembly.Module(readFileSync(new URL('./app.wasm', import.meta.url)));
export async function loadModule() { return mod; }
export function createRuntimeContext({ env, ctx, binding }) {
  return { env, ctx, binding, connect: () => { throw new Error('no sockets in the benchmark'); } };
}
`;

const cpuMs = (c0) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

function median(v) {
  const s = [...v].sort((x, y) => x - y);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

// workerdCPU is the CPU time in ms of the workerd processes started below this process (Linux /proc).
function workerdCPU() {
  const procs = new Map(); // pid → { ppid, comm, ticks }
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try { stat = readFileSync(`/proc/${d}/stat`, 'utf8'); } catch { continue; }
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' '); // f[0] is field 3 (state)
    procs.set(Number(d), { ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(f[11]) + Number(f[12]) });
  }
  const below = (pid) => { for (let p = pid; p > 1; p = procs.get(p)?.ppid ?? 0) if (p === process.pid) return true; return false; };
  let ticks = 0, found = 0;
  for (const [pid, p] of procs) if (p.comm.startsWith('workerd') && pid !== process.pid && below(pid)) { ticks += p.ticks; found++; }
  if (found === 0) throw new Error('no workerd process found under this one');
  return ticks * 10; // USER_HZ = 100
}

async function workerd(a) {
  const { startWorker } = await import('../test/worker/harness.mjs');
  const w = await startWorker();
  try {
    const ready = workerdCPU();
    const c0 = workerdCPU();
    for (let k = 0; k < a.requests; k++) {
      const res = await fetch(`${w.base}${a.path}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${a.path}: HTTP ${res.status}`);
    }
    process.stdout.write(`workerd_ready_cpu_ms ${ready}\n`);
    process.stdout.write(`workerd_request_cpu_ms ${((workerdCPU() - c0) / a.requests).toFixed(1)}\n`);
  } finally {
    await w.stop();
  }
}

async function main() {
  const a = args();
  if (a.runtime === 'workerd') return workerd(a);
  if (a.runtime !== 'node') throw new Error(`unknown runtime ${a.runtime} (want node or workerd)`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'unroll-bench-worker-'));
  try {
    for (const f of ['worker.mjs', 'wasm_exec.js', 'app.wasm']) cpSync(path.join(build, f), path.join(tmp, f));
    writeFileSync(path.join(tmp, 'runtime.mjs'), runtimeShim);
    const env = { TWSE_BASE: 'https://www.twse.com.tw', TPEX_BASE: 'https://www.tpex.org.tw' };
    const ctx = { waitUntil() {}, passThroughOnException() {} };

    let c0 = process.cpuUsage();
    const worker = (await import(pathToFileURL(path.join(tmp, 'worker.mjs')).href)).default;
    const load = cpuMs(c0);

    const times = [];
    for (let k = 0; k <= a.requests; k++) {
      c0 = process.cpuUsage();
      const res = await worker.fetch(new Request(`http://127.0.0.1${a.path}`), env, ctx);
      await res.arrayBuffer();
      const ms = cpuMs(c0);
      if (res.status !== 200) throw new Error(`${a.path}: HTTP ${res.status}`);
      times.push(ms);
      process.stderr.write(`request ${k + 1}: ${ms.toFixed(1)} ms CPU\n`);
    }
    // The instantiation alone (a fresh memory with the module's data, no Go code run), as often.
    const mod = await (await import(pathToFileURL(path.join(tmp, 'runtime.mjs')).href)).loadModule();
    const inst = [];
    for (let k = 0; k < a.requests; k++) {
      const go = new globalThis.Go();
      c0 = process.cpuUsage();
      new WebAssembly.Instance(mod, { ...go.importObject, workers: { ready() {} } });
      inst.push(cpuMs(c0));
    }
    const later = times.slice(1);
    process.stdout.write(`worker_wasm_bytes ${statSync(path.join(build, 'app.wasm')).size}\n`);
    process.stdout.write(`worker_load_cpu_ms ${load.toFixed(1)}\n`);
    process.stdout.write(`worker_first_request_cpu_ms ${times[0].toFixed(1)}\n`);
    process.stdout.write(`worker_request_cpu_ms ${median(later).toFixed(1)}\n`);
    process.stdout.write(`worker_request_min_cpu_ms ${Math.min(...later).toFixed(1)}\n`);
    process.stdout.write(`worker_instantiate_cpu_ms ${median(inst).toFixed(1)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(`bench/worker.mjs: ${e.stack || e}`); process.exit(1); });
