// The binary and regression lab inside one <loss-lab>: the model (lab-model.js) holds the state,
// each view draws its part from the state and the engine's result, and this file wires the two:
// the reader's edits become model changes, and every change asks for one render a frame.

import { MIN_SAMPLES, SPACE_WORDS, TRAIN_MAX_STEPS } from './config.js';
import { setFlag, setText, whenNear } from './dom.js';
import { explainOnFocus } from './explain-on-focus.js';
import { formatInput, formatLoss, torchTensor } from './format.js';
import { createLabModel } from './lab-model.js';
import { PANELS, VIEWS } from './state.js';
import { STOPPED, labShell } from './lab-shell.js';
import { familyOf, isMatrixLoss } from './registry.js';
import { LossChart } from './views/bar-chart.js';
import { RowsView, named, sampleOf } from './views/rows.js';
import { SettingsView } from './views/settings.js';
import { SummaryView } from './views/summary.js';

/** What a stop of training says (else how far the mean came), by why it stopped. */
const STOP_NOTES = {
  [STOPPED.stuck]: 'Training stopped: the step no longer moves any prediction.',
  [STOPPED.long]: `Training paused after ${TRAIN_MAX_STEPS} steps.`,
};

/**
 * Builds the lab in `root` (a shadow root holding MARKUP) with a loaded `engine`.
 * `onEdit(snapshot)` is called once a frame after the reader changed something, never for `apply`;
 * `onSwitch(loss)` when the reader picks a loss of the other lab (many classes or labels); `onModel(model)`
 * when the reader picks a model whose weights make the predictions (the weights lab).
 */
export function createLab({ root, engine, onEdit, onSwitch, onModel }) {
  const model = createLabModel(engine);
  const { state } = model;
  const ui = named(root, 'id');
  /** The matrix lab has the shadow root: this one draws nothing. */
  let parked = false;
  let lastResult = null;

  const shell = labShell({
    model,
    render,
    onEdit,
    training: {
      // A run's steps are quiet: the run's own note stays (Step stops a run before its step).
      step: () => model.step({ quiet: shell.trainer.running }),
      steps: () => state.history.means.length - 1,
      onStart: model.started,
      onStop: (why) => model.stopped(STOP_NOTES[why]),
    },
    scope: root,
    viewAttribute: 'data-view',
    views: VIEWS,
    onReadonly: (on) => ui.labRoot.toggleAttribute('data-readonly', on),
    cleanup: () => summary.stop(),
  });
  const { edit, trainer } = shell;

  const settings = new SettingsView(ui, root, {
    loss: (loss) => {
      // Many classes and labels live in the matrix lab; coming back from it, the element hands over again.
      if (parked || isMatrixLoss(loss)) return onSwitch(loss);
      edit(model.setLoss)(loss);
    },
    space: edit(model.chooseSpace),
    param: edit(model.setParam),
    off: edit(model.setOff),
    set: edit(model.set),
    preset: edit(model.applyPreset),
    add: edit(model.addSample),
    reset: edit(model.reset),
  });
  const rows = new RowsView({
    list: ui.samples,
    template: ui.sampleTemplate,
    root,
    edits: {
      slide: edit(model.slide),
      type: (i, text, committed) => typed(model.typeInput, i, text, committed, () => state.fieldErrors.has(i), state.inputs),
      typeTarget: (i, text, committed) => typed(model.typeTarget, i, text, committed, () => state.fieldErrors.has(`t${i}`), state.targets),
      restore: (i, field) => {
        if (shell.readonly) return formatInput(field === 'target' ? state.targets[i] : state.inputs[i]);
        const text = model.restoreField(i, field);
        shell.edited();
        return text;
      },
      toggleTarget: edit(model.toggleTarget),
      remove: (i) => {
        if (shell.readonly) return;
        model.removeSample(i);
        shell.edited();
        // The rows below move up; if it was the last, focus the new last row.
        const n = state.inputs.length;
        shell.now();
        if (i >= n) (n > MIN_SAMPLES ? rows.row(n - 1).remove : ui.addSample).focus();
        else if (n <= MIN_SAMPLES) ui.addSample.focus();
      },
    },
  });
  /** A typed number: stored if the engine takes it; committed, the field then shows it as kept. */
  function typed(change, i, text, committed, refused, list) {
    if (shell.readonly) return null;
    change(i, text, committed);
    shell.edited();
    return committed && !refused() ? formatInput(list[i]) : null;
  }

  const chart = new LossChart(ui.chart);
  const summary = new SummaryView(ui);
  // Views that are not on the first screen load on first use (the first load stays within its
  // budget): the loss curve (under the samples, when the reader nears it), Compare and the code view (panels that open
  // closed), the sigmoid (activations only), the training chart (after a first step).
  const curve = later(
    () => import('./views/curve.js'),
    (m) => {
      const view = new m.CurveView(ui.curve, (i, value) => !shell.readonly && edit(model.dragTo)(i, value));
      shell.observe(ui.curve.parentNode, (width) => view.plot.resize(width));
      return {
        plot: view.plot,
        update: (result, symbol) => m.showCurve(view, ui.curveDesc, model, result, symbol, ui.curveHintRegression),
      };
    },
    ui.curve,
  );
  const sigmoid = later(
    () => import('./views/sigmoid.js'),
    (m) => {
      const view = new m.SigmoidView(ui.sigmoid, (i, x) => !shell.readonly && edit(model.dragTo)(i, x));
      shell.observe(ui.sigmoid.parentNode, (width) => view.plot.resize(width));
      return { plot: view.plot, update: (result) => m.showSigmoid(view, ui.sigmoidDesc, model, result) };
    },
  );
  const training = later(
    () => import('./views/training.js'),
    (m) => {
      const view = new m.TrainView(ui.trainChart, ui.trainSummary, ui.trainList);
      shell.observe(ui.trainBox, (width) => view.plot.resize(width));
      return view;
    },
  );
  const compare = later(
    () => import('./views/compare.js'),
    (m) => {
      const view = new m.CompareView(ui.comparePanel, { toggleCompare: edit(model.toggleCompare) });
      shell.observe(view.box, (width) => view.chart.resize(width));
      return view;
    },
  );
  const code = later(
    () => import('./views/code.js'),
    (m) => new m.CodeView(ui.codePanel),
  );
  const formulas = explainOnFocus({ host: root, root, describe: explainContext });

  // Past every row at once: to the first control after them (Add a sample is off at 64 samples).
  ui.skipRows.addEventListener('click', () => {
    const next = [ui.addSample, ui.reset, ui.mean].find((node) => !node.disabled && node.getClientRects().length);
    next?.focus();
  });
  // A model's weights make the predictions in the weights lab, which the element hands over to
  // (its own menu then offers the constant, the line and the words).
  ui.modelSelect.addEventListener('click', () => !shell.readonly && onModel('constant'));
  shell.wireTraining(ui.step, ui.train);
  for (const name of PANELS) shell.wirePanel(name, ui[`${name}Panel`]);
  shell.observe(ui.chartBox, (width) => chart.resize(width));

  function render() {
    if (parked) return false;
    const started = performance.now();
    let result;
    try {
      result = model.evaluate();
    } catch (error) {
      showProblem(`The engine refused the current settings: ${error.message}`);
      return false;
    }
    lastResult = result;
    const lossTexts = Array.from(result.perSample, formatLoss);
    const grads = model.gradients(result);
    const regression = familyOf(state.loss) === 'regression';
    const symbol = SPACE_WORDS[model.spaceKey()].symbol;
    const { readonly, shown } = shell;
    const gradients = shown.has('gradient');

    settings.update(model, readonly);
    rows.update({ state, result, grads, lossTexts, space: model.spaceKey(), readonly, gradients });
    chart.update({
      series: [{ values: result.perSample, labels: lossTexts, grads: state.showGrad && gradients ? grads : null }],
      targets: state.targets,
      mean: result.mean,
      format: formatLoss,
      symbol,
      neutral: regression,
      targetLabels: regression ? state.targets.map((y) => `y=${formatInput(y)}`) : null,
    });
    // Keys for the marks that have no words, shown while the chart draws them.
    setFlag(ui.keyArrows, 'hidden', !chart.marks.arrows);
    setFlag(ui.keyClipped, 'hidden', !chart.marks.clipped);
    const lossTensor = torchTensor(result.perSample);
    summary.update({ state, result, grads, lossTexts, lossTensor, accuracy: model.accuracy() });
    const visible = (name) => shown.has(name) && ui[`${name}Panel`].open;
    if (visible('curve')) curve()?.update(result, symbol);
    const withSigmoid = state.space === 'logit' && !regression;
    setFlag(ui.sigmoidPanel, 'hidden', !withSigmoid || !shown.has('sigmoid'));
    if (withSigmoid && visible('sigmoid')) sigmoid()?.update(result);
    if (visible('compare')) compare()?.update(model, result, symbol, readonly);
    const means = state.history.means;
    setFlag(ui.trainBox, 'hidden', means.length < 2);
    setText(ui.train, trainer.running ? 'Pause' : 'Train');
    // A classifier's accuracy too (regression has none).
    if (means.length >= 2) training()?.update(means, state.learningRate, state.history.accuracy?.[0] ? state.history.accuracy : null);
    if (visible('code')) code()?.update(model.request(), result, { backward: state.backward, grads });
    formulas.refresh();

    performance.clearMarks('losslab:render');
    performance.mark('losslab:render', { detail: { samples: state.inputs.length, ms: performance.now() - started } });
  }

  /** What the formula of a focused or hovered number needs: its place, kind and the numbers behind it. */
  function explainContext(node) {
    const r = lastResult;
    if (!r) return null;
    const what = node.dataset.explain;
    const i = sampleOf(node);
    const ctx = {
      ...model.request(),
      index: i,
      target: state.targets[i],
      input: state.inputs[i],
      prob: r.probs ? r.probs[i] : state.inputs[i],
      value: { loss: r.perSample[i], grad: r.grad[i], prob: r.probs?.[i], mean: r.mean, sum: r.sum }[what],
      // The gradient shown: of the mean (the sample's own slope above, ÷ N) or of the sum.
      backward: state.backward,
      gradientShown: model.gradients(r)[i],
      perSample: r.perSample,
      n: state.inputs.length,
    };
    return { place: i >= 0 ? rows.row(i).rowFormula : ui.statFormula, what, ctx };
  }

  function showProblem(message) {
    ui.loadStatus.hidden = false;
    ui.loadStatus.textContent = message;
  }

  /**
   * A view that loads on first use: returns a getter that gives the view once its module is in
   * (then renders again), and null until then. If the module cannot be fetched, the lab says so.
   */
  function later(load, make, near = null) {
    let view = null;
    let asked = false;
    let waiting = false;
    const start = () => {
      asked = true;
      load().then(
        (module) => {
          const made = make(module);
          // Drawn once its styles apply (a line chart's plot.css), then at once, in the same task: a
          // view never shows a moment unstyled, nor its controls without their state.
          Promise.resolve(made.plot?.ready).then(
            () => {
              view = made;
              shell.now();
            },
            (error) => showProblem(`A part of the lab could not be styled: ${error.message}`),
          );
        },
        (error) => showProblem(`A part of the lab could not be loaded: ${error.message}`),
      );
    };
    return () => {
      // `near`: a view below the fold, fetched when the reader nears it (dom.js whenNear).
      if (!asked && !waiting) {
        if (near) {
          waiting = true;
          whenNear(near, start);
        } else start();
      }
      return view;
    };
  }

  // Ready: the controls work from here on.
  const controls = [
    ui.lossSelect,
    ui.modelSelect,
    ui.spaceProb,
    ui.spaceLogit,
    ui.addSample,
    ui.reset,
    ui.step,
    ui.train,
    ...root.querySelectorAll('[data-preset]'),
  ];
  for (const control of controls) control.disabled = false;
  ui.loadStatus.hidden = true;
  ui.loadStatus.textContent = '';

  return {
    ...shell.surface,
    /** Hands the lab over to another lab, `which` ('matrix', with its `loss`, or 'weights'), or takes it back (null). */
    park(which, loss) {
      parked = Boolean(which);
      if (parked) {
        if (trainer.running) trainer.stop('');
        if (which === 'matrix') settings.park(loss);
      }
      for (const node of [ui.scalarLab, ui.spaceSetting, ui.lossParams]) setFlag(node, 'hidden', parked);
      setFlag(ui.matrixHost, 'hidden', which !== 'matrix');
      setFlag(ui.weightsHost, 'hidden', which !== 'weights');
      if (!parked) shell.invalidate();
    },
  };
}
