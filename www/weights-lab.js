// The lab where a model's weights make the predictions: one constant c, a line w·x + b, or word
// weights over sentences. Mounted inside <loss-lab>'s shadow root and loaded on first use, with an
// engine that has evaluateModel and stepModel (in dist/ its own, bundled into its file). Its model
// (weights-model.js) holds the state; its views draw it; the render loop, trainer, bar chart,
// training chart and code view are the other labs'.

import { adoptStyles } from './assets.js';
import { loadEngine } from './engine.js';
import { SETTLE_MS, TRAIN_MAX_STEPS } from './config.js';
import { setAttrs, setFlag, setText } from './dom.js';
import { capitalise, fixed, formatAccuracy, formatLoss } from './format.js';
import { STOPPED, labShell } from './lab-shell.js';
import { modelCode, modelOutput } from './model-code.js';
import { lossInfo } from './registry.js';
import { LossChart } from './views/bar-chart.js';
import { around } from './views/plot.js';
import { CodeView } from './views/code.js';
import { PointsView } from './views/points.js';
import { fillRates } from './views/settings.js';
import { TrainView } from './views/training.js';
import { ConstantCurveView, SurfaceView, WordBarsView } from './views/weight-plots.js';
import { SentencesView, WeightRowsView } from './views/weight-rows.js';
import { WL_MARKUP } from './weights-html.js';
import { MAX_POINTS, MAX_SENTENCES, createWeightsModel, lossesOf, wordsOf } from './weights-model.js';

/** What each model says about itself and how to work it. */
const TEXT = {
  constant: {
    desc: 'One number c is every sample’s prediction. Training moves c, and every target pulls on it.',
    data: 'Each dot is a target y. Drag one, or focus it and use ↑ ↓ (Delete removes it); click empty ground to add one. The dashed lines are the errors ŷ − y.',
    weights:
      'The curve is the mean loss for every c; the dot is the current c, the green line its slope: the gradient one step follows downhill. Squared error is lowest at the mean of the targets, absolute error at their median.',
    add: 'Add a target',
    remove: 'Remove the last target',
  },
  line: {
    desc: 'ŷ = w·x + b: two weights every point shares. Training moves the whole line.',
    data: 'Each dot is a point (x, y). Drag it, or focus it and use the arrow keys (Delete removes it); click empty ground to add one. The dashed lines are the errors ŷ − y.',
    weights:
      'The map is the mean loss for every w and b: the stronger its shade, the higher the loss; × marks the lowest cell. The dot is the current line: drag it, or focus it and use ← → for w and ↑ ↓ for b. Training draws its path.',
    add: 'Add a point',
    remove: 'Remove the last point',
  },
  words: {
    desc: 'A sentence’s activation z is b plus the weight of each word it contains; σ(z) is the probability that it is positive.',
    data: 'Type a sentence and press Enter; press its label to flip it. Small words (a, and, the, was, it …) are left out.',
    weights:
      'One weight per word, then the bias b. A word’s gradient adds up every sentence that contains it: “not” is in a negative sentence and a positive one, and they pull it opposite ways. Each arrow shows where one step moves the weight.',
    add: 'Add a sentence',
    remove: 'Remove the last sentence',
  },
};
const DESCENT =
  'One step moves every weight against the gradient of the mean loss, θ ← θ − learning rate × ∂mean/∂θ, as torch.optim.SGD does. All the predictions move with it.';
const STOP_NOTES = {
  [STOPPED.stuck]: 'Training stopped: the step no longer moves any weight.',
  [STOPPED.long]: `Training paused after ${TRAIN_MAX_STEPS} steps.`,
};
const CHART_MAX_PX = 640;

/** A regression loss's one parameter control (huber's δ, smooth L1's β: the registry's `controls`), which the models' lab offers; else null. */
const knobOf = (info) => (info.family === 'regression' && info.controls?.length === 1 ? info.controls[0] : null);

/**
 * Fills `host` (an empty div in the shadow root `root`) with the lab, once its engine (one with
 * evaluateModel) has loaded. `onEdit(snapshot)` after each of the reader's changes; `onLeave()` when
 * the reader picks "each sample's own slider" (no model).
 */
export async function createWeightsLab({ root, host, onEdit, onLeave }) {
  const [engine] = await Promise.all([loadEngine(), adoptStyles(root, 'weights.css')]);
  host.innerHTML = WL_MARKUP;
  const ui = {};
  for (const node of host.querySelectorAll('[id]')) ui[node.id.slice(3).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = node;
  fillRates(ui.lr, 0.1);
  const model = createWeightsModel(engine);
  const { state } = model;
  let result = null;
  let family = '';

  const shell = labShell({
    model,
    render,
    onEdit,
    training: {
      step: model.step,
      steps: () => (state.run?.means.length ?? 1) - 1,
      onStop: (why) => {
        // A stop the step explained (a growing loss, a zero gradient) keeps its own sentence.
        if (STOP_NOTES[why] && !state.notes.step) state.notes.step = STOP_NOTES[why];
      },
    },
    scope: host,
    viewAttribute: 'data-wl-view',
    views: ['controls', 'code'],
    cleanup: () => clearTimeout(settle),
  });
  const { edit, trainer } = shell;

  const points = new PointsView(ui.points, {
    onMove: (i, x, y) => (state.model === 'line' ? edit(model.setPoint)(i, x, y) : edit(model.setTarget)(i, y)),
    onAdd: (x, y) => (state.model === 'line' ? edit(model.addSample)(x, y) : edit(model.addSample)(y)),
    onRemove: (i) => {
      if (shell.readonly) return;
      model.removeSample(i);
      shell.edited();
      shell.now();
      points.focus(i);
    },
  });
  const sentences = new SentencesView(ui.sentences, {
    type: (i, text) => {
      if (shell.readonly) return '';
      const problem = model.typeSentence(i, text);
      if (!problem) shell.edited();
      return problem;
    },
    flip: edit(model.flipLabel),
    remove: edit(model.removeSample),
  });
  const weightRows = new WeightRowsView(ui.weights, edit(model.setWeight));
  const chart = new LossChart(ui.chart);
  const training = new TrainView(ui.trainChart, ui.trainSummary, ui.trainList);
  const code = new CodeView(ui.codePanel, 'wl-');
  /** The chart of the weights, one svg per model: the curve of c, the (w, b) map, or the word bars. */
  const plots = {
    constant: new ConstantCurveView(
      ui.paramConstant,
      (c) => !shell.readonly && edit(model.setWeight)(0, c),
      () => model.weights()[0],
    ),
    line: new SurfaceView(
      ui.paramLine,
      (w, b) => {
        if (shell.readonly) return;
        model.setWeight(0, w);
        model.setWeight(1, b);
        shell.edited();
      },
      () => model.weights(),
    ),
    words: new WordBarsView(ui.paramWords),
  };

  let settle = 0;
  wire();

  function render() {
    try {
      result = model.evaluate();
    } catch (error) {
      setText(ui.note, capitalise(error.message));
      return false;
    }
    const { readonly, shown } = shell;
    const { model: kind } = state;
    const n = model.targets().length;
    const weights = model.weights();
    renderSettings(kind, n, readonly);
    // The data.
    setFlag(ui.pointsBox, 'hidden', kind === 'words');
    setFlag(ui.pointsDesc, 'hidden', kind === 'words');
    setFlag(ui.sentences, 'hidden', kind !== 'words');
    if (kind === 'words') {
      sentences.update({
        sentences: state.data.words.sentences,
        labels: state.data.words.labels,
        zs: result.predictions,
        probs: result.probs,
        perSample: result.perSample,
        words: state.data.words.sentences.map(wordsOf),
        readonly,
      });
    } else {
      const xs = kind === 'line' ? state.data.line.xs : model.targets().map((_, i) => i + 1);
      points.update({
        model: kind,
        xs,
        ys: model.targets(),
        weights,
        predictions: result.predictions,
        perSample: result.perSample,
        readonly,
      });
      setText(ui.pointsTitle, kind === 'line' ? 'The points and the line through them' : 'The targets and the constant c');
      setText(ui.pointsDesc, describePoints(kind, xs, weights));
    }
    // The weights.
    const names = kind === 'constant' ? ['c'] : kind === 'line' ? ['w', 'b'] : [...model.vocabulary(), 'b'];
    const kinds = kind === 'words' ? [...names.slice(0, -1).map(() => 'word'), 'b'] : names;
    weightRows.update({ names, kinds, weights, grad: result.grad, readonly });
    // An svg has no `hidden` property: the attribute itself is set.
    for (const name of Object.keys(plots)) ui[`param${capitalise(name)}`].toggleAttribute('hidden', name !== kind);
    const view = plots[kind];
    // Its box's content width (the plot boxes have padding): drawn at one user unit a CSS pixel, crisp.
    // (clientWidth has just laid the box out, so reading its style here costs no second pass.)
    const box = ui.paramBox.clientWidth ? getComputedStyle(ui.paramBox) : null;
    const padding = box ? Number.parseFloat(box.paddingLeft) + Number.parseFloat(box.paddingRight) : 0;
    const width = Math.min(CHART_MAX_PX, ui.paramBox.clientWidth - padding || 480);
    if (view.plot) view.plot.resize(width);
    else view.resize(width);
    const path = state.run?.path ?? [];
    if (kind === 'constant') {
      const targets = model.targets();
      const [lo, hi] = around([...targets, weights[0], ...path.map((w) => w[0])], 2);
      const curve = cached('curve', `${state.loss} ${JSON.stringify(model.params())} ${targets} ${lo} ${hi}`, () =>
        model.constantCurve(lo, hi),
      );
      view.update({
        targets,
        c: weights[0],
        mean: result.mean,
        grad: result.grad[0],
        curve,
        path: path.map((w) => w[0]),
        pathMeans: state.run?.means ?? [],
        lossName: lossInfo(state.loss).tag,
        readonly,
      });
      setText(
        ui.paramDesc,
        `At c = ${fixed(weights[0])} the mean loss is ${formatLoss(result.mean)} and its slope ${fixed(result.grad[0])}.`,
      );
    } else if (kind === 'line') {
      const [ws, bs] = model.leastSquares();
      const wRange = around([ws, weights[0], ...path.map((w) => w[0])], 1.5);
      const bRange = around([bs, weights[1], ...path.map((w) => w[1])], 2);
      const data = state.data.line;
      const surface = cached('surface', `${state.loss} ${JSON.stringify(model.params())} ${data.xs} ${data.ys} ${wRange} ${bRange}`, () =>
        model.lineSurface(wRange, bRange),
      );
      view.update({ weights, mean: result.mean, grad: result.grad, surface, wRange, bRange, path, readonly });
      let lo = Infinity;
      let hi = -Infinity;
      for (const m of surface.values) {
        lo = Math.min(lo, m);
        hi = Math.max(hi, m);
      }
      setText(
        ui.paramDesc,
        `The map’s shade runs from the lowest mean loss, ${formatLoss(lo)} (palest), to the highest, ${formatLoss(hi)} (strongest). At w = ${fixed(weights[0])}, b = ${fixed(weights[1])} the mean loss is ${formatLoss(result.mean)}; its gradient is ${fixed(result.grad[0])} for w and ${fixed(result.grad[1])} for b.`,
      );
    } else {
      view.update({ names, weights, grad: result.grad, learningRate: state.learningRate });
      setText(
        ui.paramDesc,
        `Blue bars push a sentence towards positive (1), orange towards negative (0); each arrow shows where one step at learning rate ${state.learningRate} moves the weight. ${names.map((name, j) => `${name} ${fixed(weights[j])}`).join(', ')}.`,
      );
    }
    // The results.
    chart.update({
      series: [{ values: result.perSample }],
      targets: model.targets(),
      mean: result.mean,
      format: formatLoss,
      symbol: 'ŷ',
      neutral: kind !== 'words',
      targetLabels: kind === 'words' ? undefined : model.targets().map((y) => `y=${y}`),
    });
    setText(
      ui.chartDesc,
      `${n} samples: ${Array.from(result.perSample, (l, i) => `${i + 1}: ${formatLoss(l)}`).join(', ')}; mean ${formatLoss(result.mean)}.`,
    );
    setText(ui.mean, formatLoss(result.mean));
    setText(ui.sum, formatLoss(result.sum));
    setText(ui.rows, String(n));
    setFlag(ui.accuracyBox, 'hidden', kind !== 'words');
    if (kind === 'words') setText(ui.accuracy, formatAccuracy(model.accuracyOf(result)));
    setText(ui.note, state.notes.change);
    setText(ui.stepNote, model.stepNote());
    const run = state.run;
    const trained = run && run.means.length >= 2;
    setFlag(ui.trainBox, 'hidden', !trained);
    if (trained) training.update(run.means, run.learningRate, kind === 'words' ? run.accuracy : null);
    if (ui.codePanel.open && shown.has('code')) showCode();
    // One settled sentence for a screen reader, not one per frame of a drag or a run.
    clearTimeout(settle);
    if (!trainer.running) settle = setTimeout(() => setText(ui.live, `Mean loss ${formatLoss(result.mean)}.`), SETTLE_MS);

    performance.clearMarks('losslab:weights-render');
    performance.mark('losslab:weights-render', { detail: { model: kind, n } });
  }

  /** The PyTorch program that replays the run (from its first weights, its steps) and what it prints. */
  function showCode() {
    const run = state.run;
    const req = {
      model: state.model,
      loss: state.loss,
      params: model.params(),
      vocab: state.model === 'words' ? model.vocabulary() : undefined,
      features: model.features(),
      targets: model.targets(),
      weights: run ? run.start : model.weights(),
      learningRate: run ? run.learningRate : state.learningRate,
      steps: run ? run.means.length - 1 : 0,
    };
    code.show(modelCode(req), modelOutput(req, { weights: model.weights(), result }));
  }

  function renderSettings(kind, n, readonly) {
    if (ui.model.value !== kind) ui.model.value = kind;
    const text = TEXT[kind];
    setText(ui.modelDesc, text.desc);
    setText(ui.dataHint, text.data);
    setText(ui.weightsHint, text.weights);
    setText(ui.descentHint, DESCENT);
    setText(ui.add, text.add);
    setText(ui.remove, text.remove);
    setText(ui.count, `(${n})`);
    const fam = model.family();
    if (fam !== family) {
      family = fam;
      ui.loss.replaceChildren(...lossesOf(fam).map((id) => new Option(lossInfo(id).menu, id)));
    }
    if (ui.loss.value !== state.loss) ui.loss.value = state.loss;
    const info = lossInfo(state.loss);
    setText(ui.lossDesc, info.hint);
    const knob = knobOf(info);
    setFlag(ui.knobBox, 'hidden', !knob);
    if (knob) {
      const value = model.params()[knob.param];
      setText(ui.knobName, knob.label);
      if (Number(ui.knob.value) !== value) ui.knob.value = String(value);
      setText(ui.knobValue, fixed(value, knob.digits));
    }
    if (Number(ui.lr.value) !== state.learningRate) ui.lr.value = String(state.learningRate);
    setText(ui.train, trainer.running ? 'Pause' : 'Train');
    const max = kind === 'words' ? MAX_SENTENCES : MAX_POINTS;
    for (const [control, off] of [
      [ui.add, n >= max],
      [ui.remove, n <= 1],
      [ui.reset, false],
      [ui.model, false],
      [ui.loss, false],
      [ui.knob, false],
      [ui.step, false],
      [ui.train, false],
      [ui.lr, false],
    ])
      setFlag(control, 'disabled', readonly || off);
    setAttrs(ui.root, { 'data-model': kind, 'data-readonly': readonly ? '' : null });
  }

  function describePoints(kind, xs, weights) {
    const ys = model.targets();
    const list = ys.map((y, i) => (kind === 'line' ? `(${xs[i]}, ${y})` : String(y))).join(', ');
    return kind === 'line'
      ? `Points ${list}; the line ŷ = ${fixed(weights[0])}·x ${weights[1] < 0 ? '−' : '+'} ${fixed(Math.abs(weights[1]))}.`
      : `Targets ${list}; every prediction is c = ${fixed(weights[0])}.`;
  }

  const memo = {};
  /** A drawing's numbers are worked out again only when what they depend on changed. */
  function cached(name, key, make) {
    if (memo[name]?.key !== key) memo[name] = { key, value: make() };
    return memo[name].value;
  }

  function wire() {
    const on = (node, type, handler) => node.addEventListener(type, handler);
    on(ui.model, 'change', () => {
      if (shell.readonly) return shell.invalidate();
      if (ui.model.value === '') return onLeave();
      edit(model.setModel)(ui.model.value);
    });
    on(ui.loss, 'change', () => edit(model.setLoss)(ui.loss.value));
    on(ui.knob, 'input', () => edit(model.setParam)(knobOf(lossInfo(state.loss)).param, Number(ui.knob.value)));
    on(ui.lr, 'change', () => edit((rate) => (state.learningRate = rate))(Number(ui.lr.value)));
    on(ui.add, 'click', () => edit(model.addSample)());
    on(ui.remove, 'click', () => edit(model.removeSample)(model.targets().length - 1));
    on(ui.reset, 'click', () => edit(model.reset)());
    shell.wireTraining(ui.step, ui.train);
    shell.wirePanel('code', ui.codePanel);
  }

  // Drawn no wider than CHART_MAX_PX, and not at all below 200 px.
  const within = (resize) => (width) => width >= 200 && resize(Math.min(CHART_MAX_PX, width));
  shell.observe(
    ui.chart.parentNode,
    within((width) => chart.resize(width)),
  );
  shell.observe(
    ui.pointsBox,
    within((width) => points.plot.resize(width)),
  );
  shell.observe(ui.trainBox, (width) => width >= 200 && training.plot.resize(width));
  return shell.surface;
}
