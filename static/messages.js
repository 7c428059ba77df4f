// The page's one message catalogue: key → [zh-TW, English]. Terms follow the
// lecture (循環神經網路, 隱藏層, 遺忘閘 …) and its notation (x_t, s_t, o_t; U, W,
// V, b; gates i f g o, cell c; GRU z r n). Engine and API error codes have an
// "error.<code>" entry; {name} placeholders come from the error's detail.
// The views' own keys ("views.*", in views/messages.views.js) are merged in
// below, so that the page has one lookup.

import { viewMessages } from './views/messages.views.js';
import { trainMessages } from './train/messages.train.js';
import { trainViewMessages } from './train/views/messages.js';
import { forecastMessages } from './train/views/messages.forecast.js';
import { stockMessages } from './controls/messages.stock.js';
import { demoMessages } from './demos/messages.demos.js';
import { neuronMessages } from './demos/messages.neuron.js';
import { generateMessages } from './demos/messages.generate.js';
import { textTrainMessages } from './train/messages.text.js';
import { memoryMessages } from './memory/messages.memory.js';
import { neuronViewMessages } from './views/messages.neurons.js';
import { lessonMessages } from './lessons/messages.lessons.js';

export const catalogue = {
  // Page
  'app.title': ['Unroll · 循環神經網路逐步展開', 'Unroll · step through a recurrent neural network'],
  'app.subtitle': ['循環神經網路逐步展開', 'Recurrent networks, step by step'],
  'nav.skip': ['跳到視覺化', 'Skip to the visualisation'],
  'lang.toggle': ['English', '中文'],
  'present.toggle': ['簡報模式', 'Presentation'],
  'present.strip': ['簡報模式的模型與資料', 'Model and data, in presentation'],
  'present.units_less': ['減少神經元數量 n', 'Fewer units n'],
  'present.units_more': ['增加神經元數量 n', 'More units n'],
  'present.code': ['股票代號', 'Stock code'],
  'present.code_placeholder': ['代號 ⏎', 'code ⏎'],
  'present.code_invalid': ['股票代號是 4 到 6 個英數字，例如 2330。', 'A stock code is 4 to 6 letters or digits, such as 2330.'],
  'present.sine': ['正弦波（週期 {period}）', 'Sine wave (period {period})'],
  'present.seq': ['自訂序列', 'Typed sequence'],
  'present.text': ['文字「{text}」', 'Text “{text}”'],
  'controls.toggle': ['模型與輸入資料', 'Model and input'],
  'view.label': ['網路畫法', 'How the network is drawn'],
  'view.unrolled': ['展開圖', 'Unrolled'],
  'view.rolled': ['循環圖', 'Rolled (loop)'],
  'engine.loading': ['引擎載入中…', 'Loading the engine…'],
  'engine.busy': ['計算中…', 'Computing…'],

  // Panels
  'panel.controls': ['控制面板', 'Controls'],
  'panel.model': ['模型', 'Model'],
  'panel.input': ['輸入資料', 'Input'],
  'panel.graph': ['展開的循環神經網路', 'The unrolled recurrent network'],
  'panel.graph_rolled': ['循環神經網路（未展開）', 'The recurrent network, rolled'],
  'panel.equation': ['方程式（代入真實數值）', 'Equations, with the real numbers'],
  'panel.cell': ['細胞內部', 'Inside the cell'],
  'panel.next': ['下一個字元的機率', 'The next character’s probabilities'],
  'panel.heatmap': ['隱藏狀態隨時間變化', 'Hidden state over time'],
  'panel.gradflow': ['梯度回傳', 'Gradient flowing back'],

  // Model controls
  'model.cell': ['循環層類型', 'Recurrent layer'],
  'model.units': ['神經元數量 n', 'Units n'],
  'model.steps': ['時間步數 TIME_STEPS', 'Time steps TIME_STEPS'],
  'model.steps_typed': ['自訂序列有 T = {T} 個時間步；TIME_STEPS 用於股價視窗與正弦波。', 'The typed sequence has T = {T} steps; TIME_STEPS sets the price window and the sine.'],
  'model.steps_text': ['這段文字有 {T} 個字元：T = {T} 個時間步；TIME_STEPS 用於股價視窗與正弦波。', 'The text has {T} characters: T = {T} steps; TIME_STEPS sets the price window and the sine.'],
  'model.steps_generated': ['這個示範給 1 個開頭字元、生成 {chars} 個字元：T = {T} 個時間步；TIME_STEPS 用於股價視窗與正弦波。', 'This demo is given 1 start character and writes {chars}: T = {T} steps; TIME_STEPS sets the price window and the sine.'],
  'model.steps_data': ['這份資料有 T = {T} 個時間步；TIME_STEPS 用於股價視窗與正弦波。', 'This data has T = {T} steps; TIME_STEPS sets the price window and the sine.'],
  'model.seed': ['隨機種子', 'Seed'],
  'model.reroll': ['重新抽取隨機種子', 'Re-roll the seed'],
  'model.seed_none': ['目前的模型是訓練或匯入的，不是由種子初始化；輸入種子（或重新抽取）即改回以種子初始化的模型。', 'The current model was trained or imported, not initialised from a seed; enter a seed (or re-roll) to go back to a seeded model.'],
  'model.seed_trained': ['已訓練模型', 'trained model'],
  'model.seed_imported': ['已匯入模型', 'imported model'],
  'model.kept': ['模型維持上一個有效的設定。', 'The model keeps the last valid setting.'],
  'limit.int': ['{name}：請輸入 {lo} 到 {hi} 之間的整數（輸入的是「{value}」）。', '{name}: enter a whole number from {lo} to {hi} (you typed “{value}”).'],
  'limit.int_empty': ['{name}：請輸入 {lo} 到 {hi} 之間的整數。', '{name}: enter a whole number from {lo} to {hi}.'],
  'limit.number': ['{name}：請輸入 {lo} 到 {hi} 之間的數（輸入的是「{value}」）。', '{name}: enter a number from {lo} to {hi} (you typed “{value}”).'],
  'limit.number_empty': ['{name}：請輸入 {lo} 到 {hi} 之間的數。', '{name}: enter a number from {lo} to {hi}.'],
  'model.source_seed': ['以種子 {seed} 初始化（Keras 預設）', 'Initialised from seed {seed} (Keras defaults)'],
  'params.title': ['權重數（參數數量）', 'Number of weights (parameters)'],
  'params.formula': ['權重數 = g × (n × (n + i) + n)', 'weights = g × (n × (n + i) + n)'],
  'params.g': ['g：狀態閘門數（SimpleRNN 1、LSTM 4、GRU 3）', 'g: gates (SimpleRNN 1, LSTM 4, GRU 3)'],
  'params.n': ['n：神經元數量（隱藏狀態 s_t 的維度）', 'n: units (the size of the hidden state s_t)'],
  'params.i': ['i：每次讀取多少資料（INPUT_SIZE）', 'i: values read per step (INPUT_SIZE)'],
  'params.i_text': ['i = K：字彙表大小（每個字元一個 one-hot 位置，INPUT_SIZE = K）', 'i = K: the vocabulary size (one one-hot position per character, INPUT_SIZE = K)'],
  'params.dense_text': ['輸出層 Dense(K = {K}, softmax)，V 與 b_V：{dense}', 'Output layer Dense(K = {K}, softmax), V and b_V: {dense}'],
  'params.gru_extra': ['GRU（Keras 預設 reset_after=True）多一組循環偏差：再加 g × n。', 'GRU (Keras default reset_after=True) has a second bias row: add g × n.'],
  'params.dense': ['輸出層 Dense({out})，V 與 b_V：{dense}', 'Output layer Dense({out}), V and b_V: {dense}'],
  'params.total': ['合計 {total}', 'Total {total}'],

  // Input controls
  'input.source': ['資料來源', 'Data'],
  'input.stock': ['股價', 'Stock'],
  'input.seq': ['自訂序列', 'Typed'],
  'input.sine': ['正弦波', 'Sine'],
  'input.window_end': ['視窗結束日', 'Window ends on'],
  'input.window': ['{start} 至 {end}，共 {steps} 個交易日', '{start} to {end}, {steps} trading days'],
  'input.seq_label': ['數列（以逗號分隔）', 'Numbers, separated by commas'],
  'input.seq_placeholder': ['例如 0.1, 0.5, -0.2', 'e.g. 0.1, 0.5, -0.2'],
  'input.seq_hint': ['直接輸入模型，不縮放；每個數字是一個時間步（最多 200 個）。', 'Fed to the model as typed, without scaling; one number per time step (at most 200).'],
  'input.period': ['週期（時間步）', 'Period (time steps)'],
  'input.sine_hint': ['sin(2π(t−1)/週期)，共 TIME_STEPS 個時間步，不縮放。', 'sin(2π(t−1)/period) over TIME_STEPS steps, not scaled.'],
  'input.apply': ['套用', 'Apply'],
  'input.text': ['文字', 'Text'],
  'input.text_label': ['文字（中文或英文皆可）', 'Text (Chinese or Latin characters)'],
  'input.text_placeholder': ['例如 我愛貓 或 neuron', 'e.g. 我愛貓 or neuron'],
  'input.text_hint': ['每個字元是一個時間步；x_t 是這個字元的 one-hot 向量（字彙表大小 K = INPUT_SIZE），最多 200 個字元。', 'One character per time step; x_t is its one-hot vector (vocabulary size K = INPUT_SIZE), at most 200 characters.'],
  'series.caption': ['輸入序列：每個時間步送進模型的 x_t（收盤價單位：元）', 'The input: x_t fed to the model at every step (closes in NT$)'],
  'series.caption_vec': ['輸入序列：每個時間步送進模型的 x_t 是當天各特徵縮放後的值（收盤價單位：元）', 'The input: x_t fed to the model at every step is that day’s features, each scaled (closes in NT$)'],
  'series.caption_seq': ['輸入序列：你輸入的數字，每個時間步原樣送進模型當作 x_t（不縮放）', 'The input: the numbers you typed, fed to the model as x_t at every step (not scaled)'],
  'series.caption_sine': ['輸入序列：x_t = sin(2π(t−1)/{period})，每個時間步原樣送進模型（不縮放）', 'The input: x_t = sin(2π(t−1)/{period}), fed to the model at every step (not scaled)'],
  'series.t': ['t', 't'],
  'series.char': ['字元', 'Character'],
  'series.x_onehot': ['x_t（one-hot 第 k 個位置是 1）', 'x_t (one-hot: a 1 at index k)'],
  'series.onehot': ['k = {k}：', 'k = {k}:'],
  'series.caption_text': ['輸入序列：每個字元是一個時間步，x_t 是長度 K = {K}（字彙表大小）的 one-hot 向量，只有這個字元的位置 k 是 1', 'The input: one character per step; x_t is a one-hot vector of length K = {K} (the vocabulary size), 1 only at the character’s index k'],
  'series.untrained_text': ['這個模型尚未訓練：下一個字元的機率來自隨機權重。', 'This model is untrained: its next-character probabilities come from random weights.'],
  'series.date': ['日期', 'Date'],
  'series.price': ['收盤價', 'Close'],
  'series.x': ['x_t 輸入值', 'x_t input'],
  'series.x_vec': ['x_t 輸入值 [{names}]', 'x_t input [{names}]'],
  'series.short.open': ['開', 'o'],
  'series.short.high': ['高', 'h'],
  'series.short.low': ['低', 'l'],
  'series.short.close': ['收', 'c'],
  'series.short.volume': ['量', 'v'],
  'series.feature.open': ['開盤價', 'open'],
  'series.feature.high': ['最高價', 'high'],
  'series.feature.low': ['最低價', 'low'],
  'series.feature.close': ['收盤價', 'close'],
  'series.feature.volume': ['成交量', 'volume'],
  'series.scaler': ['最小最大縮放：以 {first} 至 {last} 的 {fit} 個交易日（訓練部分）擬合，收盤價最小值 {min}、最大值 {max}', 'Min-max scaling fitted on the {fit} trading days from {first} to {last} (the training part): close min {min}, max {max}'],
  'series.scaler_days': ['最小最大縮放：以訓練部分的 {fit} 個交易日擬合，收盤價最小值 {min}、最大值 {max}', 'Min-max scaling fitted on the {fit} trading days of the training part: close min {min}, max {max}'],
  'series.scaler_file': ['最小最大縮放：使用模型檔附帶的縮放器（檔案沒有記錄擬合的交易日），收盤價最小值 {min}、最大值 {max}', 'Min-max scaling with the model file’s scaler (the file does not say which days it was fitted on): close min {min}, max {max}'],
  'series.scaler_each': ['；其他 {n} 個特徵也各自以同樣的交易日縮放。', '; the other {n} features are each scaled over the same days.'],
  'series.output': ['輸出 o_T（Dense，最後一步之後）', 'Output o_T (Dense, after the last step)'],
  'series.output_raw': ['換算回股價', 'as a price'],
  'series.next': ['下一個交易日 {date} 實際收盤', 'Actual close on the next trading day, {date}'],
  'series.untrained': ['這個模型尚未訓練，預測只是隨機權重的結果。', 'This model is untrained: its prediction comes from random weights.'],

  // Playback
  'playback.label': ['播放控制', 'Playback'],
  'playback.first': ['第一步（Home）', 'First step (Home)'],
  'playback.prev': ['上一步（←）', 'Previous step (←)'],
  'playback.play': ['播放（空白鍵）', 'Play (Space)'],
  'playback.pause': ['暫停（空白鍵）', 'Pause (Space)'],
  'playback.next': ['下一步（→）', 'Next step (→)'],
  'playback.last': ['最後一步（End）', 'Last step (End)'],
  'playback.scrubber': ['時間步 t', 'Time step t'],
  'playback.step': ['時間步 t = {t} / {T}', 'Time step t = {t} / {T}'],
  'playback.speed': ['速度', 'Speed'],
  'playback.keys': ['← → 逐步 · Home / End · 空白鍵 播放', '← → step · Home / End · Space play'],

  // The lecture's terms and symbols
  'term.rnn': ['循環神經網路', 'recurrent neural network'],
  'term.input_layer': ['輸入層', 'input layer'],
  'term.hidden_layer': ['隱藏層', 'hidden layer'],
  'term.output_layer': ['輸出層', 'output layer'],
  'term.weights': ['權重', 'weights'],
  'term.bias': ['偏差', 'bias'],
  'term.time_step': ['時間步', 'time step'],
  'term.unit': ['神經元', 'unit'],
  'term.hidden_state': ['隱藏狀態', 'hidden state'],
  'term.cell_state': ['記憶細胞（細胞狀態）', 'memory cell (cell state)'],
  'term.gate': ['閘門', 'gate'],
  'term.activation': ['激活值', 'activation'],
  'term.pre_activation': ['激活前的值', 'pre-activation'],
  'sym.x': ['x_t：輸入', 'x_t: input'],
  'sym.s': ['s_t：隱藏狀態（隱藏層的值）', 's_t: hidden state (the hidden layer)'],
  'sym.h': ['h_t：隱藏狀態', 'h_t: hidden state'],
  'sym.c': ['c_t：記憶細胞（細胞狀態）', 'c_t: memory cell (cell state)'],
  'sym.o': ['o_t：輸出', 'o_t: output'],
  'sym.y': ['o_T：模型輸出（Dense：V s_T + b_V）', 'o_T: model output (Dense: V s_T + b_V)'],
  'sym.U': ['U：輸入層到隱藏層的權重矩陣', 'U: input-to-hidden weight matrix'],
  'sym.W': ['W：隱藏層上一次的值到這一次的權重矩陣（循環層）', 'W: hidden-to-hidden weight matrix (the recurrence)'],
  'sym.V': ['V：隱藏層到輸出層的權重矩陣', 'V: hidden-to-output weight matrix'],
  'sym.b': ['b：偏差', 'b: bias'],
  'gate.h': ['候選狀態 tanh', 'tanh of the sum'],
  'gate.i': ['輸入閘', 'input gate'],
  'gate.f': ['遺忘閘', 'forget gate'],
  'gate.g': ['候選值', 'candidate'],
  'gate.o': ['輸出閘', 'output gate'],
  'gate.z': ['更新閘', 'update gate'],
  'gate.r': ['重置閘', 'reset gate'],
  'gate.n': ['候選狀態', 'candidate state'],
  'cell.rnn': ['SimpleRNN（簡單循環層）', 'SimpleRNN'],
  'cell.lstm': ['LSTM（長短期記憶）', 'LSTM (long short-term memory)'],
  'cell.gru': ['GRU（門控循環單元）', 'GRU (gated recurrent unit)'],
  'rolled.explain': [
    'Keras 預設 unroll=False：同一個循環層在每個時間步重複使用同一組 U、W、b。unroll=True 會把迴圈展開成一條鏈（上面的展開圖），計算較快但占用較多記憶體。',
    'Keras defaults to unroll=False: one recurrent layer reuses the same U, W and b at every time step. unroll=True expands the loop into a chain (the unrolled view): faster, but it takes more memory.',
  ],

  // Errors (engine codes from wasm/bridge, API codes from web/)
  'error.seq_empty': ['請至少輸入一個數字，例如 0.1, 0.5, -0.2。', 'Type at least one number, for example 0.1, 0.5, -0.2.'],
  'error.seq_not_number': ['第 {index} 個值（「{token}」）不是數字。', 'Entry {index} (“{token}”) is not a number.'],
  'error.seq_not_finite': ['第 {index} 個值太大（上限為 ±1,000,000）。', 'Entry {index} is too large (the limit is ±1,000,000).'],
  'error.seq_too_long': ['序列有 {count} 個時間步，最多只能有 {max} 個。', 'The sequence has {count} steps; at most {max} are allowed.'],
  'error.input_mismatch': ['輸入的大小與模型不符（模型每步讀取 {want} 個值）。', 'The input does not fit the model (it reads {want} values per step).'],
  'error.prices_too_short': ['這個視窗需要 {need} 個交易日，但只有 {have} 個。請選較晚的結束日、較長的月份範圍或較少的時間步。', 'The window needs {need} trading days but only {have} are available. Pick a later end, a longer range or fewer time steps.'],
  'error.bad_prices': ['股價資料有誤，無法使用。', 'The price data is invalid.'],
  'error.invalid_model': ['模型設定無效。', 'The model settings are invalid.'],
  'error.no_model': ['尚未建立模型。', 'There is no model yet.'],
  'error.bad_request': ['引擎收到無效的請求。', 'The engine received an invalid request.'],
  'error.internal': ['引擎內部錯誤；畫面維持上一個狀態。', 'Internal engine error; the last good state is kept.'],
  'error.engine_load': ['引擎無法載入。請重新整理頁面。', 'The engine could not be loaded. Reload the page.'],
  'error.engine_dead': ['引擎已停止。請重新整理頁面。', 'The engine has stopped. Reload the page.'],
  'error.invalid_code': ['股票代號無效。', 'Invalid stock code.'],
  'error.invalid_range': ['月份範圍無效。', 'Invalid range of months.'],
  'error.not_found': ['查無這支股票或這段期間的資料。', 'No data for this stock and range.'],
  'error.upstream_error': ['證交所暫時無法回應。', 'The exchange did not answer.'],
  'error.rate_limited': ['請求太頻繁，請稍後再試。', 'Too many requests; try again shortly.'],
  'error.fetch_failed': ['無法取得股價資料。', 'Could not fetch the prices.'],
  'error.no_rows': ['這段期間沒有交易資料。', 'There are no trading days in this range.'],
  'error.bad_hash': ['網址中有無效的設定（{keys}），已改用預設值。', 'The link had invalid settings ({keys}); defaults were used.'],
  'error.fallback': ['無法顯示網址中的資料，改用正弦波。', 'The data in the link could not be shown; a sine wave is used instead.'],
};

// mergeInto adds the keys of files ({name: file}, each key → [zh-TW, English]) to target. Each key
// belongs to one file: a key target already has is not replaced, and mergeInto returns such keys as
// "key (file name)".
export function mergeInto(target, files) {
  const duplicates = [];
  for (const [name, file] of Object.entries(files)) {
    for (const [key, pair] of Object.entries(file)) {
      if (Object.hasOwn(target, key)) duplicates.push(`${key} (${name})`);
      else target[key] = pair;
    }
  }
  return duplicates;
}

// The other catalogue files, merged in; the catalogue's unit tests require duplicateKeys empty.
export const catalogueFiles = {
  'views/messages.views.js': viewMessages,
  'train/messages.train.js': trainMessages,
  'train/views/messages.js': trainViewMessages,
  'train/views/messages.forecast.js': forecastMessages,
  'controls/messages.stock.js': stockMessages,
  'demos/messages.demos.js': demoMessages,
  'demos/messages.neuron.js': neuronMessages,
  'demos/messages.generate.js': generateMessages,
  'train/messages.text.js': textTrainMessages,
  'memory/messages.memory.js': memoryMessages,
  'views/messages.neurons.js': neuronViewMessages,
  'lessons/messages.lessons.js': lessonMessages,
};
export const duplicateKeys = mergeInto(catalogue, catalogueFiles);
