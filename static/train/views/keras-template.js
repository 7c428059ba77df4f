// The Python that builds and trains, in Keras on Google Colab, the model the page trains: the same
// data (twstock), features, TIME_STEPS, min-max scaling fitted on the training part only, time-ordered
// split, layer, units, optimizer, learning rate, epochs and batch size. Text templating only. The
// comments are in zh-TW, the class's language.

import ENGINE from '../../gen/limits.js'; // the lecture's split, feature sets and target (core/lecture)
import { forecastCode } from './keras-forecast.js';

const LAYER = { rnn: 'SimpleRNN', simplernn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const GATES = { SimpleRNN: 1, LSTM: 4, GRU: 3 };
const OPTIMIZER = { adam: 'Adam', rmsprop: 'RMSprop', sgd: 'SGD' };
// twstock's Data fields for the page's feature names (volume is "capacity": shares traded).
const FIELD = { open: 'open', high: 'high', low: 'low', close: 'close', volume: 'capacity' };
const FEATURE_ZH = { open: '開盤價', high: '最高價', low: '最低價', close: '收盤價', volume: '成交股數' };

// normalize reads a train_prepare-style config ({stock, features, target, steps, split, model, train}),
// falling back to the page state's cell, units and steps, then to the lecture's values.
export function normalize(cfg = {}, state = {}) {
  const stock = cfg.stock || {};
  const model = cfg.model || {};
  const train = cfg.train || {};
  const [fy, fm] = String(stock.from || '2015-01').split('-').map(Number);
  const [ty, tm] = String(stock.to || '').split('-').map(Number);
  const features = Array.isArray(cfg.features) && cfg.features.length ? cfg.features : ENGINE.features.close;
  const target = cfg.target || ENGINE.target;
  const layer = LAYER[String(model.cell || state.cell || 'lstm').toLowerCase()] || 'LSTM';
  const units = Number(model.units || state.units || 50);
  const split = cfg.split || {};
  return {
    code: String(stock.code || '2330'),
    name: stock.name || '',
    fromYear: fy || 2015,
    fromMonth: fm || 1,
    toYear: ty || null,
    toMonth: tm || null,
    features,
    target,
    targetIndex: Math.max(0, features.indexOf(target)),
    steps: Number(cfg.steps || state.steps || 10),
    train: Number(split.train ?? ENGINE.split.train),
    val: Number(split.val ?? ENGINE.split.val),
    layer,
    units,
    seed: model.seed ?? state.seed ?? 1,
    unroll: !!model.unroll,
    epochs: Number(train.epochs || 20),
    batch: Number(train.batch || 32),
    lr: Number(train.lr || 0.001),
    optimizer: OPTIMIZER[String(train.optimizer || 'adam').toLowerCase()] || 'Adam',
    forecast: ENGINE.forecasts.includes(cfg.forecast) ? cfg.forecast : 'price',
    walk: !!cfg.walk_forward,
  };
}

const py = (v) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));
const pct = (f) => `${Math.round(f * 100)}%`;

// kerasCode returns the Colab notebook cell (Python) for cfg (see normalize).
export function kerasCode(cfg, state) {
  const c = normalize(cfg, state);
  const I = c.features.length;
  const g = GATES[c.layer];
  const extra = c.layer === 'GRU' ? ` + ${g} × ${c.units}` : '';
  const params = g * (c.units * (c.units + I) + c.units) + (c.layer === 'GRU' ? g * c.units : 0);
  const row = `[${c.features.map((f) => `r.${FIELD[f] || f}`).join(', ')}]`;
  const names = c.features.map((f) => FEATURE_ZH[f] || f).join('、');
  const end = c.toYear ? (c.toMonth === 12 ? [c.toYear + 1, 1] : [c.toYear, c.toMonth + 1]) : null;
  const label = `${c.name ? `${c.name} ` : ''}${c.code}`;
  const L = [];
  const add = (...lines) => L.push(...lines);
  add(
    `# 用 Keras 重現 Unroll 的訓練：${label} 的收盤價，${c.layer}(${c.units})，TIME_STEPS = ${c.steps}`,
    '!pip install twstock',
    '',
    'import datetime',
    'import numpy as np',
    'import twstock',
    'import keras',
    'from sklearn.preprocessing import MinMaxScaler',
    'from keras.models import Sequential',
    `from keras.layers import ${c.layer}, Dense`,
    `from keras.optimizers import ${c.optimizer}`,
    '',
    `keras.utils.set_random_seed(${c.seed})   # 亂數種子（Keras 的初始權重和 Unroll 的不會完全相同）`,
    '',
    `# 1. 讀取歷史股價：Stock('股票代號')，fetch_from(西元年, 月) 傳回該月到現在的資料`,
    `stock = twstock.Stock('${c.code}')`,
    `rows = stock.fetch_from(${c.fromYear}, ${c.fromMonth})   # 每個月查詢一次；月份多要等一下，查太快可能被證交所暫時封鎖`,
  );
  if (end) add(`# 只留到 ${c.toYear} 年 ${c.toMonth} 月，並略過沒有交易（沒有收盤價）的日子`, `rows = [r for r in rows if r.date < datetime.datetime(${end[0]}, ${end[1]}, 1) and r.close is not None]`);
  else add('# 略過沒有交易（沒有收盤價）的日子', 'rows = [r for r in rows if r.close is not None]');
  add(
    "print(len(rows), '個交易日', rows[0].date.date(), '至', rows[-1].date.date())",
    '',
    `# 2. 特徵：${names}（INPUT_SIZE = ${I}），要預測的是下一天的收盤價`,
    `data = np.array([${row} for r in rows], dtype='float64')   # 形狀 (天數, INPUT_SIZE)`,
    `TARGET = ${c.targetIndex}          # 收盤價在特徵中的位置`,
    `TIME_STEPS = ${c.steps}     # 每筆資料讀取 ${c.steps} 個時間點`,
    `INPUT_SIZE = ${I}      # 每次讀取 ${I} 個數值`,
    '',
    `# 3. 依時間順序切分（不打亂）：訓練 ${pct(c.train)}、驗證 ${pct(c.val)}、測試 ${pct(1 - c.train - c.val)}`,
    'n_windows = len(data) - TIME_STEPS',
    `n_train = int(n_windows * ${py(c.train)})`,
    `n_val = int(n_windows * ${py(c.val)})`,
    '',
    '# 4. 最小最大縮放：只用訓練視窗讀到的資料計算 min、max（避免資料洩漏）',
    'scaler = MinMaxScaler()',
    'scaler.fit(data[:n_train + TIME_STEPS])',
    'scaled = scaler.transform(data)   # 之後的價格縮放後可能大於 1',
    '',
    '# 5. 滑動視窗：連續 TIME_STEPS 天 → 下一天的收盤價',
    'X = np.array([scaled[k:k + TIME_STEPS] for k in range(n_windows)])   # (視窗數, TIME_STEPS, INPUT_SIZE)',
    'y = np.array([scaled[k + TIME_STEPS, TARGET] for k in range(n_windows)])',
    'X_train, y_train = X[:n_train], y[:n_train]',
    'X_val, y_val = X[n_train:n_train + n_val], y[n_train:n_train + n_val]',
    'X_test, y_test = X[n_train + n_val:], y[n_train + n_val:]',
    '',
    `# 6. 建立模型：Sequential()，${c.layer} 層，Dense 輸出層`,
    'model = Sequential()',
    `model.add(${c.layer}(input_shape=(TIME_STEPS, INPUT_SIZE), units=${c.units}, unroll=${py(c.unroll)}))`,
    'model.add(Dense(1))',
    `model.summary()   # ${c.layer} 權重數 = g × (n × (n + i) + n)${extra} = ${params}（g = ${g}）`,
    '',
    '# 7. 編譯與訓練（每一輪結束時用驗證資料算 val_loss）',
    `model.compile(optimizer=${c.optimizer}(learning_rate=${py(c.lr)}), loss='mse')`,
    `history = model.fit(X_train, y_train, epochs=${c.epochs}, batch_size=${c.batch},`,
    '                    validation_data=(X_val, y_val))',
    '',
    '# 8. 測試：換回新台幣（元），和「明天的收盤價 = 今天的收盤價」基準比較 RMSE',
    'def to_price(v):',
    '    return v * (scaler.data_max_[TARGET] - scaler.data_min_[TARGET]) + scaler.data_min_[TARGET]',
    '',
    'predicted = to_price(model.predict(X_test).ravel())',
    'actual = to_price(y_test)',
    'baseline = to_price(X_test[:, -1, TARGET])',
    "print('模型 RMSE（元）：', np.sqrt(np.mean((predicted - actual) ** 2)))",
    "print('基準 RMSE（元）：', np.sqrt(np.mean((baseline - actual) ** 2)))",
    '',
    '# 9. 匯出給 Unroll：存成 .h5，再轉成 TensorFlow.js 格式（model.json + 權重檔）',
    '# Keras 3（Colab 自 TensorFlow 2.16 起的預設）：若轉換或匯入 Unroll 時出錯，改用 Keras 2 重新訓練：',
    "#   在最前面先執行 !pip install tf_keras 與 import os; os.environ['TF_USE_LEGACY_KERAS'] = '1'，",
    '#   並把上面的 import keras、from keras.… 改成 import tf_keras as keras、from tf_keras.…',
    "model.save('unroll_model.h5')",
    '!pip install tensorflowjs',
    '!tensorflowjs_converter --input_format keras unroll_model.h5 tfjs_model/',
    '!zip -r tfjs_model.zip tfjs_model',
    'from google.colab import files',
    "files.download('tfjs_model.zip')   # 解壓縮後，把 model.json 和 .bin 檔一起拖進 Unroll",
  );
  return forecastCode(L, c).join('\n') + '\n';
}

const KEYWORDS = new Set(['import', 'from', 'as', 'for', 'in', 'if', 'else', 'and', 'or', 'not', 'is', 'def', 'return', 'lambda', 'True', 'False', 'None']);
const BUILTINS = new Set(['print', 'len', 'range', 'int']);
const CLASSES = new Set(['Sequential', 'SimpleRNN', 'LSTM', 'GRU', 'Dense', 'Adam', 'RMSprop', 'SGD', 'MinMaxScaler', 'Stock']);
const TOKEN = /(#.*$)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(\b\d+(?:\.\d+)?(?:e-?\d+)?\b)|([A-Za-z_]\w*)/g;

// highlight splits one line of Python into [kind, text] pieces: kinds "", "com", "str", "num",
// "kw", "fn", "cls", "sh" (a shell line starting with "!").
export function highlight(line) {
  if (line.startsWith('!')) {
    const i = line.indexOf('#');
    return i < 0 ? [['sh', line]] : [['sh', line.slice(0, i)], ['com', line.slice(i)]];
  }
  const out = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    if (m.index > last) out.push(['', line.slice(last, m.index)]);
    let kind = '';
    if (m[1]) kind = 'com';
    else if (m[2]) kind = 'str';
    else if (m[3]) kind = 'num';
    else if (KEYWORDS.has(m[4])) kind = 'kw';
    else if (BUILTINS.has(m[4])) kind = 'fn';
    else if (CLASSES.has(m[4])) kind = 'cls';
    out.push([kind, m[0]]);
    last = m.index + m[0].length;
  }
  if (last < line.length) out.push(['', line.slice(last)]);
  return out;
}
