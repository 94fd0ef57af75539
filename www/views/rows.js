// The sample rows of the binary and regression lab: a target (a toggle, or a typed number for
// regression), a prediction as a slider and a typed field, its loss, σ(x) and gradient. Rows are
// added and removed at the end only, and written again only when one of their numbers changed.

import { MIN_SAMPLES, SLIDER, SPACE_WORDS } from '../config.js';
import { setAttr, setAttrs, setFlag, setText } from '../dom.js';
import { formatGradient, formatInput, formatLoss } from '../format.js';

/** The elements under `node` with an `attr` (id or class), by its first word in camelCase: #loss-select is lossSelect. */
export function named(node, attr) {
  const found = {};
  for (const child of node.querySelectorAll(`[${attr}]`)) {
    found[
      child
        .getAttribute(attr)
        .split(' ')[0]
        .replace(/-(\w)/g, (_, c) => c.toUpperCase())
    ] ??= child;
  }
  return found;
}

/** The sample (0-based) a node inside a row belongs to, or -1. */
export function sampleOf(node) {
  const li = node.closest('li.sample');
  return li ? Number(li.dataset.sample) - 1 : -1;
}

/** How long typing pauses before a field's error is written (and announced). */
const ERROR_PAUSE_MS = 700;

export class RowsView {
  /**
   * `list` is the <ol>, `template` the row's <template>, `root` the shadow root (to know what has focus).
   * `edits` hears the reader: slide(i, value), type(i, text, committed) and typeTarget(i, text, committed)
   * (committed, they return the field's new text, or null while it is refused), restore(i, 'prediction' |
   * 'target') returning the field's text, toggleTarget(i), remove(i).
   */
  constructor({ list, template, root, edits }) {
    this.list = list;
    this.template = template;
    this.root = root;
    this.rows = [];
    list.addEventListener('input', (event) => {
      const node = event.target;
      const i = sampleOf(node);
      if (i < 0) return;
      if (node.classList.contains('pred-range')) edits.slide(i, Number(node.value));
      else if (node.classList.contains('pred-field')) edits.type(i, node.value, false);
      else if (node.classList.contains('target-field')) edits.typeTarget(i, node.value, false);
    });
    list.addEventListener('change', (event) => {
      const node = event.target;
      const i = sampleOf(node);
      // A committed number is shown as the lab will keep it; a refused one stays as typed.
      const kept = node.classList.contains('pred-field')
        ? edits.type(i, node.value, true)
        : node.classList.contains('target-field') && edits.typeTarget(i, node.value, true);
      if (typeof kept === 'string') node.value = kept;
    });
    list.addEventListener('keydown', (event) => {
      const node = event.target;
      if (event.key !== 'Escape') return;
      if (node.classList.contains('pred-field')) node.value = edits.restore(sampleOf(node), 'prediction');
      else if (node.classList.contains('target-field')) node.value = edits.restore(sampleOf(node), 'target');
    });
    list.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      const i = button ? sampleOf(button) : -1;
      if (i < 0) return;
      if (button.classList.contains('target')) edits.toggleTarget(i);
      else if (button.classList.contains('remove')) edits.remove(i);
    });
  }

  /** Row `i`'s parts (after an update that has it). */
  row(i) {
    return this.rows[i];
  }

  make(index) {
    const n = index + 1;
    const li = this.template.content.firstElementChild.cloneNode(true);
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

  /** `state` is the lab model's, `space` its spaceKey(), `lossTexts` the losses as shown, `grads` the gradients shown. */
  update({ state, result, grads, lossTexts, space, readonly, gradients }) {
    const n = state.inputs.length;
    while (this.rows.length < n) {
      const row = this.make(this.rows.length);
      this.rows.push(row);
      this.list.append(row.li);
    }
    while (this.rows.length > n) this.rows.pop().li.remove();
    const context = { space, readonly, gradients, probs: result.probs, active: this.root.activeElement, alone: n <= MIN_SAMPLES };
    for (let i = 0; i < n; i++) this.updateRow(i, state, grads[i], lossTexts[i], context);
  }

  /**
   * Writes a row's error into its alert. While its field is being typed in, only once the typing
   * pauses: an alert per keystroke ("a", "ab", "abc" were three) says nothing the last would not.
   */
  showError(row, message, typing) {
    clearTimeout(row.errorTimer);
    if (!typing || !message) setText(row.fieldError, message);
    else row.errorTimer = setTimeout(() => setText(row.fieldError, message), ERROR_PAUSE_MS);
  }

  updateRow(i, state, g, loss, { space, readonly, gradients, probs, active, alone }) {
    const row = this.rows[i];
    const value = state.inputs[i];
    const target = state.targets[i];
    const problem = state.fieldErrors.get(i);
    const targetProblem = state.fieldErrors.get(`t${i}`);
    // A row is written again only when one of its numbers or settings changed.
    const key = [value, target, loss, probs?.[i], g, problem?.text, problem?.message, targetProblem?.text, targetProblem?.message]
      .concat([alone, readonly, gradients, space])
      .join(' ');
    if (row.key === key) return;
    row.key = key;

    const regression = space === 'value';
    const positive = target >= 0.5;
    const words = SPACE_WORDS[space];
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
    setFlag(row.remove, 'disabled', alone || readonly);
    setFlag(row.target, 'disabled', readonly);
    setFlag(row.predRange, 'disabled', readonly);
    setFlag(row.predField, 'readOnly', readonly);

    setText(row.inputName, words.name);
    setText(row.inputVar, words.symbol);
    setText(row.fieldLabel, `Sample ${i + 1} ${words.name} ${words.symbol}, typed`);
    const sigma = probs ? `, sigmoid ${formatLoss(probs[i])}` : '';
    setAttrs(row.predRange, {
      ...SLIDER[space],
      'aria-valuetext': `${formatInput(value)}${sigma}, loss ${loss}`,
      // The accessible name says the target the prediction is scored against.
      'aria-label': regression
        ? `Sample ${i + 1}, target ${formatInput(target)}: ${words.name} ${words.symbol}`
        : `Sample ${i + 1}, target ${positive ? 1 : 0}: ${words.name} ${words.symbol}`,
    });
    if (Number(row.predRange.value) !== value) row.predRange.value = String(value);

    const text = problem ? problem.text : formatInput(value);
    if (row.predField !== active && row.predField.value !== text) row.predField.value = text;
    this.showError(
      row,
      [problem?.message, targetProblem?.message].filter(Boolean).join(' '),
      [row.predField, row.targetField].includes(active),
    );
    setAttr(row.predField, 'aria-invalid', problem ? 'true' : null);

    setFlag(row.probWrap, 'hidden', !probs);
    setFlag(row.gradWrap, 'hidden', !gradients);
    if (probs) setText(row.prob, formatLoss(probs[i]));
    setText(row.grad, formatGradient(g));
    setText(row.direction, g < 0 ? `→ raise ${words.symbol}` : g > 0 ? `← lower ${words.symbol}` : '· flat');
  }
}
