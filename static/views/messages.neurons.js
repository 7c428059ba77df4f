// Message keys of the neuron view (static/views/neurons*.js), merged into the page's catalogue:
// key → [zh-TW, English].
export const neuronViewMessages = {
  'view.neurons': ['神經元', 'Neurons'],
  'panel.neurons': ['每個神經元、每個權重', 'Every neuron and every weight'],
  'views.neurons.title.rnn': ['每條線是 U、W 或 V 的一個權重：顏色＝正負，粗細＝|w|，深淺＝這一步它傳過去的量（權重 × 來源的值）', 'Each line is one weight of U, W or V: colour = sign, width = |w|, strength = what it carries at this step (weight × its source)'],
  'views.neurons.title.lstm': ['每條線是所選閘的 U、W 或 V 的一個權重：顏色＝正負，粗細＝|w|，深淺＝這一步它傳過去的量', 'Each line is one weight of the chosen gate’s U and W, or of V: colour = sign, width = |w|, strength = what it carries at this step'],
  'views.neurons.title.gru': ['每條線是所選閘的 U、W 或 V 的一個權重：顏色＝正負，粗細＝|w|，深淺＝這一步它傳過去的量', 'Each line is one weight of the chosen gate’s U and W, or of V: colour = sign, width = |w|, strength = what it carries at this step'],
  'views.neurons.gate': ['顯示哪個閘的 U、W', 'Which gate’s U and W to show'],
  'views.neurons.range': ['顯示的時間步', 'Steps shown'],
  'views.neurons.rangeOption': ['第 {a}–{b} 步', 'steps {a}–{b}'],
  'views.neurons.hiddenSteps': ['只畫出第 {a}–{b} 步（共 {T} 步），其餘的步沒有畫出。', 'Only steps {a}–{b} of {T} are drawn; the other steps are hidden.'],
  'views.neurons.hiddenUnits': ['只畫出前 {shown} 個單元（共 {n} 個），其餘單元和它們的權重沒有畫出。', 'Only the first {shown} of {n} units are drawn; the other units and their weights are hidden.'],
  'views.neurons.textOut': ['x_t 是 one-hot：只畫出值為 1 的那個位置（字元寫在下方）。o_t 只畫出最可能的下一個字元（寫在上方）的 logit 和它的 V 權重。', 'x_t is one-hot: only its position holding 1 is drawn (the character below). o_t shows only the logit of the most likely next character (written above) and its weights of V.'],
  'views.neurons.none': ['這個追蹤沒有逐項的權重資料。', 'This trace has no per-weight terms.'],
  'views.neurons.aria': ['神經元圖：{n} 個節點、{links} 條權重連線', 'Neuron graph: {n} nodes, {links} weight links'],
  'views.neurons.hint': ['把游標移到一個單元上（或用 Tab 與方向鍵），看它的淨輸入由哪些項組成。', 'Hover a unit (or use Tab and the arrow keys) to see the terms of its pre-activation.'],
  'views.neurons.pre': ['{name} 的淨輸入', 'pre-activation of {name}'],
  'views.neurons.rest': ['其餘 {n} 項', '{n} smaller terms'],
  'views.neurons.restHidden': ['{n} 個未畫出單元的項', 'terms of {n} hidden units'],
  'views.neurons.note': ['每一項是 權重 × 來源的值，依大小排列；數字都來自引擎。', 'Each term is weight × its source’s value, largest first; every number comes from the engine.'],
  'views.neurons.noteGruN': ['候選值 n 的 W 項還乘上重置閘 r（r ⊙ W_n s_{t−1}），b 含 r 乘上的循環偏差。', 'The candidate n’s W terms are also multiplied by the reset gate r (r ⊙ W_n s_{t−1}); b includes r times the recurrent bias.'],
};
