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
    if (wired) return;
    wired = import('./formula-events.js').then(
      (module) => {
        host.removeEventListener('focusin', first);
        host.removeEventListener('pointerover', first);
        wired = module.wireFormulas(options);
        // The number that woke them is explained if it is still focused or pointed at.
        if (root.activeElement === node || node.matches(':hover')) wired.show(node);
      },
      () => {
        failed = true;
        unavailable(node);
      },
    );
  };
  host.addEventListener('focusin', first);
  host.addEventListener('pointerover', first);
  return {
    refresh: () => wired?.refresh?.(),
    hide: () => wired?.hide?.(),
  };
}
