// Two lists of the weights lab: every weight as a slider with its value and the gradient of the
// mean loss for it, and (for the words model) every sentence as a field with its label, its
// probability and its loss. Rows are made as needed and written again only when their numbers change.

import { setAttrs, setFlag, setText } from '../dom.js';
import { formatGradient, formatLoss } from '../format.js';
import { direction, formatTick } from './plot.js';

const fixed = (v, digits = 4) => (Object.is(v, -0) ? 0 : v).toFixed(digits);

/** The slider's range for a weight: c and b wide, w and word weights narrower. */
const RANGES = { c: [-20, 20], w: [-10, 10], b: [-20, 20], word: [-8, 8] };

export class WeightRowsView {
  /** `onSet(j, value)`: the reader moved weight j's slider. */
  constructor(list, onSet) {
    this.list = list;
    this.rows = [];
    list.addEventListener('input', (event) => {
      const j = Number(event.target.closest('li')?.dataset.j);
      if (event.target.type === 'range' && j >= 0) onSet(j, Number(event.target.value));
    });
  }

  /** `v`: names (c; w, b; the words then b), kinds (range keys), weights, grad, readonly. */
  update(v) {
    const n = v.names.length;
    while (this.rows.length < n) this.rows.push(this.make(this.rows.length));
    while (this.list.children.length > n) this.list.lastElementChild.remove();
    for (let j = 0; j < n; j++) {
      const row = this.rows[j];
      if (!row.li.isConnected) this.list.append(row.li);
      const w = v.weights[j];
      const g = v.grad[j];
      const key = `${v.names[j]} ${w} ${g} ${v.readonly}`;
      if (row.key === key) continue;
      row.key = key;
      const [min, max] = RANGES[v.kinds[j]];
      const label = v.kinds[j] === 'word' ? `weight of “${v.names[j]}”` : v.names[j];
      setText(row.name, v.kinds[j] === 'word' ? v.names[j] : v.names[j]);
      setAttrs(row.range, { min, max, 'aria-label': label, 'aria-valuetext': `${label}: ${formatTick(Number(w.toPrecision(6)))}` });
      // A weight beyond the slider's ends (after training, say) shows at the end; the number is exact.
      if (Number(row.range.value) !== w) row.range.value = String(w);
      setFlag(row.range, 'disabled', v.readonly);
      setText(row.value, fixed(w));
      setText(row.grad, formatGradient(g));
      setText(row.dir, direction(g, v.names[j])[0]);
      row.li.dataset.weight = String(w);
      row.li.dataset.grad = String(g);
    }
  }

  make(j) {
    const li = document.createElement('li');
    li.className = 'wl-weight';
    li.dataset.j = String(j);
    li.innerHTML =
      '<span class="wl-wname"></span><input type="range" step="0.1"><output aria-live="off" class="num wl-wvalue"></output>' +
      '<span class="wl-wgrad">gradient <output aria-live="off" class="num"></output> <span class="direction"></span></span>';
    const [name, range, value, gradWrap] = li.children;
    return { li, name, range, value, grad: gradWrap.querySelector('output'), dir: gradWrap.querySelector('.direction'), key: '' };
  }
}

export class SentencesView {
  /**
   * `edits`: type(i, text) → the problem ('' when taken), flip(i), remove(i). A refused sentence
   * stays in its field, marked, with the problem under it; the model keeps the last good one.
   */
  constructor(list, edits) {
    this.list = list;
    this.rows = [];
    list.addEventListener('change', (event) => {
      const i = Number(event.target.closest('li')?.dataset.i);
      if (event.target.tagName !== 'INPUT' || !(i >= 0)) return;
      const problem = edits.type(i, event.target.value);
      this.mark(i, problem);
    });
    list.addEventListener('keydown', (event) => {
      const i = Number(event.target.closest('li')?.dataset.i);
      if (event.target.tagName === 'INPUT' && event.key === 'Escape' && this.last) {
        event.target.value = this.last.sentences[i];
        this.mark(i, '');
      }
    });
    list.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      const i = Number(button?.closest('li')?.dataset.i);
      if (!button || !(i >= 0)) return;
      if (button.classList.contains('target')) edits.flip(i);
      else if (button.classList.contains('remove')) edits.remove(i);
    });
  }

  mark(i, problem) {
    const row = this.rows[i];
    setText(row.error, problem);
    setAttrs(row.field, { 'aria-invalid': problem ? 'true' : null });
    row.li.classList.toggle('is-invalid', Boolean(problem));
  }

  /** `v`: sentences, labels, zs (activations), probs, perSample, words (the words each sentence counts), readonly. */
  update(v) {
    this.last = v;
    const n = v.sentences.length;
    while (this.rows.length < n) this.rows.push(this.make(this.rows.length));
    while (this.list.children.length > n) this.list.lastElementChild.remove();
    for (let i = 0; i < n; i++) {
      const row = this.rows[i];
      if (!row.li.isConnected) this.list.append(row.li);
      const positive = v.labels[i] === 1;
      const key = `${v.sentences[i]} ${v.labels[i]} ${v.zs[i]} ${v.perSample[i]} ${v.readonly} ${n}`;
      if (row.key === key) continue;
      row.key = key;
      // The field keeps what the reader is typing; a taken sentence is written back as kept.
      if (row.field !== row.field.getRootNode().activeElement && !row.li.classList.contains('is-invalid')) row.field.value = v.sentences[i];
      setFlag(row.field, 'readOnly', v.readonly);
      setAttrs(row.li, { 'data-target': v.labels[i] });
      setText(row.targetValue, positive ? '1 positive' : '0 negative');
      setFlag(row.target, 'disabled', v.readonly);
      setFlag(row.remove, 'hidden', v.readonly || n <= 1);
      setText(row.words, `reads: ${v.words[i].join(', ')}`);
      setText(row.z, fixed(v.zs[i]));
      setText(row.p, fixed(v.probs[i]));
      setText(row.loss, formatLoss(v.perSample[i]));
    }
  }

  make(i) {
    const li = document.createElement('li');
    li.className = 'wl-sentence';
    li.dataset.i = String(i);
    const n = i + 1;
    li.innerHTML =
      `<div class="sample-head"><label class="sample-name" for="wl-s${n}">Sentence <span class="num">${n}</span></label>` +
      `<button type="button" class="target"><span class="visually-hidden">Sentence ${n}, flip its </span><span class="target-label">label </span><span class="target-value num"></span></button>` +
      '<span class="sample-loss">z <output aria-live="off" class="num wl-z"></output> p <output aria-live="off" class="num wl-p"></output> loss <output aria-live="off" class="num wl-loss"></output></span>' +
      `<button type="button" class="remove" aria-label="Remove sentence ${n}"><span aria-hidden="true">×</span></button></div>` +
      `<input type="text" id="wl-s${n}" class="wl-text" autocomplete="off" maxlength="120">` +
      '<p class="wl-words hint"></p><p class="field-error" role="alert"></p>';
    const head = li.firstElementChild;
    const [z, p, loss] = head.querySelectorAll('output');
    return {
      li,
      field: li.querySelector('input'),
      target: head.querySelector('.target'),
      targetValue: head.querySelector('.target-value'),
      remove: head.querySelector('.remove'),
      z,
      p,
      loss,
      words: li.querySelector('.wl-words'),
      error: li.querySelector('.field-error'),
      key: '',
    };
  }
}
