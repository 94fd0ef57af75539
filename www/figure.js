// A chart taken out of the lab: as a standalone SVG file, a PNG at twice its pixels, or an image on
// the clipboard. Loaded on the first click of a chart's Export button (dom.js exportButton), in the
// page and in any embedded <loss-lab>, under the lab's strict Content-Security-Policy.
//
// The SVG stands alone: every colour and face resolved from the lab's CSS into attributes (no CSS
// variables, no classes, no script, no reference outside the file), the numbers as text, the page's
// background behind it (white in the light theme), and a title and a description that say which loss
// and what the chart shows, with its values. The PNG is drawn from that same SVG (figure-raster.js).

import { adoptStyles } from './assets.js';
import { rasterize } from './figure-raster.js';
import { capitalise } from './format.js';
import { nameOf } from './registry.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/**
 * What the charts style with CSS and SVG inherits, written out as presentation attributes: the
 * properties figure-raster.js draws too. Left out: markers, filters, masks and gradients (no chart
 * uses them), and font-variant-numeric (the charts' numbers are in a monospace face, tabular anyway).
 */
const INHERITED = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-miterlimit',
  'stroke-linejoin',
  'stroke-linecap',
  'paint-order',
  'visibility',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'shape-rendering',
];
/** The same for what is not inherited, with the initial value that need not be written. */
const OWN = { opacity: '1', 'vector-effect': 'none' };
/** Attributes of the lab's SVG that mean nothing in a file. */
const DROPPED = /^(class|style|tabindex|role|focusable|data-.*|aria-.*)$/;
/** Drawn around the chart's box: labels may reach past it, as the lab lets them (overflow: visible). */
const MARGIN = 4;
const PNG_SCALE = 2;

/** The relative luminance of a computed `rgb(…)` colour (0 black, 1 white). */
function luminance(color) {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The text of the elements `ids` (space-separated) name in `root`. */
const textOf = (root, ids) =>
  (ids ?? '')
    .split(/\s+/)
    .map((id) => root.getElementById(id)?.textContent.trim())
    .filter(Boolean)
    .join(' ');

/**
 * Copies `from`'s computed paint and font onto `to` as attributes: those SVG inherits only where they
 * differ from the parent's (`inherited`, what the parent has); drops what only the lab uses. Returns
 * what `to`'s children inherit.
 */
function resolveStyle(from, to, inherited) {
  for (const attr of [...to.attributes]) if (DROPPED.test(attr.name)) to.removeAttribute(attr.name);
  if (to.getAttribute('display') === 'inline') to.removeAttribute('display');
  const style = getComputedStyle(from);
  const value = (name) => style.getPropertyValue(name).replace(/url\("(#[^"]+)"\)/, 'url($1)');
  const own = {};
  for (const name of INHERITED) {
    own[name] = value(name);
    if (own[name] !== inherited[name]) to.setAttribute(name, own[name]);
  }
  for (const [name, initial] of Object.entries(OWN)) if (value(name) !== initial) to.setAttribute(name, value(name));
  return own;
}

/**
 * The standalone copy of the lab's `svg`: `title` and `description` as its <title> and <desc>. What
 * is not displayed is left out; a pattern or clip path it uses from elsewhere in the lab (the
 * many-classes views keep their patterns in one place) is copied into its <defs>.
 */
export function standalone(svg, title, description) {
  const copy = svg.cloneNode(true);
  const walk = (from, to, inherited) => {
    if (getComputedStyle(from).display === 'none' || from.localName === 'title' || from.localName === 'desc') {
      to.remove();
      return;
    }
    const own = resolveStyle(from, to, inherited);
    const pairs = [...from.children].map((child, i) => [child, to.children[i]]);
    for (const [a, b] of pairs) walk(a, b, own);
  };
  walk(svg, copy, {});
  const root = svg.getRootNode();
  const defs = document.createElementNS(SVG_NS, 'defs');
  for (let added = true; added; ) {
    added = false;
    const used = new Set([...copy.outerHTML.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]));
    for (const id of used) {
      const source = root.getElementById(id);
      if (copy.querySelector(`[id="${id}"]`) || !source) continue;
      const twin = source.cloneNode(true);
      walk(source, twin, {});
      twin.removeAttribute('display'); // a <pattern> or <clipPath> shows only where it is used, never hidden
      defs.append(twin);
      copy.prepend(defs);
      added = true;
    }
  }
  // The chart's box, and the text that reaches past it (an axis title left of the axis), in its own
  // units. Lines past it are cut by their clip paths, which getBBox() would not count.
  const view = svg.viewBox.baseVal;
  const frame = svg.getBoundingClientRect();
  const unit = view.width / frame.width;
  let [minX, minY, maxX, maxY] = [0, 0, view.width, view.height];
  for (const text of svg.querySelectorAll('text')) {
    const r = text.getBoundingClientRect();
    if (!r.width) continue;
    const [x, y] = [(r.left - frame.left) * unit, (r.top - frame.top) * unit];
    [minX, minY] = [Math.min(minX, x), Math.min(minY, y)];
    [maxX, maxY] = [Math.max(maxX, x + r.width * unit), Math.max(maxY, y + r.height * unit)];
  }
  const left = Math.floor(minX) - MARGIN;
  const top = Math.floor(minY) - MARGIN;
  const width = Math.ceil(maxX) + MARGIN - left;
  const height = Math.ceil(maxY) + MARGIN - top;
  // The file is the size the chart has in the lab's own CSS pixels (a magnified lab's are larger on screen).
  const px = svg.clientWidth / view.width || 1;
  for (const [name, value] of Object.entries({
    xmlns: SVG_NS,
    width: Math.round(width * px),
    height: Math.round(height * px),
    viewBox: `${left} ${top} ${width} ${height}`,
  }))
    copy.setAttribute(name, value);
  // The lab's background: white in the light theme, the page's dark grey in the dark one.
  const host = root.host ?? document.body;
  const light = luminance(getComputedStyle(svg).color) < 0.4;
  const background = document.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of Object.entries({
    x: left,
    y: top,
    width,
    height,
    fill: light ? '#ffffff' : getComputedStyle(host).backgroundColor,
  }))
    background.setAttribute(name, value);
  const head = [document.createElementNS(SVG_NS, 'title'), document.createElementNS(SVG_NS, 'desc')];
  head[0].textContent = title;
  head[1].textContent = description;
  copy.prepend(...head, background);
  return copy;
}

/** The file text of a standalone SVG. */
const fileText = (svg) => `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;

/** Saves `blob` as `name` through a download link (a blob: address, which the CSP does not restrict). */
function save(blob, name, root) {
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name, hidden: true });
  (root.host ? root : document.body).append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

const pngOf = (svg) =>
  new Promise((resolve, reject) =>
    rasterize(svg, PNG_SCALE).toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );

/** What a chart is called, and what it shows, in the state `state` of its lab. */
function describe(button, state) {
  const root = button.getRootNode();
  const svg = button.dataset.export
    .split(' ')
    .map((id) => root.getElementById(id))
    .find((s) => s && s.getClientRects().length > 0);
  // The chart's name is its title (the first of what labels it); what else labels or describes it
  // (the training chart's one-line summary, the bar chart's values) is its description.
  const [named, ...more] = (svg?.getAttribute('aria-labelledby') ?? '').split(/\s+/);
  const what = textOf(root, named) || textOf(root, button.getAttribute('aria-describedby'));
  const model = state?.model ? `${state.model}-` : '';
  const told = textOf(root, [...more, svg?.getAttribute('aria-describedby')].join(' '));
  return {
    svg,
    root,
    name: `losslab-${model}${state?.loss ?? 'chart'}-${button.dataset.name}`,
    title: state?.loss ? `${capitalise(nameOf(state.loss))}: ${what}` : what,
    description: [told, 'Made with losslab.'].filter(Boolean).join(' '),
  };
}

/** The actions each menu offers: [label, what it does]. */
const ACTIONS = [
  ['SVG', 'svg'],
  [`PNG (${PNG_SCALE}×)`, 'png'],
  ['Copy image', 'copy'],
];
const canCopy = () => typeof ClipboardItem === 'function' && typeof navigator.clipboard?.write === 'function';

/** Carries out `action` for the chart of `button`; resolves to what the status line says. */
async function run(action, button, state) {
  const { svg, root, name, title, description } = describe(button, state);
  if (!svg) return 'This chart is not shown, so there is nothing to export.';
  const figure = standalone(svg, title, description);
  if (action === 'svg') {
    save(new Blob([fileText(figure)], { type: 'image/svg+xml' }), `${name}.svg`, root);
    return `Saved ${name}.svg.`;
  }
  if (action === 'png') {
    save(await pngOf(figure), `${name}.png`, root);
    return `Saved ${name}.png.`;
  }
  // The clipboard takes the PNG as a promise, so that the write starts inside the click.
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': pngOf(figure) })]);
  return 'Copied the chart as an image.';
}

/** The shadow roots that have adopted figure.css: once each, not at every click. */
const styled = new WeakSet();

/**
 * Opens or closes the export menu of `button` (a chart's Export button). `stateOf()` gives the lab's
 * state when an action runs: its loss names the files.
 */
export function toggleExport(button, stateOf) {
  const root = button.getRootNode();
  if (!styled.has(root)) {
    styled.add(root);
    adoptStyles(root, 'figure.css');
  }
  let menu = button.nextElementSibling?.classList.contains('export-menu') ? button.nextElementSibling : null;
  if (!menu) {
    menu = document.createElement('span');
    menu.className = 'export-menu';
    menu.id = `${button.dataset.export.split(' ')[0]}-export`;
    button.setAttribute('aria-controls', menu.id);
    menu.setAttribute('role', 'group');
    menu.setAttribute('aria-label', 'Export this chart as');
    for (const [label, action] of ACTIONS) {
      if (action === 'copy' && !canCopy()) continue;
      const item = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
      item.dataset.action = action;
      menu.append(item);
    }
    const status = Object.assign(document.createElement('span'), { className: 'export-status' });
    status.setAttribute('role', 'status');
    menu.append(status);
    menu.hidden = true;
    menu.addEventListener('click', async (event) => {
      const item = event.target.closest('[data-action]');
      if (!item) return;
      try {
        status.textContent = await run(item.dataset.action, button, stateOf());
      } catch (error) {
        status.textContent = `The browser refused: ${error?.message ?? error}`;
      }
    });
    // Escape in the open menu, or on its button, closes it (and is taken: the page's keys leave it).
    const close = (event) => {
      if (event.key !== 'Escape' || menu.hidden) return;
      event.preventDefault();
      toggleExport(button, stateOf);
      button.focus();
    };
    menu.addEventListener('keydown', close);
    button.addEventListener('keydown', close);
    button.after(menu);
  }
  const open = menu.hidden;
  menu.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (open) menu.querySelector('button').focus();
}
