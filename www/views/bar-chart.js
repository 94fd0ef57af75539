// The bar chart of per-sample loss with its mean, and under it a band of signed gradient bars: one
// series, or up to three side by side (Compare). Built once, updated in place.

import { setAttrs as set, setText } from '../dom.js';
import { direction, el, formatTick, niceScale, pool, show } from './plot.js';

const HEIGHT_PX = 280; // short enough that the seed's bars are on a 1024 × 768 first screen
const MARGIN_PX = { top: 40, right: 12, bottom: 46, left: 48 };
const BAND_TOP_PX = HEIGHT_PX + 18; // the gradient band, under the sample numbers
const BAND_PX = 96; // zero in its middle
const BAND_FOOT_PX = 30; // for the direction labels
const MAX_BAR_WIDTH_PX = 96;
const MIN_LABEL_SPACING_PX = 22; // sample numbers are thinned out below this
const MEAN_CHAR_WIDTH_PX = 7.8; // 13 px monospace
/** Gradient bars are scaled to at most this; longer ones are cut, with a marker. */
const GRAD_CAP = 10;

export class LossChart {
  constructor(svg, k = 1) {
    this.svg = svg;
    this.k = k;
    this.width = 640;
    this.last = null;
    const root = el('g', { class: 'chart-root' }, svg);
    const grid = el('g', { class: 'grid', 'aria-hidden': 'true' }, root);
    this.ticks = pool(() => {
      const g = el('g', { class: 'tick' }, grid);
      return { g, line: el('line', {}, g), label: el('text', { 'text-anchor': 'end', dy: '0.32em' }, g) };
    });
    const barLayer = el('g', { class: 'bars' }, root);
    // Bars are drawn in loss units inside a scaled group: a new axis top rewrites one transform, not every bar.
    this.barScale = el('g', { class: 'scaled' }, barLayer);
    this.axisLine = el('line', { class: 'axis' }, root);
    this.axisTitle = el('text', { class: 'axis-title', 'aria-hidden': 'true', 'text-anchor': 'end' }, root);
    this.axisTitle.textContent = 'loss';
    // The x axis's title, left of the sample numbers under the bars.
    this.xTitle = el('text', { class: 'axis-title', 'aria-hidden': 'true', 'text-anchor': 'end' }, root);
    this.xTitle.textContent = 'sample';
    this.meanLine = el('line', { class: 'mean-line' }, root);
    // Values sit above the mean line (with a halo in the page colour), so the line never hides them.
    const valueLayer = el('g', { class: 'bar-values' }, root);
    this.meanKey = el('line', { class: 'mean-line mean-key', 'aria-hidden': 'true' }, root);
    this.meanLabel = el('text', { class: 'mean-label', 'text-anchor': 'end' }, root);
    this.band = el('g', { class: 'grad-band' }, root);
    this.zero = el('line', { class: 'zero-line' }, this.band);
    this.bandTicks = [0, 1, 2].map(() => el('text', { 'text-anchor': 'end', dy: '0.32em', 'aria-hidden': 'true' }, this.band));
    this.bandTitle = el('text', { class: 'axis-title', 'text-anchor': 'start', 'aria-hidden': 'true' }, this.band);
    this.bandTitle.textContent = 'gradient';
    const gradLayer = el('g', {}, this.band);
    this.gradScale = el('g', { class: 'scaled' }, this.band);
    this.bars = pool((i) => {
      const n = i + 1;
      const g = el('g', { class: 'bar-group', 'data-bar': n }, barLayer);
      const rg = el('g', {}, this.barScale);
      const vg = el('g', {}, valueLayer);
      const gg = el('g', {}, gradLayer);
      const sg = el('g', {}, this.gradScale);
      const sub = [];
      for (let j = 0; j < k; j++) {
        sub.push({
          rect: el('rect', { class: 'bar', 'data-bar': n, y: 0 }, rg),
          value: el('text', { class: 'bar-value', 'text-anchor': 'middle', 'data-bar': n }, vg),
          tag: el('text', { class: 'bar-tag', 'text-anchor': 'middle' }, g),
          grad: el('rect', { class: 'grad', 'data-i': n }, sg),
          mark: el('path', { class: 'clip-mark' }, gg),
          dir: el('text', { class: 'grad-dir', 'text-anchor': 'middle', 'data-i': n }, gg),
        });
      }
      return {
        g,
        groups: [g, rg, vg, gg, sg],
        sub,
        label: el('text', { class: 'bar-label', 'text-anchor': 'middle' }, g),
        target: el('text', { class: 'bar-target', 'text-anchor': 'middle' }, g),
      };
    });
    set(svg, { height: HEIGHT_PX });
    // Fill patterns would stretch with the bars' scale: each gets the inverse scale, and a twin (id-g) for the gradient band.
    this.patterns = [...svg.querySelectorAll('pattern')].map((pattern) => {
      const twin = pattern.cloneNode(true);
      twin.id += '-g';
      pattern.after(twin);
      return { pattern, twin, base: pattern.getAttribute('patternTransform') ?? '' };
    });
  }

  /** Sets the drawing width in CSS pixels (from a ResizeObserver) and redraws. */
  resize(widthPx) {
    const width = Math.max(240, Math.round(widthPx));
    if (width === this.width) return;
    this.width = width;
    if (this.last) this.update(this.last);
  }

  /**
   * `view`: `series` ([{ values, labels?, grads?, id?, tag? }], one to `k`), `targets`, `mean`, `format`
   * (a loss as text), `symbol` (the input's letter), `neutral` (no target colours: regression, many
   * labels), `targetLabels` (text under each bar instead of t=1 / t=0), `barClasses` (a class per bar
   * instead of its target's: many classes colour each bar by its target class).
   */
  update(view) {
    this.last = view;
    const { series, targets, mean, format } = view;
    const k = series.length;
    const n = series[0].values.length;
    const showGrads = !!series[0].grads;
    const width = this.width;
    const height = showGrads ? BAND_TOP_PX + BAND_PX + BAND_FOOT_PX : HEIGHT_PX;
    const plotLeft = MARGIN_PX.left;
    const plotRight = width - MARGIN_PX.right;
    const plotBottom = HEIGHT_PX - MARGIN_PX.bottom;
    const plotHeight = plotBottom - MARGIN_PX.top;

    let maxLoss = mean ?? 0;
    // poisson_nll's losses may be below 0 (PyTorch leaves out ln y!): the axis then reaches down to them.
    let minLoss = Math.min(mean ?? 0, 0);
    let maxGrad = 0;
    for (const s of series) {
      for (let i = 0; i < n; i++) {
        if (s.values[i] > maxLoss) maxLoss = s.values[i];
        if (s.values[i] < minLoss) minLoss = s.values[i];
        if (showGrads && Math.abs(s.grads[i]) > maxGrad) maxGrad = Math.abs(s.grads[i]);
      }
    }
    const { top, step } = niceScale(maxLoss);
    const bottom = Math.floor(minLoss / step) * step;
    const span = top - bottom;
    const yOf = (v) => plotBottom - ((Math.min(Math.max(v, bottom), top) - bottom) / span) * plotHeight;
    const gTop = niceScale(Math.min(maxGrad, GRAD_CAP)).top;
    const half = BAND_PX / 2;
    const y0 = BAND_TOP_PX + half;

    set(this.svg, { viewBox: `0 0 ${width} ${height}`, width, height, 'data-y-max': top, 'data-grad-max': showGrads ? gTop : '' });

    const tickCount = Math.round(span / step) + 1;
    for (let i = 0; i < tickCount; i++) {
      const value = i === tickCount - 1 ? top : bottom + step * i;
      const y = yOf(value);
      const tick = this.ticks.get(i);
      set(tick.line, { x1: plotLeft, x2: plotRight, y1: y, y2: y });
      set(tick.label, { x: plotLeft - 8, y });
      setText(tick.label, formatTick(value));
    }
    this.ticks.hide(tickCount);
    set(this.axisLine, { x1: plotLeft, x2: plotRight, y1: yOf(0), y2: yOf(0) });
    set(this.axisTitle, { x: plotLeft - 8, y: 20 });
    const slot = (plotRight - plotLeft) / n;
    const barWidth = Math.min(MAX_BAR_WIDTH_PX, Math.max(1, slot * 0.72)) / k; // 28% of a slot between bars
    // A bar's tag (Compare's MSE, Poisson …, 12 px monospace) shows only where every tag fits its bar.
    const showTags = k > 1 && barWidth >= Math.max(18, 7.2 * Math.max(...series.map((s) => s.tag?.length ?? 0)));
    set(this.xTitle, { x: plotLeft - 8, y: plotBottom + (showTags ? 30 : 17) });

    show(this.band, showGrads);
    if (showGrads) {
      set(this.zero, { x1: plotLeft, x2: plotRight, y1: y0, y2: y0 });
      [gTop, 0, -gTop].forEach((v, i) => {
        set(this.bandTicks[i], { x: plotLeft - 8, y: y0 - (v / gTop) * half });
        setText(this.bandTicks[i], v > 0 ? `+${formatTick(v)}` : formatTick(v));
      });
      set(this.bandTitle, { x: plotLeft, y: BAND_TOP_PX - 8 });
    }

    const showValues = barWidth >= 38;
    const showTargets = slot >= 22;
    const labelEvery = Math.max(1, Math.ceil(MIN_LABEL_SPACING_PX / slot));
    // A bar is drawn again only if its numbers or the layout changed: one slider moves one bar.
    set(this.barScale, { transform: `translate(0 ${yOf(0)}) scale(1 ${-plotHeight / span})` });
    set(this.gradScale, { transform: `translate(0 ${y0}) scale(1 ${-half / gTop})` });
    for (const { pattern, twin, base } of this.patterns) {
      set(pattern, { patternTransform: `scale(1 ${-span / plotHeight}) ${base}` });
      set(twin, { patternTransform: `scale(1 ${-gTop / half}) ${base}` });
    }
    // Which marks without words the chart draws now, for the legend's keys.
    this.marks = {
      arrows: showGrads && barWidth >= 12 && barWidth < 58,
      clipped: showGrads && series.some((s) => Array.prototype.some.call(s.grads, (g) => Math.abs(g) > gTop)),
    };
    const layout = `${width} ${n} ${k} ${showGrads} ${view.symbol} ${!!view.neutral} ${series.map((s) => s.id).join()} ${showValues ? top : ''}`;
    for (let i = 0; i < n; i++) {
      const bar = this.bars.get(i);
      const cx = plotLeft + slot * (i + 0.5);
      const positive = targets[i] >= 0.5;
      // A clipped gradient bar is as tall as the band, so it changes with the band's top.
      const key = `${layout} ${view.neutral ? view.targetLabels?.[i] : positive} ${view.barClasses?.[i]} ${view.targetLabels?.[i]} ${series.map((s) => `${s.values[i]} ${showGrads ? `${s.grads[i]} ${Math.abs(s.grads[i]) > gTop ? gTop : ''}` : ''} ${s.labels?.[i]}`).join()}`;
      if (bar.key === key) continue;
      bar.key = key;
      set(bar.g, { 'data-target': positive ? 1 : 0 });
      for (let j = 0; j < this.k; j++) {
        const s = series[j];
        const { rect, value, tag, grad, mark, dir } = bar.sub[j];
        show(rect, !!s);
        if (!s) {
          for (const node of [value, tag, grad, mark, dir]) show(node, false);
          continue;
        }
        const loss = s.values[i];
        const x = cx - (barWidth * k) / 2 + barWidth * j;
        const y = yOf(loss);
        const cls = view.barClasses?.[i] ?? (k > 1 ? `s${s.style ?? j}` : view.neutral ? 'r' : positive ? 't1' : 't0');
        set(rect, {
          x,
          width: barWidth,
          y: Number.isFinite(loss) ? Math.min(loss, 0) : 0,
          height: Number.isFinite(loss) ? Math.abs(loss) : 0,
          class: `bar ${cls}`,
          'data-loss': loss,
          'data-series': s.id ?? '',
        });
        // Hidden labels are left where they were: at 64 samples most are.
        show(value, showValues);
        if (showValues) {
          set(value, { x: x + barWidth / 2, y: loss < 0 ? y + 14 : y - 6 });
          setText(value, s.labels ? s.labels[i] : format(loss));
        }
        show(tag, showTags);
        if (showTags) {
          set(tag, { x: x + barWidth / 2, y: plotBottom + 13 });
          setText(tag, s.tag);
        }
        if (!showGrads) {
          for (const node of [grad, mark, dir]) show(node, false);
          continue;
        }
        const g = s.grads[i];
        const clipped = Math.abs(g) > gTop;
        const h = clipped ? gTop : Math.abs(g);
        set(grad, {
          display: 'inline',
          x,
          y: g > 0 ? 0 : -h,
          width: barWidth,
          height: h,
          class: `grad ${k === 1 ? '' : cls}`,
          'data-grad': g,
          'data-series': s.id ?? '',
        });
        const tip = g > 0 ? y0 - half : y0 + half;
        const out = g > 0 ? -7 : 7;
        show(mark, clipped);
        if (clipped) set(mark, { d: `M${x - 1} ${tip}L${x + barWidth + 1} ${tip}L${x + barWidth / 2} ${tip + out}Z` });
        show(dir, barWidth >= 12);
        if (barWidth >= 12) {
          const [word, arrow] = direction(g, view.symbol);
          set(dir, { x: x + barWidth / 2, y: y0 + half + 18 });
          setText(dir, barWidth >= 58 ? word : arrow);
        }
      }
      const labelled = i % labelEvery === 0 || i === n - 1;
      const labelY = plotBottom + (showTags ? 30 : 17);
      show(bar.label, labelled);
      if (labelled) {
        set(bar.label, { x: cx, y: labelY });
        setText(bar.label, String(i + 1));
      }
      show(bar.target, showTargets && !showTags);
      if (showTargets && !showTags) {
        set(bar.target, { x: cx, y: labelY + 17 });
        setText(bar.target, view.targetLabels ? view.targetLabels[i] : positive ? 't=1' : 't=0');
      }
    }
    this.bars.hide(n);

    const hasMean = mean !== undefined;
    for (const node of [this.meanLine, this.meanKey, this.meanLabel]) show(node, hasMean);
    if (!hasMean) return;
    const yMean = yOf(mean);
    set(this.meanLine, { x1: plotLeft, x2: plotRight, y1: yMean, y2: yMean, 'data-mean': mean });
    const meanText = `mean ${format(mean)}`;
    setText(this.meanLabel, meanText);
    const textWidth = MEAN_CHAR_WIDTH_PX * meanText.length;
    set(this.meanLabel, { x: plotRight, y: 20 });
    set(this.meanKey, { x1: plotRight - textWidth - 30, x2: plotRight - textWidth - 6, y1: 16, y2: 16 });
  }
}
