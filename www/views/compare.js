// Compare: two or three losses of the same family side by side on the same samples, with their
// gradients; a checkbox per loss, a grouped bar chart, its legend and the table of its numbers.

import { adoptStyles } from '../assets.js';
import { exportButton, fit, setAttr, setFlag, setText } from '../dom.js';
import { capitalise, formatGradient, formatInput, formatLoss, formatTarget } from '../format.js';
import { LOSS_IDS, familyOf, isMatrixLoss, lossInfo, onlyActivations } from '../registry.js';
import { LossChart } from './bar-chart.js';
import { named } from './rows.js';

/** The panel's content: a hint per family, the choices, the grouped chart (with the fill patterns of its second and third series), legend and table. */
const MARKUP =
  '<p class="hint" data-family="binary">Score the same samples with two or three losses. 0-1 loss has a zero gradient: nothing for descent to follow.</p>' +
  '<p class="hint" data-family="regression" hidden>Score the same samples with two or three losses. An outlier dominates the total under each of them; what differs is how hard it pulls on its prediction: under squared error its gradient grows with the error, under Huber and absolute error it is no larger than any far-off sample’s.</p>' +
  '<fieldset class="compare-choices" id="compare-choices"><legend class="visually-hidden">Losses to compare</legend></fieldset>' +
  '<p id="compare-note" class="note" role="status"></p>' +
  '<div id="compare-box"><svg id="compare-chart" class="chart" role="img" aria-labelledby="compare-title" aria-describedby="compare-table"><title id="compare-title">Loss and gradient of each sample under each chosen loss</title><defs>' +
  '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="pat-bg" width="6" height="6"/><line class="pat-ink" x1="0" y1="0" x2="0" y2="6"/></pattern>' +
  '<pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="pat-bg" width="6" height="6"/><circle class="pat-ink" cx="3" cy="3" r="1.4"/></pattern>' +
  '<pattern id="stripes" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="pat-bg" width="6" height="6"/><line class="pat-ink" x1="0" y1="1" x2="6" y2="1"/></pattern>' +
  '<pattern id="grid" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="pat-bg" width="6" height="6"/><path class="pat-ink" d="M0 .5H6M.5 0V6"/></pattern>' +
  '</defs></svg></div>' +
  '<ul class="legend compare-legend" id="compare-legend"></ul>' +
  exportButton('compare-chart', 'compare', 'compare-title') +
  '<div class="table-wrap" tabindex="0" role="group" aria-label="Compared losses, scrolls sideways"><table id="compare-table"><caption>Loss and gradient of each sample under each chosen loss</caption><thead><tr></tr></thead><tbody></tbody></table></div>';

export class CompareView {
  /** Fills `panel` (the Compare <details>, holding its <summary>); `edits.toggleCompare(id, on)` hears a checkbox. */
  constructor(panel, edits) {
    // Its styles come with it (compare.css): the first load does not carry them.
    adoptStyles(panel.getRootNode(), 'compare.css');
    panel.insertAdjacentHTML('beforeend', MARKUP);
    const ui = named(panel, 'id');
    ui.comparePanel = panel;
    this.ui = ui;
    this.familyNodes = panel.querySelectorAll('[data-family]');
    /** The chart's box, whose width the chart is drawn at. */
    this.box = ui.compareBox;
    this.chart = new LossChart(ui.compareChart, 3);
    this.rowKeys = new WeakMap();
    for (const id of LOSS_IDS.filter((loss) => lossInfo(loss) && !isMatrixLoss(loss))) {
      const { tag, name } = lossInfo(id);
      const label = document.createElement('label');
      label.className = 'choice';
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: id, id: `cmp-${id}` });
      label.append(box, ` ${tag}: ${name}${onlyActivations(id) ? ' (raw activations only)' : ''}`);
      ui.compareChoices.append(label);
    }
    this.boxes = [...ui.compareChoices.querySelectorAll('input')];
    ui.compareChoices.addEventListener('change', (event) => edits.toggleCompare(event.target.value, event.target.checked));
  }

  /** `model` is the lab model (which losses compare, and their results); `result` the current loss's. */
  update(model, result, symbol, readonly = false) {
    const { ui } = this;
    const { state } = model;
    const family = familyOf(state.loss);
    for (const node of this.familyNodes) setFlag(node, 'hidden', node.dataset.family !== family);
    const fits = model.comparable();
    const { skipped, full } = fits;
    // Each usable loss evaluated once: one that refuses these samples (poisson_nll takes counts, 0 or
    // more) or overflows is left out, and says why; the others' results are the chart's.
    const results = new Map([[state.loss, result]]);
    const refusals = new Map();
    for (const box of this.boxes) {
      if (!fits.usable(box.value) || results.has(box.value)) continue;
      try {
        const r = model.evaluateAs(box.value);
        if (!Number.isFinite(r.sum)) throw new Error('a loss overflows to Infinity');
        results.set(box.value, r);
      } catch (error) {
        refusals.set(box.value, error.message);
      }
    }
    const usable = (id) => fits.usable(id) && !refusals.has(id);
    const chosen = fits.chosen.filter(usable);
    for (const box of this.boxes) {
      setFlag(box.parentNode, 'hidden', familyOf(box.value) !== family);
      setFlag(box, 'checked', state.compare.includes(box.value));
      setFlag(box, 'disabled', readonly || !usable(box.value) || (!box.checked && full));
    }
    const refused = fits.chosen
      .filter((id) => refusals.has(id))
      .map((id) => `${capitalise(lossInfo(id).name)} is left out: ${refusals.get(id)}. `)
      .join('');
    const names = skipped.map((id) => capitalise(lossInfo(id).name)).join(' and ');
    const them = skipped.length > 1 ? 'them' : 'it';
    setText(
      ui.compareNote,
      (skipped.length ? `${names} need raw activations: switch “Predictions are” to compare ${them}. ` : '') +
        refused +
        (chosen.length < 2 ? 'Choose at least two losses to compare.' : ''),
    );
    const series = chosen.map((id) => {
      const r = results.get(id);
      // Each loss keeps its look (s0 to s5, its place in its family's menu) whatever it is compared with.
      const style = LOSS_IDS.filter((other) => familyOf(other) === family).indexOf(id);
      return { id, tag: lossInfo(id).tag, values: r.perSample, grads: model.gradients(r), mean: r.mean, style };
    });
    setAttr(ui.comparePanel, 'data-chosen', chosen.join(','));
    if (!series.length) return;
    const regression = family === 'regression';
    const targetLabels = regression ? state.targets.map((y) => `y=${formatInput(y)}`) : null;
    this.chart.update({ series, targets: state.targets, format: formatLoss, symbol, targetLabels });
    const items = fit(ui.compareLegend, series.length, () => document.createElement('li'));
    series.forEach((s, j) => {
      items[j].className = `key key-s${s.style}`;
      setText(items[j], `${s.tag}: ${lossInfo(s.id).name}, mean ${formatLoss(s.mean)}`);
    });
    const head = ['sample', 'target', ...series.flatMap((s) => [`${s.tag} loss`, `${s.tag} gradient`])];
    const rows = state.inputs.map((_, i) => [
      String(i + 1),
      formatTarget(state.targets[i], regression),
      ...series.flatMap((s) => [formatLoss(s.values[i]), formatGradient(s.grads[i])]),
    ]);
    this.fillTable(ui.compareTable.tHead.rows[0], ui.compareTable.tBodies[0], head, rows);
  }

  /** Updates the table's header and body in place from text; a row is written again only when one of its texts changed. */
  fillTable(headRow, body, head, rowsText) {
    const cells = fit(headRow, head.length, () => Object.assign(document.createElement('th'), { scope: 'col' }));
    head.forEach((h, k) => {
      setText(cells[k], h);
    });
    const trs = fit(body, rowsText.length, () => document.createElement('tr'));
    rowsText.forEach((row, r) => {
      const key = row.join('\n');
      if (this.rowKeys.get(trs[r]) === key) return;
      this.rowKeys.set(trs[r], key);
      // The first cell names the row (the sample): a row header.
      const tds = fit(trs[r], row.length, (k) =>
        k === 0 ? Object.assign(document.createElement('th'), { scope: 'row' }) : document.createElement('td'),
      );
      row.forEach((c, k) => {
        setText(tds[k], c);
      });
    });
  }
}
