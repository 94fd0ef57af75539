// The tour's card, loaded with the tour's text (tour.js) when the tour first starts (page.js): a
// step written on the card, the lab set to the step's state, and what the step is about scrolled
// into view under the card.

import { TOUR } from './tour.js';

export { TOUR };

/** For this long after a step shows, its subject is kept aligned while views load and grow. */
const ALIGN_MS = 1500;

const $ = (id) => document.getElementById(id);
/** The step on the card (0-based), or -1. */
let shown = -1;

// While the tour is on, its card stays pinned at the top of the window (tour.css). The window's
// scroll padding is kept at the card's height, so what the page or the keyboard brings into view
// lands under the card, not behind it. A constructed sheet: the page has no style attributes.
const tourPadding = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, tourPadding];
function padForTour() {
  // Only a pinned card covers what scrolls under it (a short window does not pin it: tour.css).
  const pinned = getComputedStyle($('tour')).position === 'sticky';
  const height = $('tour').hidden || !pinned ? 0 : $('tour').offsetHeight;
  tourPadding.replaceSync(height ? `html { scroll-padding-top: ${height + 12}px; }` : '');
}
new ResizeObserver(padForTour).observe($('tour'));

/**
 * Shows step `index` (kept within the tour) on the card and returns it. `load`: the lab takes the
 * step's state; `focus`: the card's title takes the focus; `presenting`: presenter mode, where a
 * step may name another subject (`present`) to bring to the top.
 */
export function showStep(lab, index, { load, focus, presenting }) {
  const step = Math.max(0, Math.min(TOUR.length - 1, index));
  shown = step;
  const { title, text, fields } = TOUR[step];
  const look = (presenting && TOUR[step].present) || TOUR[step].look;
  $('tour').hidden = false;
  $('tour-count').textContent = `Tour, step ${step + 1} of ${TOUR.length}`;
  $('tour-title').textContent = title;
  $('tour-text').textContent = text;
  $('tour-back').disabled = step === 0;
  $('tour-next').disabled = step === TOUR.length - 1;
  if (load) lab.fields = fields;
  if (focus) $('tour-title').focus({ preventScroll: true });
  // Show what the step is about, once the lab has it (the views for many classes load on first use),
  // under the card as it is now (the observer would only tell after this frame).
  padForTour();
  lab.ready.then(() => {
    if (shown !== step || !lab.shadowRoot) return;
    // At once, not smoothly, and again whenever the lab's height changes in the next moment: the
    // charts on the way are drawn only as they come into view (content-visibility), and views that
    // load on first use (the sigmoid, Compare) grow when they arrive; either can move the target,
    // and a view's own part (Compare's chart) is there only once it has arrived.
    const align = () => shown === step && lab.shadowRoot.querySelector(look)?.scrollIntoView({ block: 'start', behavior: 'instant' });
    align();
    const settling = new ResizeObserver(align);
    // The lab's box grows with it; in presenter mode it is a fixed window that scrolls, and only what is in it grows.
    settling.observe(lab);
    settling.observe(lab.shadowRoot.getElementById('lab-root'));
    setTimeout(() => settling.disconnect(), ALIGN_MS);
  });
  return step;
}

/** Hides the card: the reader is off the tour. */
export function hideCard() {
  shown = -1;
  $('tour').hidden = true;
  padForTour();
}
