// Message keys of the one-to-many demo (demos/generate.js) and its feedback arrows in the unrolled
// graph, merged into the page's catalogue: key → [zh-TW, English]. Placeholders are written {name};
// x_{t} with a placeholder inside reads x_3 on screen.
export const generateMessages = {
  'demo.generate.title': ['示範：從一個字元生成（一對多）', 'Demo: generating from one character (one to many)'],
  'gen.trained': [
    'LSTM 已在內建語料上訓練完成（{epochs} 個 epoch，固定種子）。只給第一個字元 x_1；之後每一步，o_t 選出的字元回饋成為下一步的輸入。',
    'The LSTM is trained on the built-in text ({epochs} epochs, a fixed seed). Only the first character x_1 is given; after that, the character each o_t chooses is fed back as the next step’s input.',
  ],
  'gen.start': ['開頭的字元 x_1', 'Start character x_1'],
  'gen.chars': ['生成幾個字元', 'Characters to write'],
  'gen.mode': ['o_t 怎麼選字', 'How o_t chooses'],
  'gen.greedy': ['貪婪：每次選機率最大的', 'Greedy: the most likely every time'],
  'gen.sampled': ['抽樣：從 softmax(o_t / τ) 抽出', 'Sampled from softmax(o_t / τ)'],
  'gen.temp': ['溫度 τ', 'Temperature τ'],
  'gen.seed': ['抽樣的種子', 'Seed of the draws'],
  'gen.given': ['第 {t} 步：給定的開頭字元 x_1', 'Step {t}: the given start character x_1'],
  'gen.fed': ['第 {t} 步：o_{prev} 選出、回饋的字元', 'Step {t}: the character o_{prev} chose, fed back'],
  // The caption of a step, filled from the numbers on screen.
  'gen.cap.given': ['第 {t} 步：x_1 =「{char}」是唯一給定的字元。', 'Step {t}: x_1 = “{char}” is the only character given.'],
  'gen.cap.fed': ['第 {t} 步：x_{t} =「{char}」是 o_{prev} 選出的字元，回饋成為這一步的輸入。', 'Step {t}: x_{t} = “{char}” is the character o_{prev} chose, fed back as this step’s input.'],
  'gen.cap.greedy': ['softmax(o_{t}) 最可能的字元是「{char}」，機率', 'The most likely character of softmax(o_{t}) is “{char}”, probability'],
  'gen.cap.greedy_other': ['o_{t} 選出「{char}」（貪婪），softmax(o_{t}) 給它的機率', 'o_{t} chose “{char}” (greedy); softmax(o_{t}) gives it'],
  'gen.cap.drawn_top': ['從 softmax(o_{t} / τ)（τ = {temp}，種子 {seed}）抽出「{char}」，正是最可能的字元；softmax(o_{t}) 給它的機率', 'Drawn from softmax(o_{t} / τ) (τ = {temp}, seed {seed}): “{char}”, the most likely character; softmax(o_{t}) gives it'],
  'gen.cap.drawn': ['從 softmax(o_{t} / τ)（τ = {temp}，種子 {seed}）抽出「{char}」，softmax(o_{t}) 給它的機率', 'Drawn from softmax(o_{t} / τ) (τ = {temp}, seed {seed}): “{char}”; softmax(o_{t}) gives it'],
  'gen.cap.top': ['；最可能的是「{top}」，機率', '; the most likely is “{top}”, at'],
  'gen.cap.fed_next': ['，它回饋成為 x_{next}。', '; it is fed back as x_{next}.'],
  'gen.cap.end': ['生成到此為止；o_{t} 最可能的下一個字元是「{top}」，機率', 'The generation ends here; after o_{t} the most likely next character is “{top}”, probability'],
  'gen.cap.close': ['。', '.'],
  'views.graph.feedback': ['o_{t} 選出的字元「{char}」回饋成為 x_{next}', 'o_{t}’s choice “{char}” fed back as x_{next}'],
};
