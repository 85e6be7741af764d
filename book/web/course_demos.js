/* The book's interactive demos, computed in the page: no kernel, no server, no network.
 *
 * A page asks for a demo with an empty element, <div class="course-demo" data-demo="NAME">.
 * In Jupyter that element is an empty div and shows nothing (the notebook has its ipywidgets);
 * in the book this script builds the demo inside it. Demos:
 *
 *   softmax-temperature  chapter 4: three logits and a temperature -> softmax and cross-entropy
 *   draw-digit           "Draw a digit": the chapter 8 CNN classifies what the reader draws
 *
 * The CNN's weights are in digit_cnn_weights.js (exported by chapter 8 from its full-mode run),
 * loaded only on a page that has a draw-digit demo. A <script> is used rather than fetch() of
 * a JSON file because a page opened from disk (file://) may load scripts but not fetch files.
 *
 * window.courseDemos exposes the functions the drawing canvas uses, so that the browser tests
 * call exactly what a reader's drawing goes through:
 *   courseDemos.digitModel            a Promise of the model, resolved once the weights loaded
 *   courseDemos.classifyDigit(model, pixels)   784 values in [0, 1], row by row -> 10 probabilities
 *   courseDemos.drawingToMnist(canvas)         the drawing as MNIST's 28 x 28 pixels, or null
 */
(function () {
  "use strict";

  const scriptUrl = document.currentScript ? document.currentScript.src : "";

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => node.appendChild(child));
    return node;
  }

  function softmax(scores) {
    const largest = Math.max(...scores);  // subtracted so that exp never overflows
    const exps = scores.map((s) => Math.exp(s - largest));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  }

  /* Bars with a label under each and the value above it; returns update(values, highlight). */
  function barChart(container, labels) {
    const bars = labels.map((label) => {
      const value = element("span", { class: "course-bar-value" });
      const fill = element("span", { class: "course-bar-fill" });
      const column = element("span", { class: "course-bar" }, [
        value,
        element("span", { class: "course-bar-track" }, [fill]),
        element("span", { class: "course-bar-label", text: label }),
      ]);
      container.appendChild(column);
      return { value, fill };
    });
    container.classList.add("course-bars");
    return function update(values, highlight) {
      values.forEach((v, i) => {
        bars[i].fill.style.height = `${(100 * v).toFixed(1)}%`;
        bars[i].fill.classList.toggle("course-bar-highlight", i === highlight);
        bars[i].value.textContent = v >= 0.995 ? "1.00" : v.toFixed(2);
      });
    };
  }

  /* ---------- the words the demos show, in the page's language ---------- */

  const CHINESE = /^zh/i.test(document.documentElement.lang || "");
  const WORDS = CHINESE ? {
    logit: (k) => `类别 ${k} 的 logit`, temperature: "温度 T", trueClass: "真实类别",
    class: (k) => `类别 ${k}`,
    softmaxResult: (p, label, ce) => `概率 ${p}；类别 ${label} 的交叉熵：${ce}`,
    padLabel: "绘图区：用鼠标或手指写一个数字", viewLabel: "模型看到的 28 x 28 图像",
    clear: "清除", loading: "正在加载模型……", drawHere: "在这里书写",
    modelSees: "模型看到的图像（28 x 28）", perDigit: "每个数字的概率",
    prompt: "在黑色方框里写一个 0 到 9 的数字。",
    prediction: (digit, percent) => `预测：${digit}（概率 ${percent}%）`,
    about: (mode, paddle, accuracy) => `模型：第 8 章训练的 CNN，来自${mode === "full" ?
      "完整" : "快速"}模式运行（Paddle ${paddle}），在 10,000 张 MNIST 测试图像上的准确率为 ` +
      `${accuracy}%。`,
    failed: (message) => `模型加载失败：${message}`,
  } : {
    logit: (k) => `logit of class ${k}`, temperature: "temperature T", trueClass: "true class",
    class: (k) => `class ${k}`,
    softmaxResult: (p, label, ce) => `probabilities ${p}; cross-entropy for class ${label}: ${ce}`,
    padLabel: "drawing area: draw one digit with the mouse or a finger",
    viewLabel: "the 28 x 28 image the model sees",
    clear: "Clear", loading: "Loading the model...", drawHere: "draw here",
    modelSees: "what the model sees (28 x 28)", perDigit: "probability of each digit",
    prompt: "Draw a digit from 0 to 9 in the black square.",
    prediction: (digit, percent) => `Prediction: ${digit} (probability ${percent}%)`,
    about: (mode, paddle, accuracy) => `The model: chapter 8's CNN from its ${mode}-mode run ` +
      `(Paddle ${paddle}), which classifies ${accuracy}% of the 10,000 MNIST test images ` +
      "correctly.",
    failed: (message) => `The model could not be loaded: ${message}`,
  };

  /* ---------- chapter 4: softmax with a temperature ---------- */

  function softmaxTemperatureDemo(root) {
    const sliders = {};
    const controls = element("div", { class: "course-controls" });
    function slider(name, label, min, max, step, value) {
      const input = element("input", { type: "range", min, max, step, value, name });
      const shown = element("output", { text: value });
      controls.appendChild(element("label", {}, [
        element("span", { text: label }), input, shown]));
      input.addEventListener("input", () => { shown.textContent = input.value; draw(); });
      sliders[name] = input;
    }
    slider("logit_0", WORDS.logit(0), -5, 5, 0.5, 3);
    slider("logit_1", WORDS.logit(1), -5, 5, 0.5, 1);
    slider("logit_2", WORDS.logit(2), -5, 5, 0.5, -3);
    slider("temperature", WORDS.temperature, 0.2, 5, 0.1, 1);
    const trueClass = element("select", { name: "true_class" }, [0, 1, 2].map(
      (k) => element("option", { value: k, text: WORDS.class(k) })));
    trueClass.addEventListener("change", draw);
    controls.appendChild(element("label", {}, [
      element("span", { text: WORDS.trueClass }), trueClass]));

    const chart = element("div");
    const caption = element("p", { class: "course-demo-result" });
    root.append(controls, chart, caption);
    const update = barChart(chart, [0, 1, 2].map(WORDS.class));

    function draw() {
      const t = Number(sliders.temperature.value);
      const logits = [0, 1, 2].map((k) => Number(sliders[`logit_${k}`].value) / t);
      const p = softmax(logits);
      const label = Number(trueClass.value);
      update(p, label);
      caption.textContent = WORDS.softmaxResult(p.map((v) => v.toFixed(3)).join(", "), label,
        (-Math.log(p[label])).toFixed(3));
    }
    draw();
  }

  /* ---------- the chapter 8 CNN, in plain JavaScript ---------- */

  function decodeFloat32(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return new Float32Array(bytes.buffer);  // little-endian, as every browser's platform
  }

  function loadDigitModel() {
    return new Promise((resolve, reject) => {
      if (window.COURSE_DIGIT_CNN) { resolve(window.COURSE_DIGIT_CNN); return; }
      const script = element("script", { src: new URL("digit_cnn_weights.js", scriptUrl).href });
      script.onload = () => resolve(window.COURSE_DIGIT_CNN);
      script.onerror = () => reject(new Error("digit_cnn_weights.js could not be loaded"));
      document.head.appendChild(script);
    }).then((exported) => {
      const model = { info: exported };
      Object.entries(exported.parameters).forEach(([name, p]) => {
        model[name] = { shape: p.shape, data: decodeFloat32(p.data) };
      });
      return model;
    });
  }

  /* 5 x 5 convolution with padding 2 (the output has the input's size), then ReLU. */
  function convRelu(input, channels, size, weight, bias) {
    const outChannels = weight.shape[0];
    const w = weight.data;
    const out = new Float64Array(outChannels * size * size);
    for (let o = 0; o < outChannels; o++) {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          let sum = bias.data[o];
          for (let c = 0; c < channels; c++) {
            for (let ky = 0; ky < 5; ky++) {
              const iy = y + ky - 2;
              if (iy < 0 || iy >= size) continue;
              for (let kx = 0; kx < 5; kx++) {
                const ix = x + kx - 2;
                if (ix < 0 || ix >= size) continue;
                sum += input[(c * size + iy) * size + ix] *
                  w[((o * channels + c) * 5 + ky) * 5 + kx];
              }
            }
          }
          out[(o * size + y) * size + x] = Math.max(0, sum);
        }
      }
    }
    return out;
  }

  /* 2 x 2 max pooling with stride 2. */
  function maxPool(input, channels, size) {
    const half = size / 2;
    const out = new Float64Array(channels * half * half);
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < half; y++) {
        for (let x = 0; x < half; x++) {
          const at = (dy, dx) => input[(c * size + 2 * y + dy) * size + 2 * x + dx];
          out[(c * half + y) * half + x] = Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1));
        }
      }
    }
    return out;
  }

  /* lessons_src.CNN(num_outputs=10).forward, then softmax: the same layers in the same order. */
  function classifyDigit(model, pixels) {
    let x = Float64Array.from(pixels);                                    // [1, 28, 28]
    x = maxPool(convRelu(x, 1, 28, model["conv1.weight"], model["conv1.bias"]), 20, 28);
    x = maxPool(convRelu(x, 20, 14, model["conv2.weight"], model["conv2.bias"]), 20, 14);
    const [inputs, outputs] = model["fc.weight"].shape;                  // Paddle: [in, out]
    const logits = Array.from(model["fc.bias"].data);
    for (let i = 0; i < inputs; i++) {                                   // x is [20, 7, 7], flat
      for (let j = 0; j < outputs; j++) logits[j] += x[i] * model["fc.weight"].data[i * outputs + j];
    }
    return softmax(logits);
  }

  /* The drawing as MNIST's digits were made: the ink's bounding box scaled to fit 20 x 20,
     placed in 28 x 28 so that its centre of mass is in the middle; white ink on black in [0, 1].
     The same steps as chapter 9's to_mnist, with a box filter for the scaling. */
  function drawingToMnist(canvas) {
    const { width, height } = canvas;
    const rgba = canvas.getContext("2d").getImageData(0, 0, width, height).data;
    const ink = new Float64Array(width * height);
    let top = height, bottom = -1, left = width, right = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const value = rgba[4 * (y * width + x)] / 255;
        ink[y * width + x] = value;
        if (value > 0.3) {
          top = Math.min(top, y); bottom = Math.max(bottom, y);
          left = Math.min(left, x); right = Math.max(right, x);
        }
      }
    }
    if (bottom < 0) return null;  // nothing drawn yet
    const boxHeight = bottom - top + 1, boxWidth = right - left + 1;
    const scale = 20 / Math.max(boxHeight, boxWidth);
    const h = Math.max(1, Math.round(boxHeight * scale));
    const w = Math.max(1, Math.round(boxWidth * scale));
    const sums = new Float64Array(h * w), counts = new Float64Array(h * w);
    for (let y = top; y <= bottom; y++) {  // each source pixel adds to the pixel it falls in
      const ty = Math.min(h - 1, Math.floor((y - top + 0.5) * h / boxHeight));
      for (let x = left; x <= right; x++) {
        const tx = Math.min(w - 1, Math.floor((x - left + 0.5) * w / boxWidth));
        sums[ty * w + tx] += ink[y * width + x];
        counts[ty * w + tx] += 1;
      }
    }
    const digit = new Float64Array(28 * 28);
    const offsetY = Math.floor((28 - h) / 2), offsetX = Math.floor((28 - w) / 2);
    let mass = 0, rowMass = 0, columnMass = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const value = counts[y * w + x] ? sums[y * w + x] / counts[y * w + x] : 0;
        digit[(y + offsetY) * 28 + x + offsetX] = value;
        mass += value; rowMass += value * (y + offsetY); columnMass += value * (x + offsetX);
      }
    }
    const shiftY = Math.round(14 - rowMass / mass), shiftX = Math.round(14 - columnMass / mass);
    const centred = new Float32Array(28 * 28);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const sy = y - shiftY, sx = x - shiftX;
        if (sy >= 0 && sy < 28 && sx >= 0 && sx < 28) centred[y * 28 + x] = digit[sy * 28 + sx];
      }
    }
    return centred;
  }

  const digitModel = { promise: null };
  function digitModelPromise() {
    digitModel.promise = digitModel.promise || loadDigitModel();
    return digitModel.promise;
  }

  /* ---------- "Draw a digit" ---------- */

  function drawDigitDemo(root) {
    const pad = element("canvas", { class: "course-draw-pad", width: 280, height: 280,
      "aria-label": WORDS.padLabel });
    const view = element("canvas", { class: "course-draw-view", width: 28, height: 28,
      "aria-label": WORDS.viewLabel });
    const clear = element("button", { type: "button", text: WORDS.clear });
    const status = element("p", { class: "course-demo-result", text: WORDS.loading });
    const about = element("p", { class: "course-demo-about" });
    const chart = element("div");
    root.append(element("div", { class: "course-draw-row" }, [
      element("figure", {}, [pad, element("figcaption", { text: WORDS.drawHere }), clear]),
      element("figure", {}, [view, element("figcaption", { text: WORDS.modelSees })]),
      element("figure", { class: "course-draw-chart" }, [chart,
        element("figcaption", { text: WORDS.perDigit })]),
    ]), status, about);
    const update = barChart(chart, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(String));
    update(new Array(10).fill(0), -1);

    const pen = pad.getContext("2d");
    function blank() {
      pen.fillStyle = "black";
      pen.fillRect(0, 0, pad.width, pad.height);
      view.getContext("2d").clearRect(0, 0, 28, 28);
      update(new Array(10).fill(0), -1);
      status.textContent = WORDS.prompt;
    }
    blank();
    pen.strokeStyle = "white";
    pen.lineWidth = 24;  // about 2.5 pixels once a digit is fitted into 20 x 20
    pen.lineCap = pen.lineJoin = "round";

    let model = null, drawing = false, last = null, pending = false;
    function showPixels(pixels) {
      const image = view.getContext("2d").createImageData(28, 28);
      pixels.forEach((v, i) => {
        image.data.set([255 * v, 255 * v, 255 * v, 255], 4 * i);
      });
      view.getContext("2d").putImageData(image, 0, 0);
    }
    function predict() {
      pending = false;
      const pixels = drawingToMnist(pad);
      if (!pixels || !model) return;
      showPixels(pixels);
      const p = classifyDigit(model, pixels);
      const best = p.indexOf(Math.max(...p));
      update(p, best);
      status.textContent = WORDS.prediction(best, (100 * p[best]).toFixed(1));
    }
    function schedulePredict() {  // at most every 30 ms while the pen moves
      if (!pending) { pending = true; setTimeout(predict, 30); }
    }
    function point(event) {
      const box = pad.getBoundingClientRect();
      return [(event.clientX - box.left) * pad.width / box.width,
        (event.clientY - box.top) * pad.height / box.height];
    }
    pad.addEventListener("pointerdown", (event) => {
      drawing = true;
      last = point(event);
      try { pad.setPointerCapture(event.pointerId); } catch (e) { /* a synthetic pointer */ }
      pen.beginPath(); pen.moveTo(...last); pen.lineTo(...last); pen.stroke();
      schedulePredict();
    });
    pad.addEventListener("pointermove", (event) => {
      if (!drawing) return;
      const next = point(event);
      pen.beginPath(); pen.moveTo(...last); pen.lineTo(...next); pen.stroke();
      last = next;
      schedulePredict();
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach((type) =>
      pad.addEventListener(type, () => { drawing = false; }));
    clear.addEventListener("click", blank);

    digitModelPromise().then((loaded) => {
      model = loaded;
      const info = loaded.info;
      about.textContent = WORDS.about(info.mode, info.paddle,
        (100 * info.test_accuracy).toFixed(2));
      root.dataset.ready = "true";
      if (drawingToMnist(pad)) predict();
    }, (error) => { status.textContent = WORDS.failed(error.message); });
  }

  const demos = { "softmax-temperature": softmaxTemperatureDemo, "draw-digit": drawDigitDemo };

  window.courseDemos = {
    classifyDigit,
    drawingToMnist,
    get digitModel() { return digitModelPromise(); },
  };

  function start() {
    document.querySelectorAll(".course-demo[data-demo]").forEach((root) => {
      const build = demos[root.dataset.demo];
      if (build && !root.dataset.built) { root.dataset.built = "true"; build(root); }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
