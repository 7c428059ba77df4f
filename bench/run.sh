#!/usr/bin/env bash
# run.sh: the side-by-side epoch benchmark behind `make bench` (DESIGN.md, performance budget).
#
# The lecture's workload (a recurrent layer of 50 units, input shape (10, 1), Dense(1), MSE, Adam,
# batch 32, 1,000 windows of a seeded random walk) with SimpleRNN, LSTM and GRU, timed per epoch on
#   unroll-native  bench/epoch built for this machine
#   unroll-wasm    bench/epoch built with GOOS=js GOARCH=wasm, run under Node (wasm_exec_node.js)
#   tfjs-cpu       bench/tfjs.mjs, TensorFlow.js 4.22 `cpu` backend
#   tfjs-wasm      bench/tfjs.mjs, TensorFlow.js 4.22 `wasm` backend
# Progress goes to stderr; the output ends with one `epoch_ms <model> <runtime> <median ms>` line
# per model and runtime, then `ratio <model> unroll-wasm/tfjs-wasm <value>` per model (wall time),
# and `cpu_ratio <model> unroll-wasm/tfjs-wasm <value>`, the same ratio of the processes' CPU time
# per epoch, which other work on a busy machine disturbs less than the wall time.
#
# Settings (environment): BENCH_MODELS (rnn50,lstm50,gru50), BENCH_RUNTIMES (all four),
# BENCH_WARMUP (2 untimed epochs: V8 keeps optimising wasm and JS over the first ones),
# BENCH_EPOCHS (5 timed epochs), BENCH_CPU_EPOCHS (3: tfjs-cpu is slow), BENCH_ROUNDS (1: with
# more, every model runs on every runtime once per round, and each printed figure is the median of
# the rounds' medians, which evens out the bursts of other work on a shared machine), GO, NODE.
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
NODE=${NODE:-node}
MODELS=${BENCH_MODELS:-rnn50,lstm50,gru50}
RUNTIMES=${BENCH_RUNTIMES:-unroll-native unroll-wasm tfjs-cpu tfjs-wasm}
WARMUP=${BENCH_WARMUP:-2}
EPOCHS=${BENCH_EPOCHS:-5}
CPU_EPOCHS=${BENCH_CPU_EPOCHS:-3}
ROUNDS=${BENCH_ROUNDS:-1}

if [ ! -d node_modules/@tensorflow/tfjs ] || [ ! -d node_modules/@tensorflow/tfjs-backend-wasm ]; then
  echo "bench: node_modules lacks @tensorflow/tfjs; run npm ci first" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
results="$tmp/results"
cpu="$tmp/cpu"
: >"$results"
: >"$cpu"

echo "bench: building bench/epoch (native and js/wasm)" >&2
"$GO" build -trimpath -o "$tmp/epoch" ./bench/epoch
GOOS=js GOARCH=wasm "$GO" build -trimpath -o "$tmp/epoch.wasm" ./bench/epoch
wasm_exec="$("$GO" env GOROOT)/lib/wasm/wasm_exec_node.js"

# collect runs a command, keeps its epoch_ms lines and sends everything else to stderr (without
# TF.js's banner about tfjs-node and its note on large orthogonal initialisations).
collect() {
  "$@" 2> >(grep --line-buffered -v -e '^$' -e '^====' -e 'tfjs-node' -e 'Hi, looks like' \
    -e 'Orthogonal initializer' >&2) |
    while IFS= read -r line; do
      case $line in
        epoch_ms\ *) echo "$line" | tee -a "$results" >&2 ;;
        cpu_ms\ *) echo "$line" >>"$cpu" ;;
        *) if [ -n "$line" ]; then echo "$line" >&2; fi ;;
      esac
    done
}

echo "bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null);" \
  "$("$GO" version | cut -d' ' -f3); node $("$NODE" --version)" >&2

# Model by model, so that the four runtimes of one model run close together in time (a busy
# machine then slows them alike).
for round in $(seq "$ROUNDS"); do
  if [ "$ROUNDS" -gt 1 ]; then echo "bench: round $round of $ROUNDS" >&2; fi
  for model in ${MODELS//,/ }; do
    for rt in $RUNTIMES; do
      echo "bench: $model on $rt" >&2
      case $rt in
        unroll-native) collect "$tmp/epoch" -runtime "$rt" -models "$model" -warmup "$WARMUP" -epochs "$EPOCHS" ;;
        unroll-wasm) collect "$NODE" "$wasm_exec" "$tmp/epoch.wasm" -runtime "$rt" -models "$model" \
          -warmup "$WARMUP" -epochs "$EPOCHS" ;;
        tfjs-cpu) collect "$NODE" bench/tfjs.mjs --backend cpu --models "$model" --warmup "$WARMUP" --epochs "$CPU_EPOCHS" ;;
        tfjs-wasm) collect "$NODE" bench/tfjs.mjs --backend wasm --models "$model" --warmup "$WARMUP" --epochs "$EPOCHS" ;;
        *) echo "bench: unknown runtime $rt" >&2; exit 2 ;;
      esac
    done
  done
done

sleep 0.2 # let the last stderr lines through before the summary
echo "bench: load at the end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >&2
echo "bench: median CPU time per epoch of each process (all its threads), less disturbed by other load:" >&2
# medians reduces the lines of every (kind, model, runtime) to one, the median over the rounds, in
# the order they first came.
medians() {
  awk '{ k = $1 " " $2 " " $3; if (!(k in n)) order[m++] = k; v[k, ++n[k]] = $4 }
       END {
         for (i = 0; i < m; i++) {
           k = order[i]; c = n[k]
           for (a = 1; a <= c; a++) for (b = a + 1; b <= c; b++) if (v[k, b] < v[k, a]) { t = v[k, a]; v[k, a] = v[k, b]; v[k, b] = t }
           med = (c % 2) ? v[k, (c + 1) / 2] : (v[k, c / 2] + v[k, c / 2 + 1]) / 2
           printf "%s %.1f\n", k, med
         }
       }' "$1"
}
medians "$cpu" >"$tmp/cpu.med" && mv "$tmp/cpu.med" "$cpu"
medians "$results" >"$tmp/results.med" && mv "$tmp/results.med" "$results"
cat "$cpu" >&2
cat "$results"
# ratios prints `<name> <model> unroll-wasm/tfjs-wasm <value>` for the lines of one kind.
ratios() {
  awk -v kind="$1" -v name="$2" '$1 == kind { ms[$2 " " $3] = $4; if (!($2 in seen)) { seen[$2] = 1; order[n++] = $2 } }
     END {
       for (k = 0; k < n; k++) {
         m = order[k]; u = ms[m " unroll-wasm"]; t = ms[m " tfjs-wasm"]
         if (u != "" && t != "" && t > 0) printf "%s %s unroll-wasm/tfjs-wasm %.3f\n", name, m, u / t
       }
     }' "$3"
}
ratios epoch_ms ratio "$results"
ratios cpu_ms cpu_ratio "$cpu"
