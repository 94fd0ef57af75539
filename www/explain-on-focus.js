// Every number explains itself, in every lab: focus or point at a `[data-explain]` number and its
// formula, filled in with the current numbers, shows in the place its lab names. What does it
// (formula-events.js, with formula.js) loads the first time a reader focuses or points at a number:
// the first load does not carry it.

/**
 * Wires the events under `host` (in the shadow root `root`), as formula-events.js's wireFormulas
 * says: `describe(node)` returns `{ place, what, ctx }` or null; `contain` stops the events at `host`.
 * Returns `refresh()` and `hide()`, which do nothing until the formulas have loaded.
 */
export function explainOnFocus(options) {
  const { host, root, describe, contain } = options;
  let wired = null;
  let failed = false;
  let told = null;
  /** The last number focused or pointed at while the formulas load: it is the one to explain. */
  let latest = null;
  /** loss-lab.js copied without its siblings: the number says so, in its lab's place for it. */
  const unavailable = (node) => {
    const found = describe(node);
    if (!found) return;
    if (told) told.hidden = true;
    told = found.place;
    told.textContent = 'The formulas could not be loaded: loss-lab-formulas.js is not beside loss-lab.js.';
    told.hidden = false;
  };
  const first = (event) => {
    const node = event.target.closest?.('[data-explain]');
    if (!node) return;
    if (contain) event.stopPropagation(); // as the formulas' own listeners will
    if (failed) return unavailable(node);
    latest = node;
    if (wired) return;
    wired = import('./formula-events.js').then(
      (module) => {
        host.removeEventListener('focusin', first);
        host.removeEventListener('pointerover', first);
        wired = module.wireFormulas(options);
        // The last number is explained if it is still focused or pointed at.
        if (root.activeElement === latest || latest.matches(':hover')) wired.show(latest);
      },
      () => {
        failed = true;
        unavailable(latest);
      },
    );
  };
  /** Leaving a number that said the formulas are missing takes the sentence away. */
  const leave = (event) => {
    if (told && event.target.closest?.('[data-explain]') && !event.target.contains(event.relatedTarget)) {
      told.hidden = true;
      told = null;
    }
  };
  host.addEventListener('focusin', first);
  host.addEventListener('pointerover', first);
  host.addEventListener('focusout', leave);
  host.addEventListener('pointerout', leave);
  return {
    refresh: () => wired?.refresh?.(),
    hide: () => wired?.hide?.(),
  };
}
