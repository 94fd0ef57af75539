// Presenter mode's keys and switch, loaded the first time the page presents (page.js, which links
// present.css with it). The layout is present.css: the page's intro and chrome hidden, the tour
// card beside the lab (below it on a narrow or upright screen), the lab in large type (its
// `present` attribute, lab.css).
//
// The keys are those a presentation clicker sends: → PageDown Space go to the next tour step,
// ← PageUp to the one before, Home and End to the first and the last; Escape leaves presenter mode.
// A key that the focused control uses itself (a slider's arrows, a field's text, a button's Space)
// is left to it. The stepping keys are taken in the capturing phase, before the focused element
// sees them: a chart's dot keeps its arrows but would also take PageUp and PageDown (ten steps of
// its value), which a clicker sends. Escape is taken last, in the bubbling phase, so that what
// took it first (a shown formula, an open export menu) keeps it.

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
  // A region that scrolls (a wide table, the share snippet) keeps the arrows that scroll it.
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    if (target.scrollWidth > target.clientWidth) return true;
  } else if ((key === 'ArrowUp' || key === 'ArrowDown') && target.scrollHeight > target.clientHeight) return true;
  // The charts' draggable dots are SVG elements; they keep their arrows, Home and End.
  if (target instanceof SVGElement) return key !== ' ' && key !== 'PageUp' && key !== 'PageDown' && key !== 'Escape';
  const kind = target.localName === 'input' ? (target.type in OWN_KEYS ? target.type : 'text') : target.localName;
  if (!(kind in OWN_KEYS)) return false;
  // A field's Escape is its own too: it puts back the value from before the edit.
  return OWN_KEYS[kind] === null ? key !== 'Escape' || kind === 'text' : OWN_KEYS[kind].includes(key);
}

const MOVES = { ArrowRight: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, PageUp: -1 };

/** Whether presenter mode takes this key: on, no modifier, not taken or kept by the focused element. */
function ours(event) {
  if (!actions.on() || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return false;
  const target = event.composedPath()[0];
  return target instanceof Element && !keptBy(target, event.key);
}

function onEscape(event) {
  if (event.key !== 'Escape' || !ours(event)) return;
  event.preventDefault();
  actions.leave();
}

async function onStepKey(event) {
  const { key } = event;
  if ((key !== 'Home' && key !== 'End' && !(key in MOVES)) || !ours(event)) return;
  event.preventDefault(); // the page does not scroll: a step brings its subject into view itself
  event.stopPropagation(); // nor does the focused element act on it
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
  if (!actions) {
    document.addEventListener('keydown', onStepKey, true);
    document.addEventListener('keydown', onEscape);
  }
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
