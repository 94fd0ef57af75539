// losslab's page: one state object, one render a frame, every number from the engine.

import { LossChart, direction } from './chart.js';
import { CurveView, SigmoidView, TrainView } from './views.js';
import { pythonCode } from './code.js';
import {
  fixed,
  formatGradient,
  formatInput,
  formatLoss,
  isUnfinishedNumber,
  parseNumber,
  torchScalar,
  torchTensor,
} from './format.js';
import { setAttr, setFlag, setText } from './dom.js';
import { MAX_SAMPLES, MIN_SAMPLES, NEW_SAMPLE, PRESETS, SEED, SETTLE_MS, SLIDER, TRAIN_MAX_STEPS, TRAIN_MS, TRAIN_REDUCED_MS } from './config.js';

/** The binary losses this page offers, in menu order, with a line each in our own words. */
const LOSSES = {
  distance: {
    tag: 'dist',
    name: 'distance',
    line: 'How far each prediction lands from its target: 1 − p when the target is 1, p when it is 0. The first loss of the story.',
  },
  bce: {
    tag: 'CE',
    name: 'binary cross-entropy',
    line: 'Minus the log of the probability given to the right answer: a confident mistake costs far more than a timid one (PyTorch caps it at 100).',
  },
  brier: {
    tag: 'Brier',
    name: 'Brier score',
    line: 'The squared distance (p − t)²: small misses cost very little, big misses cost a lot, and nothing costs more than 1.',
  },
  focal: {
    tag: 'focal',
    name: 'focal loss',
    line: 'Cross-entropy turned down for samples the model already gets right, so the hard ones dominate; γ sets how hard, α weighs target 1 against target 0.',
  },
  hinge: {
    tag: 'hinge',
    name: 'hinge loss',
    line: 'The margin loss of support vector machines on the raw score: zero once a sample is on its correct side by a margin of 1, then growing in a straight line.',
  },
  zero_one: {
    tag: '0-1',
    name: '0-1 loss',
    line: 'Only right or wrong: 1 when the prediction is on the wrong side of p = 0.5, else 0. Its gradient is zero everywhere, so it cannot guide training.',
  },
};

const SPACE_WORDS = {
  prob: { name: 'prediction', symbol: 'p', column: 'prediction p' },
  logit: { name: 'activation', symbol: 'x', column: 'activation x' },
};


const state = {
  loss: SEED.loss,
  space: SEED.space,
  gamma: 2,
  alpha: 0.25,
  alphaOff: false,
  inputs: [...SEED.inputs],
  targets: [...SEED.targets],
  learningRate: 1,
  showGrad: true,
  /** Losses chosen in Compare, in menu order. */
  compare: ['distance', 'bce', 'zero_one'],
  /** Mean loss before and after each step of the current run; `after`: the inputs it left. */
  history: { means: [], after: null, key: '' },
  /** Text fields holding a value the engine (or the parser) refused: index -> {text, message}. */
  fieldErrors: new Map(),
  /** Short messages shown beside the controls that caused them. */
  notes: { space: '', samples: '', step: '' },
};

/** Defaults from the engine's catalogue; filled in at start. */
const catalogue = new Map();

let engine = null;

/** The request `evaluate` and `step` take, for the current state or a candidate input. */
function request(inputs = state.inputs, loss = state.loss) {
  const params = loss === 'focal' ? { gamma: state.gamma, alpha: state.alphaOff ? -1 : state.alpha } : {};
  return { loss, space: state.space, params, inputs, targets: state.targets };
}

function spacesOf(loss) {
  return catalogue.get(loss)?.spaces ?? ['logit', 'prob'];
}


const $ = (selector) => document.querySelector(selector);
const ui = {
  loadStatus: $('#load-status'),
  lossSelect: $('#loss-select'),
  lossDesc: $('#loss-desc'),
  spaceProb: $('#space-prob'),
  spaceLogit: $('#space-logit'),
  spaceNote: $('#space-note'),
  focal: $('#focal-params'),
  gamma: $('#gamma'),
  gammaValue: $('#gamma-value'),
  alpha: $('#alpha'),
  alphaValue: $('#alpha-value'),
  alphaOff: $('#alpha-off'),
  list: $('#samples'),
  template: $('#sample-template'),
  count: $('#sample-count'),
  add: $('#add-sample'),
  reset: $('#reset'),
  samplesNote: $('#samples-note'),
  chartBox: $('#chart-box'),
  chart: $('#chart'),
  chartDesc: $('#chart-desc'),
  mean: $('#mean'),
  sum: $('#sum'),
  rows: $('#rows'),
  torchLine: $('#torch-line'),
  torchMean: $('#torch-mean'),
  learningRate: $('#learning-rate'),
  step: $('#step'),
  stepNote: $('#step-note'),
  numbers: $('#numbers'),
  tableBody: $('#loss-table-body'),
  colInput: $('#col-input'),
  tableMean: $('#table-mean'),
  tableSum: $('#table-sum'),
  footLabels: [$('#table-mean-label'), $('#table-sum-label')],
  live: $('#chart-live'),
  showGrad: $('#show-grad'),
  train: $('#train'),
  trainBox: $('#train-box'),
  trainSummary: $('#train-summary'),
  trainList: $('#train-list'),
  curvePanel: $('#curve-panel'),
  curveDesc: $('#curve-desc'),
  sigmoidPanel: $('#sigmoid-panel'),
  sigmoidDesc: $('#sigmoid-desc'),
  comparePanel: $('#compare-panel'),
  compareChoices: $('#compare-choices'),
  compareNote: $('#compare-note'),
  compareLegend: $('#compare-legend'),
  compareHead: $('#compare-table thead tr'),
  compareBody: $('#compare-table tbody'),
  codePanel: $('#code-panel'),
  code: $('#code'),
  codeOutput: $('#code-output'),
  copy: $('#copy'),
  copyNote: $('#copy-note'),
};

/** Row views, one per sample, in order; rows are only ever added or removed at the end. */
const rows = [];
/** Table rows of the text alternative, likewise. */
const tableRows = [];

function makeRow(index) {
  const n = index + 1;
  const li = ui.template.content.firstElementChild.cloneNode(true);
  li.dataset.sample = String(n);
  const q = (selector) => li.querySelector(selector);
  const row = {
    li,
    target: q('.target'),
    targetValue: q('.target-value'),
    targetWord: q('.target-word'),
    loss: q('.loss'),
    remove: q('.remove'),
    inputLabel: q('.input-label'),
    inputName: q('.input-name'),
    inputVar: q('.input-var'),
    range: q('.pred-range'),
    fieldLabel: q('.field-label'),
    field: q('.pred-field'),
    probWrap: q('.prob-wrap'),
    prob: q('.prob'),
    grad: q('.grad'),
    direction: q('.direction'),
    error: q('.field-error'),
  };
  setText(q('.sample-number'), String(n));
  for (const prefix of li.querySelectorAll('.sample-prefix')) prefix.textContent = `Sample ${n} `;
  row.target.id = `target-${n}`;
  row.loss.id = `loss-${n}`;
  row.range.id = `pred-range-${n}`;
  row.inputLabel.htmlFor = row.range.id;
  row.field.id = `pred-field-${n}`;
  row.fieldLabel.htmlFor = row.field.id;
  row.error.id = `pred-error-${n}`;
  row.field.setAttribute('aria-describedby', row.error.id);
  row.remove.setAttribute('aria-label', `Remove sample ${n}`);
  return row;
}

function makeTableRow() {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  th.scope = 'row';
  tr.append(th);
  const cells = [];
  for (let i = 0; i < 5; i++) {
    const td = document.createElement('td');
    td.className = 'num';
    tr.append(td);
    cells.push(td);
  }
  cells[2].classList.add('col-prob');
  return { tr, th, cells };
}


let frame = 0;
let chart = null;
let lastResult = null;
/** A step waiting for its result to be described: the mean before it. */
let pendingStep = null;

function invalidate() {
  if (frame === 0) frame = requestAnimationFrame(render);
}

/** Renders now, for the few changes that must move focus afterwards (removing a row). */
function renderNow() {
  if (frame !== 0) cancelAnimationFrame(frame);
  render();
}

function render() {
  frame = 0;
  const started = performance.now();
  let result;
  try {
    result = engine.evaluate(request());
  } catch (error) {
    // The handlers only store states the engine accepted, so this is a bug; say so plainly.
    showProblem(`The engine refused the current settings: ${error.message}`);
    return;
  }
  lastResult = result;
  const n = state.inputs.length;
  // Each loss is formatted once a frame and shared by the rows, the chart and the summaries.
  const lossTexts = Array.from(result.perSample, formatLoss);

  renderSettings();
  renderRows(result, n, lossTexts);
  const symbol = SPACE_WORDS[state.space].symbol;
  chart.update({
    series: [{ values: result.perSample, labels: lossTexts, grads: state.showGrad ? result.grad : null }],
    targets: state.targets,
    mean: result.mean,
    format: formatLoss,
    symbol,
  });
  renderSummary(result, n, lossTexts);
  if (ui.curvePanel.open) renderCurve(result, symbol);
  setFlag(ui.sigmoidPanel, 'hidden', state.space !== 'logit');
  if (state.space === 'logit' && ui.sigmoidPanel.open) renderSigmoid(result);
  if (ui.comparePanel.open) renderCompare(result);
  renderTraining();
  if (ui.codePanel.open) {
    setText(ui.code, pythonCode(request()));
    setText(ui.codeOutput, [torchTensor(result.perSample), torchScalar(result.mean), torchTensor(result.grad)].join('\n'));
  }
  if (ui.numbers.open) renderTable(result, n, lossTexts);
  if (pendingStep !== null) describeStep(result);
  setText(ui.samplesNote, state.notes.samples);
  setText(ui.spaceNote, state.notes.space);
  scheduleSettle();

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
  setFlag(ui.focal, 'hidden', state.loss !== 'focal');
  if (Number(ui.gamma.value) !== state.gamma) ui.gamma.value = String(state.gamma);
  if (Number(ui.alpha.value) !== state.alpha) ui.alpha.value = String(state.alpha);
  setFlag(ui.alphaOff, 'checked', state.alphaOff);
  setFlag(ui.alpha, 'disabled', state.alphaOff);
  setText(ui.gammaValue, fixed(state.gamma, 1));
  setText(ui.alphaValue, state.alphaOff ? 'off' : fixed(state.alpha, 2));
  const n = state.inputs.length;
  setFlag(ui.add, 'disabled', n >= MAX_SAMPLES);
  setText(ui.count, `(${n})`);
  document.body.dataset.space = state.space;
  document.body.dataset.loss = state.loss;
  setText(ui.colInput, SPACE_WORDS[state.space].column);
}

function renderRows(result, n, lossTexts) {
  while (rows.length < n) {
    const row = makeRow(rows.length);
    rows.push(row);
    ui.list.append(row.li);
  }
  while (rows.length > n) rows.pop().li.remove();

  const words = SPACE_WORDS[state.space];
  const slider = SLIDER[state.space];
  const probs = result.probs;
  const active = document.activeElement;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const value = state.inputs[i];
    const positive = state.targets[i] >= 0.5;
    const loss = lossTexts[i];

    setAttr(row.li, 'data-target', positive ? 1 : 0);
    setText(row.targetValue, positive ? '1' : '0');
    setText(row.targetWord, positive ? 'positive' : 'negative');
    setText(row.loss, loss);
    setFlag(row.remove, 'disabled', n <= MIN_SAMPLES);

    setText(row.inputName, words.name);
    setText(row.inputVar, words.symbol);
    setText(row.fieldLabel, `Sample ${i + 1} ${words.name} ${words.symbol}, typed`);
    setAttr(row.range, 'min', slider.min);
    setAttr(row.range, 'max', slider.max);
    setAttr(row.range, 'step', slider.step);
    if (Number(row.range.value) !== value) row.range.value = String(value);
    const sigma = probs ? probs[i] : null;
    setAttr(
      row.range,
      'aria-valuetext',
      `${formatInput(value)}${sigma === null ? '' : `, sigmoid ${formatLoss(sigma)}`}, loss ${loss}`,
    );

    const problem = state.fieldErrors.get(i);
    if (problem) {
      if (row.field !== active && row.field.value !== problem.text) row.field.value = problem.text;
      setText(row.error, problem.message);
      setAttr(row.field, 'aria-invalid', 'true');
    } else {
      if (row.field !== active) {
        const text = formatInput(value);
        if (row.field.value !== text) row.field.value = text;
      }
      setText(row.error, '');
      setAttr(row.field, 'aria-invalid', null);
    }

    setFlag(row.probWrap, 'hidden', !probs);
    if (probs) setText(row.prob, formatLoss(sigma));
    const g = result.grad[i];
    setText(row.grad, formatGradient(g));
    setText(row.direction, g < 0 ? `→ raise ${words.symbol}` : g > 0 ? `← lower ${words.symbol}` : '· flat');
  }
}

function renderSummary(result, n, lossTexts) {
  setText(ui.mean, formatLoss(result.mean));
  setText(ui.sum, formatLoss(result.sum));
  setText(ui.rows, String(n));
  setText(ui.torchLine, torchTensor(result.perSample));
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
  while (tableRows.length < n) {
    const row = makeTableRow();
    tableRows.push(row);
    ui.tableBody.append(row.tr);
  }
  while (tableRows.length > n) tableRows.pop().tr.remove();
  const probs = result.probs;
  for (let i = 0; i < n; i++) {
    const { th, cells } = tableRows[i];
    setText(th, String(i + 1));
    setText(cells[0], state.targets[i] >= 0.5 ? '1' : '0');
    setText(cells[1], formatInput(state.inputs[i]));
    setText(cells[2], probs ? formatLoss(probs[i]) : '');
    setText(cells[3], lossTexts[i]);
    setText(cells[4], formatGradient(result.grad[i]));
  }
  for (const label of ui.footLabels) setAttr(label, 'colspan', probs ? 4 : 3);
  setText(ui.tableMean, formatLoss(result.mean));
  setText(ui.tableSum, formatLoss(result.sum));
}


const GRID_POINTS = 121;
let curve = null;
let sigmoidView = null;
let compareChart = null;
let trainView = null;
/** Loss curves depend on the loss, space and parameters only: kept until those change. */
let curveGrid = { key: '' };
let sigmoidGrid = null;

function gridOf(space) {
  const { min, max } = SLIDER[space];
  return Float64Array.from({ length: GRID_POINTS }, (_, i) => min + ((max - min) * i) / (GRID_POINTS - 1));
}

function renderCurve(result, symbol) {
  const base = request();
  const key = JSON.stringify([base.loss, base.space, base.params]);
  if (curveGrid.key !== key) {
    const xs = gridOf(state.space);
    const ys = [1, 0].map((t) => engine.evaluate({ ...base, inputs: xs, targets: new Float64Array(GRID_POINTS).fill(t) }).perSample);
    curveGrid = { key, xs, ys };
  }
  curve.update({
    space: state.space,
    symbol,
    range: SLIDER[state.space],
    grid: curveGrid,
    inputs: state.inputs,
    losses: result.perSample,
    grads: result.grad,
    targets: state.targets,
  });
  const parts = state.inputs.map(
    (v, i) => `${i + 1}: ${symbol} ${formatInput(v)}, loss ${formatLoss(result.perSample[i])}, slope ${formatGradient(result.grad[i])}`,
  );
  setText(ui.curveDesc, `Samples on the curve of ${LOSSES[state.loss].name}. ${parts.join('; ')}.`);
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
  const chosen = state.compare.filter((id) => spacesOf(id).includes(state.space));
  const skipped = state.compare.filter((id) => !chosen.includes(id));
  for (const box of ui.compareChoices.querySelectorAll('input')) {
    const usable = spacesOf(box.value).includes(state.space);
    setFlag(box, 'checked', state.compare.includes(box.value));
    setFlag(box, 'disabled', !usable || (!box.checked && state.compare.length >= 3));
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
  const symbol = SPACE_WORDS[state.space].symbol;
  compareChart.update({ series, targets: state.targets, format: formatLoss, symbol });
  const items = ui.compareLegend.children;
  while (items.length < series.length) ui.compareLegend.append(Object.assign(document.createElement('li'), { className: `key key-s${items.length}` }));
  while (items.length > series.length) items[items.length - 1].remove();
  series.forEach((s, j) => setText(items[j], `${s.tag}: ${LOSSES[s.id].name}, mean ${formatLoss(s.mean)}`));
  const head = ['sample', 'target', ...series.flatMap((s) => [`${s.tag} loss`, `${s.tag} gradient`])];
  const rowsHtml = [];
  for (let i = 0; i < n; i++) {
    rowsHtml.push([String(i + 1), state.targets[i] >= 0.5 ? '1' : '0', ...series.flatMap((s) => [formatLoss(s.values[i]), formatGradient(s.grads[i])])]);
  }
  fillTable(ui.compareHead, ui.compareBody, head, rowsHtml);
}

/** Updates a small table's header and body in place from text. */
function fillTable(headRow, body, head, rowsText) {
  const sync = (parent, n, tag) => {
    while (parent.children.length < n) parent.append(Object.assign(document.createElement(tag), tag === 'th' ? { scope: 'col' } : { className: 'num' }));
    while (parent.children.length > n) parent.lastChild.remove();
    return parent.children;
  };
  const cells = sync(headRow, head.length, 'th');
  head.forEach((h, k) => setText(cells[k], h));
  const trs = sync(body, rowsText.length, 'tr');
  rowsText.forEach((row, r) => {
    const tds = sync(trs[r], row.length, 'td');
    row.forEach((c, k) => setText(tds[k], c));
  });
}

function renderTraining() {
  const means = state.history.means;
  setFlag(ui.trainBox, 'hidden', means.length < 2);
  setText(ui.train, trainTimer ? 'Pause' : 'Train');
  if (means.length < 2) return;
  trainView.update(means);
  const last = means.length - 1;
  setText(ui.trainSummary, `${last} step${last === 1 ? '' : 's'} at learning rate ${state.learningRate}: mean loss ${formatLoss(means[0])} → ${formatLoss(means[last])}.`);
  const items = ui.trainList.children;
  while (items.length > means.length) items[items.length - 1].remove();
  for (let i = 0; i < means.length; i++) {
    if (i >= items.length) ui.trainList.append(document.createElement('li'));
    setText(items[i], formatLoss(means[i]));
  }
}

function describeStep(result) {
  const before = pendingStep;
  pendingStep = null;
  if (trainTimer) return; // while training, the chart and its summary speak for each step
  let allFlat = true;
  for (const g of result.grad) if (g !== 0) allFlat = false;
  state.notes.step =
    before.flat
      ? 'Nothing moved: every gradient is zero, so gradient descent has no direction to follow.'
      : `Mean loss ${formatLoss(before.mean)} → ${formatLoss(result.mean)}.${allFlat ? ' Now every gradient is zero.' : ''}`;
  setText(ui.stepNote, state.notes.step);
}

// The address bar and the screen-reader summary catch up once the page settles.
let settleTimer = 0;
let lastAnnounced = '';
function scheduleSettle() {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(() => {
    history.replaceState(null, '', isSeedState() ? location.pathname + location.search : `#${encodeHash()}`);
    if (!lastResult) return;
    const text = `Mean ${LOSSES[state.loss].name} ${formatLoss(lastResult.mean)} over ${state.inputs.length} samples.`;
    if (text !== lastAnnounced) {
      lastAnnounced = text;
      ui.live.textContent = text;
    }
  }, SETTLE_MS);
}

function showProblem(message) {
  ui.loadStatus.hidden = false;
  ui.loadStatus.textContent = message;
}


/** The inverse of the sigmoid, clamped to the slider's span: log(p) − log(1 − p). */
function logitOf(p) {
  const x = Math.log(p) - Math.log1p(-p);
  return Math.min(SLIDER.logit.max, Math.max(SLIDER.logit.min, x));
}

function setSpace(space) {
  if (space === state.space) return;
  state.inputs = state.inputs.map((v) => (space === 'logit' ? logitOf(v) : engine.sigmoid(v)));
  state.space = space;
  state.fieldErrors.clear();
}

function setLoss(loss) {
  state.loss = loss;
  const spaces = spacesOf(loss);
  if (!spaces.includes(state.space)) {
    const target = spaces[0];
    setSpace(target);
    state.notes.space =
      target === 'logit'
        ? `${capitalise(LOSSES[loss].name)} is defined on raw activations only, so each prediction p became the activation x = log(p / (1 − p)), clipped to ±10.`
        : `${capitalise(LOSSES[loss].name)} takes probabilities only, so the activations went through the sigmoid.`;
  } else if (spaces.length === 1) {
    state.notes.space = `${capitalise(LOSSES[loss].name)} is defined on raw activations only.`;
  } else {
    state.notes.space = '';
  }
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Checks a typed prediction; stores it if the engine accepts it, else keeps the message. */
function typed(index, text, committed) {
  if (!committed && isUnfinishedNumber(text)) {
    state.fieldErrors.delete(index);
    invalidate();
    return;
  }
  const value = parseNumber(text);
  let message = null;
  if (value === null) {
    const shown = text.trim() === '' ? 'An empty field' : `“${text.trim()}”`;
    message =
      state.space === 'prob'
        ? `${shown} is not a number: type a probability between 0 and 1, such as 0.75.`
        : `${shown} is not a number: type an activation such as -2.5 or 3.`;
  } else {
    const candidate = state.inputs.slice();
    candidate[index] = value;
    try {
      engine.evaluate(request(candidate));
    } catch (error) {
      message = capitalise(error.message);
    }
  }
  if (message) {
    state.fieldErrors.set(index, { text, message });
  } else {
    state.inputs[index] = value;
    state.fieldErrors.delete(index);
  }
  invalidate();
}

function addSample() {
  if (state.inputs.length >= MAX_SAMPLES) return;
  state.inputs.push(NEW_SAMPLE[state.space]);
  state.targets.push(NEW_SAMPLE.target);
  const n = state.inputs.length;
  state.notes.samples =
    n >= MAX_SAMPLES
      ? `Sample ${n} added. ${MAX_SAMPLES} samples is as many as this page holds.`
      : `Sample ${n} added, undecided at ${NEW_SAMPLE[state.space]}.`;
  invalidate();
}

function removeSample(index) {
  if (state.inputs.length <= MIN_SAMPLES) return;
  state.inputs.splice(index, 1);
  state.targets.splice(index, 1);
  const shifted = new Map();
  for (const [i, problem] of state.fieldErrors) {
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
  state.fieldErrors.clear();
  state.notes = { space: '', samples: 'Back to the example: targets 1, 0, 1 and predictions 0.9, 0.2, 0.3.', step: '' };
  setText(ui.stepNote, '');
  invalidate();
}

/** One descent step; a run keeps its means until anything else changes the samples or settings. */
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
    ui.trainList.replaceChildren();
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
/** Train: one step per tick until paused, flat, stuck or long enough. Reduced motion: slower ticks. */
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
  const { inputs, targets } = PRESETS[name];
  state.inputs = inputs.map((p) => (state.space === 'logit' ? logitOf(p) : p));
  state.targets = [...targets];
  state.fieldErrors.clear();
  state.notes.samples = `Example loaded: ${document.querySelector(`[data-preset="${name}"] + span`).textContent}`;
  invalidate();
}

/** Copies text; falls back to selecting it for the reader when the clipboard is refused. */
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


function encodeHash() {
  const params = new URLSearchParams();
  params.set('loss', state.loss);
  params.set('space', state.space);
  if (state.loss === 'focal') {
    params.set('gamma', String(state.gamma));
    params.set('alpha', state.alphaOff ? '-1' : String(state.alpha));
  }
  params.set('in', state.inputs.map((v) => String(v)).join(','));
  params.set('t', state.targets.join(','));
  return params.toString().replaceAll('%2C', ',');
}

function isSeedState() {
  return (
    state.loss === SEED.loss &&
    state.space === SEED.space &&
    state.inputs.length === SEED.inputs.length &&
    state.inputs.every((v, i) => v === SEED.inputs[i] && state.targets[i] === SEED.targets[i])
  );
}

/** Reads a shared address into the state; returns a message when it had to be ignored. */
function applyHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('loss')) return null;
  const loss = params.get('loss');
  const space = params.get('space');
  const inputs = (params.get('in') ?? '').split(',').map((s) => parseNumber(s));
  const targets = (params.get('t') ?? '').split(',').map((s) => parseNumber(s));
  const valid =
    Object.hasOwn(LOSSES, loss) &&
    (space === 'prob' || space === 'logit') &&
    inputs.length >= MIN_SAMPLES &&
    inputs.length <= MAX_SAMPLES &&
    inputs.length === targets.length &&
    inputs.every((v) => v !== null) &&
    targets.every((t) => t === 0 || t === 1);
  if (!valid) return 'The address did not describe a valid example, so the story’s example is shown.';
  const gamma = parseNumber(params.get('gamma') ?? '') ?? state.gamma;
  const alpha = parseNumber(params.get('alpha') ?? '') ?? state.alpha;
  const candidate = {
    loss,
    space,
    params: loss === 'focal' ? { gamma, alpha } : {},
    inputs,
    targets,
  };
  try {
    engine.evaluate(candidate);
  } catch (error) {
    return `The address was ignored: ${error.message}.`;
  }
  Object.assign(state, { loss, space, inputs, targets, gamma });
  if (alpha === -1) state.alphaOff = true;
  else state.alpha = alpha;
  return null;
}


function indexOf(node) {
  const li = node.closest('li.sample');
  return li ? Number(li.dataset.sample) - 1 : -1;
}

function wire() {
  ui.lossSelect.addEventListener('change', () => {
    setLoss(ui.lossSelect.value);
    invalidate();
  });
  for (const radio of [ui.spaceProb, ui.spaceLogit]) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      setSpace(radio.value);
      state.notes.space =
        radio.value === 'logit'
          ? 'Each prediction p became the activation x = log(p / (1 − p)), clipped to ±10; σ(x) gives p back.'
          : 'Each activation went through the sigmoid and became a probability.';
      invalidate();
    });
  }
  ui.gamma.addEventListener('input', () => {
    state.gamma = Number(ui.gamma.value);
    invalidate();
  });
  ui.alpha.addEventListener('input', () => {
    state.alpha = Number(ui.alpha.value);
    invalidate();
  });
  ui.alphaOff.addEventListener('change', () => {
    state.alphaOff = ui.alphaOff.checked;
    invalidate();
  });

  ui.list.addEventListener('input', (event) => {
    const node = event.target;
    const i = indexOf(node);
    if (i < 0) return;
    if (node.classList.contains('pred-range')) {
      state.inputs[i] = Number(node.value);
      state.fieldErrors.delete(i);
      invalidate();
    } else if (node.classList.contains('pred-field')) {
      typed(i, node.value, false);
    }
  });
  ui.list.addEventListener('change', (event) => {
    const node = event.target;
    if (!node.classList.contains('pred-field')) return;
    const i = indexOf(node);
    typed(i, node.value, true);
    if (!state.fieldErrors.has(i)) node.value = formatInput(state.inputs[i]);
  });
  ui.list.addEventListener('keydown', (event) => {
    const node = event.target;
    if (event.key !== 'Escape' || !node.classList.contains('pred-field')) return;
    const i = indexOf(node);
    state.fieldErrors.delete(i);
    node.value = formatInput(state.inputs[i]);
    invalidate();
  });
  ui.list.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const i = indexOf(button);
    if (i < 0) return;
    if (button.classList.contains('target')) {
      state.targets[i] = state.targets[i] >= 0.5 ? 0 : 1;
      invalidate();
    } else if (button.classList.contains('remove')) {
      removeSample(i);
      // The rows below move up into this one; if it was the last, focus the new last row.
      const n = state.inputs.length;
      renderNow();
      if (i >= n) (n > MIN_SAMPLES ? rows[n - 1].remove : ui.add).focus();
      else if (n <= MIN_SAMPLES) ui.add.focus();
    }
  });

  ui.add.addEventListener('click', addSample);
  ui.reset.addEventListener('click', resetToSeed);
  ui.learningRate.addEventListener('change', () => {
    state.learningRate = Number(ui.learningRate.value);
  });
  ui.step.addEventListener('click', () => {
    if (trainTimer) setTraining(false);
    takeStep();
  });
  ui.train.addEventListener('click', () => setTraining(!trainTimer));
  ui.showGrad.addEventListener('change', () => {
    state.showGrad = ui.showGrad.checked;
    invalidate();
  });
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => applyPreset(button.dataset.preset));
  }
  ui.copy.addEventListener('click', copyCode);
  for (const panel of [ui.curvePanel, ui.sigmoidPanel, ui.comparePanel, ui.codePanel]) panel.addEventListener('toggle', invalidate);
  ui.compareChoices.addEventListener('change', (event) => {
    const box = event.target;
    state.compare = box.checked ? [...state.compare, box.value] : state.compare.filter((id) => id !== box.value);
    state.compare.sort((a, b) => Object.keys(LOSSES).indexOf(a) - Object.keys(LOSSES).indexOf(b));
    invalidate();
  });
  ui.numbers.addEventListener('toggle', () => {
    if (ui.numbers.open && lastResult) renderTable(lastResult, state.inputs.length);
  });

  const sized = new Map([
    [ui.chartBox, chart],
    [$('#compare-box'), compareChart],
    [$('#curve').parentNode, curve.plot],
    [$('#sigmoid').parentNode, sigmoidView.plot],
    [ui.trainBox, trainView.plot],
  ]);
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) if (entry.contentRect.width > 0) sized.get(entry.target).resize(entry.contentRect.width);
    invalidate();
  });
  for (const box of sized.keys()) observer.observe(box);
}

async function start() {
  try {
    engine = await import('./pkg/losslab.js');
    await engine.default();
  } catch (error) {
    engine = null;
    ui.loadStatus.textContent =
      'The loss engine (WebAssembly) could not be loaded, so there is nothing to compute with. ' +
      'Serve this folder over http (opening the file directly does not work) in a browser with WebAssembly. ' +
      `The browser said: ${error?.message ?? error}`;
    ui.loadStatus.classList.add('is-error');
    document.body.dataset.ready = 'failed';
    return;
  }

  for (const entry of engine.catalogue()) {
    const get = (object, key) => (object instanceof Map ? object.get(key) : object?.[key]);
    const params = get(entry, 'params');
    const plain = {};
    if (params instanceof Map) for (const [k, v] of params) plain[k] = v;
    else Object.assign(plain, params);
    catalogue.set(get(entry, 'id'), { family: get(entry, 'family'), spaces: Array.from(get(entry, 'spaces') ?? []), params: plain });
  }
  for (const option of ui.lossSelect.options) option.disabled = catalogue.size > 0 && !catalogue.has(option.value);
  const focal = catalogue.get('focal')?.params;
  if (typeof focal?.gamma === 'number') state.gamma = focal.gamma;
  if (typeof focal?.alpha === 'number') state.alpha = focal.alpha;

  chart = new LossChart(ui.chart);
  chart.resize(ui.chartBox.clientWidth);
  compareChart = new LossChart($('#compare-chart'), 3);
  curve = new CurveView($('#curve'), (i, value) => {
    const { min, max, step } = SLIDER[state.space];
    state.inputs[i] = Math.min(max, Math.max(min, Math.round(value / (step / 10)) * (step / 10)));
    state.inputs[i] = Number(state.inputs[i].toFixed(3));
    state.fieldErrors.delete(i);
    invalidate();
  });
  sigmoidView = new SigmoidView($('#sigmoid'));
  trainView = new TrainView($('#train-chart'));
  for (const [id, loss] of Object.entries(LOSSES)) {
    const label = document.createElement('label');
    label.className = 'choice';
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: id, id: `cmp-${id}` });
    label.append(box, ` ${loss.tag}: ${loss.name}${spacesOf(id).includes('prob') ? '' : ' (raw activations only)'}`);
    ui.compareChoices.append(label);
  }
  const hashProblem = applyHash(location.hash);
  if (hashProblem) state.notes.samples = hashProblem;
  wire();
  for (const control of [ui.lossSelect, ui.spaceProb, ui.spaceLogit, ui.add, ui.reset, ui.step, ui.train, ...document.querySelectorAll('[data-preset]')]) {
    control.disabled = false;
  }
  ui.loadStatus.hidden = true;
  ui.loadStatus.textContent = '';
  renderNow();
  document.body.dataset.ready = 'true';
}

start();
