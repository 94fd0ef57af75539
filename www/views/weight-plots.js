// What the loss says about the weights themselves, one chart per model:
// - constant: the mean loss against c, the current c on it with its gradient as the tangent, the
//   mean and the median of the targets marked, and the run's steps along the curve;
// - line: the mean loss over (w, b) as a heat map, darker where it is higher, the lowest cell
//   marked, the run's descent path drawn on it and the current (w, b) a dot to drag;
// - words: each word's weight as a bar (blue pushes towards positive, orange towards negative)
//   with an arrow to where one step moves it.

import { Plot, STEP, el, formatTick, niceScale, snap, pool, scaleTicks, ticksWithin } from './plot.js';
import { formatGradient, formatLoss } from '../format.js';
import { setAttrs as set, setText } from '../dom.js';

const TANGENT_HALF_PX = 70;

/** The median of some numbers (the middle one, or the mean of the two middle ones). */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Arrow keys and drags on one focusable dot; `onKey(key, shift)` and `onDrag(px, py)` in SVG pixels. */
function dotControls(svg, dot, { onKey, onDrag, enabled }) {
  let dragging = false;
  const at = (event) => {
    const r = svg.getBoundingClientRect();
    const box = svg.viewBox.baseVal;
    return [((event.clientX - r.left) * box.width) / r.width, ((event.clientY - r.top) * box.height) / r.height];
  };
  svg.addEventListener('pointerdown', (event) => {
    if (!enabled() || !event.target.closest?.('.wl-handle')) return;
    event.preventDefault();
    dragging = true;
    svg.setPointerCapture(event.pointerId);
    dot.focus();
  });
  svg.addEventListener('pointermove', (event) => dragging && onDrag(...at(event)));
  for (const type of ['pointerup', 'pointercancel']) {
    svg.addEventListener(type, () => {
      dragging = false;
    });
  }
  dot.addEventListener('keydown', (event) => {
    if (!enabled()) return;
    if (onKey(event.key, event.shiftKey)) event.preventDefault();
  });
}

export class ConstantCurveView {
  /** `onSet(c)`: the reader dragged or keyed c; `current()` is c now (keys pressed before a redraw add up). */
  constructor(svg, onSet, current) {
    this.plot = new Plot(svg, 240);
    const { plot } = this;
    this.curve = el('path', { class: 'curve r' }, plot.lines);
    this.guides = ['mean', 'median'].map((name) => ({
      line: el('line', { class: `guide wl-${name}` }, plot.lines),
      text: el('text', { class: `wl-guide-name wl-${name}`, 'text-anchor': 'middle' }, plot.marks),
    }));
    this.steps = pool(() => ({ g: el('circle', { class: 'wl-step', r: 3 }, plot.lines) }));
    this.tangent = el('line', { class: 'tangent' }, plot.lines);
    this.dot = el('g', { class: 'dot r wl-handle', tabindex: 0, role: 'slider', 'aria-label': 'The constant c' }, plot.marks);
    el('rect', { class: 'hit', x: -12, y: -12, width: 24, height: 24, rx: 12 }, this.dot); // a 24 px target
    el('circle', { r: 8 }, this.dot);
    this.slope = el('text', { class: 'slope' }, plot.marks);
    dotControls(svg, this.dot, {
      enabled: () => !this.last?.readonly,
      onDrag: (px) => onSet(snap(plot.xOf(px))),
      onKey: (key, shift) => {
        const d = { ArrowRight: STEP, ArrowUp: STEP, ArrowLeft: -STEP, ArrowDown: -STEP, PageUp: 1, PageDown: -1 }[key];
        if (d === undefined) return false;
        onSet(snap(current() + d * (shift ? 10 : 1)));
        return true;
      },
    });
  }

  /** `v`: targets, c, mean loss at c, gradient at c, curve ({ cs, means } from the model), path (c before each step and after the last) and pathMeans (the mean at each), lossName, readonly. */
  update(v) {
    this.last = v;
    const { plot } = this;
    const { cs, means } = v.curve;
    const [x0, x1] = [cs[0], cs[cs.length - 1]];
    const scale = niceScale(Math.max(...means));
    plot.frame([x0, x1], [0, scale.top], ticksWithin(x0, x1), scaleTicks(scale), 'c', `mean ${v.lossName}`);
    const y = (m) => plot.y(Math.min(m, scale.top));
    set(this.curve, { d: plot.d(cs, means) });
    const marks = [
      ['mean', v.targets.reduce((a, b) => a + b, 0) / v.targets.length],
      ['median', median(v.targets)],
    ];
    marks.forEach(([name, value], k) => {
      const { line, text } = this.guides[k];
      const x = plot.x(value);
      set(line, { x1: x, x2: x, y1: plot.box.T, y2: plot.box.B, 'data-value': value });
      // Two marks close together: the median's name goes lower.
      // Beside its line, not across it; the second mark a line lower when the two are close.
      set(text, {
        x: x + 4,
        y: plot.box.T + 10 + (k === 1 && Math.abs(marks[0][1] - value) < (x1 - x0) / 8 ? 16 : 0),
        'text-anchor': 'start',
      });
      setText(text, `${name} ${formatTick(Number(value.toPrecision(6)))}`);
    });
    v.path.forEach((c, i) => {
      set(this.steps.get(i).g, { cx: plot.x(c), cy: y(v.pathMeans[i]) });
    });
    this.steps.hide(v.path.length);
    const cx = plot.x(Math.min(Math.max(v.c, x0), x1));
    const cy = y(v.mean);
    set(this.dot, {
      transform: `translate(${cx.toFixed(1)} ${cy.toFixed(1)})`,
      'aria-valuenow': v.c,
      'aria-valuemin': x0,
      'aria-valuemax': x1,
      'aria-valuetext': `c ${formatTick(Number(v.c.toPrecision(8)))}, mean loss ${formatLoss(v.mean)}, slope ${formatGradient(v.grad)}`,
      'data-c': v.c,
    });
    const kx = plot.x(x0 + 1) - plot.x(x0);
    const ky = plot.y(0) - plot.y(1);
    const [ux, uy] = Number.isFinite(v.grad * ky) ? [kx, -v.grad * ky] : [0, -Math.sign(v.grad)];
    const len = Math.hypot(ux, uy) / TANGENT_HALF_PX || 1;
    set(this.tangent, { x1: cx - ux / len, y1: cy - uy / len, x2: cx + ux / len, y2: cy + uy / len, 'data-slope': v.grad });
    const right = cx < (plot.box.L + plot.box.R) / 2;
    set(this.slope, { x: cx + (right ? 14 : -14), y: Math.min(cy + 26, plot.box.B - 6), 'text-anchor': right ? 'start' : 'end' });
    setText(this.slope, `slope ${formatGradient(v.grad)}`);
  }
}

export class SurfaceView {
  /** `onSet(w, b)`: the reader dragged or keyed the dot; `current()` is [w, b] now. */
  constructor(svg, onSet, current) {
    this.plot = new Plot(svg, 280);
    const { plot } = this;
    this.cells = el('g', { class: 'wl-cells', 'aria-hidden': 'true' }, plot.lines);
    this.lowest = el('path', { class: 'wl-lowest' }, plot.lines);
    this.lowestName = el('text', { class: 'wl-guide-name' }, plot.marks);
    this.path = el('path', { class: 'wl-path' }, plot.lines);
    this.dot = el('g', { class: 'dot r wl-handle', tabindex: 0, role: 'slider', 'aria-label': 'The weights w and b' }, plot.marks);
    el('rect', { class: 'hit', x: -12, y: -12, width: 24, height: 24, rx: 12 }, this.dot); // a 24 px target
    el('circle', { r: 8 }, this.dot);
    this.rects = [];
    dotControls(svg, this.dot, {
      enabled: () => !this.last?.readonly,
      onDrag: (px, py) => {
        const { L, R, T, B } = plot.box;
        const [w0, w1] = this.last.wRange;
        const [b0, b1] = this.last.bRange;
        onSet(snap(w0 + ((px - L) / (R - L)) * (w1 - w0)), snap(b0 + ((B - py) / (B - T)) * (b1 - b0)));
      },
      onKey: (key, shift) => {
        const [w, b] = current();
        const s = STEP * (shift ? 10 : 1);
        const to = { ArrowRight: [w + s, b], ArrowLeft: [w - s, b], ArrowUp: [w, b + s], ArrowDown: [w, b - s] }[key];
        if (!to) return false;
        onSet(snap(to[0]), snap(to[1]));
        return true;
      },
    });
  }

  /** `v`: weights [w, b], mean, grad, surface ({ values, cols, rows }), wRange, bRange, path ([w, b] per step), readonly. */
  update(v) {
    this.last = v;
    const { plot } = this;
    const [w0, w1] = v.wRange;
    const [b0, b1] = v.bRange;
    plot.frame([w0, w1], [b0, b1], ticksWithin(w0, w1), ticksWithin(b0, b1), 'w (slope)', 'b (intercept)');
    const { values, cols, rows } = v.surface;
    if (this.drawn !== v.surface || this.frame !== plot.frameKey) {
      this.drawn = v.surface;
      this.frame = plot.frameKey;
      // Darker is higher: the shade follows the log of the mean loss, from the lowest cell to the highest.
      let lo = Infinity;
      let hi = -Infinity;
      let best = 0;
      values.forEach((m, k) => {
        if (m < lo) {
          lo = m;
          best = k;
        }
        if (m > hi) hi = m;
      });
      const shade = (m) => Math.log1p(m - lo) / Math.log1p(hi - lo || 1);
      const cw = (plot.box.R - plot.box.L) / cols;
      const ch = (plot.box.B - plot.box.T) / rows;
      while (this.rects.length < cols * rows) this.rects.push(el('rect', {}, this.cells));
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const k = r * cols + c;
          // Whole-pixel edges shared by neighbours: no gap, and no overlap to show as a seam.
          const x = Math.round(plot.box.L + c * cw);
          const y = Math.round(plot.box.T + r * ch);
          set(this.rects[k], {
            x,
            y,
            width: Math.round(plot.box.L + (c + 1) * cw) - x,
            height: Math.round(plot.box.T + (r + 1) * ch) - y,
            'fill-opacity': (0.06 + 0.8 * shade(values[k])).toFixed(3),
          });
        }
      }
      for (const rect of this.rects.slice(cols * rows)) rect.remove();
      this.rects.length = cols * rows;
      const bx = plot.box.L + ((best % cols) + 0.5) * cw;
      const by = plot.box.T + (Math.floor(best / cols) + 0.5) * ch;
      set(this.lowest, { d: `M${bx - 6} ${by - 6}L${bx + 6} ${by + 6}M${bx - 6} ${by + 6}L${bx + 6} ${by - 6}` });
      // The label reads to the right of the cross, or to its left in the right half, inside the map.
      const right = bx < (plot.box.L + plot.box.R) / 2;
      set(this.lowestName, { x: right ? bx + 10 : bx - 10, y: by + 4, 'text-anchor': right ? 'start' : 'end' });
      const wAt = w0 + (((best % cols) + 0.5) * (w1 - w0)) / cols;
      const bAt = b1 - ((Math.floor(best / cols) + 0.5) * (b1 - b0)) / rows;
      setText(this.lowestName, `lowest ≈ w ${wAt.toFixed(1)}, b ${bAt.toFixed(1)}`);
    }
    const clampW = (w) => Math.min(Math.max(w, w0), w1);
    const clampB = (b) => Math.min(Math.max(b, b0), b1);
    set(this.path, {
      d: plot.d(
        v.path.map((p) => clampW(p[0])),
        v.path.map((p) => clampB(p[1])),
      ),
    });
    const [w, b] = v.weights;
    set(this.dot, {
      transform: `translate(${plot.x(clampW(w)).toFixed(1)} ${plot.y(clampB(b)).toFixed(1)})`,
      'aria-valuenow': w,
      'aria-valuemin': w0,
      'aria-valuemax': w1,
      'aria-valuetext': `w ${formatTick(Number(w.toPrecision(8)))}, b ${formatTick(Number(b.toPrecision(8)))}, mean loss ${formatLoss(v.mean)}; gradient ${formatGradient(v.grad[0])} for w, ${formatGradient(v.grad[1])} for b`,
      'aria-keyshortcuts': 'ArrowLeft ArrowRight ArrowUp ArrowDown',
      'data-w': w,
      'data-b': b,
    });
  }
}

const ROW_PX = 26;
const WORD_LEFT_PX = 84;

export class WordBarsView {
  constructor(svg) {
    this.svg = svg;
    this.width = 480;
    this.zero = el('line', { class: 'zero-line' }, svg);
    this.rows = pool(() => {
      const g = el('g', { class: 'wl-word' }, svg);
      return {
        g,
        name: el('text', { 'text-anchor': 'end', dy: '0.32em' }, g),
        bar: el('rect', { class: 'bar' }, g),
        arrow: el('path', { class: 'wl-arrow' }, g),
        value: el('text', { class: 'bar-value', dy: '0.32em' }, g),
      };
    });
  }

  resize(widthPx) {
    this.width = Math.max(240, Math.round(widthPx));
    if (this.last) this.update(this.last);
  }

  /** `v`: names (the words, then 'b'), weights, grad (of the mean), learningRate. */
  update(v) {
    this.last = v;
    const n = v.names.length;
    const height = 28 + n * ROW_PX + 8;
    const { width } = this;
    set(this.svg, { viewBox: `0 0 ${width} ${height}`, width, height });
    const ends = v.weights.map((w, j) => w - v.learningRate * v.grad[j]);
    const top = Math.max(1, ...v.weights.map(Math.abs), ...ends.map(Math.abs));
    const L = WORD_LEFT_PX;
    const R = width - 56;
    const mid = (L + R) / 2;
    const x = (w) => mid + (w / top) * ((R - L) / 2);
    set(this.zero, { x1: mid, x2: mid, y1: 16, y2: 28 + n * ROW_PX });
    for (let j = 0; j < n; j++) {
      const { g, name, bar, arrow, value } = this.rows.get(j);
      const y = 28 + j * ROW_PX + ROW_PX / 2;
      const w = v.weights[j];
      set(g, { 'data-word': v.names[j], 'data-weight': w, 'data-grad': v.grad[j] });
      set(name, { x: L - 8, y });
      setText(name, v.names[j]);
      set(bar, { x: Math.min(x(0), x(w)), y: y - 8, width: Math.abs(x(w) - x(0)), height: 16, class: `bar ${w >= 0 ? 't1' : 't0'}` });
      const to = x(ends[j]);
      const from = x(w);
      const dir = Math.sign(to - from);
      set(arrow, {
        d: Math.abs(to - from) < 1 ? '' : `M${from} ${y}L${to} ${y}M${to - dir * 6} ${y - 5}L${to} ${y}L${to - dir * 6} ${y + 5}`,
      });
      set(value, { x: Math.max(from, to, mid) + 6, y });
      setText(value, w.toFixed(4));
    }
    this.rows.hide(n);
  }
}
