// Writing to the DOM only when something changed, without reading it back.

const LAST = Symbol('last');
/** What was last written to `node`, by attribute name (and '#text'). */
const lastOf = (node) => {
  node[LAST] ??= {};
  return node[LAST];
};

/** Sets attributes that changed since the last call; `null` removes one. */
export function setAttrs(node, attrs) {
  const last = lastOf(node);
  for (const key in attrs) {
    const value = attrs[key] === null ? null : String(attrs[key]);
    if (last[key] === value) continue;
    last[key] = value;
    if (value === null) node.removeAttribute(key);
    else node.setAttribute(key, value);
  }
}

export const setAttr = (node, name, value) => setAttrs(node, { [name]: value });

/** Sets the text of a node if it changed. */
export function setText(node, text) {
  const last = lastOf(node);
  if (last['#text'] === text) return;
  last['#text'] = text;
  node.textContent = text;
}

/** Keeps `parent` at `n` children, making the missing ones with `make`; returns them. */
export function fit(parent, n, make) {
  const items = parent.children;
  while (items.length < n) parent.append(make(items.length));
  while (items.length > n) parent.lastChild.remove();
  return items;
}

/** Sets a boolean property (disabled, hidden, checked) if it differs. */
export function setFlag(node, name, on) {
  if (node[name] !== on) node[name] = on;
}

/** One of several places shown at a time (a formula under its number): `show` fills one and hides the one before. */
export function oneShown() {
  let shown = null;
  return {
    show(place, text) {
      if (shown && shown !== place) shown.hidden = true;
      setText(place, text);
      place.hidden = false;
      shown = place;
    },
    hide() {
      if (shown) shown.hidden = true;
      shown = null;
    },
    /** The place shown now, or null. */
    current: () => shown,
  };
}

/**
 * The export control of a chart, whose figure.js (loaded on the first click) offers SVG, PNG and a
 * copy. `svgs`: the chart's id, or several ids of which the shown one is exported; `name`: what the
 * file is called after the loss (losslab-bce-NAME.svg); `title`: the id of the text that names the chart.
 */
export const exportButton = (svgs, name, title) =>
  `<button type="button" class="export" data-export="${svgs}" data-name="${name}" aria-describedby="${title}" aria-expanded="false">Export</button>`;

/** How near the viewport a view that loads on first use starts loading (a quarter screen ahead of the reader). */
const NEAR = '25% 0px';
/** After this long a waiting view loads anyway: printed or saved, the page then has it drawn. */
const LOAD_ANYWAY_MS = 1500;

/**
 * Calls `start` once, when `node` comes near the viewport or `LOAD_ANYWAY_MS` after this call, whichever is
 * first: what is below the fold leaves the first load to what the reader sees. Where there is no
 * IntersectionObserver (no DOM), at once.
 */
export function whenNear(node, start) {
  if (typeof IntersectionObserver !== 'function') return start();
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    start();
  };
  const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && once(), { rootMargin: NEAR });
  observer.observe(node);
  const timer = setTimeout(once, LOAD_ANYWAY_MS);
}
