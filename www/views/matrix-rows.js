// The samples of the lab for many classes and labels: per sample its target, K cells (activation
// slider, probability, σ(x) when comparing, gradient), its loss, its row sums and a picture:
// stacked bars of softmax p, target q and the sigmoids (classes), or a bar per label up to its p
// with the threshold and a ring at each target (labels). Written again only when they change.

import { setAttr, setAttrs, setFlag, setText } from '../dom.js';
import { fixed, formatGradient, formatInput, formatLoss } from '../format.js';
import { NAMES } from '../matrix-model.js';
import { el, show } from './plot.js';

/** What a cell of each loss is called, and its probability. */
const WORDS = {
  cross_entropy: { kind: 'class', p: 'softmax p' },
  multilabel_bce: { kind: 'label', p: 'sigmoid p' },
};
/** Stacked bars: where the first segment starts and each bar's height with its gap, in px. */
const STACK_LEFT_PX = 72;
const STACK_ROW_PX = 24;

const parse = (html) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild;
};
/** The elements under `node` with the classes mx-<name>, by name. */
const pick = (node, names) => Object.fromEntries(names.split(' ').map((name) => [name, node.querySelector(`.mx-${name}`)]));
/** The sample (0-based) and the cell (0-based, or NaN) a node belongs to. */
export const cellOf = (node) => [Number(node.closest('.mx-sample').dataset.i), Number(node.closest('.mx-cell')?.dataset.k)];

export class MatrixRowsView {
  /**
   * `list` is the <ol>; `sample` and `cell` the markup of one sample and one cell. `edits` hears the
   * reader: input(i, j, value), setClass(i, c), toggleLabel(i, j).
   */
  constructor({ list, sample, cell, edits }) {
    this.list = list;
    this.sampleTemplate = parse(sample);
    this.cellTemplate = parse(cell);
    this.rows = [];
    /** The pictures' width in CSS pixels (SVG units are pixels), from a ResizeObserver. */
    this.width = 400;
    list.addEventListener('input', ({ target }) => {
      if (!target.classList.contains('mx-x')) return;
      const [i, j] = cellOf(target);
      edits.input(i, j, Number(target.value));
    });
    list.addEventListener('change', ({ target }) => {
      if (target.classList.contains('mx-target')) edits.setClass(cellOf(target)[0], Number(target.value));
    });
    list.addEventListener('click', ({ target }) => {
      const button = target.closest('.mx-tog');
      if (button) edits.toggleLabel(...cellOf(button));
    });
  }

  /** A new width for the pictures: every row is drawn again. */
  resize(width) {
    if (width === this.width) return;
    this.width = width;
    for (const row of this.rows) row.key = '';
  }

  /** Where sample `i`'s formula shows. */
  formulaPlace(i) {
    return this.rows[i].formula;
  }

  /** `sigmoids`: every activation through a sigmoid while comparing, else null. */
  update({ state, result, grads, sigmoids, gradients, readonly }) {
    const n = state.inputs.length;
    while (this.rows.length < n) this.rows.push(this.make(this.rows.length));
    while (this.rows.length > n) this.rows.pop().li.remove();
    for (let i = 0; i < n; i++) this.updateRow(i, { state, result, grads, sigmoids, gradients, readonly });
  }

  make(i) {
    const li = this.sampleTemplate.cloneNode(true);
    li.dataset.i = String(i);
    const row = { li, ...pick(li, 'colheads loss target sums viz formula n'), cells: [] };
    row.box = li.querySelector('.mx-cells');
    setText(row.n, String(i + 1));
    row.formula.id = `mx-formula-${i + 1}`;
    row.target.setAttribute('aria-label', `Sample ${i + 1} target class`);
    row.loss.setAttribute('aria-describedby', row.formula.id);
    this.list.append(li);
    return row;
  }

  updateRow(i, { state, result, grads, sigmoids, gradients, readonly }) {
    const row = this.rows[i];
    const x = state.inputs[i];
    const classes = state.loss === 'cross_entropy';
    const k = x.length;
    const target = classes ? state.classes[i] : state.labels[i];
    const key = `${state.loss} ${x} ${target} ${state.smoothing} ${state.threshold} ${!!sigmoids} ${gradients} ${readonly} ${state.backward} ${state.inputs.length}`;
    if (row.key === key) return;
    row.key = key;
    this.fitCells(row, i, k, state.loss);
    if (classes && row.target.value !== String(state.classes[i])) row.target.value = String(state.classes[i]);
    setFlag(row.target, 'disabled', readonly);

    const names = NAMES[state.loss];
    const o = i * k;
    const { probs } = result;
    const predicted = [];
    const targets = [];
    // Row sums are added up here, in JavaScript, from the engine's probabilities.
    let sumP = 0;
    let sumS = 0;
    for (let j = 0; j < k; j++) {
      const c = row.cells[j];
      const p = probs[o + j];
      sumP += p;
      if (Number(c.x.value) !== x[j]) c.x.value = String(x[j]);
      setAttrs(c.x, { 'aria-valuetext': `${formatInput(x[j])}, p ${formatLoss(p)}` });
      setFlag(c.x, 'disabled', readonly);
      setText(c.xv, fixed(x[j], 2));
      setText(c.p, formatLoss(p));
      if (gradients) setText(c.g, formatGradient(grads[o + j]));
      if (sigmoids) {
        sumS += sigmoids[o + j];
        setText(c.s, formatLoss(sigmoids[o + j]));
      }
      if (classes) {
        setAttr(c.node, 'data-target', j === state.classes[i] ? '' : null);
        continue;
      }
      const on = state.labels[i][j] === 1;
      const hit = p >= state.threshold;
      if (hit) predicted.push(`${j} ${names[j]}`);
      if (on) targets.push(`${j} ${names[j]}`);
      setAttrs(c.tog, { 'aria-pressed': on });
      setFlag(c.tog, 'disabled', readonly);
      setText(c.tv, on ? '1' : '0');
      setText(c.pred, hit ? '✓' : '');
      setAttr(c.node, 'data-target', on ? '' : null);
    }
    setText(row.loss, formatLoss(result.perSample[i]));
    const threshold = fixed(state.threshold, 2);
    setText(
      row.sums,
      classes
        ? `Row sums: softmax ${fixed(sumP)}${sigmoids ? `, sigmoid per column ${fixed(sumS)}` : ''}.`
        : `Predicted (p ≥ ${threshold}): ${predicted.join(', ') || 'none'}. Targets: ${targets.join(', ') || 'none'}.`,
    );
    if (classes) this.drawStacks(row, i, k, state, result, sigmoids, sumS);
    else this.drawLabels(row, i, k, state, result);
  }

  /** Cells are added or removed at the end; names are written again when the loss changes. */
  fitCells(row, i, k, loss) {
    while (row.cells.length < k) {
      const node = this.cellTemplate.cloneNode(true);
      const cell = { node, ...pick(node, 'x xv p pred s g tog tv tpre') };
      node.dataset.k = String(row.cells.length);
      for (const out of [cell.p, cell.g]) out.setAttribute('aria-describedby', row.formula.id);
      row.cells.push(cell);
      row.box.append(node);
    }
    while (row.cells.length > k) row.cells.pop().node.remove();
    const namesKey = `${loss} ${k}`;
    if (row.names === namesKey) return;
    row.names = namesKey;
    const names = NAMES[loss];
    const { kind, p } = WORDS[loss];
    row.cells.forEach((c, j) => {
      for (const n of c.node.querySelectorAll('.mx-cn')) setText(n, `${j} ${names[j]}`);
      for (const s of c.node.querySelectorAll('.mx-sw')) s.className = `mx-sw mx-k${j}`;
      c.x.setAttribute('aria-label', `Sample ${i + 1}, ${kind} ${j} ${names[j]}: activation x`);
      setText(c.tpre, `Sample ${i + 1} has label `);
    });
    for (const n of row.li.querySelectorAll('.mx-pname')) setText(n, `${p} `);
    setText(row.colheads.firstChild, kind);
    row.target.replaceChildren(...names.slice(0, k).map((name, j) => new Option(`${j} ${name}`, String(j))));
    row.vizKey = '';
  }

  /** Many classes: softmax p, the target distribution q and (comparing) the sigmoids, as stacked bars. */
  drawStacks(row, i, k, state, result, sigmoids, sumS) {
    const bars = sigmoids ? 3 : 2;
    if (row.vizKey !== `s${k}`) {
      row.vizKey = `s${k}`;
      row.viz.replaceChildren(row.viz.firstChild);
      row.parts = ['softmax p', 'target q', 'sigmoid'].map((name, b) => {
        const g = el('g', { transform: `translate(0 ${6 + b * STACK_ROW_PX})` }, row.viz);
        el('text', { x: 0, y: 13 }, g).textContent = name;
        const segment = (j) => ({
          r: el('rect', { class: `mx-k${j}`, height: 18 }, g),
          t: el('text', { class: 'mx-seg', y: 13, 'text-anchor': 'middle' }, g),
        });
        return { g, segs: Array.from({ length: k }, (_, j) => segment(j)) };
      });
      row.one = el('line', { class: 'mx-one', y1: 2 }, row.viz);
      row.oneText = el('text', { class: 'mx-one-label', 'text-anchor': 'middle' }, row.viz);
      row.oneText.textContent = '1';
    }
    const e = state.smoothing;
    const o = i * k;
    const scale = (this.width - STACK_LEFT_PX - 8) / Math.max(1, sumS);
    const series = [(j) => result.probs[o + j], (j) => (j === state.classes[i] ? 1 - e : 0) + e / k, (j) => sigmoids[o + j]];
    setAttrs(row.viz, { viewBox: `0 0 ${this.width} ${bars * STACK_ROW_PX + 16}` });
    row.parts.forEach((part, b) => {
      show(part.g, b < bars);
      if (b >= bars) return;
      let at = STACK_LEFT_PX;
      part.segs.forEach(({ r, t }, j) => {
        const w = series[b](j) * scale;
        setAttrs(r, { x: at.toFixed(2), width: w.toFixed(2) });
        show(t, w >= 14);
        setAttrs(t, { x: (at + w / 2).toFixed(1) });
        setText(t, String(j));
        at += w;
      });
    });
    const one = STACK_LEFT_PX + scale;
    setAttrs(row.one, { x1: one, x2: one, y2: bars * STACK_ROW_PX + 4 });
    setAttrs(row.oneText, { x: one, y: bars * STACK_ROW_PX + 15 });
    setText(
      row.viz.firstChild,
      `Sample ${i + 1}: softmax p stacked to 1, target q${sigmoids ? `, sigmoids stacked to ${fixed(sumS)}` : ''}`,
    );
  }

  /** Many labels: one bar per label up to its p, the threshold, and a ring at each target. */
  drawLabels(row, i, k, state, result) {
    const width = this.width;
    const w = (width - 44) / k;
    if (row.vizKey !== `l${k} ${width}`) {
      row.vizKey = `l${k} ${width}`;
      row.viz.replaceChildren(row.viz.firstChild);
      setAttrs(row.viz, { viewBox: `0 0 ${width} 96` });
      for (const [v, y] of [
        ['1', 10],
        ['0', 70],
      ]) {
        el('text', { x: 30, y: y + 4, 'text-anchor': 'end' }, row.viz).textContent = v;
      }
      el('line', { class: 'mx-base', x1: 36, x2: width - 4, y1: 70, y2: 70 }, row.viz);
      row.parts = Array.from({ length: k }, (_, j) => {
        const cx = 44 + w * (j + 0.5);
        el('text', { x: cx, y: 88, 'text-anchor': 'middle' }, row.viz).textContent = String(j);
        return {
          r: el('rect', { class: `mx-k${j}`, x: cx - w * 0.35, width: w * 0.7 }, row.viz),
          ring: el('circle', { class: 'mx-ring', cx, r: 5 }, row.viz),
        };
      });
      row.thr = el('line', { class: 'mx-thr', x1: 36, x2: width - 4 }, row.viz);
    }
    const o = i * k;
    row.parts.forEach(({ r, ring }, j) => {
      const p = result.probs[o + j];
      setAttrs(r, { y: (70 - 60 * p).toFixed(2), height: (60 * p).toFixed(2), 'data-off': p < state.threshold ? '' : null });
      setAttrs(ring, { cy: state.labels[i][j] ? 10 : 70 });
    });
    const y = 70 - 60 * state.threshold;
    setAttrs(row.thr, { y1: y, y2: y });
    setText(row.viz.firstChild, `Sample ${i + 1}: p of each label, threshold dashed, a ring at each target`);
  }
}
