// The mean loss over a run of gradient steps: a line chart, a one-line summary and the list of means.

import { Plot, el, niceScale, scaleTicks, ticksWithin } from './plot.js';
import { formatLoss } from '../format.js';
import { exportButton, setAttrs as set, setText } from '../dom.js';

/** The markup a TrainView draws into, hidden until a run has a step; ids start with `prefix`. */
export const trainBoxHtml = (prefix) =>
  `<div class="plot-box train-box" id="${prefix}train-box" hidden><svg id="${prefix}train-chart" class="chart plot" role="img" aria-labelledby="${prefix}train-title ${prefix}train-summary"><title id="${prefix}train-title">Mean loss after each step</title></svg>` +
  `<p id="${prefix}train-summary" class="note"></p>${exportButton(`${prefix}train-chart`, 'training', `${prefix}train-title`)}` +
  `<details><summary>Mean loss at each step</summary><ol id="${prefix}train-list" class="num train-list" start="0"></ol></details></div>`;

/** The mean loss after each training step, with a one-line summary and the list of means as text. */
export class TrainView {
  constructor(svg, summary, list) {
    this.plot = new Plot(svg, 170);
    this.path = el('path', { class: 'train-line' }, this.plot.lines);
    this.end = el('circle', { r: 4, class: 'train-end' }, this.plot.marks);
    this.accuracy = el('path', { class: 'train-accuracy' }, this.plot.lines);
    this.accuracyName = el('text', { class: 'train-accuracy-name', 'text-anchor': 'end' }, this.plot.marks);
    this.summary = summary;
    this.list = list;
  }

  /**
   * `means[0]` is the mean loss before the first step; `rate` the learning rate of the run. A
   * classifier's run also gives `accuracy` ({ right, n } at each step), drawn dashed on the same
   * height (0 to 100 % of the axis).
   */
  update(means, rate, accuracy = null) {
    const last = means.length - 1;
    setText(
      this.summary,
      `${last} step${last === 1 ? '' : 's'} at learning rate ${rate}: mean loss ${formatLoss(means[0])} → ${formatLoss(means[last])}` +
        (accuracy ? `; accuracy ${accuracy[0].right} of ${accuracy[0].n} → ${accuracy[last].right} of ${accuracy[last].n}.` : '.'),
    );
    const items = this.list.children;
    while (items.length > means.length) items[items.length - 1].remove();
    while (items.length < means.length) this.list.append(document.createElement('li'));
    means.forEach((mean, i) => {
      setText(items[i], formatLoss(mean));
    });
    const { plot } = this;
    const steps = Math.max(10, means.length - 1);
    const scale = niceScale(Math.max(...means));
    const top = scale.top;
    // A mean below 0 (poisson_nll's can be) takes the axis down with it.
    const bottom = Math.min(0, Math.floor(Math.min(...means) / scale.step) * scale.step);
    const yTicks = bottom < 0 ? ticksWithin(bottom, top) : scaleTicks(scale);
    plot.frame([0, steps], [bottom, top], [0, Math.round(steps / 2), steps], yTicks, 'step', 'mean loss');
    set(plot.svg, { 'data-means': means.join(',') });
    const xs = means.map((_, i) => i);
    set(this.path, { d: plot.d(xs, means) });
    set(this.end, { cx: plot.x(xs.length - 1), cy: plot.y(means[means.length - 1]) });
    set(this.accuracy, {
      d: accuracy
        ? plot.d(
            xs,
            accuracy.map((a) => (a.right / a.n) * top),
          )
        : '',
    });
    setText(
      this.accuracyName,
      accuracy ? `accuracy, dashed (top = 100 %): ${Math.round((100 * accuracy[last].right) / accuracy[last].n)} %` : '',
    );
    // Above the plot, right, level with the loss axis's title: clear of both lines.
    set(this.accuracyName, { x: plot.box.R, y: 12 });
  }
}
