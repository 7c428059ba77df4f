// The Python that builds and trains, in Keras on Google Colab, the next-character model the page
// trains on a text (Train mode with a Text source): the same text, vocabulary (its characters in
// code-point order), one-hot windows of TIME_STEPS characters with the next character as the target
// at every step, the 90/10 split in time order, layer, units, optimizer, learning rate, epochs and
// batch size, and the bigram baseline on the same held-out characters. Text templating only; the
// comments are in zh-TW, the class's language.
import ENGINE from '../../gen/limits.js';

const LAYER = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const OPTIMIZER = { adam: 'Adam', rmsprop: 'RMSprop', sgd: 'SGD' };

// normalizeText reads train_text_prepare's arguments {text, steps, model, train}.
export function normalizeText(cfg = {}) {
  const model = cfg.model || {};
  const train = cfg.train || {};
  return {
    text: String(cfg.text || ''),
    steps: Number(cfg.steps || 10),
    layer: LAYER[String(model.cell || 'lstm').toLowerCase()] || 'LSTM',
    units: Number(model.units || 32),
    seed: model.seed ?? 1,
    epochs: Number(train.epochs || 10),
    batch: Number(train.batch || 32),
    lr: Number(train.lr || 0.001),
    optimizer: OPTIMIZER[String(train.optimizer || 'adam').toLowerCase()] || 'Adam',
    frac: ENGINE.textSplit.train,
  };
}

// kerasTextCode returns the Colab notebook cell (Python) for cfg (see normalizeText).
export function kerasTextCode(cfg) {
  const c = normalizeText(cfg);
  const pct = Math.round(c.frac * 100);
  return [
    `# 用 Keras 重現 Unroll 的訓練：下一個字元模型（多對多），${c.layer}(${c.units})，TIME_STEPS = ${c.steps}`,
    'import numpy as np',
    'import keras',
    'from keras.models import Sequential',
    `from keras.layers import ${c.layer}, Dense`,
    `from keras.optimizers import ${c.optimizer}`,
    '',
    `keras.utils.set_random_seed(${c.seed})   # 亂數種子（Keras 的初始權重和 Unroll 的不會完全相同）`,
    '',
    '# 1. 文字：和 Unroll 訓練的是同一段',
    `text = ${JSON.stringify(c.text)}`,
    '',
    '# 2. 字彙表：文字裡出現的每個字元（依 Unicode 順序），INPUT_SIZE = VOCAB',
    'chars = sorted(set(text))',
    'VOCAB = len(chars)',
    'index = {ch: k for k, ch in enumerate(chars)}',
    'seq = np.array([index[ch] for ch in text])',
    'onehot = np.eye(VOCAB)   # 第 k 列是字元 k 的 one-hot 向量',
    `TIME_STEPS = ${c.steps}`,
    '',
    `# 3. 依時間順序切分：前 ${pct}% 的字元訓練，後 ${100 - pct}% 留作測試（也當作驗證資料）`,
    `cut = int(len(seq) * ${c.frac} + 1e-9)`,
    'train_starts = range(0, cut - TIME_STEPS, TIME_STEPS)',
    'test_starts = range(cut - 1, len(seq) - TIME_STEPS, TIME_STEPS)',
    '',
    '# 4. 視窗：讀 TIME_STEPS 個字元，每一步的目標是下一個字元（多對多）',
    'def windows(starts):',
    '    X = np.array([onehot[seq[s:s + TIME_STEPS]] for s in starts])          # (視窗數, TIME_STEPS, VOCAB)',
    '    y = np.array([onehot[seq[s + 1:s + TIME_STEPS + 1]] for s in starts])  # 每一步的下一個字元',
    '    return X, y',
    '',
    'X_train, y_train = windows(train_starts)',
    'X_test, y_test = windows(test_starts)',
    '',
    `# 5. 建立模型：${c.layer} 每一步都輸出（return_sequences=True），Dense(VOCAB, softmax) 算每一步的機率`,
    'model = Sequential()',
    `model.add(${c.layer}(${c.units}, return_sequences=True, input_shape=(TIME_STEPS, VOCAB)))`,
    "model.add(Dense(VOCAB, activation='softmax'))",
    'model.summary()',
    '',
    '# 6. 編譯與訓練：每一步的交叉熵取平均',
    `model.compile(optimizer=${c.optimizer}(learning_rate=${c.lr}), loss='categorical_crossentropy', metrics=['accuracy'])`,
    `history = model.fit(X_train, y_train, epochs=${c.epochs}, batch_size=${c.batch},`,
    '                    validation_data=(X_test, y_test))',
    '',
    '# 7. 測試：模型第一選擇的準確率，和只看目前字元的 bigram 表比較',
    'counts = np.zeros((VOCAB, VOCAB))',
    'for a, b in zip(seq[:cut - 1], seq[1:cut]):',
    '    counts[a, b] += 1',
    'bigram = counts.argmax(axis=1)',
    'bigram[counts.sum(axis=1) == 0] = np.bincount(seq[1:cut], minlength=VOCAB).argmax()',
    'truth = y_test.argmax(axis=-1)',
    'predicted = model.predict(X_test).argmax(axis=-1)',
    "print('模型準確率：', (predicted == truth).mean())",
    "print('bigram 基準準確率：', (bigram[X_test.argmax(axis=-1)] == truth).mean())",
    '',
    '# 8. 匯出給 Unroll：存成 .h5，再轉成 TensorFlow.js 格式（model.json + 權重檔）',
    "model.save('unroll_text_model.h5')",
    '!pip install tensorflowjs',
    '!tensorflowjs_converter --input_format keras unroll_text_model.h5 tfjs_model/',
    '!zip -r tfjs_model.zip tfjs_model',
    'from google.colab import files',
    "files.download('tfjs_model.zip')   # 解壓縮後，把 model.json 和 .bin 檔一起拖進 Unroll",
  ].join('\n') + '\n';
}
