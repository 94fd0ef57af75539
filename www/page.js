// The full page: one <loss-lab> whose whole state lives in the address, plus Share and Embed.

import './loss-lab-define.js';
/** Links a stylesheet next to this module; resolves once it applies (or failed to load). */
const stylesheet = (file) =>
  new Promise((resolve) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL(file, import.meta.url).href });
    link.onload = link.onerror = resolve;
    document.head.append(link);
  });
/** The tour (its steps, its card) and its card's style load when the tour starts (tour-card.js). */
let tour = null;
const loadTour = () => (tour ??= Promise.all([import('./tour-card.js'), stylesheet('tour.css')]).then(([card]) => card));

/** The file a blog loads; `make dist` bundles the element and its wasm into it. */
const ELEMENT_FILE = 'loss-lab-define.js';
const SETTLE_MS = 400;
/** The page's own settings as a fresh tab has them (state.js fields). */
const PAGE_DEFAULTS = { lr: '1', grad: 'on', backward: 'mean' };
/** Older addresses wrote predictions as `in` and targets as `t`, focal's parameters on their own. */
const OLD_NAMES = { in: 'predictions', t: 'targets' };

const lab = document.querySelector('loss-lab');
const $ = (id) => document.getElementById(id);

/** The tour step shown (0-based), or -1 when the reader is not on the tour. */
let step = -1;

function readAddress() {
  const params = new URLSearchParams(location.hash.slice(1));
  const fields = {};
  for (const [name, value] of params) fields[OLD_NAMES[name] ?? name] = value;
  delete fields.tour;
  delete fields.present;
  if (!fields.params && (fields.gamma || fields.alpha)) {
    fields.params = ['gamma', 'alpha']
      .filter((k) => fields[k])
      .map((k) => `${k}=${fields[k]}`)
      .join(',');
  }
  return fields;
}

const addressOf = (fields) =>
  new URLSearchParams(fields).toString().replaceAll('%2C', ',').replaceAll('%3D', '=').replaceAll('%3B', ';').replaceAll('%7C', '|');

let defaults = '';
let timer = 0;
function writeAddress() {
  clearTimeout(timer);
  const state = addressOf(lab.fields);
  const parts = [];
  if (presenting) parts.push('present=1');
  if (step >= 0) parts.push(`tour=${step + 1}`);
  // A tour step names its state only if the reader changed it; otherwise what differs from the example.
  if (step >= 0 ? edited : state !== defaults) parts.push(state);
  const hash = parts.join('&');
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

/** Whether the page is in presenter mode (present.js: large type, the tour beside the lab, keys step it). */
let presenting = false;
let presenter = null;

/** Turns presenter mode on or off; `write`: the address says so (not while following an address). */
async function present(on, write = true) {
  presenting = on;
  if (write) writeAddress();
  presenter ??= Promise.all([import('./present.js'), stylesheet('present.css')]);
  (await presenter)[0].present(on, {
    lab,
    step: () => step,
    show: (index) => showStep(index),
    last: async () => (await loadTour()).TOUR.length - 1,
    leave: () => present(false),
  });
}

/** Whether the reader changed the lab since the tour step loaded (then the address keeps the state). */
let edited = false;

async function showStep(index, { load = true, focus = true } = {}) {
  step = (await loadTour()).showStep(lab, index, { load, focus, presenting });
  if (load) edited = false;
  writeAddress();
}

async function leaveTour() {
  step = -1;
  (await loadTour()).hideCard();
  writeAddress();
  $('tour-start').focus();
}

// Share and Embed load what they write on first use (share.js): from the moment the pointer or the
// focus comes to them, so that the copy still happens within the click as strict browsers ask.
const loadShare = () => import('./share.js');
for (const kind of ['share', 'embed']) {
  for (const type of ['pointerenter', 'focus']) $(kind).addEventListener(type, loadShare, { once: true });
  $(kind).addEventListener('click', async () => {
    writeAddress();
    (await loadShare()).share(kind, lab, ELEMENT_FILE);
  });
}
$('tour-start').addEventListener('click', () => showStep(0));
$('tour-back').addEventListener('click', () => showStep(step - 1));
$('tour-next').addEventListener('click', () => showStep(step + 1));
$('tour-leave').addEventListener('click', leaveTour);
$('present').addEventListener('click', () => present(!presenting));
$('present-leave').addEventListener('click', () => present(false));
lab.addEventListener('change', () => {
  edited = true;
  clearTimeout(timer);
  timer = setTimeout(writeAddress, SETTLE_MS);
});

/** Whether `hash` names an element of the page; a malformed one (a lone %, a broken escape) names none. */
function isElementLink(hash) {
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1))) !== null;
  } catch {
    return false;
  }
}

/**
 * Shows what the address asks for: a tour step (with the reader's edits, if the link carries them),
 * or a state. `first`: the page has just opened (an address without a state leaves the lab as it is);
 * later (a pasted link, Back or Forward) an empty address goes back to the example.
 */
async function followAddress(first) {
  // An in-page link (the skip link's #main) names an element, not a state.
  if (isElementLink(location.hash)) return;
  const address = new URLSearchParams(location.hash.slice(1));
  const fields = readAddress();
  if ((address.get('present') === '1') !== presenting) present(!presenting, false);
  const tour = Number(address.get('tour'));
  const hasState = Object.keys(fields).length > 0;
  if (Number.isInteger(tour) && tour >= 1) {
    // A linked step: its own state, unless the link carries the reader's edits too.
    if (hasState) {
      lab.fields = fields;
      edited = true;
    }
    await showStep(tour - 1, { load: !hasState, focus: false });
    return;
  }
  if (step >= 0) {
    step = -1;
    (await loadTour()).hideCard();
  }
  // A link names what differs from the example: the page's own settings it leaves out are the defaults,
  // whatever this tab had before.
  // A model keeps its own learning rate (0.1, or 1 for words) unless the link names one.
  const defaults = fields.model ? { ...PAGE_DEFAULTS, lr: undefined } : PAGE_DEFAULTS;
  if (hasState || !first) lab.fields = { ...defaults, ...fields };
}

lab.ready.then(async (ok) => {
  if (!ok) {
    document.body.dataset.ready = 'failed';
    return;
  }
  defaults = addressOf(lab.fields);
  await followAddress(true);
  // The page writes its own address with replaceState, which fires no hashchange: this is the reader's.
  window.addEventListener('hashchange', () => followAddress(false));
  for (const button of [$('share'), $('embed'), $('tour-start'), $('present')]) button.disabled = false;
  document.body.dataset.ready = 'true';
});
