// The parts of the Keras code (keras-template.js) that depend on the forecast target and on
// walk-forward evaluation: for window and logret the windows, their scaling and the conversion back
// to NT$ closes, as core/lecture prepares them; for walk-forward the test loop that refits the
// scaler every 20 test windows on the days known then. Text templating only; comments in zh-TW.

const EVERY = 20; // test windows per walk-forward step (core/lecture walkEvery)

// forecastCode rewrites the lines L of the price code for c.forecast and c.walk: sections 3–5 (split,
// scaling, windows) and 8 (test) are replaced, the rest is kept.
export function forecastCode(L, c) {
  if (c.forecast === 'price' && !c.walk) return L;
  const at = (prefix) => L.findIndex((line) => line.startsWith(prefix));
  const [s3, s6, s8, s9] = [at('# 3.'), at('# 6.'), at('# 8.'), at('# 9.')];
  if ([s3, s6, s8, s9].some((k) => k < 0)) return L;
  const prep = c.forecast === 'price' ? L.slice(s3, s6) : prepLines(c);
  const note = c.forecast === 'price' ? [] : ['# Unroll 匯入 Keras 模型時沒有這裡的 lo、hi，會把它當成讀收盤價的模型（講義的做法）；', '# 要逐步看這個目標的模型，請在 Unroll 裡訓練後按「匯出模型」，它的檔案記錄了預測目標與縮放。'];
  return [...L.slice(0, s3), ...prep, ...L.slice(s6, s8), ...testLines(c), L[s9], ...note, ...L.slice(s9 + 1)];
}

const pct = (f) => `${Math.round(f * 100)}%`;

function prepLines(c) {
  const logret = c.forecast === 'logret';
  const lines = [
    `# 3. 依時間順序切分（不打亂）：訓練 ${pct(c.train)}、驗證 ${pct(c.val)}、測試 ${pct(1 - c.train - c.val)}`,
    'close = data[:, TARGET]',
  ];
  if (logret) {
    lines.push(
      'r = np.log(close[1:] / close[:-1])   # 每日對數報酬率 ln(c_t / c_{t-1})',
      'n_windows = len(r) - TIME_STEPS',
      '# 和收盤價的視窗用同樣的測試日：切分點算在 n_windows + 1 個視窗上，第一個視窗少了前一天',
      `n_train = int((n_windows + 1) * ${c.train}) - 1`,
      `n_val = int((n_windows + 1) * ${c.val})`,
      '',
      '# 4. 視窗：連續 TIME_STEPS 個報酬率 → 下一天的報酬率',
      'X_raw = np.array([r[k:k + TIME_STEPS] for k in range(n_windows)])',
      'y_raw = np.array([r[k + TIME_STEPS] for k in range(n_windows)])',
      'last = close[TIME_STEPS:TIME_STEPS + n_windows]          # 每個視窗最後一天的收盤價',
      'actual_close = close[TIME_STEPS + 1:TIME_STEPS + 1 + n_windows]   # 要預測的那一天',
    );
  } else {
    lines.push(
      'n_windows = len(close) - TIME_STEPS',
      `n_train = int(n_windows * ${c.train})`,
      `n_val = int(n_windows * ${c.val})`,
      '',
      '# 4. 視窗：每個視窗除以自己最後一天的收盤價再減 1，目標是下一天相對於它的變化',
      'last = close[TIME_STEPS - 1:TIME_STEPS - 1 + n_windows]   # 每個視窗最後一天的收盤價',
      'X_raw = np.array([close[k:k + TIME_STEPS] / last[k] - 1 for k in range(n_windows)])',
      'y_raw = close[TIME_STEPS:TIME_STEPS + n_windows] / last - 1',
      'actual_close = close[TIME_STEPS:TIME_STEPS + n_windows]',
    );
  }
  lines.push(
    '',
    '# 5. 最小最大縮放：只用訓練視窗的數值（輸入與目標）計算 min、max（避免資料洩漏）',
    'lo = min(X_raw[:n_train].min(), y_raw[:n_train].min())',
    'hi = max(X_raw[:n_train].max(), y_raw[:n_train].max())',
    'X = ((X_raw - lo) / (hi - lo))[..., None]   # (視窗數, TIME_STEPS, 1)',
    'y = (y_raw - lo) / (hi - lo)',
    'X_train, y_train = X[:n_train], y[:n_train]',
    'X_val, y_val = X[n_train:n_train + n_val], y[n_train:n_train + n_val]',
    'X_test, y_test = X[n_train + n_val:], y[n_train + n_val:]',
    '',
  );
  return lines;
}

// back is the Python expression turning a target value v back into a close, given last.
const BACK = { price: 'v', window: 'last * (1 + v)', logret: 'last * np.exp(v)' };

function testLines(c) {
  const price = c.forecast === 'price';
  const lines = ['# 8. 測試：換回新台幣（元），和「明天的收盤價 = 今天的收盤價」基準比較'];
  if (price) {
    lines.push(
      'last = data[TIME_STEPS - 1:-1, TARGET]',
      'actual_close = data[TIME_STEPS:, TARGET]',
      'X_raw = np.array([data[k:k + TIME_STEPS] for k in range(n_windows)])',
      'y_raw = data[TIME_STEPS:, TARGET]',
    );
  }
  lines.push('def to_close(v, last):', `    return ${BACK[c.forecast]}`, '');
  if (c.walk) {
    lines.push(
      `# 向前滾動評估：每 ${EVERY} 個測試視窗，用當時已知的資料（到這個視窗的最後一天）重新計算 min、max`,
      'predicted = []',
      `for w0 in range(n_train + n_val, n_windows, ${EVERY}):`,
      `    w1 = min(w0 + ${EVERY}, n_windows)`,
    );
    if (price) {
      lines.push(
        '    known = data[:w0 + TIME_STEPS]',
        '    lo, hi = known.min(axis=0), known.max(axis=0)',
        '    Xs = (X_raw[w0:w1] - lo) / (hi - lo)',
        '    v = model.predict(Xs).ravel() * (hi[TARGET] - lo[TARGET]) + lo[TARGET]',
      );
    } else {
      lines.push(
        '    lo = min(X_raw[:w0 + 1].min(), y_raw[:w0].min())',
        '    hi = max(X_raw[:w0 + 1].max(), y_raw[:w0].max())',
        '    Xs = ((X_raw[w0:w1] - lo) / (hi - lo))[..., None]',
        '    v = model.predict(Xs).ravel() * (hi - lo) + lo',
      );
    }
    lines.push('    predicted.extend(to_close(v, last[w0:w1]))', 'predicted = np.array(predicted)');
  } else {
    const unscale = price ? '(scaler.data_max_[TARGET] - scaler.data_min_[TARGET]) + scaler.data_min_[TARGET]' : '(hi - lo) + lo';
    lines.push(`v = model.predict(X_test).ravel() * ${unscale}`, 'predicted = to_close(v, last[n_train + n_val:])');
  }
  lines.push(
    'actual = actual_close[n_train + n_val:]',
    'baseline = last[n_train + n_val:]',
    "print('模型 RMSE（元）：', np.sqrt(np.mean((predicted - actual) ** 2)), '基準：', np.sqrt(np.mean((baseline - actual) ** 2)))",
    "print('模型 MAE（元）：', np.mean(np.abs(predicted - actual)), '基準：', np.mean(np.abs(baseline - actual)))",
    'moved = actual != baseline   # 收盤價有變動的日子',
    "print('猜對漲跌方向：', np.mean(np.sign(predicted - baseline)[moved] == np.sign(actual - baseline)[moved]),",
    "      '每天都猜漲：', np.mean(actual[moved] > baseline[moved]))",
    '',
  );
  return lines;
}
