// The per-sample loss bar chart: an SVG built once, then updated in place.
//
// `new LossChart(svg)` creates the fixed parts (axes, grid, mean line); `update(view)` moves
// them and grows or shrinks a pool of bar groups to the number of samples. Nothing here
// computes a loss: the numbers arrive from the engine and are only placed and printed.
// Geometry is set with setAttribute (x, y, width, height...), never with style attributes,
// so the page runs under a strict Content-Security-Policy.

import { setAttrs as set, setText } from './dom.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

const HEIGHT_PX = 300;
const MARGIN_PX = { top: 40, right: 12, bottom: 46, left: 48 };
const BAR_GAP_FRACTION = 0.28; // share of each slot left empty between bars
const MAX_BAR_WIDTH_PX = 96;
const MIN_SLOT_FOR_VALUES_PX = 38; // narrower slots hide the printed value above each bar
const MIN_SLOT_FOR_TARGETS_PX = 22; // narrower slots hide the "t=1" line under each bar
const MIN_LABEL_SPACING_PX = 22; // sample numbers are thinned out below this spacing
const TICK_COUNT_MAX = 6;
const MEAN_CHAR_WIDTH_PX = 7.8; // the mean label is 13 px monospace: about 0.6 em a character

function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

/**
 * The top of the y axis: 1 for losses up to 1 (so the first loss of the story always has the
 * same scale), else the next 1, 2 or 5 times a power of ten at or above the largest loss.
 * Returns the top and the tick step.
 */
export function niceScale(maxValue) {
  if (!(maxValue > 1) || !Number.isFinite(maxValue)) return { top: 1, step: 0.2 };
  const power = 10 ** Math.floor(Math.log10(maxValue));
  const fraction = maxValue / power;
  // Allow a hair of rounding noise so that exactly 2, 5 or 10 stay on their own step.
  const nice = fraction <= 1 + 1e-12 ? 1 : fraction <= 2 + 1e-12 ? 2 : fraction <= 5 + 1e-12 ? 5 : 10;
  const top = nice * power;
  const step = nice === 2 ? top / 4 : top / 5;
  return { top, step };
}

/** A tick label: as short as it can be without losing the value. */
export function formatTick(value) {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1e5) return value.toExponential(0).replace('e+', 'e');
  return String(Number(value.toPrecision(6)));
}

export class LossChart {
  /** @param {SVGSVGElement} svg an empty <svg> element (title and desc may already exist) */
  constructor(svg) {
    this.svg = svg;
    this.width = 640;
    this.bars = [];
    this.ticks = [];
    this.last = null;

    const root = el('g', { class: 'chart-root' }, svg);
    this.gridLayer = el('g', { class: 'grid', 'aria-hidden': 'true' }, root);
    this.barLayer = el('g', { class: 'bars' }, root);
    this.axisLine = el('line', { class: 'axis' }, root);
    this.axisTitle = el('text', { class: 'axis-title', 'aria-hidden': 'true' }, root);
    this.axisTitle.textContent = 'loss';
    this.meanLine = el('line', { class: 'mean-line' }, root);
    // Values sit above the mean line (with a halo in the page colour), so the line never hides them.
    this.valueLayer = el('g', { class: 'bar-values' }, root);
    // The mean's legend sits above the plot, so it never covers a bar or its value.
    this.meanKey = el('line', { class: 'mean-line mean-key', 'aria-hidden': 'true' }, root);
    this.meanLabel = el('text', { class: 'mean-label', 'text-anchor': 'end' }, root);
    set(svg, { height: HEIGHT_PX });
  }

  /** Sets the drawing width in CSS pixels (from a ResizeObserver) and redraws. */
  resize(widthPx) {
    const width = Math.max(240, Math.round(widthPx));
    if (width === this.width) return;
    this.width = width;
    if (this.last) this.update(this.last);
  }

  #tick(i) {
    while (this.ticks.length <= i) {
      const g = el('g', { class: 'tick' }, this.gridLayer);
      const line = el('line', {}, g);
      const label = el('text', { 'text-anchor': 'end', dy: '0.32em' }, g);
      this.ticks.push({ g, line, label });
    }
    return this.ticks[i];
  }

  #bar(i) {
    while (this.bars.length <= i) {
      const n = this.bars.length + 1;
      const g = el('g', { class: 'bar-group', 'data-bar': n }, this.barLayer);
      const rect = el('rect', { class: 'bar', 'data-bar': n }, g);
      const value = el('text', { class: 'bar-value', 'text-anchor': 'middle', 'data-bar': n }, this.valueLayer);
      const label = el('text', { class: 'bar-label', 'text-anchor': 'middle' }, g);
      const target = el('text', { class: 'bar-target', 'text-anchor': 'middle' }, g);
      this.bars.push({ g, rect, value, label, target });
    }
    return this.bars[i];
  }

  /**
   * Draws the losses.
   * @param {{ losses: ArrayLike<number>, labels?: string[], targets: ArrayLike<number>,
   *           mean: number, format: (x: number) => string }} view  labels: the losses already
   *           formatted (optional; `format` is used for any that are missing)
   */
  update(view) {
    this.last = view;
    const { losses, labels, targets, mean, format } = view;
    const n = losses.length;
    const width = this.width;
    const plotLeft = MARGIN_PX.left;
    const plotRight = width - MARGIN_PX.right;
    const plotTop = MARGIN_PX.top;
    const plotBottom = HEIGHT_PX - MARGIN_PX.bottom;
    const plotHeight = plotBottom - plotTop;

    let maxLoss = 0;
    for (let i = 0; i < n; i++) if (losses[i] > maxLoss) maxLoss = losses[i];
    const { top, step } = niceScale(Math.max(maxLoss, mean));
    const yOf = (v) => plotBottom - (Math.min(Math.max(v, 0), top) / top) * plotHeight;

    set(this.svg, { viewBox: `0 0 ${width} ${HEIGHT_PX}`, width, 'data-y-max': top });

    // Grid and y-axis ticks.
    const tickCount = Math.min(TICK_COUNT_MAX, Math.round(top / step) + 1);
    for (let i = 0; i < tickCount; i++) {
      const value = i === tickCount - 1 ? top : step * i;
      const y = yOf(value);
      const tick = this.#tick(i);
      set(tick.g, { display: 'inline' });
      set(tick.line, { x1: plotLeft, x2: plotRight, y1: y, y2: y });
      set(tick.label, { x: plotLeft - 8, y });
      setText(tick.label, formatTick(value));
    }
    for (let i = tickCount; i < this.ticks.length; i++) set(this.ticks[i].g, { display: 'none' });
    set(this.axisLine, { x1: plotLeft, x2: plotRight, y1: plotBottom, y2: plotBottom });
    set(this.axisTitle, { x: plotLeft - 8, y: 20, 'text-anchor': 'end' });

    // Bars.
    const slot = (plotRight - plotLeft) / n;
    const barWidth = Math.min(MAX_BAR_WIDTH_PX, Math.max(1, slot * (1 - BAR_GAP_FRACTION)));
    const showValues = slot >= MIN_SLOT_FOR_VALUES_PX;
    const showTargets = slot >= MIN_SLOT_FOR_TARGETS_PX;
    const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_SPACING_PX / slot));
    for (let i = 0; i < n; i++) {
      const bar = this.#bar(i);
      const loss = losses[i];
      const cx = plotLeft + slot * (i + 0.5);
      const y = yOf(loss);
      const positive = targets[i] >= 0.5;
      set(bar.g, { display: 'inline', 'data-target': positive ? 1 : 0 });
      set(bar.rect, {
        x: cx - barWidth / 2,
        y,
        width: barWidth,
        height: plotBottom - y,
        class: positive ? 'bar t1' : 'bar t0',
        'data-loss': loss,
      });
      set(bar.value, { x: cx, y: y - 6, display: showValues ? 'inline' : 'none' });
      setText(bar.value, labels ? labels[i] : format(loss));
      const labelled = i % labelEvery === 0 || i === n - 1;
      set(bar.label, { x: cx, y: plotBottom + 17, display: labelled ? 'inline' : 'none' });
      setText(bar.label, String(i + 1));
      set(bar.target, { x: cx, y: plotBottom + 34, display: showTargets ? 'inline' : 'none' });
      setText(bar.target, positive ? 't=1' : 't=0');
    }
    for (let i = n; i < this.bars.length; i++) {
      set(this.bars[i].g, { display: 'none' });
      set(this.bars[i].value, { display: 'none' });
    }

    // The mean: a dashed line across all bars, keyed and printed above the plot.
    const yMean = yOf(mean);
    set(this.meanLine, { x1: plotLeft, x2: plotRight, y1: yMean, y2: yMean, 'data-mean': mean });
    const meanText = `mean ${format(mean)}`;
    setText(this.meanLabel, meanText);
    const legendY = 16;
    const textWidth = MEAN_CHAR_WIDTH_PX * meanText.length;
    set(this.meanLabel, { x: plotRight, y: legendY + 4 });
    set(this.meanKey, {
      x1: plotRight - textWidth - 30,
      x2: plotRight - textWidth - 6,
      y1: legendY,
      y2: legendY,
    });
  }
}
