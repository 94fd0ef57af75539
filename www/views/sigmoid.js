// The sigmoid, with each sample's activation mapped to its probability; a dot can be dragged (or
// moved with the arrow keys) along the curve, like the loss curve's.

import { SLIDER } from '../config.js';
import { DOT_LABELS_MAX, Plot, draggableDots, el, pool, show } from './plot.js';
import { setAttrs as set, setText } from '../dom.js';
import { formatInput, formatLoss } from '../format.js';

/** The sigmoid with each sample's activation mapped to its probability. */
export class SigmoidView {
  /** `onMove(i, x)`: the reader moved sample i's dot to activation x. */
  constructor(svg, onMove) {
    this.plot = new Plot(svg, 240);
    this.path = el('path', { class: 'sigmoid-curve' }, this.plot.lines);
    this.dots = pool((i) => {
      const g = el('g', { class: 'sdot', tabindex: 0, role: 'slider', 'data-dot': i + 1 }, this.plot.marks);
      return {
        g,
        v: el('line', { class: 'guide' }, g),
        h: el('line', { class: 'guide' }, g),
        // A 24 px target for a pointer around the 12 px dot (WCAG 2.5.8).
        hit: el('rect', { class: 'hit', width: 24, height: 24, rx: 12 }, g),
        c: el('circle', { r: 6 }, g),
        t: el('text', { 'text-anchor': 'end', dx: '-8', dy: '-6' }, g),
      };
    });
    draggableDots(svg, this.plot, { className: 'sdot', now: () => this.last, onMove });
  }

  // Labels sit above and left of their dots: off the rising curve, so neighbours along it do not collide.
  update({ grid, inputs, probs, targets }) {
    this.last = { range: SLIDER.logit, inputs };
    const { plot } = this;
    plot.frame([-10, 10], [0, 1], [-10, -5, 0, 5, 10], [0, 0.5, 1], 'activation x', 'σ(x) = p');
    if (this.drawn?.grid !== grid || this.drawn.frame !== plot.frameKey) {
      this.drawn = { grid, frame: plot.frameKey };
      set(this.path, { d: plot.d(grid.xs, grid.ys) });
    }
    const labelled = inputs.length <= DOT_LABELS_MAX;
    for (let i = 0; i < inputs.length; i++) {
      const dot = this.dots.get(i);
      const { g, v, h, hit, c, t } = dot;
      show(t, labelled);
      const key = `${plot.frameKey} ${inputs[i]} ${probs[i]} ${targets[i]}`;
      if (dot.key === key) continue;
      dot.key = key;
      const x = plot.x(Math.min(10, Math.max(-10, inputs[i])));
      const y = plot.y(probs[i]);
      const target = targets[i] >= 0.5 ? 1 : 0;
      set(g, {
        class: `sdot t${target}`,
        'data-p': probs[i],
        'aria-label': `Sample ${i + 1}, target ${target}, activation`,
        'aria-valuemin': SLIDER.logit.min,
        'aria-valuemax': SLIDER.logit.max,
        'aria-valuenow': inputs[i],
        'aria-valuetext': `x ${formatInput(inputs[i])}, p ${formatLoss(probs[i])}`,
      });
      set(v, { x1: x, x2: x, y1: plot.box.B, y2: y });
      set(h, { x1: plot.box.L, x2: x, y1: y, y2: y });
      set(c, { cx: x, cy: y });
      set(hit, { x: x - 12, y: y - 12 });
      set(t, { x, y });
      setText(t, String(i + 1));
    }
    this.dots.hide(inputs.length);
  }
}

/** The sigmoid panel: the chart and its description, from the lab model and the engine's result. */
export function showSigmoid(view, description, model, result) {
  const { inputs, targets } = model.state;
  view.update({ grid: model.sigmoidCurve(), inputs, probs: result.probs, targets });
  const parts = inputs.map((x, i) => `${i + 1}: x ${formatInput(x)} gives p ${formatLoss(result.probs[i])}`);
  setText(description, `${parts.join('; ')}.`);
}
