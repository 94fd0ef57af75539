// Draws a standalone chart SVG onto a canvas, so that a figure can be saved as PNG under the lab's
// Content-Security-Policy: img-src allows neither blob: nor data:, which closes the SVG -> <img> ->
// canvas route, and Chrome's createImageBitmap does not decode SVG. Only attributes are read (the SVG
// may be detached: no computed style, no getBBox). Supported, in document order: g, a, rect (rx, ry),
// line, path, circle, ellipse, polyline, polygon, text (x, y, dx, dy in px or em; tspans flattened);
// presentation attributes inherited as SVG does (fill, stroke and their opacities, stroke-width,
// -dasharray, -dashoffset, -linejoin, -linecap, -miterlimit, fill-rule, font-*, text-anchor,
// dominant-baseline, paint-order, visibility, color for currentColor); opacity, composited per group;
// display="none"; transform lists; the viewBox (xMidYMid meet, or none); vector-effect=
// "non-scaling-stroke"; clip-path to a <clipPath> of shapes; url(#id) paint to a userSpaceOnUse
// <pattern> with patternTransform, with a colour fallback. Not supported: CSS (class, style),
// gradients, markers, masks, filters, <use>, <image>, nested <svg>, textPath, tspan positions.

// biome-ignore format: a table reads better grouped by concern than one property a line.
/** The inherited properties and their initial values (font-size in px, a number). */
const DEFAULTS = {
  color: 'black', fill: 'black', 'fill-opacity': '1', 'fill-rule': 'nonzero', visibility: 'visible', 'paint-order': 'normal',
  stroke: 'none', 'stroke-width': '1', 'stroke-opacity': '1', 'stroke-dasharray': 'none', 'stroke-dashoffset': '0',
  'stroke-linejoin': 'miter', 'stroke-linecap': 'butt', 'stroke-miterlimit': '4',
  'font-family': 'serif', 'font-size': 16, 'font-weight': 'normal', 'font-style': 'normal',
  'text-anchor': 'start', 'dominant-baseline': 'auto',
};
const ANCHORS = { start: 'left', middle: 'center', end: 'right' };
/** How far dominant-baseline moves text down from its alphabetic baseline, from the font's metrics as Chrome does. */
const BASELINE_SHIFTS = {
  central: ({ ascent, descent }) => (ascent - descent) / 2,
  middle: ({ xHeight }) => xHeight / 2,
  hanging: ({ ascent }) => 0.8 * ascent,
  mathematical: ({ ascent }) => ascent / 2,
  'text-before-edge': ({ ascent }) => ascent,
  'text-after-edge': ({ descent }) => -descent,
  ideographic: ({ descent }) => -descent,
};
const JOINS = { round: 'round', bevel: 'bevel' };
const CAPS = { round: 'round', square: 'square' };
const CONTAINERS = new Set(['svg', 'g', 'a']);
/** A pattern tile is drawn at the resolution it is painted at, but never wider or taller than this. */
const MAX_TILE_PX = 1024;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi;

const numbers = (value) => (value ?? '').match(NUMBER)?.map(Number) ?? [];
/** A length in user units: a number or px, em of `em`, or a percentage of `ref`. */
function len(value, ref = 0, em = 16) {
  const n = Number.parseFloat(value);
  if (!Number.isFinite(n)) return 0;
  return value.endsWith('%') ? (n * ref) / 100 : value.endsWith('em') ? n * em : n;
}
/** An opacity in [0, 1] from "0.4" or "40%"; absent is 1. */
function fraction(value) {
  const n = Number.parseFloat(value ?? '1') / (value?.endsWith('%') ? 100 : 1);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 1;
}
/** Lengths of `el` named `names`, percentages of the viewBox's width (even) or height (odd). */
const lens = (r, el, names) => names.map((name, i) => len(el.getAttribute(name), i % 2 ? r.vh : r.vw));

/** A transform list (translate, scale, rotate with a centre, skewX, skewY, matrix) as one DOMMatrix. */
function transformOf(value) {
  const m = new DOMMatrix();
  for (const [, name, args] of (value ?? '').matchAll(/(\w+)\s*\(([^)]*)\)/g)) {
    const [a = 0, b, c = 0, d, e, f] = numbers(args);
    if (name === 'translate') m.translateSelf(a, b ?? 0);
    else if (name === 'scale') m.scaleSelf(a, b ?? a);
    else if (name === 'rotate')
      m.translateSelf(b ?? 0, c)
        .rotateSelf(a)
        .translateSelf(-(b ?? 0), -c);
    else if (name === 'skewX') m.skewXSelf(a);
    else if (name === 'skewY') m.skewYSelf(a);
    else if (name === 'matrix') m.multiplySelf(new DOMMatrix([a, b, c, d, e, f]));
  }
  return m;
}

/** The style of `el` given its parent's: the inherited properties, overridden by its own attributes. */
function inherit(parent, el) {
  const style = { ...parent };
  for (const name in DEFAULTS) {
    const value = el.getAttribute(name)?.trim();
    if (value && value !== 'inherit') style[name] = name === 'font-size' ? len(value, parent[name], parent[name]) : value;
  }
  return style;
}
/** The style of an element met out of document order (a pattern), from the root down. */
const styleOf = (r, el) => inherit(el === r.svg || !el.parentElement ? DEFAULTS : styleOf(r, el.parentElement), el);

/** The element that `url(#id)` names, if it is a `tag`. */
function refOf(r, value, tag) {
  const id = /^url\(\s*['"]?#([^'")]+)['"]?\s*\)/.exec(value ?? '')?.[1];
  const el = id && r.ids.get(id);
  return el?.localName === tag ? el : null;
}

/** An ellipse as a path, or null when a radius is not positive. */
function oval(cx, cy, rx, ry = rx) {
  if (!(rx > 0 && ry > 0)) return null;
  const p = new Path2D();
  p.ellipse(cx, cy, rx, ry, 0, 0, 2 * Math.PI);
  return p;
}

/** Each shape as a Path2D in its own user units, or null when it draws nothing. */
const SHAPES = {
  rect(el, r) {
    const [x, y, w, h] = lens(r, el, ['x', 'y', 'width', 'height']);
    if (!(w > 0 && h > 0)) return null;
    const radii = lens(r, el, [el.hasAttribute('rx') ? 'rx' : 'ry', el.hasAttribute('ry') ? 'ry' : 'rx']);
    const [rx, ry] = radii.map((radius, i) => Math.min((i ? h : w) / 2, Math.max(0, radius)));
    // The path SVG defines a rect as: its edges, and a quarter ellipse at each corner (a line when a radius is 0).
    const arc = (dx, dy) => `a${rx} ${ry} 0 0 1 ${dx} ${dy}`;
    return new Path2D(
      `M${x + rx} ${y}h${w - 2 * rx}${arc(rx, ry)}v${h - 2 * ry}${arc(-rx, ry)}h${2 * rx - w}${arc(-rx, -ry)}v${2 * ry - h}${arc(rx, -ry)}z`,
    );
  },
  line: (el, r) => new Path2D(`M${lens(r, el, ['x1', 'y1', 'x2', 'y2']).join(' ')}`),
  path: (el) => new Path2D(el.getAttribute('d') ?? ''),
  circle: (el, r) => oval(...lens(r, el, ['cx', 'cy']), len(el.getAttribute('r'), r.diag)),
  ellipse: (el, r) => oval(...lens(r, el, ['cx', 'cy', 'rx', 'ry'])),
  // "M x y x y …": the pairs after the first are lines; an odd number is dropped, as SVG does.
  polyline: (el) => new Path2D(`M${numbers(el.getAttribute('points')).join(' ')}`),
  polygon: (el) => new Path2D(`M${numbers(el.getAttribute('points')).join(' ')}Z`),
};

/** `path` moved by `matrix`. */
function moved(path, matrix) {
  const p = new Path2D();
  p.addPath(path, matrix);
  return p;
}

/** A <clipPath>'s shapes as one path in the user units of the element that refers to it. */
function clipOf(r, clip) {
  const path = new Path2D();
  const m = transformOf(clip.getAttribute('transform'));
  for (const child of clip.children) {
    const shape = child.getAttribute('display') === 'none' ? null : SHAPES[child.localName]?.(child, r);
    if (shape) path.addPath(shape, m.multiply(transformOf(child.getAttribute('transform'))));
  }
  return path;
}

/** A <pattern> as a CanvasPattern, its tile drawn at about the resolution it is painted at. */
function patternOf(r, el) {
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((name) => len(el.getAttribute(name)));
  if (!(w > 0 && h > 0)) return null;
  const place = transformOf(el.getAttribute('patternTransform')).translateSelf(x, y);
  const m = r.ctx.getTransform().multiply(place);
  const k = Math.min(Math.max(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d)), MAX_TILE_PX / Math.max(w, h));
  const [tw, th] = [Math.max(1, Math.round(w * k)), Math.max(1, Math.round(h * k))];
  const key = `${el.getAttribute('id')} ${tw} ${th}`;
  if (!r.tiles.has(key)) {
    const tile = document.createElement('canvas');
    [tile.width, tile.height] = [tw, th];
    const ctx = tile.getContext('2d');
    ctx.scale(tw / w, th / h);
    const style = styleOf(r, el);
    for (const child of el.children) drawNode({ ...r, ctx }, child, style);
    r.tiles.set(key, r.ctx.createPattern(tile, 'repeat'));
  }
  const pattern = r.tiles.get(key);
  pattern.setTransform(place.scale(w / tw, h / th));
  return pattern;
}

/** What a fill or stroke value paints with: a colour, a pattern, or null for nothing. */
function paintOf(r, value, style) {
  if (!value || value === 'none') return null;
  if (value === 'currentColor') return style.color;
  if (!value.startsWith('url(')) return value;
  const pattern = refOf(r, value, 'pattern');
  return pattern ? patternOf(r, pattern) : paintOf(r, value.replace(/^url\([^)]*\)\s*/, ''), style);
}

/** Sets the line state of a stroke `k` canvas units per user unit; false when there is nothing to draw. */
function setStroke(r, style, k) {
  const { ctx } = r;
  const width = len(style['stroke-width'], r.diag) * k;
  if (!(width > 0)) return false;
  ctx.lineWidth = width;
  ctx.lineJoin = JOINS[style['stroke-linejoin']] ?? 'miter';
  ctx.lineCap = CAPS[style['stroke-linecap']] ?? 'butt';
  ctx.miterLimit = Number(style['stroke-miterlimit']) || 4;
  const dashes = numbers(style['stroke-dasharray']).map((d) => d * k);
  if (dashes.every((d) => d >= 0) && dashes.some((d) => d > 0)) ctx.setLineDash(dashes);
  ctx.lineDashOffset = len(style['stroke-dashoffset']) * k;
  return true;
}

/**
 * Fills and strokes one shape or text, stroke first for paint-order="stroke". `fill(rule)` and
 * `stroke(matrix)` draw it; a non-scaling stroke is drawn untransformed, `matrix` moving the shape to
 * the canvas, and its width is in CSS px of the figure.
 */
function paint(r, style, alpha, nonScaling, fill, stroke) {
  const { ctx } = r;
  const order = style['paint-order'].split(/\s+/);
  const strokeFirst = order.includes('stroke') && (!order.includes('fill') || order.indexOf('stroke') < order.indexOf('fill'));
  for (const step of strokeFirst ? ['stroke', 'fill'] : ['fill', 'stroke']) {
    const paintStyle = paintOf(r, style[step], style);
    if (!paintStyle) continue;
    ctx.save();
    ctx.globalAlpha = alpha * fraction(style[`${step}-opacity`]);
    if (step === 'fill') {
      ctx.fillStyle = paintStyle;
      fill(style['fill-rule'] === 'evenodd' ? 'evenodd' : 'nonzero');
    } else if (setStroke(r, style, nonScaling ? r.scale : 1)) {
      ctx.strokeStyle = paintStyle;
      const matrix = nonScaling ? ctx.getTransform() : null;
      if (matrix) ctx.setTransform(1, 0, 0, 1, 0, 0);
      stroke(matrix);
    }
    ctx.restore();
  }
}

/** One text element, its tspans flattened into its text (their styles and positions ignored). */
function drawText(r, el, style, alpha) {
  const { ctx } = r;
  const text = el.textContent.replace(/\s+/g, ' ').trim();
  const size = style['font-size'];
  const font = (px) => `${style['font-style']} ${style['font-weight']} ${px}px ${style['font-family']}`;
  // The x-height measured at 1000 px: canvas rounds glyph bounds to whole pixels, too coarse at 10 px.
  ctx.font = font(1000);
  const xHeight = (ctx.measureText('x').actualBoundingBoxAscent * size) / 1000;
  ctx.font = font(size);
  ctx.textAlign = ANCHORS[style['text-anchor']] ?? 'left';
  const metrics = ctx.measureText(text);
  const vertical = { ascent: metrics.fontBoundingBoxAscent ?? 0.8 * size, descent: metrics.fontBoundingBoxDescent ?? 0.2 * size, xHeight };
  const shift = BASELINE_SHIFTS[style['dominant-baseline']]?.(vertical) ?? 0;
  const at = (name, ref) => len((el.getAttribute(name) ?? '0').trim().split(/[\s,]+/)[0], ref, size);
  const [x, y] = [at('x', r.vw) + at('dx', r.vw), at('y', r.vh) + at('dy', r.vh) + shift];
  const [fill, stroke] = [() => ctx.fillText(text, x, y), () => ctx.strokeText(text, x, y)];
  if (text) paint(r, style, alpha, false, fill, stroke);
}

/**
 * Draws `el` and its subtree. Opacity below 1 is composited once for a group, or for a shape that
 * both fills and strokes, from a layer of the canvas's size; a shape with one paint just takes it as alpha.
 */
function drawNode(r, el, parentStyle) {
  const tag = el.localName;
  const container = CONTAINERS.has(tag) && (tag !== 'svg' || el === r.svg);
  if (el.getAttribute('display') === 'none' || !(container || tag === 'text' || tag in SHAPES)) return;
  const style = inherit(parentStyle, el);
  if (!container && (style.visibility === 'hidden' || style.visibility === 'collapse')) return;
  const opacity = fraction(el.getAttribute('opacity'));
  const { ctx } = r;
  ctx.save();
  const m = transformOf(el.getAttribute('transform'));
  ctx.transform(m.a, m.b, m.c, m.d, m.e, m.f);
  const clip = refOf(r, el.getAttribute('clip-path'), 'clipPath');
  if (clip) ctx.clip(clipOf(r, clip));
  const layered = opacity < 1 && (container || (style.fill !== 'none' && style.stroke !== 'none'));
  const into = layered ? { ...r, ctx: document.createElement('canvas').getContext('2d') } : r;
  if (layered) {
    [into.ctx.canvas.width, into.ctx.canvas.height] = [ctx.canvas.width, ctx.canvas.height];
    into.ctx.setTransform(ctx.getTransform());
  }
  const alpha = layered ? 1 : opacity;
  if (container) for (const child of el.children) drawNode(into, child, style);
  else if (tag === 'text') drawText(into, el, style, alpha);
  else {
    const path = SHAPES[tag](el, r);
    const nonScaling = el.getAttribute('vector-effect') === 'non-scaling-stroke';
    const stroke = (matrix) => into.ctx.stroke(matrix ? moved(path, matrix) : path);
    if (path) paint(into, style, alpha, nonScaling, (rule) => into.ctx.fill(path, rule), stroke);
  }
  if (layered) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = opacity;
    ctx.drawImage(into.ctx.canvas, 0, 0);
  }
  ctx.restore();
}

/**
 * Draws a standalone SVG chart onto a new canvas of round(width × scale) by round(height × scale)
 * pixels, where width and height are the SVG's attributes in CSS px (the viewBox's size if they are
 * missing or percentages). The SVG may be detached from the document: only its attributes are read.
 * @param {SVGSVGElement} svg
 * @param {number} [scale] canvas pixels per CSS px of the figure
 * @returns {HTMLCanvasElement}
 */
export function rasterize(svg, scale = 2) {
  const box = numbers(svg.getAttribute('viewBox'));
  const size = (name, i, fallback) => {
    const value = svg.getAttribute(name);
    return value && !value.endsWith('%') ? len(value) : (box[i] ?? fallback);
  };
  const [width, height] = [size('width', 2, 300), size('height', 3, 150)];
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [Math.round(width * scale), Math.round(height * scale)];
  const ctx = canvas.getContext('2d');
  const [minX = 0, minY = 0, vw = width, vh = height] = box.length === 4 && box[2] > 0 && box[3] > 0 ? box : [];
  // The viewBox onto width × height: uniform and centred (xMidYMid meet), or stretched for "none".
  let [sx, sy] = [width / vw, height / vh];
  if (!/^\s*none/.test(svg.getAttribute('preserveAspectRatio') ?? '')) sx = sy = Math.min(sx, sy);
  ctx.scale(scale, scale);
  ctx.translate((width - vw * sx) / 2 - minX * sx, (height - vh * sy) / 2 - minY * sy);
  ctx.scale(sx, sy);
  const ids = new Map([...svg.querySelectorAll('[id]')].map((el) => [el.getAttribute('id'), el]));
  // What every drawing function reads: `r` for rasterizing. `diag` is what a percentage of a radius or width is of.
  const r = { svg, ctx, scale, vw, vh, diag: Math.hypot(vw, vh) / Math.SQRT2, ids, tiles: new Map() };
  drawNode(r, svg, DEFAULTS);
  return canvas;
}
