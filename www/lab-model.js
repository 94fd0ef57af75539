// The binary and regression lab's state and every change a reader can make to it, without DOM:
// the views read `state` and the engine's result; the reader's edits come back as calls here.
// Runs under `node --test` (tests/js/) with the same engine as the page.

import {
  COMPARE_DEFAULTS,
  COMPARE_MAX,
  MAX_SAMPLES,
  MIN_SAMPLES,
  NEW_SAMPLE,
  PRESETS,
  REGRESSION_SEED,
  SEED,
  SLIDER,
  SPACE_WORDS,
} from './config.js';
import { capitalise, formatInput, formatLoss, isUnfinishedNumber, parseNumber } from './format.js';
import { shownGradients } from './gradient.js';
import { LOSS_IDS, familyOf, lossInfo, nameOf } from './registry.js';
import { PANELS } from './state.js';

/** The panels open on a fresh lab. */
const OPEN_AT_START = ['curve', 'sigmoid'];

/** Points on a curve's grid across the slider's span. */
const GRID_POINTS = 121;
const gridOf = (space) => {
  const { min, max } = SLIDER[space];
  return Float64Array.from({ length: GRID_POINTS }, (_, i) => min + ((max - min) * i) / (GRID_POINTS - 1));
};
const isRegression = (loss) => familyOf(loss) === 'regression';
/** A regression loss of the error d = ŷ − y alone (all but poisson_nll, whose curve is drawn against ŷ, one per count). */
const ofError = (loss) => isRegression(loss) && lossInfo(loss).curve !== 'prediction';
/** At most this many curves, one per distinct target, for a loss drawn against its prediction. */
export const CURVE_TARGETS_MAX = 4;
/**
 * A number converted between spaces, rounded: activations to 8 significant digits (enough for a
 * probability to come back as it was: 0.2 → −1.3862944 → 0.2), probabilities to 6. Links stay short,
 * and the state in them is exactly the state on screen.
 */
const activationDigits = (x) => Number(x.toPrecision(8));
const probabilityDigits = (x) => Number(x.toPrecision(6));

/** Every parameter of the binary and regression losses at its default, by the catalogue's name. */
const paramDefaults = () =>
  Object.assign({}, ...LOSS_IDS.filter((id) => ['binary', 'regression'].includes(familyOf(id))).map((id) => lossInfo(id).params));

/** Creates a lab's model over a loaded `engine` (evaluate, step, sigmoid, logit). */
export function createLabModel(engine) {
  const state = {
    loss: SEED.loss,
    space: SEED.space,
    /** Every parameter of the lab's losses, by the catalogue's name (gamma, alpha, delta, beta), each kept while another loss is shown. */
    params: paramDefaults(),
    /** The parameters the reader turned off (focal's α = −1: no class weight), by name; each keeps its value for when it is on again. */
    off: {},
    inputs: [...SEED.inputs],
    targets: [...SEED.targets],
    learningRate: 1,
    showGrad: true,
    /** Which gradient the page shows: of the mean loss (`loss.mean().backward()`, the default) or of the sum. */
    backward: 'mean',
    /** Losses chosen in Compare, in menu order. */
    compare: [...COMPARE_DEFAULTS.binary],
    /** Panels open, by name. */
    open: new Set(OPEN_AT_START),
    /** The mean loss before and after each step of the current run; `after`: the inputs it left. */
    history: { means: [], accuracy: [], after: null, key: '' },
    /** Refused text fields: the sample's index (a prediction) or `t<index>` (a regression target) -> { text, message }. */
    fieldErrors: new Map(),
    /** Fields being typed in, by the same keys: the value before the edit began, shown again while the field is refused. */
    typing: new Map(),
    /** One sentence each about the last change of space, of the samples, and the last step. */
    notes: { space: '', samples: '', step: '' },
  };

  /** 'value' for regression, else the binary space. */
  const spaceKey = () => (isRegression(state.loss) ? 'value' : state.space);

  /** The parameters a loss takes, as the engine names them: each one's value, or its domain's `off` value where it is off. */
  function paramsOf(loss) {
    const info = lossInfo(loss);
    return Object.fromEntries(
      Object.keys(info?.params ?? {}).map((name) => [name, state.off[name] ? info.domains[name].off : state.params[name]]),
    );
  }

  /** The request `evaluate` and `step` take. */
  function request(inputs = state.inputs, loss = state.loss) {
    if (isRegression(loss)) return { loss, params: paramsOf(loss), inputs, targets: state.targets };
    return { loss, space: state.space, params: paramsOf(loss), inputs, targets: state.targets };
  }

  /** The engine's result, or an error when a loss overflows (a squared error past about 1e154): never infinity on screen. */
  function evaluateFinite(req) {
    const r = engine.evaluate(req);
    if (Number.isFinite(r.sum)) return r;
    const i = Array.from(r.perSample).findIndex((v) => !Number.isFinite(v));
    throw new Error(`the ${nameOf(req.loss)} of sample ${i + 1} overflows to ${r.perSample[i]}: use smaller numbers`);
  }

  /**
   * The inverse of the sigmoid, clamped to the slider's span: log(p) − log(1 − p), rounded (see
   * activationDigits).
   */
  function logitOf(p) {
    return activationDigits(Math.min(SLIDER.logit.max, Math.max(SLIDER.logit.min, engine.logit(p))));
  }

  /** Probabilities as the current space shows them. */
  const inSpace = (probabilities) => probabilities.map((p) => (state.space === 'logit' ? logitOf(p) : p));

  function setSpace(space) {
    if (space === state.space) return;
    state.inputs = state.inputs.map((v) => (space === 'logit' ? logitOf(v) : probabilityDigits(engine.sigmoid(v))));
    state.space = space;
    forgetFields();
  }

  /** The reader chose a space: the inputs are converted, and the note says how. */
  function chooseSpace(space) {
    setSpace(space);
    state.notes.space = `${SPACE_WORDS[space].moved}.`;
  }

  /** A binary or regression loss; another family starts from its own example. */
  function setLoss(loss) {
    const before = familyOf(state.loss);
    const family = familyOf(loss);
    // A loss of the same family that refuses these samples (poisson_nll takes counts, 0 or more) is not
    // taken: the lab keeps its loss and says why.
    if (family === before && family === 'regression') {
      try {
        evaluateFinite(request(state.inputs, loss));
      } catch (error) {
        state.notes.samples = `${capitalise(nameOf(loss))} cannot score these samples: ${error.message}.`;
        return;
      }
    }
    state.loss = loss;
    if (family !== before) {
      const seed = family === 'regression' ? REGRESSION_SEED : SEED;
      state.inputs = family === 'regression' ? [...seed.inputs] : inSpace(seed.inputs);
      state.targets = [...seed.targets];
      state.compare = [...COMPARE_DEFAULTS[family]];
      forgetFields();
      state.notes.samples =
        family === 'regression'
          ? 'Regression scores real numbers: targets y 1, 2, 3 and predictions ŷ 1.2, 1.7, 3.4. Type any target.'
          : 'Back to yes-or-no targets: the story’s example.';
    }
    if (family === 'regression') {
      state.notes.space = '';
      return;
    }
    const spaces = lossInfo(loss).spaces;
    const name = capitalise(nameOf(loss));
    if (!spaces.includes(state.space)) {
      const target = spaces[0];
      setSpace(target);
      state.notes.space = `${name} takes ${target === 'logit' ? 'raw activations' : 'probabilities'} only, so ${SPACE_WORDS[target].moved.toLowerCase()}.`;
    } else {
      state.notes.space = spaces.length === 1 ? `${name} takes raw activations only.` : '';
    }
  }

  /** A setting that is only stored: learningRate, showGrad, backward. */
  function set(key, value) {
    state[key] = value;
  }

  /** A loss parameter from its control, by the catalogue's name (γ, α, δ, β). */
  function setParam(name, value) {
    state.params[name] = value;
  }

  /** The parameters `apply` leaves for `loss` from `given` (name → value; a domain's `off` value turns one off), over the state's. */
  function paramsFrom(loss, given) {
    const { domains } = lossInfo(loss);
    const params = { ...state.params };
    const off = {};
    for (const [name, value] of Object.entries(given)) {
      if (value === domains[name]?.off) off[name] = true;
      else params[name] = value;
    }
    return { params, off };
  }

  /** Turns a parameter off (its domain's `off` value: focal's α = −1) or on again at the value it had. */
  function setOff(name, on) {
    state.off[name] = on;
  }

  /** A prediction from its slider. */
  function slide(index, value) {
    state.inputs[index] = value;
    forgetField(index);
  }

  /** A prediction from a dot dragged on the loss curve to `wanted` (for regression, the error d: the prediction is y + d). */
  function dragTo(index, wanted) {
    const { min, max, step } = SLIDER[spaceKey()];
    const value = ofError(state.loss) ? state.targets[index] + wanted : wanted;
    const clamped = Math.min(max, Math.max(min, Math.round(value / (step / 10)) * (step / 10)));
    slide(index, Number(clamped.toFixed(3)));
  }

  /** Stores a typed prediction if the engine accepts it, else the message beside its field. */
  function typeInput(index, text, committed) {
    const shown = text.trim() === '' ? 'An empty field' : `“${text.trim()}”`;
    const hint = {
      prob: 'a probability between 0 and 1, such as 0.75',
      value: 'a prediction such as 2.5 or -1',
      logit: 'an activation such as -2.5 or 3',
    }[spaceKey()];
    store(state.inputs, index, index, text, committed, `${shown} is not a number: type ${hint}.`, (inputs) => request(inputs));
  }

  /** Stores a typed regression target the same way; its refusal is kept under the key `t<index>`. */
  function typeTarget(index, text, committed) {
    const shown = text.trim() === '' ? 'An empty target' : `The target “${text.trim()}”`;
    const notNumber = `${shown} is not a number: type one such as 3 or -0.5.`;
    store(state.targets, `t${index}`, index, text, committed, notNumber, (targets) => ({ ...request(), targets }));
  }

  /**
   * Puts a typed number into `list[index]` if the engine accepts the request `ask(candidate)`, else
   * records why. While the field is refused, the lab shows the value from before this edit began
   * (never a partial keystroke: "1" of "1.5" is not kept once "1.5" is refused).
   */
  function store(list, key, index, text, committed, notNumber, ask) {
    if (!state.typing.has(key)) state.typing.set(key, list[index]);
    if (!committed && isUnfinishedNumber(text)) {
      state.fieldErrors.delete(key);
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
    if (message) {
      state.fieldErrors.set(key, { text, message });
      list[index] = state.typing.get(key);
      return;
    }
    list[index] = value;
    state.fieldErrors.delete(key);
    if (committed) state.typing.delete(key);
  }

  /** Escape in a field: the value from before the edit comes back; returns the text the field shows again. */
  function restoreField(index, field) {
    const key = field === 'target' ? `t${index}` : index;
    const list = field === 'target' ? state.targets : state.inputs;
    if (state.typing.has(key)) list[index] = state.typing.get(key);
    forgetField(key);
    return formatInput(list[index]);
  }

  /** A field's refusal and its edit in progress are dropped (another control set its value). */
  function forgetField(key) {
    state.fieldErrors.delete(key);
    state.typing.delete(key);
  }

  /** Every field's refusal and edit in progress are dropped (the samples were replaced). */
  function forgetFields() {
    state.fieldErrors.clear();
    state.typing.clear();
  }

  function toggleTarget(index) {
    state.targets[index] = state.targets[index] >= 0.5 ? 0 : 1;
  }

  function addSample() {
    if (state.inputs.length >= MAX_SAMPLES) return;
    const regression = spaceKey() === 'value';
    // A new regression sample is right on target; a new binary one undecided.
    const value = regression ? (state.targets.at(-1) ?? 0) : NEW_SAMPLE[state.space];
    state.inputs.push(value);
    state.targets.push(regression ? value : NEW_SAMPLE.target);
    const n = state.inputs.length;
    if (n >= MAX_SAMPLES) state.notes.samples = `Sample ${n} added. ${MAX_SAMPLES} samples is as many as this page holds.`;
    else if (regression) state.notes.samples = `Sample ${n} added, predicting its target ${formatInput(value)} exactly.`;
    else state.notes.samples = `Sample ${n} added, undecided at ${NEW_SAMPLE[state.space]}.`;
  }

  function removeSample(index) {
    if (state.inputs.length <= MIN_SAMPLES) return;
    state.inputs.splice(index, 1);
    state.targets.splice(index, 1);
    // The fields after it move up; a refused target is dropped with its row's neighbours moving.
    const shift = (map) => {
      const shifted = new Map();
      for (const [i, entry] of map) {
        if (typeof i !== 'number') continue;
        if (i < index) shifted.set(i, entry);
        else if (i > index) shifted.set(i - 1, entry);
      }
      return shifted;
    };
    state.fieldErrors = shift(state.fieldErrors);
    state.typing = shift(state.typing);
    state.notes.samples =
      state.inputs.length <= MIN_SAMPLES
        ? `Sample ${index + 1} removed. One sample is the least a loss can score.`
        : `Sample ${index + 1} removed; the ones after it moved up.`;
  }

  /** Loads a preset of the current family (config.js PRESETS). */
  function applyPreset(name) {
    const family = familyOf(state.loss);
    const preset = PRESETS[family]?.[name];
    if (!preset) return;
    state.inputs = family === 'regression' ? [...preset.inputs] : inSpace(preset.inputs);
    state.targets = [...preset.targets];
    forgetFields();
    state.notes.samples = `Example loaded: ${preset.line}`;
  }

  function reset() {
    Object.assign(state, {
      loss: SEED.loss,
      space: SEED.space,
      inputs: [...SEED.inputs],
      targets: [...SEED.targets],
      params: paramDefaults(),
      off: {},
      compare: [...COMPARE_DEFAULTS.binary],
      notes: { space: '', samples: 'Back to the example: targets 1, 0, 1 and predictions 0.9, 0.2, 0.3.', step: '' },
    });
    forgetFields();
  }

  /** Adds or removes a loss in Compare, kept in menu order. */
  function toggleCompare(id, on) {
    state.compare = on ? [...new Set([...state.compare, id])] : state.compare.filter((c) => c !== id);
    state.compare.sort((a, b) => LOSS_IDS.indexOf(a) - LOSS_IDS.indexOf(b));
  }

  function setOpen(panel, on) {
    if (on) state.open.add(panel);
    else state.open.delete(panel);
  }

  /** The losses Compare can show now: the current family's, in a space they take. */
  function comparable() {
    const family = familyOf(state.loss);
    const usable = (id) => familyOf(id) === family && (family === 'regression' || lossInfo(id).spaces.includes(state.space));
    const chosen = state.compare.filter(usable);
    const skipped = state.compare.filter((id) => familyOf(id) === family && !chosen.includes(id));
    return { usable, chosen, skipped, full: state.compare.length >= COMPARE_MAX };
  }

  /**
   * One step of gradient descent with the engine's `step`; a run lasts until anything else changes.
   * `quiet` (while training): the step note is left to the run's summary. Returns whether any input moved.
   */
  function step({ quiet = false } = {}) {
    const req = request();
    const now = engine.evaluate(req);
    const h = state.history;
    const key = JSON.stringify([req.loss, req.space, req.params, req.targets, state.learningRate]);
    if (h.key !== key || String(h.after) !== String(state.inputs)) {
      h.means = [now.mean];
      h.accuracy = [accuracy()];
      h.key = key;
    }
    let next;
    try {
      next = Array.from(engine.step(req, state.learningRate));
    } catch (error) {
      state.notes.step = capitalise(error.message);
      return false;
    }
    const moved = next.some((v, i) => v !== state.inputs[i]);
    if (!moved) {
      // Nothing to draw or to count as a step: say why, even while training (the run stops on it).
      if (h.means.length < 2) {
        h.means = [];
        h.accuracy = [];
      }
      state.notes.step = now.grad.every((g) => g === 0)
        ? 'Nothing moved: every gradient is zero.'
        : 'Nothing moved: every prediction is already at the end of its range.';
      return false;
    }
    const after = engine.evaluate(request(next));
    h.means.push(after.mean);
    h.after = next.slice();
    state.inputs = next;
    h.accuracy.push(accuracy());
    forgetFields();
    if (!quiet) {
      const flatNow = after.grad.every((g) => g === 0);
      state.notes.step = `Mean loss ${formatLoss(now.mean)} → ${formatLoss(after.mean)}.${flatNow ? ' Now every gradient is zero.' : ''}`;
    }
    return true;
  }

  /**
   * The loss curve of the current loss, kept until the loss, its parameters (or the targets it is drawn
   * for) change: `ys` for targets 1 and 0 (binary), for the error d (regression), or for each distinct
   * target, the first CURVE_TARGETS_MAX of them, against the prediction (poisson_nll: `targets`).
   */
  let curveGrid = { key: '' };
  function curve() {
    const base = request();
    const error = ofError(state.loss);
    const byPrediction = isRegression(state.loss) && !error;
    const targets = byPrediction ? [...new Set(state.targets)].slice(0, CURVE_TARGETS_MAX) : error ? [0] : [1, 0];
    const key = JSON.stringify([base.loss, base.space, base.params, targets]);
    if (curveGrid.key !== key) {
      // Regression: the loss of an error d is that of predicting d for a target of 0.
      const xs = gridOf(error || byPrediction ? 'error' : state.space);
      const targetsOf = (t) => new Float64Array(GRID_POINTS).fill(t);
      const ys = targets.map((t) => engine.evaluate({ ...base, inputs: xs, targets: targetsOf(t) }).perSample);
      curveGrid = { key, xs, ys, targets: byPrediction ? targets : null };
    }
    return curveGrid;
  }

  /** The sigmoid over the activations' span. */
  let sigmoidGrid = null;
  function sigmoidCurve() {
    if (!sigmoidGrid) {
      const xs = gridOf('logit');
      sigmoidGrid = { xs, ys: xs.map((x) => engine.sigmoid(x)) };
    }
    return sigmoidGrid;
  }

  /**
   * Accuracy, the book's metric beside the loss: how many samples are on the right side of p = 0.5,
   * counted from the engine's 0-1 loss (0 where right). `{ right, n }`, or null for regression.
   */
  function accuracy() {
    if (isRegression(state.loss)) return null;
    const wrong = engine.evaluate({ ...request(state.inputs, 'zero_one'), params: {} }).perSample;
    return { right: wrong.filter((v) => v === 0).length, n: wrong.length };
  }

  /** The gradients the page shows (gradient.js): of the sum, or of the mean over the N samples. */
  const gradients = (result) => shownGradients(result.grad, state.inputs.length, state.backward);

  /** A run of steps starts: the note says so (an earlier single step's sentence would contradict the run's summary). */
  function started() {
    state.notes.step = 'Training: one step of gradient descent after another, until you pause.';
  }

  /** A run of steps ended: `why`, or how far the mean came. If no step ever moved anything, the step's own note stays. */
  function stopped(why = '') {
    if (state.history.means.length < 2 && state.notes.step.startsWith('Nothing moved')) return;
    const m = state.history.means;
    state.notes.step =
      why || (m.length > 1 ? `Paused. Mean loss ${formatLoss(m[0])} → ${formatLoss(m.at(-1))} over ${m.length - 1} steps.` : '');
  }

  /** The state as the fields of state.js: what the element's attributes and the page's address hold. */
  function snapshot() {
    return {
      loss: state.loss,
      space: isRegression(state.loss) ? undefined : state.space,
      targets: state.targets.slice(),
      predictions: state.inputs.slice(),
      params: paramsOf(state.loss),
      compare: state.compare.slice(),
      lr: state.learningRate,
      grad: state.showGrad,
      backward: state.backward,
      open: PANELS.filter((name) => state.open.has(name)),
    };
  }

  /**
   * Takes a partial state (fields as state.js reads them) over the defaults. What the engine refuses
   * falls back to the default; returns the problems, each naming the field and the value.
   */
  function apply(config) {
    const problems = [];
    const loss = config.loss ?? SEED.loss;
    const family = familyOf(loss);
    const name = nameOf(loss);
    const regression = family === 'regression';
    const spaces = lossInfo(loss).spaces;
    let space = regression ? SEED.space : (config.space ?? (spaces.includes(SEED.space) ? SEED.space : spaces[0]));
    if (regression && config.space) problems.push(`${name} takes predictions as they are, so space “${config.space}” is not used`);
    if (!regression && !spaces.includes(space)) {
      problems.push(`${name} takes ${spaces[0] === 'logit' ? 'raw activations' : 'probabilities'} only, not space “${space}”`);
      space = spaces[0];
    }
    const defaults = { ...lossInfo(loss).params };
    const params = { ...defaults };
    for (const [param, value] of Object.entries(config.params ?? {})) {
      if (Object.hasOwn(defaults, param)) params[param] = value;
      else problems.push(`${name} has no parameter “${param}”`);
    }
    const samples = applySamples(config, { loss, family, space, params, defaults }, problems);
    const compare = (config.compare ?? []).filter((id) => familyOf(id) === family);
    if (config.compare && compare.length < config.compare.length) {
      problems.push(`compare “${config.compare.join(',')}” mixes families: only ${family} losses compare with ${name}`);
    }
    Object.assign(state, {
      loss,
      space,
      ...paramsFrom(loss, samples.params),
      inputs: [...samples.inputs],
      targets: [...samples.targets],
      compare: config.compare ? compare : [...COMPARE_DEFAULTS[family]],
      learningRate: config.lr ?? state.learningRate,
      showGrad: config.grad ?? state.showGrad,
      backward: config.backward ?? state.backward,
      history: { means: [], accuracy: [], after: null, key: '' },
      notes: { space: '', samples: '', step: '' },
    });
    if (config.open) state.open = new Set(PANELS.filter((panel) => config.open.includes(panel)));
    forgetFields();
    return problems;
  }

  /** apply()'s samples: each field checked on its own, then paired; what fails falls back to the family's example. */
  function applySamples(config, { loss, family, space, params, defaults }, problems) {
    const name = nameOf(loss);
    const regression = family === 'regression';
    let targets = config.targets;
    let inputs = config.predictions;
    const seed = regression ? REGRESSION_SEED : SEED;
    // Rows (a matrix) belong to many classes or labels.
    for (const [field, value] of [
      ['predictions', inputs],
      ['targets', targets],
    ]) {
      if (value && Array.isArray(value[0])) {
        problems.push(
          `${field} “${value.map((row) => row.join(',')).join(';')}” are rows, which ${name} does not take: one number per sample`,
        );
        if (field === 'predictions') inputs = null;
        else targets = null;
      }
    }
    if (targets) {
      try {
        const probe = targets.map(() => (regression ? 0 : 0.5));
        if (regression) engine.evaluate({ loss, params, inputs: probe, targets });
        else engine.evaluate({ space: 'prob', loss: 'distance', params: {}, inputs: probe, targets });
      } catch (error) {
        problems.push(`targets: ${error.message}`);
        targets = null;
      }
    }
    if (targets && !regression && !targets.every((t) => t === 0 || t === 1)) {
      problems.push(`targets “${targets.join(',')}” must each be 0 or 1 for ${name}`);
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
    return candidate;
  }

  return {
    state,
    spaceKey,
    paramsOf,
    request,
    evaluate: () => engine.evaluate(request()),
    /** The same samples under another loss of the family (Compare). */
    evaluateAs: (loss) => engine.evaluate(request(state.inputs, loss)),
    gradients,
    accuracy,
    curve,
    sigmoidCurve,
    evaluateFinite,
    setLoss,
    chooseSpace,
    set,
    setParam,
    setOff,
    slide,
    dragTo,
    typeInput,
    typeTarget,
    restoreField,
    toggleTarget,
    addSample,
    removeSample,
    applyPreset,
    reset,
    toggleCompare,
    setOpen,
    comparable,
    step,
    started,
    stopped,
    snapshot,
    apply,
  };
}
