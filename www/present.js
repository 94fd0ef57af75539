// Presenter mode's keys and switch, loaded the first time the page presents (page.js, which links
// present.css with it). The layout is present.css: the page's intro and chrome hidden, the tour
// card beside the lab (below it on a narrow or upright screen), the lab in large type (its
// `present` attribute, lab.css).
//
// The keys are those a presentation clicker sends: → PageDown Space go to the next tour step,
// ← PageUp to the one before, Home and End to the first and the last; Escape leaves presenter mode.
// A key that the focused control uses itself (a slider's arrows, a field's text, a button's Space)
// is left to it.

/** What the keys act on (see present()); null until presenter mode first starts. */
let actions = null;

const ARROWS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
/** Keys a control keeps for itself, by what it is (an input by its type); null: every key but Escape. */
const OWN_KEYS = {
  text: null, // typing, and a field's own caret keys
  select: null,
  textarea: null,
  range: [...ARROWS, 'Home', 'End', 'PageUp', 'PageDown'],
  radio: [...ARROWS, ' '],
  checkbox: [' '],
  button: [' ', 'Enter'],
  summary: [' ', 'Enter'],
  a: ['Enter'],
};

/** Whether the element the key went to (inside the lab's shadow root too) uses `key` itself. */
function keptBy(target, key) {
  if (target.isContentEditable) return key !== 'Escape';
  // The charts' draggable dots are SVG elements that move with the arrow keys, Home and End.
  if (target instanceof SVGElement) return key !== ' ' && key !== 'PageUp' && key !== 'PageDown' && key !== 'Escape';
  const kind = target.localName === 'input' ? (target.type in OWN_KEYS ? target.type : 'text') : target.localName;
  if (!(kind in OWN_KEYS)) return false;
  // A field's Escape is its own too: it puts back the value from before the edit.
  return OWN_KEYS[kind] === null ? key !== 'Escape' || kind === 'text' : OWN_KEYS[kind].includes(key);
}

const MOVES = { ArrowRight: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, PageUp: -1 };

async function onKey(event) {
  if (!actions.on() || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
  const target = event.composedPath()[0];
  if (!(target instanceof Element) || keptBy(target, event.key)) return;
  const { key } = event;
  if (key !== 'Escape' && key !== 'Home' && key !== 'End' && !(key in MOVES)) return;
  event.preventDefault(); // the page does not scroll: a step brings its subject into view itself
  if (key === 'Escape') {
    actions.leave();
    return;
  }
  const step = actions.step();
  const last = await actions.last();
  // Off the tour, any of these keys starts it: at its first step, or at its last for End.
  let to = key === 'Home' ? 0 : key === 'End' ? last : step < 0 ? 0 : step + MOVES[key];
  to = Math.max(0, Math.min(last, to));
  if (to !== step && actions.on()) actions.show(to);
}

/**
 * Turns presenter mode on or off. `given`: `lab` (the <loss-lab>), `step()` the tour step shown (-1 if
 * none), `show(i)`, `last()` the last step's index, `leave()` presenter mode.
 */
export function present(on, given) {
  if (!actions) document.addEventListener('keydown', onKey);
  actions = { ...given, on: () => document.body.classList.contains('presenting') };
  document.body.classList.toggle('presenting', on);
  given.lab.toggleAttribute('present', on);
  const button = document.getElementById('present');
  button.setAttribute('aria-pressed', String(on));
  const leave = document.getElementById('present-leave');
  // Leaving from its own button, which hides: the focus goes to the button that comes back.
  if (!on && (document.activeElement === leave || document.activeElement === document.body)) {
    leave.hidden = true;
    button.focus();
  }
  leave.hidden = !on;
}
