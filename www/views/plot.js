// SVG building blocks for every chart: nodes made once and updated in place, nice axis tops, and
// `Plot`, the frame of a line chart.

import { adoptStyles } from '../assets.js';
import { setAttrs as set, setText } from '../dom.js';

export function el(name, attrs = {}, parent = null) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', name);
  for (const key in attrs) node.setAttribute(key, String(attrs[key]));
  if (parent) parent.appendChild(node);
  return node;
}

/** Shows or hides an SVG node. */
export const show = (node, on) => set(node, { display: on ? 'inline' : 'none' });

/** Nodes made on demand by `make(i)`, which returns an object with its `groups` or group `g`. */
export function pool(make) {
  const items = [];
  const showAll = (item, on) =>
    (item.groups ?? [item.g]).forEach((g) => {
      show(g, on);
    });
  return {
    get(i) {
      while (items.length <= i) items.push(make(items.length));
      showAll(items[i], true);
      return items[i];
    },
    hide(from) {
      items.slice(from).forEach((item) => {
        showAll(item, false);
      });
    },
  };
}

/**
 * An axis just above the data: up to 1, the unit axis in steps of 0.2; above it, the smallest top
 * made of at most five steps of 1, 2, 2.5 or 5 times a power of ten (51.8 gets 60, not 100).
 */
export function niceScale(maxValue) {
  if (!(maxValue > 1) || !Number.isFinite(maxValue)) return { top: 1, step: 0.2 };
  const power = 10 ** Math.floor(Math.log10(maxValue / 5));
  for (const multiple of [1, 2, 2.5, 5, 10]) {
    const step = multiple * power;
    // A hair of rounding noise must not push an exact top (2, 5, 10) up a step.
    const count = Math.ceil(maxValue / step - 1e-9);
    if (count <= 5) return { top: Number((count * step).toPrecision(12)), step };
  }
  return { top: maxValue, step: maxValue / 5 };
}

/** A tick label: as short as it can be without losing the value. */
export function formatTick(value) {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1e5) return value.toExponential(0).replace('e+', 'e');
  return String(Number(value.toPrecision(6)));
}

/** Ticks from 0 to the top of a `niceScale`, one a step (0.25, 0.5 … 1.25, not 0.3125 …). */
export const scaleTicks = ({ top, step }) =>
  Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Number((i * step).toPrecision(12)));

/** Ticks at a nice step (1, 2, 2.5 or 5 times a power of ten) within [lo, hi], about five of them, for axes that need not start at 0. */
export function ticksWithin(lo, hi) {
  const raw = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toPrecision(10)));
  return out;
}

/** Whole numbers around some finite values, padded by `pad` and widened to at least `min`: an axis's range. */
export function around(values, pad, min = 0) {
  const finite = values.filter(Number.isFinite);
  let lo = Math.floor(Math.min(...finite) - pad);
  let hi = Math.ceil(Math.max(...finite) + pad);
  if (hi - lo < min) {
    const mid = (lo + hi) / 2;
    lo = Math.floor(mid - min / 2);
    hi = Math.ceil(mid + min / 2);
  }
  return [lo, hi];
}

/** The step of the weights lab's controls; `snap(v)` puts a dragged or keyed value on its grid. */
export const STEP = 0.1;
export const snap = (v) => Number((Math.round(v / STEP) * STEP).toFixed(1));

/** Up to this many samples each dot of a line chart carries its number; past it, numbers on top of each other are a blot. */
export const DOT_LABELS_MAX = 12;

/** Which way descent moves an input with gradient g: [word, arrow]. */
export function direction(g, symbol) {
  return g < 0 ? [`raise ${symbol}`, '▲'] : g > 0 ? [`lower ${symbol}`, '▼'] : ['flat', '0'];
}

/**
 * Makes the dots of a line chart sliders a reader can drag or move with the keyboard. A dot is a
 * `<g class="{className}" data-dot="{sample number}" role="slider" tabindex="0">`. `now()` gives the
 * chart's current `{ range: { min, max, step }, inputs }`; `onMove(i, x)` gets the sample and the
 * wanted x in data units; `onPoint('hover' | 'focus', i)` hears which dot is pointed at (-1: none).
 */
export function draggableDots(svg, plot, { className, now, onMove, onPoint = () => {} }) {
  let drag = -1;
  const dotOf = (event) => {
    const g = event.target.closest?.(`.${className}`);
    return g ? Number(g.dataset.dot) - 1 : -1;
  };
  const move = (event) => {
    const r = svg.getBoundingClientRect();
    onMove(drag, plot.xOf(((event.clientX - r.left) * plot.width) / r.width));
  };
  svg.addEventListener('pointerdown', (event) => {
    drag = dotOf(event);
    if (drag < 0) return;
    event.preventDefault();
    svg.setPointerCapture(event.pointerId);
    svg.querySelector(`[data-dot="${drag + 1}"]`).focus();
    move(event);
  });
  svg.addEventListener('pointermove', (event) => drag >= 0 && move(event));
  for (const type of ['pointerup', 'pointercancel']) {
    svg.addEventListener(type, () => {
      drag = -1;
    });
  }
  svg.addEventListener('pointerover', (event) => onPoint('hover', dotOf(event)));
  svg.addEventListener('pointerout', () => onPoint('hover', -1));
  svg.addEventListener('focusin', (event) => onPoint('focus', dotOf(event)));
  svg.addEventListener('focusout', () => onPoint('focus', -1));
  svg.addEventListener('keydown', (event) => {
    const i = dotOf(event);
    const { min, max, step } = now()?.range ?? {};
    const v = now()?.inputs[i];
    const keys = { ArrowRight: step, ArrowUp: step, ArrowLeft: -step, ArrowDown: -step, PageUp: 10 * step, PageDown: -10 * step };
    const to = event.key === 'Home' ? min : event.key === 'End' ? max : v + keys[event.key];
    if (i < 0 || Number.isNaN(to) || to === undefined) return;
    event.preventDefault();
    onMove(i, to);
  });
}

/** The shadow roots that have plot.css: the promise that it applies. */
const styled = new WeakMap();

/**
 * The frame of a line chart: scales, grid, ticks and a clip rectangle for what it draws. The first
 * one in a shadow root brings the line charts' stylesheet, plot.css (`ready` says when it applies).
 */
export class Plot {
  constructor(svg, height) {
    const root = svg.getRootNode();
    if (!styled.has(root)) styled.set(root, adoptStyles(root, 'plot.css'));
    /** Resolves once plot.css applies in this chart's shadow root (at once where it is inlined). */
    this.ready = styled.get(root);
    this.svg = svg;
    this.height = height;
    this.width = 0;
    const frame = el('g', {}, svg);
    const grid = el('g', { class: 'grid', 'aria-hidden': 'true' }, frame);
    this.ticks = pool(() => {
      const g = el('g', { class: 'tick' }, grid);
      return { g, line: el('line', {}, g), label: el('text', {}, g) };
    });
    const id = `${svg.id}-clip`;
    this.clip = el('rect', {}, el('clipPath', { id }, el('defs', {}, frame)));
    this.lines = el('g', { 'clip-path': `url(#${id})` }, frame);
    this.marks = el('g', {}, frame);
    this.titles = [0, 1].map(() => el('text', { class: 'axis-title', 'aria-hidden': 'true' }, frame));
  }

  resize(widthPx) {
    const width = Math.max(240, Math.round(widthPx));
    const changed = width !== this.width;
    this.width = width;
    return changed;
  }

  /**
   * Sets the data ranges; draws ticks at xTicks / yTicks and the two axis titles. Does nothing
   * if they and the width are as last time; `this.frameKey` names what was drawn.
   */
  frame([x0, x1], [y0, y1], xTicks, yTicks, xTitle, yTitle) {
    const key = `${this.width} ${x0} ${x1} ${y0} ${y1} ${xTicks} ${yTicks} ${xTitle} ${yTitle}`;
    if (key === this.frameKey) return;
    this.frameKey = key;
    const w = this.width || 480;
    const h = this.height;
    const L = 44;
    const R = w - 14;
    const T = 22;
    const B = h - 34;
    this.box = { L, R, T, B };
    this.x = (v) => L + ((v - x0) / (x1 - x0)) * (R - L);
    this.y = (v) => B - ((v - y0) / (y1 - y0)) * (B - T);
    this.xOf = (px) => x0 + ((px - L) / (R - L)) * (x1 - x0);
    set(this.svg, { viewBox: `0 0 ${w} ${h}`, width: w, height: h });
    set(this.clip, { x: L, y: T, width: R - L, height: B - T });
    let t = 0;
    for (const v of xTicks) {
      const { line, label } = this.ticks.get(t++);
      const x = this.x(v);
      set(line, { x1: x, x2: x, y1: T, y2: B });
      set(label, { x, y: B + 16, 'text-anchor': 'middle', class: v === x0 ? 'axis-line' : '' });
      setText(label, formatTick(v));
    }
    for (const v of yTicks) {
      const { line, label } = this.ticks.get(t++);
      const y = this.y(v);
      set(line, { x1: L, x2: R, y1: y, y2: y });
      set(label, { x: L - 6, y: y + 4, 'text-anchor': 'end' });
      setText(label, formatTick(v));
    }
    this.ticks.hide(t);
    set(this.titles[0], { x: R, y: h - 2, 'text-anchor': 'end' });
    set(this.titles[1], { x: 4, y: 12 });
    setText(this.titles[0], xTitle);
    setText(this.titles[1], yTitle);
  }

  /** A path through (xs[i], ys[i]) in data units. */
  d(xs, ys) {
    let d = '';
    for (let i = 0; i < xs.length; i++) d += `${i ? 'L' : 'M'}${this.x(xs[i]).toFixed(1)} ${this.y(ys[i]).toFixed(1)}`;
    return d;
  }
}
