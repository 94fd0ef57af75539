// The loss curve for target 1 and target 0 (or, for regression, of the error; for a loss of counts,
// against the prediction, one curve per count), each sample a focusable, draggable dot; the focused
// one shows its gradient as a tangent.

import { DOT_LABELS_MAX, Plot, direction, draggableDots, el, niceScale, pool, scaleTicks, show, ticksWithin } from './plot.js';
import { SLIDER } from '../config.js';
import { formatGradient, formatInput, formatLoss } from '../format.js';
import { setAttrs as set, setText } from '../dom.js';
import { lossInfo, nameOf } from '../registry.js';

const TANGENT_HALF_PX = 70;
const CURVE_Y_CAP = 5; // the loss axis stops here; samples above it sit on the edge, marked
const OFF_SCALE_INSET_PX = 10; // an off-scale dot sits this far inside the top edge, clear of the axis labels
const OFF_SCALE_LABEL_DY = '22'; // and its label below it, inside the plot
const X_TICKS = { prob: [0, 0.25, 0.5, 0.75, 1], logit: [-10, -5, 0, 5, 10], error: [-4, -2, 0, 2, 4], rate: [-4, -2, 0, 2, 4] };
const X_TITLES = { prob: 'prediction p', logit: 'activation x', error: 'error d = ŷ − y', rate: 'prediction ŷ, the log of the rate' };
/** Curves drawn at most: binary's two, or one per count (lab-model.js CURVE_TARGETS_MAX). */
const CURVES_MAX = 4;

/** Loss against the input for both targets, each sample a focusable, draggable dot. */
export class CurveView {
  constructor(svg, onMove) {
    this.plot = new Plot(svg, 280);
    const plot = this.plot;
    this.onMove = onMove;
    // Their classes (t1, t0 or r) are set when drawn: nameCurves and update.
    this.paths = Array.from({ length: CURVES_MAX }, () => el('path', { class: 'curve' }, plot.lines));
    this.tangent = el('line', { class: 'tangent' }, plot.lines);
    this.names = Array.from({ length: CURVES_MAX }, () => el('text', { class: 'curve-name' }, plot.marks));
    this.slope = el('text', { class: 'slope' }, plot.marks);
    this.dots = pool((i) => {
      const g = el('g', { class: 'dot', tabindex: 0, role: 'slider', 'data-dot': i + 1 }, plot.marks);
      // A 24 px target for a pointer around the 16 px dot (WCAG 2.5.8).
      el('rect', { class: 'hit', x: -12, y: -12, width: 24, height: 24, rx: 12 }, g);
      return { g, c: el('circle', { r: 8 }, g), t: el('text', { 'text-anchor': 'middle', dy: '-12' }, g) };
    });
    this.hover = -1;
    this.focus = -1;
    const redraw = () => this.last && this.update(this.last);
    // The dot hovered or focused shows its tangent.
    draggableDots(svg, plot, {
      className: 'dot',
      now: () => this.last,
      onMove: (i, x) => this.onMove(i, x),
      onPoint: (how, i) => {
        this[how] = i;
        redraw();
      },
    });
  }

  update(v) {
    this.last = v;
    const { plot } = this;
    const { xs, ys } = v.grid;
    const [x0, x1] = [xs[0], xs[xs.length - 1]];
    let [min, max] = [0, 0];
    for (const y of ys) for (const value of y) [min, max] = [Math.min(min, value), Math.max(max, value)];
    for (const l of v.losses) [min, max] = [Math.min(min, l), Math.max(max, l)];
    const scale = niceScale(Math.min(max, CURVE_Y_CAP));
    const top = scale.top;
    // A loss of counts dips below 0 (PyTorch leaves out ln y!): the axis then reaches its least value.
    const bottom = min < 0 ? Math.floor(min / scale.step) * scale.step : 0;
    const yTicks = bottom < 0 ? ticksWithin(bottom, top) : scaleTicks(scale);
    plot.frame([x0, x1], [bottom, top], X_TICKS[v.space], yTicks, X_TITLES[v.space], 'loss');
    set(plot.svg, { 'data-y-max': top });
    // Regression has one curve, of the error; the binary losses one per target; a loss of counts one per count.
    const counts = v.space === 'rate';
    const single = ys.length === 1 && !counts;
    const plain = single || counts;
    // The curves change only with the loss, its parameters (a new grid) or the axes.
    if (this.drawn?.grid !== v.grid || this.drawn.frame !== plot.frameKey) {
      this.drawn = { grid: v.grid, frame: plot.frameKey };
      ys.forEach((y, k) => {
        set(this.paths[k], { d: plot.d(xs, y), class: plain ? 'curve r' : `curve t${1 - k}` });
      });
      this.nameCurves(v, top);
    }
    for (const [k, path] of this.paths.entries()) show(path, k < ys.length);
    for (const [k, name] of this.names.entries()) show(name, !single && k < ys.length);
    const n = v.inputs.length;
    const labelled = n <= DOT_LABELS_MAX;
    // Past the labels' limit the marks shrink (their 24 px targets stay), so that many dots on one
    // curve overlap less.
    const radius = labelled ? 8 : 5;
    for (let i = 0; i < n; i++) {
      const dot = this.dots.get(i);
      const { g, c, t } = dot;
      show(t, labelled);
      if (c.getAttribute('r') !== String(radius)) c.setAttribute('r', String(radius));
      // A dot is written again only if its numbers or the axes changed: one slider moves one dot.
      const key = `${plot.frameKey} ${v.space} ${single} ${v.range.min} ${v.range.max} ${v.symbol} ${v.inputs[i]} ${v.losses[i]} ${v.grads[i]} ${v.targets[i]}`;
      if (dot.key === key) continue;
      dot.key = key;
      const x = plot.x(Math.min(x1, Math.max(x0, v.inputs[i])));
      // Off the scale (a loss above the axis, an input beyond it): the dot sits just inside the edge,
      // as a ring, and its label says its value and which way it lies.
      const over = v.losses[i] > top;
      const beyond = v.inputs[i] < x0 ? '←' : v.inputs[i] > x1 ? '→' : '';
      const y = over ? plot.y(top) + OFF_SCALE_INSET_PX : plot.y(v.losses[i]);
      const positive = v.targets[i] >= 0.5;
      const what = counts ? `count ${formatInput(v.targets[i])}` : single ? 'error' : `target ${positive ? 1 : 0}`;
      set(g, {
        class: `dot ${plain ? 'r' : `t${positive ? 1 : 0}`}${over || beyond ? ' over' : ''}`,
        transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
        'aria-label': `Sample ${i + 1}, ${what}`,
        'aria-valuemin': v.range.min,
        'aria-valuemax': v.range.max,
        'aria-valuenow': v.inputs[i],
        'aria-valuetext': `${v.symbol} ${v.inputs[i]}, loss ${formatLoss(v.losses[i])}, slope ${formatGradient(v.grads[i])}, ${direction(v.grads[i], v.symbol)[0]}`,
        'data-loss': v.losses[i],
      });
      // An off-scale label reads inwards from the edge it sits at, clear of the axis labels.
      const anchor = beyond === '←' || (over && x < plot.box.L + 60) ? 'start' : beyond === '→' ? 'end' : 'middle';
      set(t, { dy: over ? OFF_SCALE_LABEL_DY : '-12', 'text-anchor': anchor });
      const where = beyond ? ` ${beyond} ${v.symbol} ${formatInput(v.inputs[i])}` : '';
      setText(t, `${i + 1}${where}${over ? ` ↑ loss ${formatLoss(v.losses[i])}` : ''}`);
    }
    this.dots.hide(n);
    const a = this.hover >= 0 ? this.hover : this.focus;
    const active = a >= 0 && a < n;
    show(this.tangent, active);
    show(this.slope, active);
    if (!active) return;
    const g = v.grads[a];
    // The tangent's direction in pixels: one unit of input across, g units of loss up.
    const kx = plot.x(x0 + 1) - plot.x(x0);
    const ky = plot.y(0) - plot.y(1);
    const [ux, uy] = Number.isFinite(g * ky) ? [kx, -g * ky] : [0, -Math.sign(g)];
    const len = Math.hypot(ux, uy) / TANGENT_HALF_PX;
    const cx = plot.x(v.inputs[a]);
    const cy = plot.y(v.losses[a]);
    set(this.tangent, { x1: cx - ux / len, y1: cy - uy / len, x2: cx + ux / len, y2: cy + uy / len, 'data-slope': g, 'data-for': a + 1 });
    const right = cx < (plot.box.L + plot.box.R) / 2;
    set(this.slope, {
      x: cx + (right ? 14 : -14),
      y: Math.max(plot.box.T + 12, Math.min(cy, plot.y(top)) + 26),
      'text-anchor': right ? 'start' : 'end',
    });
    setText(this.slope, `slope ${formatGradient(g)}`);
  }

  /**
   * Names each curve. Binary: target 1 where its curve starts (left), target 0 where it ends (right).
   * Counts: each y left of its curve, at a height of its own.
   */
  nameCurves(v, top) {
    const { plot } = this;
    const { xs, ys } = v.grid;
    const [x0, x1] = [xs[0], xs.at(-1)];
    if (v.space === 'rate') {
      // Each count at its own height (the least count highest), beside the point where its curve
      // comes down through it: labels at different heights never overlap, however close the counts.
      const order = [...v.grid.targets].sort((a, b) => a - b);
      v.grid.targets.forEach((t, k) => {
        const height = top * (0.9 - 0.18 * order.indexOf(t));
        // A count's curve falls from the left to its lowest point; y = 0's (e^ŷ) only rises: its right side.
        const i = t > 0 ? ys[k].findIndex((y) => y <= height) : ys[k].findIndex((y) => y >= height);
        // A small count's curve starts below its height: it is named at its left end, above it.
        const at =
          i > 0
            ? { x: plot.x(xs[i]) - 6, y: plot.y(height) + 4, 'text-anchor': 'end' }
            : { x: plot.x(x0) + 6, y: plot.y(Math.min(ys[k][0], top)) - 6, 'text-anchor': 'start' };
        set(this.names[k], { class: 'curve-name r', ...at });
        setText(this.names[k], `y = ${formatInput(t)}`);
      });
      return;
    }
    if (ys.length < 2) return;
    set(this.names[0], { class: 'curve-name t1', x: plot.x(x0) + 6, y: plot.y(Math.min(ys[0][0], top)) + 16, 'text-anchor': 'start' });
    set(this.names[1], { class: 'curve-name t0', x: plot.x(x1) - 6, y: plot.y(Math.min(ys[1].at(-1), top)) + 16, 'text-anchor': 'end' });
    setText(this.names[0], 'target 1');
    setText(this.names[1], 'target 0');
  }
}

/** What the panel says over a regression loss's curve, by the registry's `curve` ('prediction'), where it is not the error's. */
const CURVE_HINTS = {
  prediction:
    'The loss of any prediction ŷ, one curve per count y: each is lowest where e^ŷ = y, and may dip below 0, since PyTorch leaves out ln(y!), which no prediction changes. Drag a dot to move its prediction.',
};
/** The hint of the error's curve, as the markup has it. */
const errorHints = new WeakMap();

/** Up to this many samples the curve's caption lists each one. */
const CURVE_LIST_MAX = 8;

/** The curve panel: the chart, its caption and (regression) its hint, from the lab model and the engine's result. */
export function showCurve(view, caption, model, result, symbol, hint) {
  const { state } = model;
  if (!errorHints.has(hint)) errorHints.set(hint, hint.textContent);
  setText(hint, CURVE_HINTS[lossInfo(state.loss).curve] ?? errorHints.get(hint));
  const grid = model.curve();
  // A loss of counts is drawn against the prediction ŷ, one curve per count (grid.targets).
  const counts = Boolean(grid.targets);
  const regression = model.spaceKey() === 'value' && !counts;
  // Regression dots sit at their error d = ŷ − y; dragging one moves ŷ.
  const xs = regression ? state.inputs.map((v, i) => v - state.targets[i]) : state.inputs;
  view.update({
    space: counts ? 'rate' : regression ? 'error' : state.space,
    symbol: counts ? 'ŷ' : regression ? 'd' : symbol,
    range: counts ? SLIDER.value : regression ? SLIDER.error : SLIDER[state.space],
    grid,
    inputs: xs,
    losses: result.perSample,
    grads: result.grad,
    targets: state.targets,
  });
  // Read aloud and shown under the plot: past a handful of samples a list would be a wall of
  // text, and each dot already reads out its own numbers when focused.
  const name = nameOf(state.loss);
  if (xs.length > CURVE_LIST_MAX) {
    setText(
      caption,
      `${xs.length} samples on the curve of ${name}. Focus a dot to hear its numbers; “The numbers behind the chart” lists them all.`,
    );
    return;
  }
  const parts = xs.map((v, i) => {
    const what = counts ? `count ${formatInput(state.targets[i])}, prediction` : regression ? 'error' : symbol;
    return `${i + 1}: ${what} ${formatInput(v)}, loss ${formatLoss(result.perSample[i])}, slope ${formatGradient(result.grad[i])}`;
  });
  const distinct = new Set(state.targets).size;
  const left = counts && distinct > grid.targets.length ? ` Curves for the first ${grid.targets.length} of ${distinct} counts.` : '';
  setText(caption, `Samples on the curve of ${name}. ${parts.join('; ')}.${left}`);
}
