// The Why LSTM experiment's sequences the page steps through (data=memory:L:SEED): the engine's
// memory_model answer (the held-out sequence x and the moments of its trace, core/memory) kept per
// data key and cell, so the session can trace the sequence and the notes can point at its moments.
// They live as long as the page: like the trained model's weights, they are not in the URL.

const kept = new Map();

// keepSequence remembers memory_model's answer res ({model, x, memory}) for data (memory:L:SEED).
export function keepSequence(data, res) {
  kept.set(`${data}|${res.model.cell}`, { x: res.x, moments: res.memory });
}

// sequenceOf is what keepSequence kept for data and cell (rnn, lstm, gru); any cell when none is named.
export function sequenceOf(data, cell = null) {
  if (cell) return kept.get(`${data}|${cell}`) || null;
  for (const [k, v] of kept) if (k.startsWith(`${data}|`)) return v;
  return null;
}
