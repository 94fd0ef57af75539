// Every number explains itself, in every lab: focus or point at a `[data-explain]` number and its
// formula, filled in with the current numbers, shows in the place its lab names. Loaded with
// formula.js on the first number a reader focuses or points at (explain-on-focus.js).

import { adoptStyles } from './assets.js';
import { oneShown } from './dom.js';
import { explain } from './formula.js';

/**
 * Wires the events under `host` (in the shadow root `root`). `describe(node)` returns
 * `{ place, what, ctx }` (where the text goes, and explain()'s arguments), or null while there is
 * nothing to explain yet. `contain`: the events stop at `host`, so that a lab around it never sees them.
 * Returns `show(node)`, `refresh()` (shows the explained number's formula again after a render) and `hide()`.
 */
export function wireFormulas({ host, root, describe, contain = false }) {
  let explained = null;
  const place = oneShown();
  // No formula shows before its styles apply (in www/ they come by a <link>): a formula laid out
  // unstyled for a moment would move what is under the pointer.
  let styled = false;
  adoptStyles(root, 'formula.css').then(() => {
    styled = true;
    if (explained) show(explained);
  });

  function show(node) {
    if (!styled) {
      explained = node;
      return;
    }
    const found = node.isConnected ? describe(node) : null;
    if (!found) return hide();
    explained = node;
    const { title, lines } = explain(found.what, { ...found.ctx, shown: node.textContent });
    place.show(found.place, `${title}\n${lines.join('\n')}`);
  }
  function hide() {
    explained = null;
    place.hide();
  }
  /** The explainable number an event is about; contained events go no further. */
  const numberOf = (event) => {
    const node = event.target.closest?.('[data-explain]');
    if (node && contain) event.stopPropagation();
    return node;
  };

  // A press that moves focus away (onto a button below, say) must not shift the layout under the
  // pointer before it is released, or the click lands elsewhere: the formula then goes after it.
  let pressing = false;
  let hideAfterPress = false;
  host.addEventListener('pointerdown', () => {
    pressing = true;
  });
  addEventListener('pointerup', () => {
    if (!pressing) return;
    pressing = false;
    if (hideAfterPress) {
      hideAfterPress = false;
      setTimeout(() => !root.activeElement?.matches?.('[data-explain]') && hide());
    }
  });
  host.addEventListener('focusin', (event) => {
    const node = numberOf(event);
    if (node) show(node);
    else if (explained && pressing) hideAfterPress = true;
    else if (explained) hide();
  });
  host.addEventListener('pointerover', (event) => {
    const node = numberOf(event);
    if (node && node !== explained) show(node);
  });
  // The formula stays while the pointer is on its number or on the formula itself (WCAG 1.4.13:
  // it can be hovered, to read or select it); it goes when the pointer leaves both.
  host.addEventListener('pointerout', (event) => {
    numberOf(event); // contained events go no further
    if (!explained || root.activeElement === explained) return;
    const from = event.target;
    const to = event.relatedTarget;
    const formula = place.current();
    const onIt = (node) => node && (explained.contains(node) || formula?.contains(node));
    if (onIt(from) && !onIt(to)) hide();
  });
  host.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !explained) return;
    event.preventDefault(); // this Escape is taken: the page's keys (presenter mode) leave it
    hide();
  });
  return {
    show,
    refresh: () => explained && show(explained),
    hide,
  };
}
