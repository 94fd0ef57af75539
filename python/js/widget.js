// The notebook widget's front end: anywidget's `{ initialize, render }` over <loss-lab>. tools/widget.mjs
// bundles this file with the element and everything it loads on first use into ONE module,
// python/src/losslab/static/widget.js (anywidget imports it from a blob: URL, where nothing can load
// from beside it).
//
// The Python traits are the element's state fields (state.js): `model`, `loss`, `space`, `targets`,
// `predictions`, `params`, `compare`, `points`, `sentences`, `weights`, `backward`; plus `views`,
// `readonly`, `compact`, `present` and `theme`, which are attributes only. Each view makes one <loss-lab>, sets
// it from the traits, and writes a reader's edit (its `change` event) back to them. The results
// (`mean`, `sum`, `per_sample`, `grad`, `notice`) are computed once per model, in `initialize`, from
// the traits alone, with the same engine and the same lab models the element uses (so a widget that is
// not on screen has them too): the gradient is the one the screen shows, of the mean loss (the
// engine's ÷ N) unless `backward` is 'sum'; for a model, that of the mean with respect to each weight.

import { LossLabElement } from '../../www/loss-lab.js';
import { loadEngine } from '../../www/engine.js';
import { createLabModel } from '../../www/lab-model.js';
import { createMatrixModel } from '../../www/matrix-model.js';
import { isMatrixLoss } from '../../www/registry.js';
import { readFields, writeFields } from '../../www/state.js';
import { createWeightsModel } from '../../www/weights-model.js';

/** The traits that are the element's state fields, in state.js's order. */
const FIELDS = ['model', 'loss', 'space', 'targets', 'predictions', 'params', 'compare', 'points', 'sentences', 'weights', 'backward'];
/** State the element keeps that the widget leaves alone (the page's address holds it): kept across a push. */
const KEPT = ['lr', 'grad', 'open', 'threshold'];
/** Data the kernel may leave as None (the element's example): filled in from what the element shows. */
const FILLED = ['targets', 'predictions', 'points', 'sentences', 'weights'];
/** Traits that are attributes of their own. */
const ATTRIBUTES = ['views', 'readonly', 'compact', 'present', 'theme'];

/**
 * One kit per page. anywidget evaluates this module once per widget (each from its own blob: URL): the
 * first evaluation registers <loss-lab> and leaves its engine and helpers here, and every later one
 * (another widget, a re-run cell) uses the same, so the elements and the results share one engine.
 */
const KIT = Symbol.for('losslab.widget');
globalThis[KIT] ??= { version: LOSSLAB_VERSION, loadEngine, evaluateFields, writeFields };
if (!customElements.get('loss-lab')) LossLabElement.define();
const kit = globalThis[KIT];

/** The traits as the element's text fields (absent where a trait is None: the element's default). */
function fieldsOf(model) {
  const config = {};
  for (const name of FIELDS) {
    const value = model.get(name);
    if (value !== null && value !== undefined) config[name] = value;
  }
  return kit.writeFields(config, FIELDS);
}

/**
 * What the element shows for these fields, computed as it computes it: readFields, then the lab the
 * fields call for (binary and regression, many classes and labels, or a model with weights) applies
 * them and evaluates. Returns the results, the notice the element shows, and the state it ends up in.
 */
function evaluateFields(engine, fields) {
  const { config, problems } = readFields(fields);
  const which = config.model ? 'weights' : isMatrixLoss(config.loss) ? 'matrix' : 'scalar';
  const lab = which === 'weights' ? createWeightsModel(engine) : which === 'matrix' ? createMatrixModel(engine) : createLabModel(engine);
  problems.push(...lab.apply(config));
  const r = lab.evaluate();
  let grad = Array.from(which === 'weights' ? r.grad : lab.gradients(r));
  if (which === 'matrix') {
    const k = r.cols;
    grad = Array.from({ length: r.rows }, (_, i) => grad.slice(i * k, i * k + k));
  }
  return {
    results: {
      mean: r.mean,
      sum: r.sum,
      per_sample: Array.from(r.perSample),
      grad,
      notice: problems.length ? `Shown with defaults instead: ${problems.join('; ')}.` : '',
    },
    state: lab.snapshot(),
  };
}

/** A value of the element's state as a trait: plain JSON (arrays, not typed arrays), null for absent. */
const asTrait = (value) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Sets the traits that differ and sends them to the kernel in one message. */
function save(model, values) {
  let changed = false;
  for (const [name, value] of Object.entries(values)) {
    if (same(model.get(name), value)) continue;
    model.set(name, value);
    changed = true;
  }
  if (changed) model.save_changes();
}

/**
 * Per model: the results, again after every change of a field from either side. Data the kernel left as
 * None (the element's example) is filled in from the state the element shows, so that `lab.predictions`
 * holds numbers once the widget exists (the space, compare and params stay None: the loss's defaults).
 */
async function initialize({ model }) {
  const engine = await kit.loadEngine();
  let queued = false;
  const update = () => {
    queued = false;
    let out;
    try {
      out = kit.evaluateFields(engine, fieldsOf(model));
    } catch (error) {
      // The element falls back to its example for anything it cannot use; this is a fault of the widget.
      save(model, { notice: `The widget could not compute the results: ${error?.message ?? error}` });
      return;
    }
    const filled = {};
    for (const name of FILLED) if (model.get(name) === null && out.state[name] !== undefined) filled[name] = asTrait(out.state[name]);
    save(model, { ...filled, ...out.results });
  };
  const later = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(update);
  };
  const events = FIELDS.map((name) => `change:${name}`);
  for (const event of events) model.on(event, later);
  update();
  return () => {
    for (const event of events) model.off(event, later);
  };
}

/** One <loss-lab> per view: the traits set it, and a reader's edit in it sets the traits. */
function render({ model, el }) {
  const lab = document.createElement('loss-lab');

  const showAttributes = () => {
    const views = model.get('views');
    if (views === null || views === undefined) lab.removeAttribute('views');
    else lab.setAttribute('views', [].concat(views).join(','));
    for (const flag of ['readonly', 'compact', 'present']) lab.toggleAttribute(flag, Boolean(model.get(flag)));
    const theme = model.get('theme');
    if (theme && theme !== 'auto') lab.setAttribute('theme', theme);
    else lab.removeAttribute('theme');
  };

  /** The fields the element was last set to or reported: a trait change that matches them is its own edit coming back. */
  let seen = fieldsOf(model);
  let queued = false;
  /** The traits into the element (once for all the traits one message from the kernel changes). */
  const push = () => {
    queued = false;
    const want = fieldsOf(model);
    if (same(want, seen)) return;
    seen = want;
    const have = lab.fields;
    const next = {};
    for (const name of KEPT) if (have[name] !== undefined) next[name] = have[name];
    lab.fields = { ...next, ...want };
  };
  const later = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(push);
  };

  /** A reader's edit: every field of the element's state becomes its trait (absent ones None). */
  const edited = (event) => {
    if (event.target !== lab) return;
    const values = {};
    for (const name of FIELDS) {
      if (name !== 'backward' || event.detail.backward !== undefined) values[name] = asTrait(event.detail[name]);
    }
    save(model, values);
    seen = fieldsOf(model);
  };

  showAttributes();
  lab.fields = seen;
  lab.addEventListener('change', edited);
  el.classList.add('losslab-widget');
  // Keys pressed in the lab are the lab's. JupyterLab's shortcuts (Lumino) match the event's target, which
  // the shadow root retargets to <loss-lab> (focused, as the host of the focused slider), not to the slider
  // or field inside; the attribute on that target turns them off. Without it, the notebook's command mode
  // took the arrow keys (the slider did not move), and keys typed into a field would reach it too (0 0 restarts the kernel).
  lab.setAttribute('data-lm-suppress-shortcuts', 'true');
  el.append(lab);

  const fieldEvents = FIELDS.map((name) => `change:${name}`);
  const attributeEvents = ATTRIBUTES.map((name) => `change:${name}`);
  for (const event of fieldEvents) model.on(event, later);
  for (const event of attributeEvents) model.on(event, showAttributes);
  return () => {
    for (const event of fieldEvents) model.off(event, later);
    for (const event of attributeEvents) model.off(event, showAttributes);
    lab.removeEventListener('change', edited);
    lab.remove();
  };
}

export default { initialize, render };
