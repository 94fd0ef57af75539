// "The numbers behind the chart": every sample's target, input, probability, loss and gradient, with
// the mean and the sum. It opens closed, so it loads on first use: its markup and code are not part
// of the first load (views/summary.js asks for it when the reader opens it).

import { SPACE_WORDS } from '../config.js';
import { fit, setAttr, setText } from '../dom.js';
import { formatGradient, formatInput, formatLoss, formatTarget } from '../format.js';
import { familyOf } from '../registry.js';

const TABLE = `
          <div class="table-wrap" tabindex="0" role="group" aria-label="Table of losses, scrolls sideways">
            <table>
              <caption>Loss, prediction and gradient of each sample</caption>
              <thead>
                <tr>
                  <th scope="col">sample</th>
                  <th scope="col">target</th>
                  <th scope="col" id="col-input">prediction p</th>
                  <th scope="col" class="col-prob">σ(x)</th>
                  <th scope="col">loss</th>
                  <th scope="col">gradient</th>
                </tr>
              </thead>
              <tbody id="loss-table-body"></tbody>
              <tfoot>
                <tr><th scope="row" colspan="4" id="table-mean-label">mean</th><td id="table-mean"></td><td></td></tr>
                <tr><th scope="row" colspan="4" id="table-sum-label">sum</th><td id="table-sum"></td><td></td></tr>
              </tfoot>
            </table>
          </div>`;

export class NumbersTable {
  /** Fills `details` (the closed <details> under the chart, its <summary> already in place) with the table. */
  constructor(details) {
    details.insertAdjacentHTML('beforeend', TABLE);
    this.ui = {};
    for (const node of details.querySelectorAll('[id]')) this.ui[node.id.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = node;
  }

  /** The table of every number, for `shown` ({ state, result, grads, lossTexts }, what summary.js shows). */
  update({ state, result, grads, lossTexts }) {
    const { ui } = this;
    const n = state.inputs.length;
    const probs = result.probs;
    const regression = familyOf(state.loss) === 'regression';
    const space = regression ? 'value' : state.space;
    setText(ui.colInput, `${SPACE_WORDS[space].name} ${SPACE_WORDS[space].symbol}`);
    const trs = fit(ui.lossTableBody, n, () => {
      const tr = document.createElement('tr');
      tr.innerHTML = '<th scope="row"></th><td></td><td></td><td class="col-prob"></td><td></td><td></td>';
      return tr;
    });
    for (let i = 0; i < n; i++) {
      const texts = [
        String(i + 1),
        formatTarget(state.targets[i], regression),
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
}
