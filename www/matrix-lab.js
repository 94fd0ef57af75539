// The multi-class (softmax, cross-entropy) and multi-label (a sigmoid and bce per label) lab,
// mounted inside <loss-lab>'s shadow root. One state, one render a frame; every number shown
// comes from the engine (the only arithmetic here on its values: row sums, noted where done).

import { explain } from './formula.js';
import { fixed, formatGradient, formatInput, formatLoss, torchScalar, torchTensor } from './format.js';
import { oneShown, setAttr, setAttrs, setFlag, setText } from './dom.js';
import { el, niceScale, formatTick, show } from './chart.js';
import { TrainView } from './views.js';
import { MX_CELL, MX_MARKUP, MX_SAMPLE } from './matrix-html.js';
import { adoptStyles } from './assets.js';

const CE = 'cross_entropy';
const ML = 'multilabel_bce';
const NAMES = {
  [CE]: 'cat dog bird fish frog horse deer ship truck plane'.split(' '),
  [ML]: 'sky person dog car tree water road grass snow boat'.split(' '),
};
/** The examples: one confident and right, one unsure, one confident and wrong. */
const EXAMPLES = {
  [CE]: { predictions: [[3, 0.5, -1], [0.8, 1, 0.6], [2.5, -0.5, -1.5]], targets: [0, 1, 2] },
  [ML]: { predictions: [[2.5, 1.5, -2, -1], [0.5, -0.3, 0.2, -1.5], [-2, 2, 1.5, -0.5]], targets: [[1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1]] },
};
const WORDS = {
  [CE]: { name: 'cross-entropy', kind: 'class', p: 'softmax p' },
  [ML]: { name: 'multi-label bce', kind: 'label', p: 'sigmoid p' },
};
const N_MAX = 8;
const K_MIN = 2;
const K_MAX = 10;
const RATES = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const PANELS = ['compare', 'code'];
const TRAIN_MAX_STEPS = 500;

const quote = (v) => `“${String(JSON.stringify(v)).slice(0, 40)}”`;
const cap = (s) => s[0].toUpperCase() + s.slice(1);
/** A Python float literal that reads back as exactly `v`. */
const py = (v) => ((s) => (/[.e]/.test(s) ? s : `${s}.`))(String(v));
/** The elements under `node` with the classes mx-<name>, by name. */
const pick = (node, names) => Object.fromEntries(names.split(' ').map((name) => [name, node.querySelector(`.mx-${name}`)]));
const parse = (html) => {
  const t = document.createElement('template');
  t.innerHTML = html;
  return t.content.firstElementChild;
};
/** Floats as PyTorch formats them, all to one width: format.js's torchTensor, split back into items. */
const floatItems = (flat) => torchTensor(flat).slice(8, -2).split(/,(?: |\n {8})/);
/** How PyTorch prints an N×K tensor of already formatted items: one row a line, wrapped at 80. */
function torchRows(items, cols) {
  const width = Math.max(...items.map((s) => s.length));
  items = items.map((s) => s.padStart(width));
  const perLine = Math.max(1, Math.floor(72 / (width + 2)));
  const rows = [];
  for (let i = 0; i < items.length; i += cols) {
    const parts = [];
    for (let j = i; j < i + cols; j += perLine) parts.push(items.slice(j, Math.min(j + perLine, i + cols)).join(', '));
    rows.push(`[${parts.join(',\n         ')}]`);
  }
  return `tensor([${rows.join(',\n        ')}])`;
}

/**
 * Fills `host` (an empty div in the shadow root `root`) with the lab; `engine` is the loaded wasm module.
 * `onEdit(snapshot)` is called once a frame after the reader changed something, never for `apply`.
 */
export function createMatrixLab({ root, host, engine, onEdit }) {
  adoptStyles(root, 'matrix.css');
  host.innerHTML = MX_MARKUP;
  const ui = {};
  for (const node of host.querySelectorAll('[id]')) ui[node.id.slice(3).replace(/-(\w)/g, (_, c) => c.toUpperCase())] = node;
  const sampleTemplate = parse(MX_SAMPLE);
  const cellTemplate = parse(MX_CELL);
  for (const rate of RATES) ui.lr.append(new Option(String(rate), String(rate)));
  const trainView = new TrainView(ui.trainChart, ui.trainSummary, ui.trainList);

  const st = { loss: CE, x: [], y: [], t: [], eps: 0, thr: 0.5, lr: 1, grad: true, open: new Set(), run: null };
  let shown = new Set(['chart', 'gradient', 'code', 'controls']);
  let readonly = false;
  let edited = false;
  let frame = 0;
  let result = null;
  let trainTimer = 0;
  /** Per-sample views, in order; `key` says what a row last showed. */
  const rows = [];
  /** Drawing widths in CSS pixels (SVG units are pixels), from a ResizeObserver. */
  let chartWidth = 480;
  let vizWidth = 400;

  const ce = () => st.loss === CE;
  const params = () => (ce() ? { label_smoothing: st.eps } : {});
  const request = (x = st.x) => ({ loss: st.loss, params: params(), inputs: x, targets: ce() ? st.y : st.t });
  const invalidate = () => (frame ||= requestAnimationFrame(render));
  const touch = () => {
    edited = true;
    invalidate();
  };
  /** The reader changed the samples: a training run starts afresh. */
  const edit = () => {
    st.run = null;
    setText(ui.stepNote, '');
    touch();
  };

  // ---- rendering

  function render() {
    cancelAnimationFrame(frame);
    frame = 0;
    const started = performance.now();
    try {
      result = engine.evaluate(request());
    } catch (error) {
      setText(ui.note, cap(error.message));
      return;
    }
    const n = st.x.length;
    const k = st.x[0].length;
    const cmp = ce() && st.open.has('compare');
    const gradOn = st.grad && shown.has('gradient');
    // The sigmoid of every activation, for the comparison: multilabel_bce's probs are exactly that.
    const sig = cmp ? engine.evaluate({ loss: ML, inputs: st.x, targets: st.x.map((r) => r.map(() => 0)) }).probs : null;

    setAttrs(ui.root, { 'data-loss': st.loss, 'data-compare': cmp ? '' : null, 'data-grad': gradOn ? null : 'off', 'data-readonly': readonly ? '' : null });
    setFlag(ui.lossCe, 'checked', ce());
    setFlag(ui.lossMl, 'checked', !ce());
    setText(ui.k, String(k));
    setText(ui.n, String(n));
    const locked = [[ui.kMinus, k <= K_MIN], [ui.kPlus, k >= K_MAX], [ui.nMinus, n <= 1], [ui.nPlus, n >= N_MAX], [ui.eps], [ui.thr], [ui.lossCe], [ui.lossMl], [ui.step], [ui.train]];
    for (const [control, limit] of locked) setFlag(control, 'disabled', readonly || !!limit);
    for (const [range, value, out] of [[ui.eps, st.eps, ui.epsValue], [ui.thr, st.thr, ui.thrValue]]) {
      if (Number(range.value) !== value) range.value = String(value);
      setText(out, fixed(value, 2));
    }
    setFlag(ui.compare, 'checked', cmp);
    setFlag(ui.compareNote, 'hidden', !cmp);
    setFlag(ui.showGrad, 'checked', st.grad);
    if (Number(ui.lr.value) !== st.lr) ui.lr.value = String(st.lr);
    setText(ui.train, trainTimer ? 'Pause' : 'Train');
    setText(ui.kword, ce() ? 'classes' : 'labels');

    while (rows.length < n) rows.push(makeRow(rows.length));
    while (rows.length > n) rows.pop().li.remove();
    for (let i = 0; i < n; i++) renderRow(i, k, sig, gradOn);
    renderChart(n, k);
    setText(ui.mean, formatLoss(result.mean));
    setText(ui.sum, formatLoss(result.sum));
    setText(ui.shape, `${n} × ${k}`);
    const means = st.run?.means ?? [];
    const steps = means.length - 1;
    if (st.run) setText(ui.stepNote, `${trainTimer ? 'Training. ' : ''}Mean loss ${formatLoss(means[0])} → ${formatLoss(result.mean)} after ${steps} step${steps === 1 ? '' : 's'}.`);
    setFlag(ui.trainBox, 'hidden', means.length < 2);
    if (means.length >= 2) trainView.update(means, st.run.lr);
    if (ui.codePanel.open && shown.has('code')) renderCode(n, k, sig);
    if (explained) showFormula(explained);

    if (edited) {
      edited = false;
      onEdit(snapshot());
    }
    performance.clearMarks('losslab:matrix-render');
    performance.mark('losslab:matrix-render', { detail: { n, k, ms: performance.now() - started } });
  }

  function makeRow(i) {
    const li = sampleTemplate.cloneNode(true);
    li.dataset.i = String(i);
    const row = { li, ...pick(li, 'colheads loss target sums viz formula n'), cells: [] };
    row.box = li.querySelector('.mx-cells');
    setText(row.n, String(i + 1));
    row.formula.id = `mx-formula-${i + 1}`;
    row.target.setAttribute('aria-label', `Sample ${i + 1} target class`);
    row.loss.setAttribute('aria-describedby', row.formula.id);
    ui.samples.append(li);
    return row;
  }

  function renderRow(i, k, sig, gradOn) {
    const row = rows[i];
    const x = st.x[i];
    const isCe = ce();
    const key = `${st.loss} ${x} ${isCe ? st.y[i] : st.t[i]} ${st.eps} ${st.thr} ${!!sig} ${gradOn} ${readonly}`;
    if (row.key === key) return;
    row.key = key;
    const names = NAMES[st.loss];
    const kind = WORDS[st.loss].kind;
    // Cells are added or removed at the end; names are written again when the loss changes.
    while (row.cells.length < k) {
      const node = cellTemplate.cloneNode(true);
      const cell = { node, ...pick(node, 'x xv p pred s g tog tv tpre') };
      node.dataset.k = String(row.cells.length);
      for (const out of [cell.p, cell.g]) out.setAttribute('aria-describedby', row.formula.id);
      row.cells.push(cell);
      row.box.append(node);
    }
    while (row.cells.length > k) row.cells.pop().node.remove();
    const namesKey = `${st.loss} ${k}`;
    if (row.names !== namesKey) {
      row.names = namesKey;
      row.cells.forEach((c, j) => {
        for (const n of c.node.querySelectorAll('.mx-cn')) setText(n, `${j} ${names[j]}`);
        for (const s of c.node.querySelectorAll('.mx-sw')) s.className = `mx-sw mx-k${j}`;
        c.x.setAttribute('aria-label', `Sample ${i + 1}, ${kind} ${j} ${names[j]}: activation x`);
        setText(c.tpre, `Sample ${i + 1} has label `);
      });
      for (const n of row.li.querySelectorAll('.mx-pname')) setText(n, `${WORDS[st.loss].p} `);
      setText(row.colheads.firstChild, kind);
      row.target.replaceChildren(...names.slice(0, k).map((name, j) => new Option(`${j} ${name}`, String(j))));
      row.vizKey = '';
    }
    if (isCe && row.target.value !== String(st.y[i])) row.target.value = String(st.y[i]);
    setFlag(row.target, 'disabled', readonly);

    const o = i * k;
    const { probs, grad } = result;
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
      if (gradOn) setText(c.g, formatGradient(grad[o + j]));
      if (sig) {
        sumS += sig[o + j];
        setText(c.s, formatLoss(sig[o + j]));
      }
      if (isCe) {
        setAttr(c.node, 'data-target', j === st.y[i] ? '' : null);
      } else {
        const on = st.t[i][j] === 1;
        const hit = p >= st.thr;
        if (hit) predicted.push(`${j} ${names[j]}`);
        if (on) targets.push(`${j} ${names[j]}`);
        setAttrs(c.tog, { 'aria-pressed': on });
        setFlag(c.tog, 'disabled', readonly);
        setText(c.tv, on ? '1' : '0');
        setText(c.pred, hit ? '✓' : '');
        setAttr(c.node, 'data-target', on ? '' : null);
      }
    }
    setText(row.loss, formatLoss(result.perSample[i]));
    setText(
      row.sums,
      isCe
        ? `Row sums: softmax ${fixed(sumP)}${sig ? `, sigmoid per column ${fixed(sumS)}` : ''}.`
        : `Predicted (p ≥ ${fixed(st.thr, 2)}): ${predicted.join(', ') || 'none'}. Targets: ${targets.join(', ') || 'none'}.`,
    );
    (isCe ? drawStacks : drawLabels)(row, i, k, sig, sumS);
  }

  /** Multi-class picture: softmax p, the target distribution q and (comparing) the sigmoids, as stacked bars. */
  function drawStacks(row, i, k, sig, sumS) {
    const bars = sig ? 3 : 2;
    if (row.vizKey !== `s${k}`) {
      row.vizKey = `s${k}`;
      row.viz.replaceChildren(row.viz.firstChild);
      row.parts = ['softmax p', 'target q', 'sigmoid'].map((name, b) => {
        const g = el('g', { transform: `translate(0 ${6 + b * 24})` }, row.viz);
        el('text', { x: 0, y: 13 }, g).textContent = name;
        return { g, segs: Array.from({ length: k }, (_, j) => ({ r: el('rect', { class: `mx-k${j}`, height: 18 }, g), t: el('text', { class: 'mx-seg', y: 13, 'text-anchor': 'middle' }, g) })) };
      });
      row.one = el('line', { class: 'mx-one', y1: 2 }, row.viz);
      row.oneText = el('text', { class: 'mx-one-label', 'text-anchor': 'middle' }, row.viz);
      row.oneText.textContent = '1';
    }
    const e = st.eps;
    const o = i * k;
    const scale = (vizWidth - 80) / Math.max(1, sumS);
    const series = [(j) => result.probs[o + j], (j) => (j === st.y[i] ? 1 - e : 0) + e / k, (j) => sig[o + j]];
    setAttrs(row.viz, { viewBox: `0 0 ${vizWidth} ${bars * 24 + 16}` });
    row.parts.forEach((part, b) => {
      show(part.g, b < bars);
      if (b >= bars) return;
      let at = 72;
      part.segs.forEach(({ r, t }, j) => {
        const w = series[b](j) * scale;
        setAttrs(r, { x: at.toFixed(2), width: w.toFixed(2) });
        show(t, w >= 14);
        setAttrs(t, { x: (at + w / 2).toFixed(1) });
        setText(t, String(j));
        at += w;
      });
    });
    const one = 72 + scale;
    setAttrs(row.one, { x1: one, x2: one, y2: bars * 24 + 4 });
    setAttrs(row.oneText, { x: one, y: bars * 24 + 15 });
    setText(row.viz.firstChild, `Sample ${i + 1}: softmax p stacked to 1, target q${sig ? `, sigmoids stacked to ${fixed(sumS)}` : ''}`);
  }

  /** Multi-label picture: one bar per label up to its p, the threshold, and a ring at each target. */
  function drawLabels(row, i, k) {
    const w = (vizWidth - 44) / k;
    if (row.vizKey !== `l${k} ${vizWidth}`) {
      row.vizKey = `l${k} ${vizWidth}`;
      row.viz.replaceChildren(row.viz.firstChild);
      setAttrs(row.viz, { viewBox: `0 0 ${vizWidth} 96` });
      for (const [v, y] of [['1', 10], ['0', 70]]) el('text', { x: 30, y: y + 4, 'text-anchor': 'end' }, row.viz).textContent = v;
      el('line', { class: 'mx-base', x1: 36, x2: vizWidth - 4, y1: 70, y2: 70 }, row.viz);
      row.parts = Array.from({ length: k }, (_, j) => {
        const cx = 44 + w * (j + 0.5);
        el('text', { x: cx, y: 88, 'text-anchor': 'middle' }, row.viz).textContent = String(j);
        return { r: el('rect', { class: `mx-k${j}`, x: cx - w * 0.35, width: w * 0.7 }, row.viz), ring: el('circle', { class: 'mx-ring', cx, r: 5 }, row.viz) };
      });
      row.thr = el('line', { class: 'mx-thr', x1: 36, x2: vizWidth - 4 }, row.viz);
    }
    const o = i * k;
    row.parts.forEach(({ r, ring }, j) => {
      const p = result.probs[o + j];
      setAttrs(r, { y: (70 - 60 * p).toFixed(2), height: (60 * p).toFixed(2), 'data-off': p < st.thr ? '' : null });
      setAttrs(ring, { cy: st.t[i][j] ? 10 : 70 });
    });
    const y = 70 - 60 * st.thr;
    setAttrs(row.thr, { y1: y, y2: y });
    setText(row.viz.firstChild, `Sample ${i + 1}: p of each label, threshold dashed, a ring at each target`);
  }

  // The loss chart: one bar per sample, the mean dashed across.
  const chart = (() => {
    const svg = ui.chart;
    const ticks = [0, 1, 2].map(() => ({ line: el('line', { class: 'mx-tick' }, svg), label: el('text', { x: 34, 'text-anchor': 'end', dy: '0.32em' }, svg) }));
    const bars = Array.from({ length: N_MAX }, () => ({
      r: el('rect', {}, svg),
      v: el('text', { class: 'bar-value', 'text-anchor': 'middle' }, svg),
      n: el('text', { class: 'bar-label', 'text-anchor': 'middle', y: 222 }, svg),
      t: el('text', { class: 'bar-target', 'text-anchor': 'middle', y: 240 }, svg),
    }));
    const mean = el('line', { class: 'mean-line', x1: 40 }, svg);
    const meanLabel = el('text', { class: 'mean-label', y: 14, 'text-anchor': 'end' }, svg);
    const axis = el('line', { class: 'axis', x1: 40, y1: 200, y2: 200 }, svg);
    return { ticks, bars, mean, meanLabel, axis };
  })();

  function renderChart(n, k) {
    const { perSample, mean } = result;
    const top = niceScale(Math.max(mean, ...perSample)).top;
    const y = (v) => 200 - (170 * Math.min(v, top)) / top;
    const right = chartWidth - 8;
    setAttrs(ui.chart, { viewBox: `0 0 ${chartWidth} 250` });
    setAttrs(chart.axis, { x2: right });
    setAttrs(chart.meanLabel, { x: right });
    chart.ticks.forEach(({ line, label }, j) => {
      setAttrs(line, { x1: 40, x2: right, y1: y((top * j) / 2), y2: y((top * j) / 2) });
      setAttrs(label, { y: y((top * j) / 2) });
      setText(label, formatTick((top * j) / 2));
    });
    const slot = (right - 40) / n;
    const names = NAMES[st.loss];
    const parts = [];
    chart.bars.forEach((bar, i) => {
      for (const node of Object.values(bar)) show(node, i < n);
      if (i >= n) return;
      const loss = perSample[i];
      const cx = 40 + slot * (i + 0.5);
      const w = Math.min(64, slot * 0.7);
      const cls = ce() ? `mx-k${st.y[i]}` : 'mx-neutral';
      const target = ce() ? `${st.y[i]} ${names[st.y[i]]}` : `${st.t[i].reduce((a, b) => a + b, 0)} of ${k}`;
      setAttrs(bar.r, { class: `mx-bar ${cls}`, x: (cx - w / 2).toFixed(1), width: w.toFixed(1), y: y(loss).toFixed(2), height: (200 - y(loss)).toFixed(2), 'data-loss': loss });
      setAttrs(bar.v, { x: cx, y: (y(loss) - 6).toFixed(1) });
      setText(bar.v, slot >= 52 ? formatLoss(loss) : '');
      setAttrs(bar.n, { x: cx });
      setText(bar.n, String(i + 1));
      setAttrs(bar.t, { x: cx });
      setText(bar.t, ce() ? (slot >= 60 ? target : `y=${st.y[i]}`) : `${target.split(' ')[0]}/${k} on`);
      parts.push(`sample ${i + 1} (${ce() ? 'target' : 'labels on'} ${target}): ${formatLoss(loss)}`);
    });
    setAttrs(chart.mean, { x2: right, y1: y(mean), y2: y(mean), 'data-mean': mean });
    setText(chart.meanLabel, `mean ${formatLoss(mean)}`);
    setText(ui.chartDesc, `${cap(WORDS[st.loss].name)} of ${n} sample${n === 1 ? '' : 's'}: ${parts.join('; ')}. Mean ${formatLoss(mean)}.`);
    const legendKey = `${st.loss} ${k}`;
    if (ui.legend.dataset.key !== legendKey) {
      ui.legend.dataset.key = legendKey;
      ui.legend.replaceChildren(
        ...names.slice(0, k).map((name, j) => {
          const span = document.createElement('span');
          span.className = 'mx-key';
          const sw = document.createElement('span');
          sw.className = `mx-sw mx-k${j}`;
          span.append(sw, `${j} ${name}`);
          return span;
        }),
      );
      setFlag(ui.legend, 'hidden', !ce());
    }
  }

  function renderCode(n, k, sig) {
    const isCe = ce();
    const matrix = (rowsOf) => `torch.tensor([${rowsOf.map((r) => `[${r.map(py).join(', ')}]`).join(',\n                  ')}]`;
    const lines = ['import torch', 'import torch.nn.functional as F', '', 'torch.set_default_dtype(torch.float64)', '', `x = ${matrix(st.x)}, requires_grad=True)  # activations: ${n} samples × ${k}`];
    if (isCe) lines.push(`y = torch.tensor([${st.y.join(', ')}])  # the target class of each sample`, `loss = F.cross_entropy(x, y, reduction='none', label_smoothing=${py(st.eps)})`);
    else lines.push(`t = ${matrix(st.t)})  # 1 where a label applies`, "loss = F.binary_cross_entropy_with_logits(x, t, reduction='none').mean(dim=1)");
    lines.push('loss.sum().backward()', 'print(loss.detach())', 'print(loss.detach().mean())', `p = ${isCe ? 'torch.softmax(x, dim=1)' : 'torch.sigmoid(x)'}.detach()`, 'print(p)', 'print(x.grad)');
    const out = [torchTensor(result.perSample), torchScalar(result.mean), torchRows(floatItems(result.probs), k), torchRows(floatItems(result.grad), k)];
    if (sig) {
      lines.push('print(torch.sigmoid(x).detach().sum(dim=1))  # a sigmoid per column: rows do not sum to 1');
      // Row sums added up in JavaScript from the engine's sigmoids.
      out.push(torchTensor(st.x.map((_, i) => sig.subarray(i * k, i * k + k).reduce((a, b) => a + b, 0))));
    }
    if (!isCe) {
      lines.push(`print(p >= ${py(st.thr)})  # the predicted labels`);
      out.push(torchRows(Array.from(result.probs, (p) => (p >= st.thr ? 'True' : 'False')), k));
    }
    setText(ui.code, lines.join('\n'));
    setText(ui.codeOutput, out.join('\n'));
  }

  // ---- formulas: the focused or hovered number, filled in, under its sample or under the totals

  let explained = null;
  const formulaPlace = oneShown();
  function showFormula(node) {
    if (!node.isConnected || !result) return hideFormula();
    explained = node;
    const what = node.dataset.explain;
    const i = Number(node.closest('.mx-sample')?.dataset.i ?? -1);
    const cell = node.closest('.mx-cell');
    const label = cell ? Number(cell.dataset.k) : undefined;
    const k = st.x[0].length;
    const row = (a) => (i >= 0 ? Array.from(a.subarray(i * k, i * k + k)) : undefined);
    const r = result;
    const value = { mean: r.mean, sum: r.sum, loss: r.perSample[i], prob: r.probs[i * k + label], grad: r.grad[i * k + label] }[what];
    const ctx = { loss: st.loss, params: params(), n: st.x.length, k, perSample: r.perSample, index: i, label, target: ce() ? st.y[i] : st.t[i], input: st.x[i], prob: row(r.probs), value };
    const { title, lines } = explain(what, ctx);
    const place = i >= 0 ? rows[i].formula : ui.statFormula;
    formulaPlace.show(place, `${title}\n${lines.join('\n')}`);
  }
  function hideFormula() {
    explained = null;
    formulaPlace.hide();
  }

  // ---- changes

  function setLoss(loss) {
    if (loss === st.loss) return;
    const k = st.x[0].length;
    // Keep the activations; the targets carry over: a class becomes its one label, the first label the class.
    if (loss === ML) st.t = st.y.map((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));
    else st.y = st.t.map((r) => Math.max(0, r.indexOf(1)));
    st.loss = loss;
    setText(ui.note, 'Same activations; the targets carried over.');
  }

  function resize(dn, dk) {
    const k = st.x[0].length + dk;
    if (dk > 0) {
      st.x.forEach((r) => r.push(0));
      st.t.forEach((r) => r.push(0));
    } else if (dk < 0) {
      st.x.forEach((r) => r.pop());
      st.t.forEach((r) => r.pop());
      st.y = st.y.map((c) => Math.min(c, k - 1));
    }
    if (dn > 0) {
      st.x.push(Array(k).fill(0));
      st.y.push(0);
      st.t.push(Array(k).fill(0));
    } else if (dn < 0) {
      st.x.pop();
      st.y.pop();
      st.t.pop();
    }
  }

  /** One step of gradient descent on the mean loss, with the engine's `step`; false if nothing moved. */
  function takeStep() {
    let next;
    try {
      next = engine.step(request(), st.lr);
    } catch (error) {
      setText(ui.stepNote, cap(error.message));
      return false;
    }
    // A run keeps the mean loss before its first step and after each one, for the chart; an edit
    // or a new learning rate starts a new one.
    if (st.run?.lr !== st.lr) st.run = { means: [engine.evaluate(request()).mean], lr: st.lr };
    const k = st.x[0].length;
    let moved = false;
    st.x = st.x.map((r, i) =>
      r.map((v, j) => {
        moved ||= next[i * k + j] !== v;
        return next[i * k + j];
      }),
    );
    st.run.means.push(engine.evaluate(request()).mean);
    invalidate();
    return moved;
  }

  function setTraining(on, report = true) {
    clearInterval(trainTimer);
    trainTimer = 0;
    if (on) {
      const ms = matchMedia('(prefers-reduced-motion: reduce)').matches ? 600 : 120;
      trainTimer = setInterval(() => {
        if (!takeStep() || st.run.means.length > TRAIN_MAX_STEPS) setTraining(false);
      }, ms);
    } else edited ||= report;
    invalidate();
  }

  const on = (node, type, handler) => node.addEventListener(type, handler);
  for (const radio of [ui.lossCe, ui.lossMl]) on(radio, 'change', () => radio.checked && (setLoss(radio.value), edit()));
  for (const [button, dn, dk] of [[ui.kMinus, 0, -1], [ui.kPlus, 0, 1], [ui.nMinus, -1, 0], [ui.nPlus, 1, 0]]) {
    on(button, 'click', () => {
      resize(dn, dk);
      edit();
    });
  }
  on(ui.eps, 'input', () => ((st.eps = Number(ui.eps.value)), edit()));
  on(ui.thr, 'input', () => ((st.thr = Number(ui.thr.value)), touch()));
  on(ui.lr, 'change', () => ((st.lr = Number(ui.lr.value)), touch()));
  on(ui.showGrad, 'change', () => ((st.grad = ui.showGrad.checked), touch()));
  on(ui.compare, 'change', () => (st.open[ui.compare.checked ? 'add' : 'delete']('compare'), touch()));
  on(ui.codePanel, 'toggle', () => (st.open[ui.codePanel.open ? 'add' : 'delete']('code'), invalidate()));
  on(ui.codePanel.firstElementChild, 'click', () => (edited = true));
  on(ui.step, 'click', () => {
    setTraining(false);
    takeStep();
  });
  on(ui.train, 'click', () => setTraining(!trainTimer));
  const indexOf = (node) => [Number(node.closest('.mx-sample').dataset.i), Number(node.closest('.mx-cell')?.dataset.k)];
  on(ui.samples, 'input', ({ target }) => {
    if (!target.classList.contains('mx-x')) return;
    const [i, j] = indexOf(target);
    st.x[i][j] = Number(target.value);
    edit();
  });
  on(ui.samples, 'change', ({ target }) => {
    if (!target.classList.contains('mx-target')) return;
    st.y[indexOf(target)[0]] = Number(target.value);
    edit();
  });
  on(ui.samples, 'click', ({ target }) => {
    const button = target.closest('.mx-tog');
    if (!button) return;
    const [i, j] = indexOf(button);
    st.t[i][j] = 1 - st.t[i][j];
    edit();
  });
  // Formulas; these events stop at the host so that the binary lab's own listeners on the root never see them.
  on(host, 'focusin', (event) => {
    const node = event.target.closest('[data-explain]');
    if (node) event.stopPropagation(), showFormula(node);
    else if (explained) hideFormula();
  });
  on(host, 'pointerover', (event) => {
    const node = event.target.closest?.('[data-explain]');
    if (!node) return;
    event.stopPropagation();
    if (node !== explained) showFormula(node);
  });
  on(host, 'pointerout', (event) => {
    const node = event.target.closest?.('[data-explain]');
    if (!node) return;
    event.stopPropagation();
    if (node === explained && root.activeElement !== node) hideFormula();
  });
  on(host, 'keydown', (event) => event.key === 'Escape' && explained && hideFormula());

  // ---- the contract

  /** The whole state, in the shape `apply` takes. */
  function snapshot() {
    return {
      loss: st.loss,
      predictions: st.x.map((r) => [...r]),
      targets: ce() ? [...st.y] : st.t.map((r) => [...r]),
      params: params(),
      threshold: st.thr,
      lr: st.lr,
      grad: st.grad,
      open: PANELS.filter((p) => st.open.has(p)),
    };
  }

  /** Takes a partial config over the defaults; returns the problems, each naming the field and value. */
  function apply(config = {}) {
    setTraining(false, false);
    const problems = [];
    const check = (name, ok, expected) => {
      if (config[name] === undefined || ok(config[name])) return config[name] !== undefined;
      problems.push(`${name} ${quote(config[name])} is not ${expected}`);
      return false;
    };
    const loss = check('loss', (v) => v === CE || v === ML, `${CE} or ${ML}`) ? config.loss : CE;
    const isCe = loss === CE;
    const rowsOk = (v) => Array.isArray(v) && v.length >= 1 && v.length <= N_MAX && v.every((r) => Array.isArray(r) && r.length >= K_MIN && r.length <= K_MAX);
    let x = check('predictions', rowsOk, `1 to ${N_MAX} rows of ${K_MIN} to ${K_MAX} activations`) ? config.predictions : null;
    let t = check('targets', isCe ? (v) => Array.isArray(v) : (v) => rowsOk(v) && v.every((r) => r.every((b) => b === 0 || b === 1)), isCe ? 'a class index per sample' : 'rows of 0s and 1s') ? config.targets : null;
    if (x && !t) t = isCe ? x.map(() => 0) : x.map((r) => r.map(() => 0));
    if (t && !x) x = t.map((r) => (isCe ? [0, 0, 0] : r.map(() => 0)));
    const eps = config.params?.label_smoothing ?? 0;
    for (const name of Object.keys(config.params ?? {})) if (!isCe || name !== 'label_smoothing') problems.push(`${loss} has no parameter “${name}”`);
    const candidate = { loss, params: isCe ? { label_smoothing: eps } : {}, inputs: x ?? EXAMPLES[loss].predictions, targets: t ?? EXAMPLES[loss].targets };
    try {
      engine.evaluate(candidate);
    } catch (error) {
      problems.push(error.message);
      candidate.params = isCe ? { label_smoothing: 0 } : {};
      try {
        engine.evaluate(candidate);
      } catch {
        Object.assign(candidate, EXAMPLES[loss]);
        candidate.inputs = candidate.predictions;
      }
    }
    st.loss = loss;
    st.x = candidate.inputs.map((r) => [...r]);
    const k = st.x[0].length;
    st.y = isCe ? [...candidate.targets] : candidate.targets.map((r) => Math.max(0, r.indexOf(1)));
    st.t = isCe ? st.y.map((c) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0))) : candidate.targets.map((r) => [...r]);
    st.eps = candidate.params.label_smoothing ?? 0;
    st.thr = check('threshold', (v) => typeof v === 'number' && v >= 0 && v <= 1, 'a number from 0 to 1') ? config.threshold : 0.5;
    st.lr = check('lr', (v) => RATES.includes(v), `one of ${RATES.join(', ')}`) ? config.lr : 1;
    st.grad = check('grad', (v) => typeof v === 'boolean', 'true or false') ? config.grad : true;
    st.open = new Set(check('open', (v) => Array.isArray(v) && v.every((p) => PANELS.includes(p)), `a list of ${PANELS.join(', ')}`) ? config.open : []);
    ui.codePanel.open = st.open.has('code');
    st.run = null;
    for (const node of [ui.note, ui.stepNote]) setText(node, '');
    invalidate();
    return problems;
  }

  function setViews(views) {
    shown = views;
    for (const node of host.querySelectorAll('[data-mx-view]')) node.hidden = !views.has(node.dataset.mxView);
    invalidate();
  }

  function setReadonly(value) {
    readonly = value;
    invalidate();
  }

  const observer = new ResizeObserver((entries) => {
    for (const { target, contentRect } of entries) {
      if (target === ui.trainBox) {
        if (contentRect.width > 0) trainView.plot.resize(contentRect.width);
        continue;
      }
      const width = Math.round(Math.min(target === ui.samples ? 520 : 640, contentRect.width));
      if (width < 200) continue;
      if (target === ui.samples && width !== vizWidth) {
        vizWidth = width;
        for (const row of rows) row.key = '';
      } else if (target !== ui.samples) chartWidth = width;
    }
    invalidate();
  });
  observer.observe(ui.samples);
  observer.observe(ui.chart.parentNode);
  observer.observe(ui.trainBox);

  apply({});
  return {
    apply,
    snapshot,
    setViews,
    setReadonly,
    render,
    /** Stops the training timer and the pending frame. */
    stop() {
      setTraining(false, false);
      cancelAnimationFrame(frame);
      frame = 0;
      observer.disconnect();
    },
  };
}
