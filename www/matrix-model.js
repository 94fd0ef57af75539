// The state of the lab for many classes (softmax, cross-entropy) and many labels (a sigmoid and
// bce per label), and every change a reader can make to it, without DOM. Runs under node --test.

import { RATES } from './config.js';
import { capitalise, formatLoss } from './format.js';
import { shownGradients } from './gradient.js';

export const CLASSES = 'cross_entropy';
export const LABELS = 'multilabel_bce';
/** The names of the K classes or labels, by loss. */
export const NAMES = {
  [CLASSES]: 'cat dog bird fish frog horse deer ship truck plane'.split(' '),
  [LABELS]: 'sky person dog car tree water road grass snow boat'.split(' '),
};
/** The examples: one confident and right, one unsure, one confident and wrong. */
const EXAMPLES = {
  [CLASSES]: {
    inputs: [
      [3, 0.5, -1],
      [0.8, 1, 0.6],
      [2.5, -0.5, -1.5],
    ],
    targets: [0, 1, 2],
  },
  [LABELS]: {
    inputs: [
      [2.5, 1.5, -2, -1],
      [0.5, -0.3, 0.2, -1.5],
      [-2, 2, 1.5, -0.5],
    ],
    targets: [
      [1, 1, 0, 0],
      [1, 0, 1, 0],
      [1, 0, 0, 1],
    ],
  },
};
export const N_MAX = 8;
export const K_MIN = 2;
export const K_MAX = 10;
/** Panels a reader opens and closes (the address keeps them). */
export const MATRIX_PANELS = ['compare', 'code'];

/** A reader's value inside a message: as JSON, at most 40 characters. */
const quote = (v) => `“${String(JSON.stringify(v)).slice(0, 40)}”`;
const oneHot = (c, k) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0));

/** Creates the matrix lab's model over a loaded `engine`. */
export function createMatrixModel(engine) {
  const state = {
    loss: CLASSES,
    /** N rows of K activations. */
    inputs: [],
    /** Many classes: the target class of each sample. */
    classes: [],
    /** Many labels: a row of 0s and 1s per sample. Both are kept, so a switch carries the targets over. */
    labels: [],
    smoothing: 0,
    threshold: 0.5,
    learningRate: 1,
    showGrad: true,
    /** Which gradient the page shows: of the mean loss (the default) or of the sum, as in the binary lab. */
    backward: 'mean',
    open: new Set(),
    /** The current run of steps: the mean (and the accuracy) before the first and after each, at one learning rate. */
    run: null,
    /** The last change's sentence, and a refused step's. */
    notes: { change: '', step: '' },
  };

  const isClasses = () => state.loss === CLASSES;
  const params = () => (isClasses() ? { label_smoothing: state.smoothing } : {});
  const request = (inputs = state.inputs) => ({
    loss: state.loss,
    params: params(),
    inputs,
    targets: isClasses() ? state.classes : state.labels,
  });
  const k = () => state.inputs[0].length;

  /** The reader changed the samples: a run of steps starts afresh. */
  function edited() {
    state.run = null;
    state.notes.step = '';
  }

  /** The other loss, with the same activations; a class becomes its one label, the first label the class. */
  function setLoss(loss) {
    if (loss === state.loss) return;
    if (loss === LABELS) state.labels = state.classes.map((c) => oneHot(c, k()));
    else state.classes = state.labels.map((row) => Math.max(0, row.indexOf(1)));
    state.loss = loss;
    state.notes.change = 'Same activations; the targets carried over.';
    edited();
  }

  /** Adds or removes the last sample (`dn`) or the last class (`dk`). */
  function resize(dn, dk) {
    const width = k() + dk;
    if (width < K_MIN || width > K_MAX || state.inputs.length + dn < 1 || state.inputs.length + dn > N_MAX) return;
    if (dk > 0) {
      for (const row of [...state.inputs, ...state.labels]) row.push(0);
    } else if (dk < 0) {
      for (const row of [...state.inputs, ...state.labels]) row.pop();
      state.classes = state.classes.map((c) => Math.min(c, width - 1));
    }
    if (dn > 0) {
      state.inputs.push(Array(width).fill(0));
      state.classes.push(0);
      state.labels.push(Array(width).fill(0));
    } else if (dn < 0) {
      state.inputs.pop();
      state.classes.pop();
      state.labels.pop();
    }
    edited();
  }

  function setInput(i, j, value) {
    state.inputs[i][j] = value;
    edited();
  }

  function setClass(i, c) {
    state.classes[i] = c;
    edited();
  }

  function toggleLabel(i, j) {
    state.labels[i][j] = 1 - state.labels[i][j];
    edited();
  }

  /** Label smoothing changes the loss: a new run. The threshold, learning rate and gradient switch do not. */
  function set(key, value) {
    state[key] = value;
    if (key === 'smoothing') edited();
  }

  function setOpen(panel, on) {
    if (on) state.open.add(panel);
    else state.open.delete(panel);
  }

  /** Every activation through a sigmoid (multilabel_bce's probabilities are exactly that), for Compare. */
  function sigmoids() {
    return engine.evaluate({ loss: LABELS, inputs: state.inputs, targets: state.inputs.map((row) => row.map(() => 0)) }).probs;
  }

  /** One step of gradient descent on the mean loss, with the engine's `step`; false if nothing moved. */
  function step() {
    let next;
    try {
      next = engine.step(request(), state.learningRate);
    } catch (error) {
      state.notes.step = capitalise(error.message);
      return false;
    }
    // A run keeps the mean loss before its first step and after each one; an edit or a new learning rate starts a new one.
    if (state.run?.learningRate !== state.learningRate) {
      const first = engine.evaluate(request());
      state.run = { means: [first.mean], accuracy: [accuracy(first)], learningRate: state.learningRate };
    }
    const width = k();
    let moved = false;
    state.inputs = state.inputs.map((row, i) =>
      row.map((v, j) => {
        moved ||= next[i * width + j] !== v;
        return next[i * width + j];
      }),
    );
    const after = engine.evaluate(request());
    state.run.means.push(after.mean);
    state.run.accuracy.push(accuracy(after));
    return moved;
  }

  /**
   * Accuracy beside the loss, from the engine's probabilities: many classes, the samples whose most
   * probable class is the target; many labels, the N × K labels on the right side of the threshold.
   */
  function accuracy(result) {
    const k = state.inputs[0].length;
    let right = 0;
    state.inputs.forEach((_, i) => {
      const p = Array.from(result.probs.subarray(i * k, i * k + k));
      if (isClasses()) right += p.indexOf(Math.max(...p)) === state.classes[i] ? 1 : 0;
      else right += p.filter((pk, j) => pk >= state.threshold === (state.labels[i][j] === 1)).length;
    });
    return { right, n: isClasses() ? state.inputs.length : state.inputs.length * k };
  }

  /** The gradients the page shows (gradient.js): of the sum, or of the mean over the N rows. */
  const gradients = (result) => shownGradients(result.grad, state.inputs.length, state.backward);

  /** What the step note says about the current run (`training`: while it goes on), or the refusal of the last step. */
  function stepNote(mean, training) {
    if (!state.run) return state.notes.step;
    // One sentence for a whole run (a live region): the mean after each step is the training chart's.
    if (training) return 'Training: one step of gradient descent after another, until you pause.';
    const means = state.run.means;
    const steps = means.length - 1;
    return `${training ? 'Training. ' : ''}Mean loss ${formatLoss(means[0])} → ${formatLoss(mean)} after ${steps} step${steps === 1 ? '' : 's'}.`;
  }

  /** The whole state, in the shape `apply` takes. */
  function snapshot() {
    return {
      loss: state.loss,
      predictions: state.inputs.map((row) => [...row]),
      targets: isClasses() ? [...state.classes] : state.labels.map((row) => [...row]),
      params: params(),
      threshold: state.threshold,
      lr: state.learningRate,
      grad: state.showGrad,
      backward: state.backward,
      open: MATRIX_PANELS.filter((p) => state.open.has(p)),
    };
  }

  /** Takes a partial config over the defaults; returns the problems, each naming the field and value. */
  function apply(config = {}) {
    const problems = [];
    const check = (name, ok, expected) => {
      if (config[name] === undefined || ok(config[name])) return config[name] !== undefined;
      problems.push(`${name} ${quote(config[name])} is not ${expected}`);
      return false;
    };
    const loss = check('loss', (v) => v === CLASSES || v === LABELS, `${CLASSES} or ${LABELS}`) ? config.loss : CLASSES;
    const classes = loss === CLASSES;
    const rowsOk = (v) =>
      Array.isArray(v) && v.length >= 1 && v.length <= N_MAX && v.every((r) => Array.isArray(r) && r.length >= K_MIN && r.length <= K_MAX);
    const targetsOk = classes ? (v) => Array.isArray(v) : (v) => rowsOk(v) && v.every((r) => r.every((b) => b === 0 || b === 1));
    let x = check('predictions', rowsOk, `1 to ${N_MAX} rows of ${K_MIN} to ${K_MAX} activations`) ? config.predictions : null;
    let t = check('targets', targetsOk, classes ? 'a class index per sample' : 'rows of 0s and 1s') ? config.targets : null;
    if (x && !t) t = classes ? x.map(() => 0) : x.map((r) => r.map(() => 0));
    if (t && !x) x = t.map((r) => (classes ? [0, 0, 0] : r.map(() => 0)));
    const smoothing = config.params?.label_smoothing ?? 0;
    for (const name of Object.keys(config.params ?? {}))
      if (!classes || name !== 'label_smoothing') problems.push(`${loss} has no parameter “${name}”`);
    const candidate = {
      loss,
      params: classes ? { label_smoothing: smoothing } : {},
      inputs: x ?? EXAMPLES[loss].inputs,
      targets: t ?? EXAMPLES[loss].targets,
    };
    try {
      engine.evaluate(candidate);
    } catch (error) {
      problems.push(error.message);
      candidate.params = classes ? { label_smoothing: 0 } : {};
      try {
        engine.evaluate(candidate);
      } catch {
        Object.assign(candidate, EXAMPLES[loss]);
      }
    }
    state.loss = loss;
    state.inputs = candidate.inputs.map((r) => [...r]);
    const width = k();
    state.classes = classes ? [...candidate.targets] : candidate.targets.map((r) => Math.max(0, r.indexOf(1)));
    state.labels = classes ? state.classes.map((c) => oneHot(c, width)) : candidate.targets.map((r) => [...r]);
    state.smoothing = candidate.params.label_smoothing ?? 0;
    state.threshold = check('threshold', (v) => typeof v === 'number' && v >= 0 && v <= 1, 'a number from 0 to 1') ? config.threshold : 0.5;
    // The learning rate and the gradient's switches stay as they were unless given, as in the binary lab.
    if (check('lr', (v) => RATES.includes(v), `one of ${RATES.join(', ')}`)) state.learningRate = config.lr;
    if (check('grad', (v) => typeof v === 'boolean', 'true or false')) state.showGrad = config.grad;
    if (check('backward', (v) => v === 'mean' || v === 'sum', 'mean or sum')) state.backward = config.backward;
    const panelsOk = (v) => Array.isArray(v) && v.every((p) => MATRIX_PANELS.includes(p));
    state.open = new Set(check('open', panelsOk, `a list of ${MATRIX_PANELS.join(', ')}`) ? config.open : []);
    state.run = null;
    state.notes = { change: '', step: '' };
    return problems;
  }

  return {
    state,
    isClasses,
    params,
    request,
    evaluate: () => engine.evaluate(request()),
    sigmoids,
    gradients,
    accuracy,
    setLoss,
    resize,
    setInput,
    setClass,
    toggleLabel,
    set,
    setOpen,
    step,
    stepNote,
    snapshot,
    apply,
  };
}
