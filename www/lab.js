// The lab inside one <loss-lab>: one state object, one render a frame, every number from the engine.

import { LossChart, direction } from './chart.js';
import { CurveView, SigmoidView, TrainView } from './views.js';
import { pythonCode } from './code.js';
import { fixed, formatGradient, formatInput, formatLoss, isUnfinishedNumber, parseNumber, torchScalar, torchTensor } from './format.js';
import { oneShown, setAttr, setAttrs, setFlag, setText } from './dom.js';
import { MAX_SAMPLES, MIN_SAMPLES, NEW_SAMPLE, PRESETS, REGRESSION_PRESETS, SEED, SETTLE_MS, SLIDER, TRAIN_MAX_STEPS, TRAIN_MS, TRAIN_REDUCED_MS } from './config.js';
import { PANELS, VIEWS } from './state.js';

/** The losses on offer, in menu order. */
const LOSSES = {
  distance: { tag: 'dist', name: 'distance', line: 'How far each prediction lands from its target: 1 − p for target 1, p for target 0.' },
  bce: { tag: 'CE', name: 'binary cross-entropy', line: 'Minus the log of the probability of the right answer: a confident mistake costs far more (PyTorch caps it at 100).' },
  brier: { tag: 'Brier', name: 'Brier score', line: 'The squared distance (p − t)²: small misses cost little, big ones a lot, none more than 1.' },
  focal: { tag: 'focal', name: 'focal loss', line: 'Cross-entropy turned down for samples already right, so hard ones dominate; γ sets how much, α weighs target 1 against 0.' },
  hinge: { tag: 'hinge', name: 'hinge loss', line: 'The SVM margin loss on the raw score: zero once a sample is right by a margin of 1, then a straight line.' },
  zero_one: { tag: '0-1', name: '0-1 loss', line: 'Right or wrong: 1 on the wrong side of p = 0.5, else 0. Its gradient is zero, so it cannot guide training.' },
  mse: { tag: 'MSE', name: 'mean squared error', line: 'The squared error d²: twice as far off costs four times as much, so one outlier can dominate the mean.' },
  mae: { tag: 'MAE', name: 'mean absolute error', line: 'The error’s size |d|: every unit costs the same, and the gradient is always ±1, however close.' },
  huber: { tag: 'Huber', name: 'Huber loss', line: 'Squared while the error is under δ, a straight line beyond: small errors refine, outliers cannot take over.' },
  smooth_l1: { tag: 'sL1', name: 'smooth L1 loss', line: 'Huber divided by β: quadratic under β, then |d| − β/2, so its slope far out is always 1.' },
  log_cosh: { tag: 'logcosh', name: 'log-cosh loss', line: 'log(cosh d): like d²/2 near zero and |d| − log 2 far out, smooth everywhere.' },
  cross_entropy: { tag: 'CE', name: 'cross-entropy', line: 'Softmax turns a row of activations into probabilities that sum to 1; the loss is −ln of the right class’s share.' },
  multilabel_bce: { tag: 'ML-BCE', name: 'multi-label binary cross-entropy', line: 'Every label is its own yes-or-no question: a sigmoid and a binary cross-entropy each, averaged over the labels.' },
};

/** Many classes or many labels: shown by the matrix lab (matrix-lab.js), not by this one. */
export const isMatrixLoss = (loss) => loss === 'cross_entropy' || loss === 'multilabel_bce';

/** Regression losses score real-valued predictions ŷ against real targets y. */
const REGRESSION = ['mse', 'mae', 'huber', 'smooth_l1', 'log_cosh'];
const familyOf = (loss) => (REGRESSION.includes(loss) ? 'regression' : isMatrixLoss(loss) ? 'matrix' : 'binary');
/** What Compare starts with in each family. */
const COMPARE_DEFAULTS = { binary: ['distance', 'bce', 'zero_one'], regression: ['mse', 'mae', 'huber'] };
/** The numbers regression starts from: three good guesses. */
const REGRESSION_SEED = { inputs: [1.2, 1.7, 3.4], targets: [1, 2, 3] };

const SPACE_WORDS = {
  value: { name: 'prediction', symbol: 'ŷ' },
  prob: { name: 'prediction', symbol: 'p', moved: 'Each activation went through the sigmoid and became a probability' },
  logit: { name: 'activation', symbol: 'x', moved: 'Each prediction p became the activation x = log(p / (1 − p)), clipped to ±10' },
};


/**
 * Builds the lab in `root` (a shadow root holding MARKUP) with a loaded `engine`.
 * `onEdit(snapshot)` is called once a frame after the reader changed something, never for `apply`.
 */
export function createLab({ root, engine, onEdit, onSwitch }) {
  const state = {
    loss: SEED.loss,
    space: SEED.space,
    gamma: 2,
    alpha: 0.25,
    alphaOff: false,
    delta: 1,
    beta: 1,
    inputs: [...SEED.inputs],
    targets: [...SEED.targets],
    learningRate: 1,
    showGrad: true,
    /** Losses chosen in Compare, in menu order. */
    compare: ['distance', 'bce', 'zero_one'],
    /** Means of the current run of steps; `after`: the inputs it left. */
    history: { means: [], after: null, key: '' },
    /** Refused text fields: index -> {text, message}. */
    fieldErrors: new Map(),
    notes: { space: '', samples: '', step: '' },
  };

  const catalogue = new Map();


  /** The request `evaluate` and `step` take. */
  function request(inputs = state.inputs, loss = state.loss) {
    if (familyOf(loss) === 'regression') return { loss, params: paramsOf(loss), inputs, targets: state.targets };
    return { loss, space: state.space, params: paramsOf(loss), inputs, targets: state.targets };
  }

  /** The engine's result, or an error when a loss overflows (a squared error past about 1e154): never infinity on screen. */
  function evaluateFinite(req) {
    const r = engine.evaluate(req);
    if (Number.isFinite(r.sum)) return r;
    const i = Array.from(r.perSample).findIndex((v) => !Number.isFinite(v));
    throw new Error(`the ${LOSSES[req.loss].name} of sample ${i + 1} overflows to ${r.perSample[i]}: use smaller numbers`);
  }

  /** The parameters a loss takes, from the controls. */
  function paramsOf(loss) {
    if (loss === 'focal') return { gamma: state.gamma, alpha: state.alphaOff ? -1 : state.alpha };
    if (loss === 'huber') return { delta: state.delta };
    if (loss === 'smooth_l1') return { beta: state.beta };
    return {};
  }

  /** 'value' for regression, else the binary space. */
  const spaceKey = () => (familyOf(state.loss) === 'regression' ? 'value' : state.space);

  function spacesOf(loss) {
    return catalogue.get(loss)?.spaces ?? ['logit', 'prob'];
  }


  /** The elements under `root` with an `attr` (id or class), by its first word in camelCase: #loss-select is lossSelect. */
  function named(root, attr) {
    const found = {};
    for (const node of root.querySelectorAll(`[${attr}]`)) found[node.getAttribute(attr).split(' ')[0].replace(/-(\w)/g, (_, c) => c.toUpperCase())] ??= node;
    return found;
  }
  const ui = named(root, 'id');
  /** Looked up once: a query over the whole shadow root costs about 0.5 ms at 64 samples. */
  const familyNodes = root.querySelectorAll('[data-family]');
  let compareBoxes = [];

  /** Row views, one per sample; added and removed at the end only. */
  const rows = [];
  function makeRow(index) {
    const n = index + 1;
    const li = ui.sampleTemplate.content.firstElementChild.cloneNode(true);
    li.dataset.sample = String(n);
    const row = named(li, 'class');
    row.li = li;
    setText(row.sampleNumber, String(n));
    for (const prefix of li.querySelectorAll('.sample-prefix')) prefix.textContent = `Sample ${n} `;
    row.target.id = `target-${n}`;
    row.loss.id = `loss-${n}`;
    row.predRange.id = `pred-range-${n}`;
    row.inputLabel.htmlFor = row.predRange.id;
    row.predField.id = `pred-field-${n}`;
    row.fieldLabel.htmlFor = row.predField.id;
    row.fieldError.id = `pred-error-${n}`;
    row.targetField.id = `target-field-${n}`;
    row.targetFieldLabel.htmlFor = row.targetField.id;
    row.targetField.setAttribute('aria-describedby', row.fieldError.id);
    row.predField.setAttribute('aria-describedby', row.fieldError.id);
    row.remove.setAttribute('aria-label', `Remove sample ${n}`);
    row.rowFormula.id = `formula-${n}`;
    for (const out of [row.loss, row.prob, row.grad]) out.setAttribute('aria-describedby', row.rowFormula.id);
    return row;
  }



  let frame = 0;
  /** Set by the reader's edits; the next render reports them once through `onEdit`. */
  let edited = false;
  let shown = new Set(VIEWS);
  let readonly = false;
  const touch = () => {
    edited = true;
    invalidate();
  };
  let chart = null;
  let lastResult = null;
  let pendingStep = null;

  function invalidate() {
    if (frame === 0) frame = requestAnimationFrame(render);
  }

  /** Renders now, when focus must move afterwards. */
  function renderNow() {
    if (frame !== 0) cancelAnimationFrame(frame);
    render();
  }

  function render() {
    frame = 0;
    if (parked) return;
    const started = performance.now();
    let result;
    try {
      result = engine.evaluate(request());
    } catch (error) {
      showProblem(`The engine refused the current settings: ${error.message}`);
      return;
    }
    lastResult = result;
    const n = state.inputs.length;
    const lossTexts = Array.from(result.perSample, formatLoss);

    renderSettings();
    renderRows(result, n, lossTexts);
    const symbol = SPACE_WORDS[spaceKey()].symbol;
    const regression = familyOf(state.loss) === 'regression';
    chart.update({
      series: [{ values: result.perSample, labels: lossTexts, grads: state.showGrad && shown.has('gradient') ? result.grad : null }],
      targets: state.targets,
      mean: result.mean,
      format: formatLoss,
      symbol,
      neutral: regression,
      targetLabels: regression ? state.targets.map((y) => `y=${formatInput(y)}`) : null,
    });
    const lossTensor = torchTensor(result.perSample);
    renderSummary(result, n, lossTexts, lossTensor);
    const visible = (name) => shown.has(name) && ui[`${name}Panel`].open;
    if (visible('curve')) renderCurve(result, symbol);
    const sigmoid = state.space === 'logit' && !regression;
    setFlag(ui.sigmoidPanel, 'hidden', !sigmoid || !shown.has('sigmoid'));
    if (sigmoid && visible('sigmoid')) renderSigmoid(result);
    if (visible('compare')) renderCompare(result);
    renderTraining();
    if (visible('code')) {
      setText(ui.code, pythonCode(request()));
      setText(ui.codeOutput, [lossTensor, torchScalar(result.mean), torchTensor(result.grad)].join('\n'));
    }
    if (ui.numbers.open) renderTable(result, n, lossTexts);
    if (pendingStep !== null) describeStep(result);
    if (explained) showFormula(explained);
    setText(ui.samplesNote, state.notes.samples);
    setText(ui.spaceNote, state.notes.space);
    scheduleSettle();

    if (edited) {
      edited = false;
      onEdit(snapshot());
    }
    const ms = performance.now() - started;
    performance.clearMarks('losslab:render');
    performance.mark('losslab:render', { detail: { samples: n, ms } });
  }

  function renderSettings() {
    const spaces = spacesOf(state.loss);
    if (ui.lossSelect.value !== state.loss) ui.lossSelect.value = state.loss;
    setText(ui.lossDesc, LOSSES[state.loss].line);
    setFlag(ui.spaceProb, 'checked', state.space === 'prob');
    setFlag(ui.spaceLogit, 'checked', state.space === 'logit');
    setFlag(ui.spaceProb, 'disabled', !spaces.includes('prob'));
    setFlag(ui.spaceLogit, 'disabled', !spaces.includes('logit'));
    setFlag(ui.focalParams, 'hidden', state.loss !== 'focal');
    const regression = familyOf(state.loss) === 'regression';
    setFlag(ui.spaceSetting, 'hidden', regression);
    setFlag(ui.regParams, 'hidden', state.loss !== 'huber' && state.loss !== 'smooth_l1');
    const knob = state.loss === 'huber' ? 'delta' : 'beta';
    setText(ui.knobName, state.loss === 'huber' ? 'δ, where the square turns into a line' : 'β, where the square turns into a line');
    if (Number(ui.knob.value) !== state[knob]) ui.knob.value = String(state[knob]);
    setText(ui.knobValue, fixed(state[knob], 1));
    for (const node of familyNodes) setFlag(node, 'hidden', node.dataset.family !== familyOf(state.loss));
    if (Number(ui.gamma.value) !== state.gamma) ui.gamma.value = String(state.gamma);
    if (Number(ui.alpha.value) !== state.alpha) ui.alpha.value = String(state.alpha);
    setFlag(ui.alphaOff, 'checked', state.alphaOff);
    setFlag(ui.alpha, 'disabled', state.alphaOff);
    if (Number(ui.learningRate.value) !== state.learningRate) ui.learningRate.value = String(state.learningRate);
    setFlag(ui.showGrad, 'checked', state.showGrad);
    setText(ui.gammaValue, fixed(state.gamma, 1));
    setText(ui.alphaValue, state.alphaOff ? 'off' : fixed(state.alpha, 2));
    const n = state.inputs.length;
    setFlag(ui.addSample, 'disabled', n >= MAX_SAMPLES);
    setText(ui.sampleCount, `(${n})`);
    ui.labRoot.dataset.space = spaceKey();
    ui.labRoot.dataset.loss = state.loss;
    setText(ui.colInput, `${SPACE_WORDS[spaceKey()].name} ${SPACE_WORDS[spaceKey()].symbol}`);
  }

  function renderRows(result, n, lossTexts) {
    while (rows.length < n) {
      const row = makeRow(rows.length);
      rows.push(row);
      ui.samples.append(row.li);
    }
    while (rows.length > n) rows.pop().li.remove();

    const space = spaceKey();
    const regression = space === 'value';
    const words = SPACE_WORDS[space];
    const probs = result.probs;
    const active = root.activeElement;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const value = state.inputs[i];
      const target = state.targets[i];
      const positive = target >= 0.5;
      const loss = lossTexts[i];
      const problem = state.fieldErrors.get(i);
      const targetProblem = state.fieldErrors.get(`t${i}`);
      // A row is written again only when one of its numbers or settings changed.
      const key = [value, target, loss, probs?.[i], result.grad[i], problem?.text, problem?.message, targetProblem?.text, targetProblem?.message, n <= MIN_SAMPLES, readonly, shown.has('gradient'), space].join(' ');
      if (row.key === key) continue;
      row.key = key;

      setAttr(row.li, 'data-target', regression ? 'r' : positive ? 1 : 0);
      setFlag(row.target, 'hidden', regression);
      setFlag(row.targetBox, 'hidden', !regression);
      if (regression) {
        const text = targetProblem ? targetProblem.text : formatInput(target);
        if (row.targetField !== active && row.targetField.value !== text) row.targetField.value = text;
        setFlag(row.targetField, 'readOnly', readonly);
        setAttr(row.targetField, 'aria-invalid', targetProblem ? 'true' : null);
      }
      setText(row.targetValue, positive ? '1' : '0');
      setText(row.targetWord, positive ? 'positive' : 'negative');
      setText(row.loss, loss);
      setFlag(row.remove, 'disabled', n <= MIN_SAMPLES || readonly);
      setFlag(row.target, 'disabled', readonly);
      setFlag(row.predRange, 'disabled', readonly);
      setFlag(row.predField, 'readOnly', readonly);

      setText(row.inputName, words.name);
      setText(row.inputVar, words.symbol);
      setText(row.fieldLabel, `Sample ${i + 1} ${words.name} ${words.symbol}, typed`);
      const sigma = probs ? `, sigmoid ${formatLoss(probs[i])}` : '';
      setAttrs(row.predRange, { ...SLIDER[space], 'aria-valuetext': `${formatInput(value)}${sigma}, loss ${loss}` });
      if (Number(row.predRange.value) !== value) row.predRange.value = String(value);

      const text = problem ? problem.text : formatInput(value);
      if (row.predField !== active && row.predField.value !== text) row.predField.value = text;
      setText(row.fieldError, [problem?.message, targetProblem?.message].filter(Boolean).join(' '));
      setAttr(row.predField, 'aria-invalid', problem ? 'true' : null);

      setFlag(row.probWrap, 'hidden', !probs);
      setFlag(row.gradWrap, 'hidden', !shown.has('gradient'));
      if (probs) setText(row.prob, formatLoss(probs[i]));
      const g = result.grad[i];
      setText(row.grad, formatGradient(g));
      setText(row.direction, g < 0 ? `→ raise ${words.symbol}` : g > 0 ? `← lower ${words.symbol}` : '· flat');
    }
  }

  function renderSummary(result, n, lossTexts, lossTensor) {
    setText(ui.mean, formatLoss(result.mean));
    setText(ui.sum, formatLoss(result.sum));
    setText(ui.rows, String(n));
    setText(ui.torchLine, lossTensor);
    setText(ui.torchMean, torchScalar(result.mean));
    const parts = [];
    for (let i = 0; i < n; i++) {
      const g = result.grad[i];
      parts.push(`sample ${i + 1}, target ${state.targets[i] >= 0.5 ? 1 : 0}: ${lossTexts[i]}, gradient ${formatGradient(g)} (${direction(g, SPACE_WORDS[state.space].symbol)[0]})`);
    }
    setText(
      ui.chartDesc,
      `${LOSSES[state.loss].name} of ${n} sample${n === 1 ? '' : 's'}. ${parts.join('; ')}. Mean ${formatLoss(result.mean)}.`,
    );
  }

  function renderTable(result, n, lossTexts = Array.from(result.perSample, formatLoss)) {
    const probs = result.probs;
    const trs = fit(ui.lossTableBody, n, () => {
      const tr = document.createElement('tr');
      tr.innerHTML = '<th scope="row"></th><td></td><td></td><td class="col-prob"></td><td></td><td></td>';
      return tr;
    });
    for (let i = 0; i < n; i++) {
      const texts = [String(i + 1), state.targets[i] >= 0.5 ? '1' : '0', formatInput(state.inputs[i]), probs ? formatLoss(probs[i]) : '', lossTexts[i], formatGradient(result.grad[i])];
      texts.forEach((text, k) => setText(trs[i].cells[k], text));
    }
    for (const label of [ui.tableMeanLabel, ui.tableSumLabel]) setAttr(label, 'colspan', probs ? 4 : 3);
    setText(ui.tableMean, formatLoss(result.mean));
    setText(ui.tableSum, formatLoss(result.sum));
  }


  const GRID_POINTS = 121;
  /** Up to this many samples the curve's caption lists each one. */
  const CURVE_LIST_MAX = 8;
  let curve = null;
  let sigmoidView = null;
  let compareChart = null;
  let trainView = null;
  /** Kept until the loss, space or parameters change. */
  let curveGrid = { key: '' };
  let sigmoidGrid = null;

  function gridOf(space) {
    const { min, max } = SLIDER[space];
    return Float64Array.from({ length: GRID_POINTS }, (_, i) => min + ((max - min) * i) / (GRID_POINTS - 1));
  }

  function renderCurve(result, symbol) {
    const base = request();
    const regression = familyOf(state.loss) === 'regression';
    const key = JSON.stringify([base.loss, base.space, base.params]);
    if (curveGrid.key !== key) {
      // Regression: the loss of an error d is that of predicting d for a target of 0.
      const xs = gridOf(regression ? 'error' : state.space);
      const ys = (regression ? [0] : [1, 0]).map((t) => engine.evaluate({ ...base, inputs: xs, targets: new Float64Array(GRID_POINTS).fill(t) }).perSample);
      curveGrid = { key, xs, ys };
    }
    // Regression dots sit at their error d = ŷ − y; dragging one moves ŷ.
    const xs = regression ? state.inputs.map((v, i) => v - state.targets[i]) : state.inputs;
    curve.update({
      space: regression ? 'error' : state.space,
      symbol: regression ? 'd' : symbol,
      range: regression ? SLIDER.error : SLIDER[state.space],
      grid: curveGrid,
      inputs: xs,
      losses: result.perSample,
      grads: result.grad,
      targets: state.targets,
    });
    // Read aloud and shown under the plot: past a handful of samples a list would be a wall of
    // text, and each dot already reads out its own numbers when focused.
    const name = LOSSES[state.loss].name;
    if (xs.length > CURVE_LIST_MAX) {
      setText(ui.curveDesc, `${xs.length} samples on the curve of ${name}. Focus a dot to hear its numbers; “The numbers behind the chart” lists them all.`);
      return;
    }
    const parts = xs.map(
      (v, i) => `${i + 1}: ${regression ? 'error' : symbol} ${formatInput(v)}, loss ${formatLoss(result.perSample[i])}, slope ${formatGradient(result.grad[i])}`,
    );
    setText(ui.curveDesc, `Samples on the curve of ${name}. ${parts.join('; ')}.`);
  }

  function renderSigmoid(result) {
    if (!sigmoidGrid) {
      const xs = gridOf('logit');
      sigmoidGrid = { xs, ys: xs.map((x) => engine.sigmoid(x)) };
    }
    sigmoidView.update({ grid: sigmoidGrid, inputs: state.inputs, probs: result.probs, targets: state.targets });
    const parts = state.inputs.map((x, i) => `${i + 1}: x ${formatInput(x)} gives p ${formatLoss(result.probs[i])}`);
    setText(ui.sigmoidDesc, `${parts.join('; ')}.`);
  }

  function renderCompare(result) {
    const family = familyOf(state.loss);
    const usable = (id) => familyOf(id) === family && (family === 'regression' || spacesOf(id).includes(state.space));
    const chosen = state.compare.filter(usable);
    const skipped = state.compare.filter((id) => familyOf(id) === family && !chosen.includes(id));
    for (const box of compareBoxes) {
      setFlag(box.parentNode, 'hidden', familyOf(box.value) !== family);
      setFlag(box, 'checked', state.compare.includes(box.value));
      setFlag(box, 'disabled', !usable(box.value) || (!box.checked && state.compare.length >= 3));
    }
    setText(
      ui.compareNote,
      (skipped.length ? `${skipped.map((id) => capitalise(LOSSES[id].name)).join(' and ')} need raw activations: switch “Predictions are” to compare ${skipped.length > 1 ? 'them' : 'it'}. ` : '') +
        (chosen.length < 2 ? 'Choose at least two losses to compare.' : ''),
    );
    const series = chosen.map((id) => {
      const r = id === state.loss ? result : engine.evaluate(request(state.inputs, id));
      return { id, tag: LOSSES[id].tag, values: r.perSample, grads: r.grad, mean: r.mean };
    });
    setAttr(ui.comparePanel, 'data-chosen', chosen.join(','));
    if (!series.length) return;
    const n = state.inputs.length;
    const symbol = SPACE_WORDS[spaceKey()].symbol;
    compareChart.update({ series, targets: state.targets, format: formatLoss, symbol, targetLabels: family === 'regression' ? state.targets.map((y) => `y=${formatInput(y)}`) : null });
    const items = fit(ui.compareLegend, series.length, () => Object.assign(document.createElement('li'), { className: `key key-s${ui.compareLegend.children.length}` }));
    series.forEach((s, j) => setText(items[j], `${s.tag}: ${LOSSES[s.id].name}, mean ${formatLoss(s.mean)}`));
    const head = ['sample', 'target', ...series.flatMap((s) => [`${s.tag} loss`, `${s.tag} gradient`])];
    const rowsHtml = [];
    for (let i = 0; i < n; i++) {
      rowsHtml.push([String(i + 1), family === 'regression' ? formatInput(state.targets[i]) : state.targets[i] >= 0.5 ? '1' : '0', ...series.flatMap((s) => [formatLoss(s.values[i]), formatGradient(s.grads[i])])]);
    }
    fillTable(ui.compareTable.tHead.rows[0], ui.compareTable.tBodies[0], head, rowsHtml);
  }

  /** Keeps `parent` at `n` children, making the missing ones with `make`; returns them. */
  function fit(parent, n, make) {
    const items = parent.children;
    while (items.length < n) parent.append(make());
    while (items.length > n) parent.lastChild.remove();
    return items;
  }

  /** Updates a small table's header and body in place from text. */
  function fillTable(headRow, body, head, rowsText) {
    const cells = fit(headRow, head.length, () => Object.assign(document.createElement('th'), { scope: 'col' }));
    head.forEach((h, k) => setText(cells[k], h));
    const trs = fit(body, rowsText.length, () => document.createElement('tr'));
    rowsText.forEach((row, r) => {
      // A row is written again only when one of its texts changed.
      const key = row.join('\n');
      if (tableRowKeys.get(trs[r]) === key) return;
      tableRowKeys.set(trs[r], key);
      const tds = fit(trs[r], row.length, () => document.createElement('td'));
      row.forEach((c, k) => setText(tds[k], c));
    });
  }
  const tableRowKeys = new WeakMap();

  function renderTraining() {
    const means = state.history.means;
    setFlag(ui.trainBox, 'hidden', means.length < 2);
    setText(ui.train, trainTimer ? 'Pause' : 'Train');
    if (means.length >= 2) trainView.update(means, state.learningRate);
  }

  function describeStep(result) {
    const before = pendingStep;
    pendingStep = null;
    if (trainTimer) return; // while training, the chart and its summary speak for each step
    let allFlat = true;
    for (const g of result.grad) if (g !== 0) allFlat = false;
    state.notes.step =
      before.flat
        ? 'Nothing moved: every gradient is zero.'
        : `Mean loss ${formatLoss(before.mean)} → ${formatLoss(result.mean)}.${allFlat ? ' Now every gradient is zero.' : ''}`;
    setText(ui.stepNote, state.notes.step);
  }

  // The screen-reader summary catches up once the lab settles.
  let settleTimer = 0;
  let lastAnnounced = '';
  function scheduleSettle() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      if (!lastResult) return;
      const text = `Mean ${LOSSES[state.loss].name} ${formatLoss(lastResult.mean)} over ${state.inputs.length} samples.`;
      if (text !== lastAnnounced) {
        lastAnnounced = text;
        ui.chartLive.textContent = text;
      }
    }, SETTLE_MS);
  }

  function showProblem(message) {
    ui.loadStatus.hidden = false;
    ui.loadStatus.textContent = message;
  }


  /** The inverse of the sigmoid, clamped to the slider's span: log(p) − log(1 − p). */
  function logitOf(p) {
    const x = engine.logit(p);
    return Math.min(SLIDER.logit.max, Math.max(SLIDER.logit.min, x));
  }

  function setSpace(space) {
    if (space === state.space) return;
    state.inputs = state.inputs.map((v) => (space === 'logit' ? logitOf(v) : engine.sigmoid(v)));
    state.space = space;
    state.fieldErrors.clear();
  }

  function setLoss(loss) {
    const before = familyOf(state.loss);
    state.loss = loss;
    if (familyOf(loss) !== before) {
      // Another family scores other numbers: start from its example.
      const regression = familyOf(loss) === 'regression';
      const seed = regression ? REGRESSION_SEED : SEED;
      state.inputs = seed.inputs.map((p) => (!regression && state.space === 'logit' ? logitOf(p) : p));
      state.targets = [...seed.targets];
      state.compare = [...COMPARE_DEFAULTS[familyOf(loss)]];
      state.fieldErrors.clear();
      state.notes.samples = regression
        ? 'Regression scores real numbers: targets y 1, 2, 3 and predictions ŷ 1.2, 1.7, 3.4. Type any target.'
        : 'Back to yes-or-no targets: the story’s example.';
    }
    if (familyOf(loss) === 'regression') {
      state.notes.space = '';
      return;
    }
    const spaces = spacesOf(loss);
    if (!spaces.includes(state.space)) {
      const target = spaces[0];
      setSpace(target);
      state.notes.space = `${capitalise(LOSSES[loss].name)} takes ${target === 'logit' ? 'raw activations' : 'probabilities'} only, so ${SPACE_WORDS[target].moved.toLowerCase()}.`;
    } else {
      state.notes.space = spaces.length === 1 ? `${capitalise(LOSSES[loss].name)} takes raw activations only.` : '';
    }
  }

  function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  /** Stores a typed prediction if the engine accepts it, else the message beside its field. */
  function typed(index, text, committed) {
    const shown = text.trim() === '' ? 'An empty field' : `“${text.trim()}”`;
    const hint = { prob: 'a probability between 0 and 1, such as 0.75', value: 'a prediction such as 2.5 or -1', logit: 'an activation such as -2.5 or 3' }[spaceKey()];
    store(state.inputs, index, index, text, committed, `${shown} is not a number: type ${hint}.`, (inputs) => request(inputs));
  }

  /** Stores a typed regression target the same way; its refusal is kept under the key `t<index>`. */
  function typedTarget(index, text, committed) {
    const shown = text.trim() === '' ? 'An empty target' : `The target “${text.trim()}”`;
    store(state.targets, `t${index}`, index, text, committed, `${shown} is not a number: type one such as 3 or -0.5.`, (targets) => ({ ...request(), targets }));
  }

  /** Puts a typed number into `list[index]` if the engine accepts the request `ask(candidate)`, else records why. */
  function store(list, key, index, text, committed, notNumber, ask) {
    if (!committed && isUnfinishedNumber(text)) {
      state.fieldErrors.delete(key);
      invalidate();
      return;
    }
    const value = parseNumber(text);
    let message = value === null ? notNumber : null;
    if (value !== null) {
      const candidate = list.slice();
      candidate[index] = value;
      try {
        evaluateFinite(ask(candidate));
      } catch (error) {
        message = capitalise(error.message);
      }
    }
    if (message) state.fieldErrors.set(key, { text, message });
    else {
      list[index] = value;
      state.fieldErrors.delete(key);
    }
    invalidate();
  }

  function addSample() {
    if (state.inputs.length >= MAX_SAMPLES) return;
    const regression = spaceKey() === 'value';
    // A new regression sample is right on target; a new binary one undecided.
    const value = regression ? state.targets.at(-1) ?? 0 : NEW_SAMPLE[state.space];
    state.inputs.push(value);
    state.targets.push(regression ? value : NEW_SAMPLE.target);
    const n = state.inputs.length;
    state.notes.samples =
      n >= MAX_SAMPLES
        ? `Sample ${n} added. ${MAX_SAMPLES} samples is as many as this page holds.`
        : regression
          ? `Sample ${n} added, predicting its target ${formatInput(value)} exactly.`
          : `Sample ${n} added, undecided at ${NEW_SAMPLE[state.space]}.`;
    invalidate();
  }

  function removeSample(index) {
    if (state.inputs.length <= MIN_SAMPLES) return;
    state.inputs.splice(index, 1);
    state.targets.splice(index, 1);
    const shifted = new Map();
    for (const [i, problem] of state.fieldErrors) {
      if (typeof i !== 'number') continue; // a refused target is dropped with its row's neighbours moving
      if (i < index) shifted.set(i, problem);
      else if (i > index) shifted.set(i - 1, problem);
    }
    state.fieldErrors = shifted;
    const n = state.inputs.length;
    state.notes.samples =
      n <= MIN_SAMPLES
        ? `Sample ${index + 1} removed. One sample is the least a loss can score.`
        : `Sample ${index + 1} removed; the ones after it moved up.`;
  }

  function resetToSeed() {
    state.loss = SEED.loss;
    state.space = SEED.space;
    state.inputs = [...SEED.inputs];
    state.targets = [...SEED.targets];
    const focal = catalogue.get('focal')?.params;
    state.gamma = focal?.gamma ?? 2;
    state.alpha = focal?.alpha ?? 0.25;
    state.alphaOff = false;
    state.compare = [...COMPARE_DEFAULTS.binary];
    state.fieldErrors.clear();
    state.notes = { space: '', samples: 'Back to the example: targets 1, 0, 1 and predictions 0.9, 0.2, 0.3.', step: '' };
    setText(ui.stepNote, '');
    invalidate();
  }

  /** One descent step; a run lasts until anything else changes. */
  function takeStep() {
    if (!engine) return false;
    const req = request();
    const now = engine.evaluate(req);
    const flat = now.grad.every((g) => g === 0);
    const h = state.history;
    const key = JSON.stringify([req.loss, req.space, req.params, req.targets, state.learningRate]);
    if (h.key !== key || String(h.after) !== String(state.inputs)) {
      h.means = [now.mean];
      h.key = key;
    }
    let moved = false;
    try {
      const next = Array.from(engine.step(req, state.learningRate));
      moved = next.some((v, i) => v !== state.inputs[i]);
      h.means.push(engine.evaluate(request(next)).mean);
      h.after = next.slice();
      pendingStep = { mean: now.mean, flat };
      state.inputs = next;
      state.fieldErrors.clear();
    } catch (error) {
      state.notes.step = capitalise(error.message);
      setText(ui.stepNote, state.notes.step);
    }
    invalidate();
    return moved;
  }

  let trainTimer = 0;
  /** One step per tick until paused, stuck or long enough. */
  function setTraining(on, why = '') {
    clearInterval(trainTimer);
    trainTimer = 0;
    if (on) {
      const ms = matchMedia('(prefers-reduced-motion: reduce)').matches ? TRAIN_REDUCED_MS : TRAIN_MS;
      trainTimer = setInterval(() => {
        if (!takeStep()) setTraining(false, 'Training stopped: the step no longer moves any prediction.');
        else if (state.history.means.length > TRAIN_MAX_STEPS) setTraining(false, `Training paused after ${TRAIN_MAX_STEPS} steps.`);
      }, ms);
    } else {
      const m = state.history.means;
      state.notes.step = why || (m.length > 1 ? `Paused. Mean loss ${formatLoss(m[0])} → ${formatLoss(m[m.length - 1])} over ${m.length - 1} steps.` : '');
      setText(ui.stepNote, state.notes.step);
    }
    invalidate();
  }

  function applyPreset(name) {
    const regression = Object.hasOwn(REGRESSION_PRESETS, name);
    const { inputs, targets } = regression ? REGRESSION_PRESETS[name] : PRESETS[name];
    state.inputs = inputs.map((p) => (!regression && state.space === 'logit' ? logitOf(p) : p));
    state.targets = [...targets];
    state.fieldErrors.clear();
    state.notes.samples = `Example loaded: ${root.querySelector(`[data-preset="${name}"] + span`).textContent}`;
    invalidate();
  }

  /** Copies the code, or selects it when the clipboard is refused. */
  async function copyCode() {
    const text = ui.code.textContent;
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch {
      const range = document.createRange();
      range.selectNodeContents(ui.code);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      try {
        done = document.execCommand('copy');
      } catch {}
    }
    setText(ui.copyNote, done ? 'Copied.' : 'The code is selected: press Ctrl+C (⌘C) to copy it.');
  }


  /** The state as the fields of state.js: what the element's attributes and the page's address hold. */
  function snapshot() {
    const regression = familyOf(state.loss) === 'regression';
    return {
      loss: state.loss,
      space: regression ? undefined : state.space,
      targets: state.targets.slice(),
      predictions: state.inputs.slice(),
      params: paramsOf(state.loss),
      compare: state.compare.slice(),
      lr: state.learningRate,
      grad: state.showGrad,
      open: PANELS.filter((name) => ui[`${name}Panel`].open),
    };
  }

  /**
   * Takes a partial state (fields as state.js reads them) over the defaults. What the engine refuses
   * falls back to the default; returns the problems, each naming the field and the value.
   */
  function apply(config) {
    setTraining(false, '');
    const problems = [];
    const loss = config.loss ?? SEED.loss;
    const family = familyOf(loss);
    const regression = family === 'regression';
    const spaces = spacesOf(loss);
    let space = regression ? SEED.space : config.space ?? (spaces.includes(SEED.space) ? SEED.space : spaces[0]);
    if (regression && config.space) problems.push(`${LOSSES[loss].name} takes predictions as they are, so space “${config.space}” is not used`);
    if (!regression && !spaces.includes(space)) {
      problems.push(`${LOSSES[loss].name} takes ${spaces[0] === 'logit' ? 'raw activations' : 'probabilities'} only, not space “${space}”`);
      space = spaces[0];
    }
    // Parameters: the catalogue's defaults, then what the config sets.
    const defaults = { ...catalogue.get(loss)?.params };
    const params = { ...defaults };
    for (const [name, value] of Object.entries(config.params ?? {})) {
      if (Object.hasOwn(defaults, name)) params[name] = value;
      else problems.push(`${LOSSES[loss].name} has no parameter “${name}”`);
    }
    let targets = config.targets;
    let inputs = config.predictions;
    const seed = regression ? REGRESSION_SEED : SEED;
    // Rows (a matrix) belong to many classes or labels; each field is checked on its own before pairing.
    for (const [name, value] of [['predictions', inputs], ['targets', targets]]) {
      if (value && Array.isArray(value[0])) {
        problems.push(`${name} “${value.map((row) => row.join(',')).join(';')}” are rows, which ${LOSSES[loss].name} does not take: one number per sample`);
        if (name === 'predictions') inputs = null;
        else targets = null;
      }
    }
    if (targets) {
      try {
        engine.evaluate({ ...(regression ? {} : { space: 'prob' }), loss: regression ? loss : 'distance', params: regression ? params : {}, inputs: targets.map(() => (regression ? 0 : 0.5)), targets });
      } catch (error) {
        problems.push(`targets: ${error.message}`);
        targets = null;
      }
    }
    if (targets && !regression && !targets.every((t) => t === 0 || t === 1)) {
      problems.push(`targets “${targets.join(',')}” must each be 0 or 1 for ${LOSSES[loss].name}`);
      targets = null;
    }
    if (inputs && !targets) targets = inputs.map((v, i) => (regression ? v : seed.targets[i % seed.targets.length]));
    if (targets && !inputs) inputs = targets.map((t) => (regression ? t : NEW_SAMPLE[space]));
    if (targets && inputs.length !== targets.length) {
      problems.push(`${inputs.length} predictions and ${targets.length} targets do not pair up`);
      targets = null;
      inputs = null;
    }
    const seedInputs = () => seed.inputs.map((p) => (space === 'logit' ? logitOf(p) : p));
    const candidate = { loss, params, inputs: inputs ?? seedInputs(), targets: targets ?? seed.targets };
    if (!regression) candidate.space = space;
    try {
      evaluateFinite(candidate);
    } catch (error) {
      problems.push(error.message);
      try {
        evaluateFinite({ ...candidate, params: defaults });
        Object.assign(params, defaults);
      } catch {
        candidate.inputs = seedInputs();
        candidate.targets = seed.targets;
      }
    }
    const compare = (config.compare ?? []).filter((id) => familyOf(id) === family);
    if (config.compare && compare.length < config.compare.length) problems.push(`compare “${config.compare.join(',')}” mixes families: only ${family} losses compare with ${LOSSES[loss].name}`);
    Object.assign(state, {
      loss,
      space,
      gamma: params.gamma ?? state.gamma,
      alpha: params.alpha === -1 || params.alpha === undefined ? state.alpha : params.alpha,
      alphaOff: params.alpha === -1,
      delta: params.delta ?? state.delta,
      beta: params.beta ?? state.beta,
      inputs: [...candidate.inputs],
      targets: [...candidate.targets],
      compare: config.compare ? compare : [...COMPARE_DEFAULTS[family]],
      learningRate: config.lr ?? state.learningRate,
      showGrad: config.grad ?? state.showGrad,
    });
    if (config.open) for (const name of PANELS) ui[`${name}Panel`].open = config.open.includes(name);
    state.fieldErrors.clear();
    state.history = { means: [], after: null, key: '' };
    state.notes = { space: '', samples: '', step: '' };
    setText(ui.stepNote, '');
    invalidate();
    return problems;
  }

  /** Shows which panels and controls the lab has; `views` is a Set of state.js VIEWS. */
  function setViews(views) {
    shown = views;
    for (const node of root.querySelectorAll('[data-view]')) node.hidden = !views.has(node.dataset.view);
    invalidate();
  }

  /** Hands the lab over to the matrix lab (`loss` is its loss), or takes it back (null). */
  let parked = false;
  function park(loss) {
    parked = Boolean(loss);
    if (parked) {
      setTraining(false, '');
      ui.lossSelect.value = loss;
      setText(ui.lossDesc, LOSSES[loss].line);
    }
    for (const node of [ui.scalarLab, ui.spaceSetting, ui.focalParams, ui.regParams]) setFlag(node, 'hidden', parked);
    setFlag(ui.matrixHost, 'hidden', !parked);
    if (!parked) invalidate();
  }

  /** A read-only lab shows its numbers but takes no edits. */
  function setReadonly(on) {
    readonly = on;
    ui.labRoot.toggleAttribute('data-readonly', on);
    invalidate();
  }

  // Every number explains itself: the formula of the focused or hovered value, filled in, under its row or the totals.
  let explained = null;
  const formulaPlace = oneShown();
  /** formula.js loads the first time a number is explained. */
  let explain = null;
  let loadingFormulas = null;
  function showFormula(node) {
    if (!node.isConnected || !lastResult) return hideFormula();
    explained = node;
    if (!explain) {
      // If the file cannot be fetched (loss-lab.js copied alone), the number says so instead of its formula.
      loadingFormulas ??= import('./formula.js').then(
        (module) => (explain = module.explain),
        () => (explain = (what, ctx) => ({ title: 'The formulas could not be loaded', lines: [`value ${ctx.value}`] })),
      );
      loadingFormulas.then(() => explained === node && showFormula(node));
      return;
    }
    const what = node.dataset.explain;
    const i = indexOf(node);
    const place = i >= 0 ? rows[i].rowFormula : ui.statFormula;
    const r = lastResult;
    const ctx = {
      ...request(),
      index: i,
      target: state.targets[i],
      input: state.inputs[i],
      prob: r.probs ? r.probs[i] : state.inputs[i],
      value: { loss: r.perSample[i], grad: r.grad[i], prob: r.probs?.[i], mean: r.mean, sum: r.sum }[what],
      perSample: r.perSample,
      n: state.inputs.length,
    };
    const { title, lines } = explain(what, ctx);
    formulaPlace.show(place, `${title}\n${lines.join('\n')}`);
  }
  function hideFormula() {
    explained = null;
    formulaPlace.hide();
  }

  function indexOf(node) {
    const li = node.closest('li.sample');
    return li ? Number(li.dataset.sample) - 1 : -1;
  }

  function wire() {
    ui.lossSelect.addEventListener('change', () => {
      const loss = ui.lossSelect.value;
      // Matrix losses live in the matrix lab; coming back from it, the element hands over again.
      if (parked || isMatrixLoss(loss)) return onSwitch(loss);
      setLoss(loss);
      touch();
    });
    for (const radio of [ui.spaceProb, ui.spaceLogit]) {
      radio.addEventListener('change', () => {
        if (!radio.checked) return;
        setSpace(radio.value);
        state.notes.space = `${SPACE_WORDS[radio.value].moved}.`;
        touch();
      });
    }
    ui.knob.addEventListener('input', () => {
      state[state.loss === 'huber' ? 'delta' : 'beta'] = Number(ui.knob.value);
      touch();
    });
    // Controls that only store their value.
    for (const key of ['gamma', 'alpha', 'alphaOff', 'showGrad', 'learningRate']) {
      const control = ui[key];
      control.addEventListener('input', () => {
        state[key] = control.type === 'checkbox' ? control.checked : Number(control.value);
        touch();
      });
    }

    ui.samples.addEventListener('input', (event) => {
      const node = event.target;
      const i = indexOf(node);
      if (i < 0) return;
      if (node.classList.contains('pred-range')) {
        state.inputs[i] = Number(node.value);
        state.fieldErrors.delete(i);
        touch();
      } else if (node.classList.contains('pred-field')) {
        edited = true;
        typed(i, node.value, false);
      } else if (node.classList.contains('target-field')) {
        edited = true;
        typedTarget(i, node.value, false);
      }
    });
    ui.samples.addEventListener('change', (event) => {
      const node = event.target;
      const i = indexOf(node);
      if (node.classList.contains('pred-field')) {
        edited = true;
        typed(i, node.value, true);
        if (!state.fieldErrors.has(i)) node.value = formatInput(state.inputs[i]);
      } else if (node.classList.contains('target-field')) {
        edited = true;
        typedTarget(i, node.value, true);
        if (!state.fieldErrors.has(`t${i}`)) node.value = formatInput(state.targets[i]);
      }
    });
    ui.samples.addEventListener('keydown', (event) => {
      const node = event.target;
      if (event.key !== 'Escape') return;
      const i = indexOf(node);
      if (node.classList.contains('pred-field')) {
        state.fieldErrors.delete(i);
        node.value = formatInput(state.inputs[i]);
      } else if (node.classList.contains('target-field')) {
        state.fieldErrors.delete(`t${i}`);
        node.value = formatInput(state.targets[i]);
      } else return;
      touch();
    });
    ui.samples.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (!button) return;
      const i = indexOf(button);
      if (i < 0) return;
      if (button.classList.contains('target')) {
        state.targets[i] = state.targets[i] >= 0.5 ? 0 : 1;
        touch();
      } else if (button.classList.contains('remove')) {
        removeSample(i);
        // The rows below move up; if it was the last, focus the new last row.
        const n = state.inputs.length;
        renderNow();
        if (i >= n) (n > MIN_SAMPLES ? rows[n - 1].remove : ui.addSample).focus();
        else if (n <= MIN_SAMPLES) ui.addSample.focus();
      }
    });

    root.addEventListener('focusin', (event) => {
      const node = event.target.closest?.('[data-explain]');
      if (node) showFormula(node);
      else if (explained) hideFormula();
    });
    root.addEventListener('pointerover', (event) => {
      const node = event.target.closest?.('[data-explain]');
      if (node && node !== explained) showFormula(node);
    });
    root.addEventListener('pointerout', (event) => {
      const node = event.target.closest?.('[data-explain]');
      if (node && node === explained && root.activeElement !== node) hideFormula();
    });
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && explained) hideFormula();
    });
    ui.addSample.addEventListener('click', () => {
      addSample();
      touch();
    });
    ui.reset.addEventListener('click', () => {
      resetToSeed();
      touch();
    });
    ui.step.addEventListener('click', () => {
      if (trainTimer) setTraining(false);
      takeStep();
      touch();
    });
    ui.train.addEventListener('click', () => setTraining(!trainTimer));
    for (const button of root.querySelectorAll('[data-preset]')) {
      button.addEventListener('click', () => {
        applyPreset(button.dataset.preset);
        touch();
      });
    }
    ui.copy.addEventListener('click', copyCode);
    for (const panel of [ui.curvePanel, ui.sigmoidPanel, ui.comparePanel, ui.codePanel]) {
      panel.addEventListener('toggle', invalidate);
      panel.firstElementChild.addEventListener('click', () => (edited = true));
    }
    ui.compareChoices.addEventListener('change', (event) => {
      const box = event.target;
      state.compare = box.checked ? [...state.compare, box.value] : state.compare.filter((id) => id !== box.value);
      state.compare.sort((a, b) => Object.keys(LOSSES).indexOf(a) - Object.keys(LOSSES).indexOf(b));
      touch();
    });
    ui.numbers.addEventListener('toggle', () => {
      if (ui.numbers.open && lastResult) renderTable(lastResult, state.inputs.length);
    });

    const sized = new Map([
      [ui.chartBox, chart],
      [ui.compareBox, compareChart],
      [ui.curve.parentNode, curve.plot],
      [ui.sigmoid.parentNode, sigmoidView.plot],
      [ui.trainBox, trainView.plot],
    ]);
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) if (entry.contentRect.width > 0) sized.get(entry.target).resize(entry.contentRect.width);
      invalidate();
    });
    for (const box of sized.keys()) observer.observe(box);
  }

  // Start: the engine is loaded; build the views and show the defaults.
  for (const entry of engine.catalogue()) catalogue.set(entry.id, entry);
  for (const option of ui.lossSelect.options) option.disabled = catalogue.size > 0 && !catalogue.has(option.value);
  const focal = catalogue.get('focal')?.params;
  if (typeof focal?.gamma === 'number') state.gamma = focal.gamma;
  if (typeof focal?.alpha === 'number') state.alpha = focal.alpha;

  chart = new LossChart(ui.chart);
  compareChart = new LossChart(ui.compareChart, 3);
  curve = new CurveView(ui.curve, (i, value) => {
    if (readonly) return;
    const { min, max, step } = SLIDER[spaceKey()];
    // A regression dot sits at its error d: the prediction it asks for is y + d.
    const wanted = spaceKey() === 'value' ? state.targets[i] + value : value;
    state.inputs[i] = Math.min(max, Math.max(min, Math.round(wanted / (step / 10)) * (step / 10)));
    state.inputs[i] = Number(state.inputs[i].toFixed(3));
    state.fieldErrors.delete(i);
    touch();
  });
  sigmoidView = new SigmoidView(ui.sigmoid);
  trainView = new TrainView(ui.trainChart, ui.trainSummary, ui.trainList);
  for (const [id, loss] of Object.entries(LOSSES)) {
    if (isMatrixLoss(id)) continue;
    const label = document.createElement('label');
    label.className = 'choice';
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: id, id: `cmp-${id}` });
    label.append(box, ` ${loss.tag}: ${loss.name}${familyOf(id) === 'binary' && !spacesOf(id).includes('prob') ? ' (raw activations only)' : ''}`);
    ui.compareChoices.append(label);
  }
  compareBoxes = [...ui.compareChoices.querySelectorAll('input')];
  wire();
  for (const control of [ui.lossSelect, ui.spaceProb, ui.spaceLogit, ui.addSample, ui.reset, ui.step, ui.train, ...root.querySelectorAll('[data-preset]')]) {
    control.disabled = false;
  }
  ui.loadStatus.hidden = true;
  ui.loadStatus.textContent = '';

  return {
    apply,
    snapshot,
    setViews,
    setReadonly,
    park,
    render: renderNow,
    /** Stops training and timers when the element leaves the page (it may come back: observers stay). */
    stop() {
      setTraining(false);
      clearTimeout(settleTimer);
    },
  };
}
