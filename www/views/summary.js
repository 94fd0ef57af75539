// The numbers beside the bar chart: mean, sum and count, the same as PyTorch prints them, the
// chart's text alternative, the table of every number, and the one sentence a screen reader hears
// once the lab settles.

import { SETTLE_MS, SPACE_WORDS } from '../config.js';
import { setAttr, setText } from '../dom.js';
import { formatAccuracy, formatGradient, formatInput, formatLoss, torchScalar } from '../format.js';
import { nameOf } from '../registry.js';
import { direction } from './plot.js';

/** Keeps `parent` at `n` children, making the missing ones with `make`; returns them. */
export function fit(parent, n, make) {
  const items = parent.children;
  while (items.length < n) parent.append(make(items.length));
  while (items.length > n) parent.lastChild.remove();
  return items;
}

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
    for (let i = 0; i < n; i++) {
      const g = grads[i];
      const way = direction(g, SPACE_WORDS[state.space].symbol)[0];
      parts.push(`sample ${i + 1}, target ${state.targets[i] >= 0.5 ? 1 : 0}: ${lossTexts[i]}, gradient ${formatGradient(g)} (${way})`);
    }
    setText(
      ui.chartDesc,
      `${nameOf(state.loss)} of ${n} sample${n === 1 ? '' : 's'}. ${parts.join('; ')}. Mean ${formatLoss(result.mean)}.`,
    );
    if (ui.numbers.open) this.table(shown);
    this.settle(`Mean ${nameOf(state.loss)} ${formatLoss(result.mean)} over ${n} samples.`);
  }

  /** The table of every number, written while it is open. */
  table({ state, result, grads, lossTexts }) {
    const { ui } = this;
    const n = state.inputs.length;
    const probs = result.probs;
    const trs = fit(ui.lossTableBody, n, () => {
      const tr = document.createElement('tr');
      tr.innerHTML = '<th scope="row"></th><td></td><td></td><td class="col-prob"></td><td></td><td></td>';
      return tr;
    });
    for (let i = 0; i < n; i++) {
      const target = state.targets[i] >= 0.5 ? '1' : '0';
      const texts = [
        String(i + 1),
        target,
        formatInput(state.inputs[i]),
        probs ? formatLoss(probs[i]) : '',
        lossTexts[i],
        formatGradient(grads[i]),
      ];
      texts.forEach((text, k) => {
        setText(trs[i].cells[k], text);
      });
    }
    for (const label of [ui.tableMeanLabel, ui.tableSumLabel]) setAttr(label, 'colspan', probs ? 4 : 3);
    setText(ui.tableMean, formatLoss(result.mean));
    setText(ui.tableSum, formatLoss(result.sum));
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
