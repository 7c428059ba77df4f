// Message keys of the neuron demo (demos/neuron.js), merged into the page's catalogue:
// key → [zh-TW, English]. Placeholders are written {name}.
export const neuronMessages = {
  'demo.neuron.title': ['示範：讀「neuron」的下一個字元（多對多）', 'Demo: the next character in “neuron” (many to many)'],
  'demo.neuron.preparing': ['正在準備內建語料的訓練…', 'Preparing the training on the built-in text…'],
  'demo.neuron.training': ['在瀏覽器裡訓練 LSTM（固定種子）：第 {epoch} / {epochs} 個 epoch', 'Training the LSTM in the browser (fixed seed): epoch {epoch} of {epochs}'],
  'demo.neuron.trained': ['LSTM 已在內建語料上訓練完成；逐步讀「neuron」，每一步比較 RNN 和只看目前字元的 bigram 基準。', 'The LSTM is trained on the built-in text; step through “neuron” and compare, at every step, the RNN with the bigram baseline, which sees only the current character.'],
  'demo.neuron.table': ['每一步的預測：RNN（讀過前面所有字元）與 bigram 基準（只看目前字元）的第一選擇和機率', 'Each step’s prediction: the RNN (has read every character so far) and the bigram baseline (sees the current character only), first choice and probability'],
  'demo.neuron.col.t': ['t', 't'],
  'demo.neuron.col.read': ['讀到', 'Read'],
  'demo.neuron.col.rnn': ['RNN 猜', 'RNN guesses'],
  'demo.neuron.col.bigram': ['bigram 猜', 'Bigram guesses'],
  'demo.neuron.col.next': ['實際下一個', 'Actual next'],
  'demo.neuron.col.p_rnn': ['RNN 給它的機率', 'RNN’s probability of it'],
  'demo.neuron.col.p_bigram': ['bigram 給它的機率', 'Bigram’s probability of it'],
  'demo.neuron.cap_both': ['第 {t} 步：RNN 讀過「{prefix}」，bigram 只看「{char}」；兩者都猜對下一個字元「{next}」。', 'Step {t}: the RNN has read “{prefix}”, the bigram sees only “{char}”; both guess the next character “{next}”.'],
  'demo.neuron.cap_rnn': ['第 {t} 步：RNN 讀過「{prefix}」，猜「{rnn}」，猜對了；bigram 只看「{char}」，猜「{bigram}」，猜錯了。', 'Step {t}: the RNN has read “{prefix}” and guesses “{rnn}”, right; the bigram sees only “{char}” and guesses “{bigram}”, wrong.'],
  'demo.neuron.cap_bigram': ['第 {t} 步：bigram 只看「{char}」，猜「{bigram}」，猜對了；RNN 讀過「{prefix}」，猜「{rnn}」，猜錯了。', 'Step {t}: the bigram sees only “{char}” and guesses “{bigram}”, right; the RNN has read “{prefix}” and guesses “{rnn}”, wrong.'],
  'demo.neuron.cap_neither': ['第 {t} 步：下一個字元是「{next}」；RNN 猜「{rnn}」，bigram 猜「{bigram}」，都猜錯了。', 'Step {t}: the next character is “{next}”; the RNN guesses “{rnn}” and the bigram “{bigram}”: both wrong.'],
  'demo.neuron.cap_more': ['RNN 給「{next}」的機率 {pr} 高於 bigram 的 {pb}。', 'The RNN gives “{next}” {pr}, more than the bigram’s {pb}.'],
  'demo.neuron.cap_less': ['RNN 給「{next}」的機率 {pr} 低於 bigram 的 {pb}。', 'The RNN gives “{next}” {pr}, less than the bigram’s {pb}.'],
  'demo.neuron.cap_same': ['RNN 與 bigram 給「{next}」的機率相同（{pr}）。', 'The RNN and the bigram give “{next}” the same probability ({pr}).'],
  'demo.neuron.cap_end': ['第 {t} 步：「{prefix}」讀完了，後面沒有字元可以比較。', 'Step {t}: “{prefix}” is read to the end; there is no next character to compare with.'],
};
