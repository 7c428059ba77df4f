// The built-in lesson set: the lecture U12 (循環神經網路 RNN) in its order, one
// lesson at least per concept. Each lesson is data (schema in README.md,
// "Lessons"): the page opens `state` (a URL hash of a view), outlines the
// elements named in `focus`, and evaluates `ask.check` against the page state
// (lessons/checks.js). Bodies use the lecture's words and notation.

export default {
  id: 'u12',
  title: { 'zh-TW': 'U12 循環神經網路 RNN', en: 'U12 Recurrent neural networks' },
  lessons: [
    {
      id: 'order',
      title: { 'zh-TW': 'DNN 的缺點：資料沒有順序性', en: 'What a DNN misses: order' },
      body: {
        'zh-TW': '人類的語句有順序性：「我愛貓」與「貓愛我」的意義不同。把句子當成一袋字丟給前饋網路 (DNN)，兩句得到同一個輸出；RNN 依序讀入，就能分辨。看下面兩個網路對兩個句子的輸出，以及兩個句子最後的狀態 s_T。',
        en: 'Human sentences have an order: 我愛貓 (I love cats) and 貓愛我 (cats love me) mean different things. Given as a bag of words, a feed-forward network (DNN) gives both sentences the same output; an RNN reads them in order and tells them apart. Compare both networks’ outputs and both sentences’ last states s_T.',
      },
      state: 'demo=order&cell=rnn&units=4&seed=1',
      focus: ['demo-order'],
    },
    {
      id: 'neuron',
      title: { 'zh-TW': '記憶：逐字讀「neuron」', en: 'Memory: reading “neuron”' },
      body: {
        'zh-TW': '普通的前饋網路逐個字符處理「neuron」這個詞，到達「r」時已經忘記了「n」、「e」和「u」。RNN 能夠記住這些字符，因為它的內部記憶：它產生輸出，並把狀態循環回網路。比較每一步 RNN 的預測和只看目前字元的 bigram 基準。',
        en: 'A plain feed-forward network reads the word “neuron” one character at a time; at “r” it has forgotten “n”, “e” and “u”. An RNN remembers them through its internal memory: it produces an output and loops its state back into the network. Compare, step by step, the RNN’s prediction with the bigram baseline, which sees only the current character.',
      },
      state: 'demo=neuron&cell=lstm',
      focus: ['demo-neuron'],
    },
    {
      id: 'state',
      title: { 'zh-TW': 's_t = f(U x_t + W s_{t−1})：U、W、V', en: 's_t = f(U x_t + W s_{t−1}): U, W, V' },
      body: {
        'zh-TW': '網路在 t 時刻接收到輸入 x_t 之後，隱藏層的值是 s_t，輸出值是 o_t。s_t 的值不僅僅取決於 x_t，還取決於 s_{t−1}。U 是輸入層到隱藏層的權重矩陣，W 是隱藏層上一次的值作為這一次輸入的權重矩陣（循環層），V 是隱藏層到輸出層的權重矩陣。',
        en: 'After the network receives the input x_t at time t, the hidden layer’s value is s_t and the output is o_t. s_t depends not only on x_t but also on s_{t−1}. U is the weight matrix from the input layer to the hidden layer, W the weight matrix that feeds the hidden layer’s last value back in (the recurrent layer), V the weight matrix from the hidden layer to the output.',
      },
      state: 'cell=rnn&units=4&seed=1&data=seq:0.5,-0.2,0.8,0.1,-0.6&t=3',
      focus: ['equation', 'graph'],
      ask: {
        question: { 'zh-TW': '在「自訂序列」改變 x_1，看 s_3 跟著改變。', en: 'Change x_1 in the typed sequence and watch s_3 move.' },
        check: { changed: 'x1' },
      },
    },
    {
      id: 'unroll',
      title: { 'zh-TW': '展開圖與循環圖：Keras 的 unroll=', en: 'Unrolled and rolled: Keras’s unroll=' },
      body: {
        'zh-TW': 'RNN 是包含循環的網路：每個模組讀取某個輸入、輸出一個值，然後不斷循環，使資訊可以從當前步傳遞到下一步。把循環沿時間攤開，就是展開圖：每一步用同一組 U、W、V。Keras 的 unroll=True 表示計算時會展開結構，可以縮短計算時間，但會占用更多記憶體；預設為 False。',
        en: 'An RNN is a network with a loop: each module reads an input, outputs a value, and loops, so information passes from one step to the next. Laid out along time, the loop becomes the unrolled network, every step with the same U, W and V. In Keras, unroll=True unrolls the structure when computing: faster, but it takes more memory; the default is False.',
      },
      state: 'cell=rnn&units=4&seed=1&view=rolled&t=1',
      focus: ['graph', 'view-toggle'],
      ask: {
        question: { 'zh-TW': '切換到「展開圖」。', en: 'Switch to the unrolled view.' },
        check: { state: { view: 'unrolled' } },
      },
    },
    {
      id: 'shapes',
      title: { 'zh-TW': '一對多、多對一、多對多', en: 'One to many, many to one, many to many' },
      body: {
        'zh-TW': '前饋神經網路只能將一個輸入映射到一個輸出，但 RNN 可以映射一對多、多對多（翻譯）和多對一（分類語音）。下方列出四種序列形狀和講義的例子，每一種都連到使用它的示範。',
        en: 'A feed-forward network maps one input to one output, but an RNN can map one to many, many to many (translation) and many to one (classifying speech). Below are the four shapes of sequences with the lecture’s examples, each linked to the demo that uses it.',
      },
      state: 'demo=order&cell=rnn&units=4&seed=1',
      focus: ['shapes'],
    },
    {
      id: 'generate',
      title: { 'zh-TW': '一對多：從一個字元生成', en: 'One to many: writing from one character' },
      body: {
        'zh-TW': '只給 x_1 一個字元，模型每一步的輸出 o_t 選出下一個字元，當作 x_{t+1} 再讀進去。虛線箭頭從每個 o_t 指向它選的 x_{t+1}。',
        en: 'Only x_1 is given, one character; at every step the output o_t picks the next character, which is read back as x_{t+1}. A dashed arrow leads from every o_t to the x_{t+1} it chose.',
      },
      state: 'demo=generate&cell=lstm',
      focus: ['demo-generate'],
    },
    {
      id: 'bptt',
      title: { 'zh-TW': '隨時間反向傳播 (BPTT)', en: 'Backpropagation through time (BPTT)' },
      body: {
        'zh-TW': 'RNN 將權重應用於當前輸入以及先前的輸入，並以梯度下降和隨時間反向傳播 (BPTT) 調整權重：損失 L 從最後一步沿著展開圖往回傳，經過每一個 W。梯度回傳圖畫出每一步的 ‖∂L/∂s_t‖。',
        en: 'An RNN applies its weights to the current input and to the earlier ones, and adjusts them by gradient descent and backpropagation through time (BPTT): the loss L flows back from the last step along the unrolled network, through every W. The gradient chart draws ‖∂L/∂s_t‖ for every step.',
      },
      state: 'cell=rnn&units=4&seed=1&grad=s&t=10',
      focus: ['gradflow'],
    },
    {
      id: 'fading',
      title: { 'zh-TW': '長期記憶與梯度消失', en: 'Long-term memory and vanishing gradients' },
      body: {
        'zh-TW': 'RNN 越前面的資訊對於後面的決策影響越小，當所經過的時序越多，前面的資訊影響被稀釋趨近於零。單純的 RNN 無法處理隨著遞歸權重指數級爆炸或梯度消失的問題，難以捕捉長期時間關聯。比較第一步和最後一步的 ‖∂L/∂x_t‖。',
        en: 'The earlier the information, the less it weighs on an RNN’s later decisions: the more time steps pass, the more the early inputs are diluted, towards zero. A plain RNN cannot handle weights exploding or gradients vanishing exponentially through the recursion, so it struggles with long-term dependencies. Compare ‖∂L/∂x_t‖ at the first step with the last.',
      },
      state: 'cell=rnn&units=4&seed=1&steps=30&grad=x&t=30',
      focus: ['gradflow', 'heatmap'],
      ask: {
        question: { 'zh-TW': '換成 LSTM，再比較第一個長條。', en: 'Switch to LSTM and compare the first bar again.' },
        check: { state: { cell: 'lstm' } },
      },
    },
    {
      id: 'lstm',
      title: { 'zh-TW': 'LSTM：四個相互作用的層與細胞狀態', en: 'LSTM: four interacting layers and the cell state' },
      body: {
        'zh-TW': 'LSTM 是一種特殊的 RNN，能夠透過長時間記憶來學習長期依賴資訊（Hochreiter 與 Schmidhuber，1997）。它也有鏈狀結構，但重複模組不是只有一個神經網路層，而是四個相互作用的層：輸入閘 i、遺忘閘 f、候選值 g、輸出閘 o，沿著細胞狀態 c 傳遞資訊。',
        en: 'LSTM is a special RNN that learns long-term dependencies by remembering over long spans (Hochreiter and Schmidhuber, 1997). It also has a chain structure, but its repeating module has not one neural network layer but four interacting ones: the input gate i, the forget gate f, the candidate g and the output gate o, passing information along the cell state c.',
      },
      state: 'cell=lstm&units=4&seed=1&t=5',
      focus: ['cell', 'equation'],
    },
    {
      id: 'memory',
      title: { 'zh-TW': 'SimpleRNN 與 LSTM：記憶實驗', en: 'SimpleRNN and LSTM: the memory experiment' },
      body: {
        'zh-TW': '講義說 SimpleRNN 會忘記早期的輸入，而 LSTM 的細胞狀態能留住它們。這個實驗讓三種循環層在同樣的資料上學同一件事：讀完 L 步之後說出 x_1。訓練後比較留下來測試的準確率和每一步的梯度。',
        en: 'The lecture says a SimpleRNN forgets early inputs and LSTM’s cell state keeps them. This experiment has the three cells learn the same task on the same data: after reading L steps, name x_1. After training, compare the held-out accuracy and the gradient at every step.',
      },
      state: 'mode=memory&gap=20',
      focus: ['memory-mode'],
      ask: {
        question: { 'zh-TW': '訓練，然後在逐步展開裡打開一個訓練好的循環層。', en: 'Train, then open a trained cell in the step-through.' },
        check: { trained: true },
      },
    },
    {
      id: 'params',
      title: { 'zh-TW': '權重數 g × (n × (n + i) + n)', en: 'Parameters g × (n × (n + i) + n)' },
      body: {
        'zh-TW': 'LSTM 層權重計算公式：權重數 = g × (n × (n + i) + n)。g 是狀態閘門數，SimpleRNN 為 1，LSTM 為 4；n 是神經元數量；i 是每次讀取多少資料，即 INPUT_SIZE 值。',
        en: 'The LSTM layer’s parameter formula: parameters = g × (n × (n + i) + n). g is the number of gates, 1 for a SimpleRNN and 4 for LSTM; n is the number of units; i is how much is read at a time, the INPUT_SIZE.',
      },
      state: 'cell=lstm&units=4&seed=1',
      focus: ['params', 'cell-group'],
      ask: {
        question: { 'zh-TW': '改變神經元數量 n，看權重數怎麼變。', en: 'Change the units n and watch the count change.' },
        check: { changed: 'units' },
      },
    },
    {
      id: 'shape',
      title: { 'zh-TW': 'TIME_STEPS、INPUT_SIZE、units', en: 'TIME_STEPS, INPUT_SIZE, units' },
      body: {
        'zh-TW': 'LSTM(input_shape=(TIME_STEPS, INPUT_SIZE), units=數值)。TIME_STEPS 是總共讀取多少個時間點的數據，例如 10 個數值，一次讀取一個，需要 10 次；INPUT_SIZE 是每次讀取多少資料，這裡為 1；units 設定神經元數目。',
        en: 'LSTM(input_shape=(TIME_STEPS, INPUT_SIZE), units=…). TIME_STEPS is how many time points are read in all, for example 10 values read one at a time, 10 reads; INPUT_SIZE is how much is read each time, here 1; units sets the number of units.',
      },
      state: 'cell=lstm&units=4&seed=1&steps=10',
      focus: ['model-form', 'graph'],
      ask: {
        question: { 'zh-TW': '把 TIME_STEPS 改成 5。', en: 'Set TIME_STEPS to 5.' },
        check: { state: { steps: 5 } },
      },
    },
    {
      id: 'twstock',
      title: { 'zh-TW': 'twstock：Stock、fetch、fetch_from、fetch_31', en: 'twstock: Stock, fetch, fetch_from, fetch_31' },
      body: {
        'zh-TW': '講義用 twstock 取資料：twstock.Stock(\'2330\') 查詢個股歷史資料；fetch(西元年, 月) 傳回該月份的資料，fetch_from(西元年, 月) 傳回該月份到現在，fetch_31() 傳回最近 31 日。屬性有 date、capacity（總成交股數）、turnover（總成交金額）、open、high、low、close（收盤價）、change、transaction。這裡的股價來自同樣的台灣證交所資料。',
        en: 'The lecture gets its data with twstock: twstock.Stock(\'2330\') looks up a stock’s history; fetch(year, month) returns that month, fetch_from(year, month) that month up to now, fetch_31() the last 31 days. The fields are date, capacity (shares traded), turnover (NT$ traded), open, high, low, close (closing price), change and transaction. The prices here come from the same Taiwan Stock Exchange data.',
      },
      state: 'cell=rnn&units=4&seed=1&data=stock:2330:2024-01:2024-06',
      focus: ['stock-picker', 'series'],
    },
    {
      id: 'keras',
      title: { 'zh-TW': '建立及訓練 RNN：收盤價', en: 'Building and training the RNN on closing prices' },
      body: {
        'zh-TW': 'LSTM 循環神經網路模型包含兩層：輸入與 LSTM 層、輸出層。model = Sequential()，再 model.add(LSTM(input_shape=(TIME_STEPS, INPUT_SIZE), units=…))，最後 Dense(1)。這裡在瀏覽器裡用同樣的流程訓練：收盤價、以訓練部分擬合的 min-max 縮放、10 天的視窗預測下一天。',
        en: 'The LSTM model has two layers: the input and LSTM layer, and the output layer. model = Sequential(), then model.add(LSTM(input_shape=(TIME_STEPS, INPUT_SIZE), units=…)), then Dense(1). Here the same workflow trains in the browser: closing prices, min-max scaling fitted on the training part, 10-day windows predicting the next day.',
      },
      state: 'mode=train&ttarget=price&tcell=lstm&tunits=32&tsteps=10',
      focus: ['train-code', 'train-loss'],
      ask: {
        question: { 'zh-TW': '按下開始訓練，訓練完再逐步看它。', en: 'Start training; when it ends, step through the model.' },
        check: { trained: true },
      },
    },
    {
      id: 'baseline',
      title: { 'zh-TW': '和基準比較：明天 = 今天', en: 'Against the baseline: tomorrow = today' },
      body: {
        'zh-TW': '預測好不好，要和最簡單的猜法比較：明天的收盤價等於今天的。看測試期間的預測、兩者的 RMSE（新台幣），以及「為什麼？」用這次訓練的數字說明結果。',
        en: 'Whether a forecast is good is judged against the simplest guess: tomorrow’s close equals today’s. Look at the predictions over the test range, both RMSEs (NT$), and “Why?”, which explains the result with this run’s numbers.',
      },
      state: 'mode=train&ttarget=price&tcell=lstm',
      focus: ['train-pred', 'train-why'],
    },
    {
      id: 'nodelink',
      title: { 'zh-TW': '互動式節點連結視覺化', en: 'The interactive node-link view' },
      body: {
        'zh-TW': '神經網路的視覺化通常是靜態的節點連結圖，只說明結構而不是行為。互動式的視覺化顯示網路對使用者提供的輸入實際怎麼反應：改變輸入，即時看每個神經元的啟動。在這裡用畫板畫出 x_t，看每個單元的 s_t 和每條連線（每個權重）跟著改變；把游標移到一個單元上，看它的淨輸入由哪些項組成。',
        en: 'Neural networks are usually drawn as static node-link diagrams that show the structure, not the behaviour. An interactive view shows how the network actually responds to the user’s input: change the input and watch every neuron’s activation at once. Here, draw x_t on the pad and watch every unit’s s_t and every link (every weight) follow; hover a unit to see the terms its pre-activation is made of.',
      },
      state: 'cell=rnn&units=4&seed=1&view=neurons&pad=1&t=1',
      focus: ['neurons', 'pad'],
    },
  ],
};
