// The data of a constant or a line: each sample a point a reader drags or moves with the keyboard,
// the model's predictions drawn through them, and each point's error as a dashed line to it.
// For the constant model a point is (sample number, target y) and the prediction a level line at c;
// for the line it is (x, y) and the prediction the line w·x + b.

import { Plot, STEP, around, el, formatTick, snap, pool, show, ticksWithin } from './plot.js';
import { formatLoss } from '../format.js';
import { setAttrs as set, setText } from '../dom.js';

export class PointsView {
  /**
   * `onMove(i, x, y)`: the reader moved point i (x is ignored for the constant); `onAdd(x, y)`: a
   * click on empty ground; `onRemove(i)`: Delete on a focused point.
   */
  constructor(svg, { onMove, onAdd, onRemove }) {
    this.plot = new Plot(svg, 260);
    const { plot } = this;
    this.fit = el('line', { class: 'wl-fit' }, plot.lines);
    this.errors = pool(() => ({ g: el('line', { class: 'wl-error' }, plot.lines) }));
    this.dots = pool((i) => {
      const g = el('g', { class: 'dot r', tabindex: 0, role: 'slider', 'data-dot': i + 1 }, plot.marks);
      // A 24 px target for a pointer around the 16 px dot (WCAG 2.5.8).
      el('rect', { class: 'hit', x: -12, y: -12, width: 24, height: 24, rx: 12 }, g);
      return { g, c: el('circle', { r: 8 }, g), t: el('text', { 'text-anchor': 'middle', dy: '-12' }, g) };
    });
    this.fitName = el('text', { class: 'wl-fit-name' }, plot.marks);
    this.drag = -1;
    const pointOf = (event) => {
      const g = event.target.closest?.('.dot');
      return g ? Number(g.dataset.dot) - 1 : -1;
    };
    const at = (event) => {
      const r = svg.getBoundingClientRect();
      const px = ((event.clientX - r.left) * plot.width) / r.width;
      const py = ((event.clientY - r.top) * plot.height) / r.height;
      const { L, R, T, B } = plot.box;
      const [x0, x1] = this.xRange;
      const [y0, y1] = this.yRange;
      return [x0 + ((px - L) / (R - L)) * (x1 - x0), y0 + ((B - py) / (B - T)) * (y1 - y0)];
    };
    const move = (event) => {
      const [x, y] = at(event);
      const v = this.last;
      onMove(this.drag, v.model === 'line' ? snap(x) : v.xs[this.drag], snap(y));
    };
    svg.addEventListener('pointerdown', (event) => {
      if (this.last?.readonly) return;
      const i = pointOf(event);
      if (i < 0) {
        // A click inside the plot on empty ground adds a point there.
        const [x, y] = at(event);
        const [x0, x1] = this.xRange;
        if (x < x0 || x > x1 || y < this.yRange[0] || y > this.yRange[1]) return;
        onAdd(snap(x), snap(y));
        return;
      }
      event.preventDefault();
      this.drag = i;
      svg.setPointerCapture(event.pointerId);
      svg.querySelector(`[data-dot="${i + 1}"]`).focus();
    });
    svg.addEventListener('pointermove', (event) => this.drag >= 0 && move(event));
    for (const type of ['pointerup', 'pointercancel']) {
      svg.addEventListener(type, () => {
        this.drag = -1;
        if (this.last) this.update(this.last);
      });
    }
    svg.addEventListener('keydown', (event) => {
      const i = pointOf(event);
      const v = this.last;
      if (i < 0 || !v || v.readonly) return;
      if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        onRemove(i);
        return;
      }
      const big = event.shiftKey ? 10 : 1;
      const dy = { ArrowUp: STEP, ArrowDown: -STEP, PageUp: 1, PageDown: -1 }[event.key];
      const dx = v.model === 'line' ? { ArrowRight: STEP, ArrowLeft: -STEP }[event.key] : undefined;
      if (dy === undefined && dx === undefined) return;
      event.preventDefault();
      onMove(i, snap(v.xs[i] + (dx ?? 0) * big), snap(v.ys[i] + (dy ?? 0) * big));
    });
  }

  /** Keeps focus on point i after a render (a removed point moves focus to its neighbour). */
  focus(i) {
    const n = this.last?.ys.length ?? 0;
    if (n) this.plot.svg.querySelector(`[data-dot="${Math.min(i, n - 1) + 1}"]`)?.focus();
  }

  /** `v`: model ('constant' or 'line'), xs (sample numbers for the constant), ys, weights, predictions, perSample, readonly. */
  update(v) {
    this.last = v;
    const { plot } = this;
    const n = v.ys.length;
    const line = v.model === 'line';
    // The axes hold still while a point is dragged, so it stays under the pointer.
    if (this.drag < 0 || !this.xRange) {
      this.xRange = line ? around(v.xs, 1, 4) : [0.5, n + 0.5];
      const ys = [...v.ys, ...(line ? [] : v.weights)];
      this.yRange = around(ys, 1.5, 4);
    }
    const [x0, x1] = this.xRange;
    const [y0, y1] = this.yRange;
    const xTicks = line ? ticksWithin(x0, x1) : Array.from({ length: n }, (_, i) => i + 1).filter((i) => n <= 12 || i % 2 === 1);
    plot.frame([x0, x1], [y0, y1], xTicks, ticksWithin(y0, y1), line ? 'x' : 'sample', 'y');
    const at = (x) => (line ? v.weights[0] * x + v.weights[1] : v.weights[0]);
    set(this.fit, { x1: plot.x(x0), y1: plot.y(at(x0)), x2: plot.x(x1), y2: plot.y(at(x1)) });
    const short = (x) => formatTick(Number(x.toPrecision(3)));
    const [w, b] = v.weights;
    setText(this.fitName, line ? `ŷ = ${short(w)}·x ${b < 0 ? '−' : '+'} ${short(Math.abs(b))}` : `ŷ = c = ${short(w)}`);
    const yEnd = Math.min(Math.max(at(x1), y0), y1);
    set(this.fitName, { x: plot.box.R - 4, y: plot.y(yEnd) + (yEnd > (y0 + y1) / 2 ? 18 : -8), 'text-anchor': 'end' });
    for (let i = 0; i < n; i++) {
      const x = plot.x(v.xs[i]);
      const y = plot.y(Math.min(Math.max(v.ys[i], y0), y1));
      set(this.errors.get(i).g, { x1: x, x2: x, y1: y, y2: plot.y(Math.min(Math.max(v.predictions[i], y0), y1)) });
      const { g, t } = this.dots.get(i);
      const where = line ? `x ${formatTick(v.xs[i])}, y ${formatTick(v.ys[i])}` : `y ${formatTick(v.ys[i])}`;
      set(g, {
        transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
        'aria-label': `${line ? 'Point' : 'Sample'} ${i + 1}`,
        'aria-valuenow': v.ys[i],
        'aria-valuemin': -100,
        'aria-valuemax': 100,
        'aria-valuetext': `${where}; predicted ${formatTick(Number(v.predictions[i].toPrecision(6)))}, loss ${formatLoss(v.perSample[i])}`,
        'aria-keyshortcuts': line ? 'ArrowUp ArrowDown ArrowLeft ArrowRight Delete' : 'ArrowUp ArrowDown Delete',
        'data-x': v.xs[i],
        'data-y': v.ys[i],
      });
      show(t, n <= 12);
      setText(t, String(i + 1));
    }
    this.errors.hide(n);
    this.dots.hide(n);
  }
}
