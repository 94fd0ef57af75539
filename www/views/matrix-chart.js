// The loss chart of the lab for many classes and labels: the one bar chart (bar-chart.js), each bar
// coloured by its sample's target class (or neutral for many labels), with its text alternative
// and, for many classes, a key of the class colours.

import { setFlag, setText } from '../dom.js';
import { capitalise, formatLoss } from '../format.js';
import { NAMES } from '../matrix-model.js';
import { LossChart } from './bar-chart.js';

const LOSS_NAMES = { cross_entropy: 'cross-entropy', multilabel_bce: 'multi-label bce' };

export class MatrixChartView {
  /** `svg` is the chart, `description` its <desc>, `legend` the key of class colours. */
  constructor({ svg, description, legend }) {
    this.chart = new LossChart(svg);
    Object.assign(this, { description, legend });
  }

  update({ state, result }) {
    const { perSample, mean } = result;
    const n = state.inputs.length;
    const k = state.inputs[0].length;
    const classes = state.loss === 'cross_entropy';
    const names = NAMES[state.loss];
    const labelsOn = (i) => state.labels[i].reduce((a, b) => a + b, 0);
    this.chart.update({
      series: [{ values: perSample, labels: Array.from(perSample, formatLoss) }],
      targets: state.inputs.map(() => 0),
      mean,
      format: formatLoss,
      symbol: 'x',
      neutral: true,
      targetLabels: state.inputs.map((_, i) => (classes ? `y=${state.classes[i]}` : `${labelsOn(i)}/${k} on`)),
      barClasses: state.inputs.map((_, i) => (classes ? `mx-k${state.classes[i]}` : 'mx-neutral')),
    });
    const parts = state.inputs.map((_, i) => {
      const target = classes ? `target ${state.classes[i]} ${names[state.classes[i]]}` : `labels on ${labelsOn(i)} of ${k}`;
      return `sample ${i + 1} (${target}): ${formatLoss(perSample[i])}`;
    });
    const name = capitalise(LOSS_NAMES[state.loss]);
    setText(this.description, `${name} of ${n} sample${n === 1 ? '' : 's'}: ${parts.join('; ')}. Mean ${formatLoss(mean)}.`);
    const legendKey = `${state.loss} ${k}`;
    if (this.legend.dataset.key === legendKey) return;
    this.legend.dataset.key = legendKey;
    this.legend.replaceChildren(
      ...names.slice(0, k).map((label, j) => {
        const span = document.createElement('span');
        span.className = 'mx-key';
        const swatch = document.createElement('span');
        swatch.className = `mx-sw mx-k${j}`;
        span.append(swatch, `${j} ${label}`);
        return span;
      }),
    );
    setFlag(this.legend, 'hidden', !classes);
  }
}
