// The numbers beside the bar chart: mean, sum and count, the same as PyTorch prints them, the
// chart's text alternative, the table of every number (views/table.js, loaded on first use), and the one sentence a screen reader hears
// once the lab settles.

import { SETTLE_MS, SPACE_WORDS } from '../config.js';
import { setText } from '../dom.js';
import { formatAccuracy, formatGradient, formatLoss, formatTarget, torchScalar } from '../format.js';
import { familyOf, nameOf } from '../registry.js';
import { direction } from './plot.js';

export class SummaryView {
  /** `ui` holds the lab's elements by id (mean, sum, rows, torchLine, torchMean, chartDesc, numbers, lossTableBody, ...). */
  constructor(ui) {
    this.ui = ui;
    this.settleTimer = 0;
    this.announced = '';
    ui.numbers.addEventListener('toggle', () => this.last && this.table(this.last));
  }

  /** `shown`: { state, result, grads (the gradients shown), lossTexts, lossTensor } of this frame. */
  update(shown) {
    const { ui } = this;
    const { state, result, grads, lossTexts, lossTensor } = shown;
    const n = state.inputs.length;
    this.last = shown;
    setText(ui.mean, formatLoss(result.mean));
    setText(ui.sum, formatLoss(result.sum));
    setText(ui.rows, String(n));
    if (shown.accuracy) setText(ui.accuracy, formatAccuracy(shown.accuracy));
    setText(ui.torchLine, lossTensor);
    setText(ui.torchMean, torchScalar(result.mean));
    const parts = [];
    const regression = familyOf(state.loss) === 'regression';
    const symbol = SPACE_WORDS[regression ? 'value' : state.space].symbol;
    for (let i = 0; i < n; i++) {
      const g = grads[i];
      const way = direction(g, symbol)[0];
      parts.push(
        `sample ${i + 1}, target ${formatTarget(state.targets[i], regression)}: ${lossTexts[i]}, gradient ${formatGradient(g)} (${way})`,
      );
    }
    setText(
      ui.chartDesc,
      `${nameOf(state.loss)} of ${n} sample${n === 1 ? '' : 's'}. ${parts.join('; ')}. Mean ${formatLoss(result.mean)}.`,
    );
    if (ui.numbers.open) this.table(shown);
    this.settle(`Mean ${nameOf(state.loss)} ${formatLoss(result.mean)} over ${n} samples.`);
  }

  /** The table of every number, written while it is open; its module loads when it is first opened. */
  table(shown) {
    if (this.numbers) return this.numbers.update(shown);
    if (this.loading) return;
    this.loading = import('./table.js').then(
      (m) => {
        this.numbers = new m.NumbersTable(this.ui.numbers);
        if (this.ui.numbers.open && this.last) this.numbers.update(this.last);
      },
      (error) => {
        this.ui.numbers.append(
          Object.assign(document.createElement('p'), { className: 'note', textContent: `The table could not be loaded: ${error.message}` }),
        );
      },
    );
  }

  /** The screen-reader summary catches up once the lab settles: one sentence, only when it changed. */
  settle(text) {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      if (text === this.announced) return;
      this.announced = text;
      this.ui.chartLive.textContent = text;
    }, SETTLE_MS);
  }

  stop() {
    clearTimeout(this.settleTimer);
  }
}
