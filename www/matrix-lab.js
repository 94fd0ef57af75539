// The lab for many classes (softmax, cross-entropy) and many labels (a sigmoid and bce per label),
// mounted inside <loss-lab>'s shadow root and loaded on first use. Its model (matrix-model.js) holds
// the state; its views draw it; the render loop, trainer, formulas, bar chart and code view are the
// same as the binary lab's.

import { adoptStyles } from './assets.js';
import { setAttrs, setFlag, setText } from './dom.js';
import { explainOnFocus } from './explain-on-focus.js';
import { capitalise, fixed, formatAccuracy, formatLoss } from './format.js';
import { labShell } from './lab-shell.js';
import { MX_CELL, MX_MARKUP, MX_SAMPLE } from './matrix-html.js';
import { K_MAX, K_MIN, MATRIX_PANELS, N_MAX, createMatrixModel } from './matrix-model.js';
import { CodeView } from './views/code.js';
import { MatrixChartView } from './views/matrix-chart.js';
import { MatrixRowsView, cellOf } from './views/matrix-rows.js';
import { backwardNote, fillRates } from './views/settings.js';
import { TrainView } from './views/training.js';

/** The widest the pictures and the chart are drawn, in CSS pixels. */
const SAMPLES_MAX_PX = 520;
const CHART_MAX_PX = 640;

/**
 * Fills `host` (an empty div in the shadow root `root`) with the lab; `engine` is the loaded wasm module.
 * `onEdit(snapshot)` is called once a frame after the reader changed something, never for `apply`.
 */
export function createMatrixLab({ root, host, engine, onEdit }) {
  adoptStyles(root, 'matrix.css');
  host.innerHTML = MX_MARKUP;
  const ui = {};
  for (const node of host.querySelectorAll('[id]')) ui[node.id.slice(3).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = node;
  fillRates(ui.lr);
  const model = createMatrixModel(engine);
  const { state } = model;
  let result = null;

  const shell = labShell({
    model,
    render,
    onEdit,
    training: { step: model.step, steps: () => state.run.means.length - 1 },
    scope: host,
    viewAttribute: 'data-mx-view',
    views: ['chart', 'gradient', 'code', 'controls'],
    panelNames: MATRIX_PANELS,
  });
  const { edit, trainer } = shell;

  const rows = new MatrixRowsView({
    list: ui.samples,
    sample: MX_SAMPLE,
    cell: MX_CELL,
    edits: { input: edit(model.setInput), setClass: edit(model.setClass), toggleLabel: edit(model.toggleLabel) },
  });
  const chart = new MatrixChartView({ svg: ui.chart, description: ui.chartDesc, legend: ui.legend });
  const code = new CodeView(ui.codePanel, 'mx-');
  const training = new TrainView(ui.trainChart, ui.trainSummary, ui.trainList);
  // Contained: the binary lab's own listeners on the root never see these events.
  const formulas = explainOnFocus({ host, root, describe: explainContext, contain: true });
  wire();

  function render() {
    const started = performance.now();
    try {
      result = model.evaluate();
    } catch (error) {
      setText(ui.note, capitalise(error.message));
      return false;
    }
    const { readonly, shown } = shell;
    const n = state.inputs.length;
    const k = state.inputs[0].length;
    const comparing = model.isClasses() && state.open.has('compare');
    const gradients = state.showGrad && shown.has('gradient');
    const sigmoids = comparing ? model.sigmoids() : null;
    const grads = model.gradients(result);
    renderSettings(n, k, comparing, gradients, readonly);
    rows.update({ state, result, grads, sigmoids, gradients, readonly });
    chart.update({ state, result });
    setText(ui.mean, formatLoss(result.mean));
    setText(ui.sum, formatLoss(result.sum));
    setText(ui.shape, `${n} × ${k}`);
    setText(ui.accuracyName, model.isClasses() ? 'accuracy' : `accuracy, p ≥ ${fixed(state.threshold, 2)}`);
    setText(ui.accuracy, formatAccuracy(model.accuracy(result)));
    setText(ui.note, state.notes.change);
    setText(ui.stepNote, model.stepNote(result.mean, trainer.running));
    const means = state.run?.means ?? [];
    setFlag(ui.trainBox, 'hidden', means.length < 2);
    if (means.length >= 2) training.update(means, state.run.learningRate, state.run.accuracy);
    if (ui.codePanel.open && shown.has('code')) {
      // Row sums of the sigmoids are added up here, in JavaScript, from the engine's values.
      const sigmoidSums = sigmoids && state.inputs.map((_, i) => sigmoids.subarray(i * k, i * k + k).reduce((a, b) => a + b, 0));
      code.update(model.request(), result, { backward: state.backward, grads, sigmoidSums, threshold: state.threshold });
    }
    formulas.refresh();

    performance.clearMarks('losslab:matrix-render');
    performance.mark('losslab:matrix-render', { detail: { n, k, ms: performance.now() - started } });
  }

  function renderSettings(n, k, comparing, gradients, readonly) {
    setAttrs(ui.root, {
      'data-loss': state.loss,
      'data-compare': comparing ? '' : null,
      'data-grad': gradients ? null : 'off',
      'data-readonly': readonly ? '' : null,
    });
    setFlag(ui.lossCe, 'checked', model.isClasses());
    setFlag(ui.lossMl, 'checked', !model.isClasses());
    setText(ui.k, String(k));
    setText(ui.n, String(n));
    const limits = [
      [ui.kMinus, k <= K_MIN],
      [ui.kPlus, k >= K_MAX],
      [ui.nMinus, n <= 1],
      [ui.nPlus, n >= N_MAX],
    ];
    for (const [control, limit] of limits) setFlag(control, 'disabled', readonly || limit);
    const settings = [
      ui.eps,
      ui.thr,
      ui.lossCe,
      ui.lossMl,
      ui.step,
      ui.train,
      ui.lr,
      ui.showGrad,
      ui.backwardMean,
      ui.backwardSum,
      ui.compare,
    ];
    for (const control of settings) setFlag(control, 'disabled', readonly);
    const ranges = [
      [ui.eps, state.smoothing, ui.epsValue],
      [ui.thr, state.threshold, ui.thrValue],
    ];
    for (const [range, value, out] of ranges) {
      if (Number(range.value) !== value) range.value = String(value);
      setText(out, fixed(value, 2));
    }
    setFlag(ui.compare, 'checked', comparing);
    setFlag(ui.compareNote, 'hidden', !comparing);
    setFlag(ui.showGrad, 'checked', state.showGrad);
    setFlag(ui.backwardMean, 'checked', state.backward === 'mean');
    setFlag(ui.backwardSum, 'checked', state.backward === 'sum');
    setText(ui.backwardNote, backwardNote(state.backward, n));
    if (Number(ui.lr.value) !== state.learningRate) ui.lr.value = String(state.learningRate);
    setText(ui.train, trainer.running ? 'Pause' : 'Train');
    setText(ui.kword, model.isClasses() ? 'classes' : 'labels');
  }

  /** What the formula of a focused or hovered number needs: its place, kind and the numbers behind it. */
  function explainContext(node) {
    if (!result) return null;
    const what = node.dataset.explain;
    const [i, label] = node.closest('.mx-sample') ? cellOf(node) : [-1, undefined];
    const k = state.inputs[0].length;
    const row = (a) => (i >= 0 ? Array.from(a.subarray(i * k, i * k + k)) : undefined);
    const r = result;
    const value = { mean: r.mean, sum: r.sum, loss: r.perSample[i], prob: r.probs[i * k + label], grad: r.grad[i * k + label] }[what];
    // The gradient shown: of the mean (the engine's, of the sum, ÷ N) or of the sum.
    const gradientShown = model.gradients(r)[i * k + label];
    const ctx = {
      loss: state.loss,
      params: model.params(),
      n: state.inputs.length,
      k,
      perSample: r.perSample,
      index: i,
      label: Number.isNaN(label) ? undefined : label,
      target: model.isClasses() ? state.classes[i] : state.labels[i],
      input: state.inputs[i],
      prob: row(r.probs),
      value,
      backward: state.backward,
      gradientShown,
    };
    return { place: i >= 0 ? rows.formulaPlace(i) : ui.statFormula, what, ctx };
  }

  function wire() {
    const on = (node, type, handler) => node.addEventListener(type, handler);
    for (const radio of [ui.lossCe, ui.lossMl]) on(radio, 'change', () => radio.checked && edit(model.setLoss)(radio.value));
    const counts = [
      [ui.kMinus, 0, -1],
      [ui.kPlus, 0, 1],
      [ui.nMinus, -1, 0],
      [ui.nPlus, 1, 0],
    ];
    for (const [button, dn, dk] of counts) on(button, 'click', () => edit(model.resize)(dn, dk));
    on(ui.eps, 'input', () => edit(model.set)('smoothing', Number(ui.eps.value)));
    on(ui.thr, 'input', () => edit(model.set)('threshold', Number(ui.thr.value)));
    on(ui.lr, 'change', () => edit(model.set)('learningRate', Number(ui.lr.value)));
    on(ui.showGrad, 'change', () => edit(model.set)('showGrad', ui.showGrad.checked));
    for (const radio of [ui.backwardMean, ui.backwardSum])
      on(radio, 'change', () => radio.checked && edit(model.set)('backward', radio.value));
    on(ui.compare, 'change', () => edit(model.setOpen)('compare', ui.compare.checked));
    shell.wirePanel('code', ui.codePanel);
    // Past every row at once: to the mean, the first thing after them.
    on(ui.skipRows, 'click', () => ui.mean.focus());
    shell.wireTraining(ui.step, ui.train);
  }

  // The pictures and the chart are drawn no wider than their most, and not at all below 200 px.
  const within = (max, resize) => (width) => {
    const drawn = Math.round(Math.min(max, width));
    if (drawn >= 200) resize(drawn);
  };
  shell.observe(
    ui.samples,
    within(SAMPLES_MAX_PX, (width) => rows.resize(width)),
  );
  shell.observe(
    ui.chart.parentNode,
    within(CHART_MAX_PX, (width) => chart.chart.resize(width)),
  );
  shell.observe(ui.trainBox, (width) => training.plot.resize(width));
  shell.surface.apply({});
  return shell.surface;
}
