// What every lab inside <loss-lab> does the same way, in one place: one render a frame and the
// reader's edits reported once, training (one gradient step a tick) and its Step and Train buttons,
// charts that follow their box's width, the panels a reader opens, which views show, read-only, and
// the surface the element drives. A lab brings its model (`state`, `apply`, `snapshot`, `setOpen`)
// and its views, and draws them in `render`.

import { TRAIN_MAX_STEPS, TRAIN_MS, TRAIN_REDUCED_MS } from './config.js';

/** Why a run stopped: the reader (or Step) paused it, a step moved nothing, or it reached TRAIN_MAX_STEPS. */
export const STOPPED = { paused: 'paused', stuck: 'stuck', long: 'long' };

/**
 * The shell of one lab.
 * - `model`: the lab's model; its `state.open` is the Set of open panels.
 * - `render()`: draws the state; returns false when it drew nothing (the engine refused the state,
 *   or another lab has the element), and the edit is then reported by the next render that draws.
 * - `onEdit(snapshot)`: after each of the reader's changes, once a frame; never for `apply`.
 * - `training`: `step()` takes one step and says whether anything moved, `steps()` counts the run's
 *   steps; `onStart()` and `onStop(why)` (a STOPPED value, or '' for a stop nobody needs to hear
 *   about) are told. A run stops after TRAIN_MAX_STEPS; ticks are slower under reduced motion.
 * - `scope` and `viewAttribute`: the nodes under `scope` with the data attribute `viewAttribute`
 *   (such as 'data-view') belong to the view it names, and show only while that view is chosen.
 * - `panelNames`: every panel the model keeps open or closed, wired as a <details> or not (the
 *   many-classes lab's Compare is a checkbox); by default the wired ones.
 * - `views`: the views shown before the element chooses; `onReadonly(on)` and `cleanup()` for what
 *   a lab does beyond the shell when read-only changes and when the element leaves the page.
 */
export function labShell({ model, render, onEdit, training, scope, viewAttribute, views, panelNames, onReadonly, cleanup }) {
  let shown = new Set(views);
  let readonly = false;
  let frame = 0;
  let edited = false;
  let timer = 0;
  /** Widths the observer saw since the last frame, by box: applied in the frame, before it renders. */
  const resized = new Map();
  const draw = () => {
    frame = 0;
    for (const [box, width] of resized) sized.get(box)(width);
    resized.clear();
    if (render() !== false && edited) {
      edited = false;
      onEdit(model.snapshot());
    }
  };
  const invalidate = () => {
    frame ||= requestAnimationFrame(draw);
  };
  const now = () => {
    cancelAnimationFrame(frame);
    draw();
  };
  /** The reader changed something: render, and report it once, from the render that shows it. */
  const changed = () => {
    edited = true;
    invalidate();
  };

  const trainer = {
    get running() {
      return timer !== 0;
    },
    /** Stops the run (if any) and says why; `why` '' is apply()'s silent stop, not an edit. */
    stop(why = STOPPED.paused) {
      clearInterval(timer);
      timer = 0;
      training.onStop?.(why);
      // A run that ended, or that the reader paused, is an edit: the attributes and the address take its state.
      if (why) changed();
      else invalidate();
    },
    toggle() {
      if (timer) return trainer.stop();
      training.onStart?.();
      const ms = matchMedia('(prefers-reduced-motion: reduce)').matches ? TRAIN_REDUCED_MS : TRAIN_MS;
      timer = setInterval(() => {
        const moved = training.step();
        invalidate();
        if (!moved) trainer.stop(STOPPED.stuck);
        else if (training.steps() > TRAIN_MAX_STEPS) trainer.stop(STOPPED.long);
      }, ms);
    },
  };

  /** The panels the reader opens and closes, by name: their <details>. */
  const panels = new Map();
  /** What draws at a box's width, by box. */
  const sized = new Map();
  // Charts draw at their box's width in CSS pixels; a box with no width (hidden) keeps its last. The
  // observer only notes the widths: a chart that redrew inside its callback would change the layout
  // it reports on, and the browser would log "ResizeObserver loop completed with undelivered
  // notifications" (as every engine did at every load).
  const observer = new ResizeObserver((entries) => {
    for (const { target, contentRect } of entries) if (contentRect.width > 0) resized.set(target, contentRect.width);
    invalidate();
  });

  return {
    /**
     * Wraps a model change as a reader's edit: it changes the model and reports it; read-only, nothing
     * changes, and the next frame puts back any control the reader flipped.
     */
    edit:
      (change) =>
      (...args) => {
        if (readonly) return invalidate();
        change(...args);
        changed();
      },
    /** The reader changed something outside `edit` (a removal that moves focus, say): render and report it. */
    edited: changed,
    invalidate,
    /** Renders now, when focus must move afterwards. */
    now,
    trainer,
    get readonly() {
      return readonly;
    },
    /** The views the element chose (a Set of state.js VIEWS, or the lab's own names). */
    get shown() {
      return shown;
    },
    /**
     * `resize(width)` whenever `box` gets a new width (CSS pixels, more than 0), and at once with the
     * width it has now: a view made after the first paint (one that loads on first use) draws at its
     * box's width from its first frame, not at a default width for one frame.
     */
    observe(box, resize) {
      sized.set(box, resize);
      observer.observe(box);
      // The content box's width, as the observer reports it.
      const style = getComputedStyle(box);
      const width = box.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      if (width > 0) resize(width);
    },
    /** Step takes one step (a run in progress stops first, and says it paused); Train starts a run or pauses it. */
    wireTraining(stepButton, trainButton) {
      stepButton.addEventListener('click', () => {
        if (timer) trainer.stop();
        training.step();
        changed();
      });
      trainButton.addEventListener('click', () => {
        trainer.toggle();
        invalidate();
      });
    },
    /** The panel `name` (a <details>): the state follows it, and opening or closing it by hand is an edit. */
    wirePanel(name, panel) {
      panels.set(name, panel);
      panel.addEventListener('toggle', () => {
        model.setOpen(name, panel.open);
        invalidate();
      });
      // The address keeps which panels are open: the state knows it before the report (the details'
      // own toggle comes after this listener, in a later task).
      panel.firstElementChild.addEventListener('click', () => {
        model.setOpen(name, !panel.open);
        changed();
      });
    },
    /** What the element drives: the same for every lab. */
    surface: {
      /** Takes a partial state (state.js fields); returns the problems, each naming the field and the value. */
      apply(config = {}) {
        if (timer) trainer.stop('');
        const problems = model.apply(config);
        for (const [name, panel] of panels) panel.open = model.state.open.has(name);
        invalidate();
        return problems;
      },
      snapshot: () => model.snapshot(),
      /** Opens the panels named in `names` and closes the others, as `apply` does with an `open` field. */
      openPanels(names) {
        for (const name of panelNames ?? panels.keys()) {
          model.setOpen(name, names.includes(name));
          if (panels.has(name)) panels.get(name).open = names.includes(name);
        }
        invalidate();
      },
      /** Shows the chosen views (a Set) and hides the others. */
      setViews(chosen) {
        shown = chosen;
        for (const node of scope.querySelectorAll(`[${viewAttribute}]`)) node.hidden = !chosen.has(node.getAttribute(viewAttribute));
        invalidate();
      },
      /** A read-only lab shows its numbers but takes no edits. */
      setReadonly(on) {
        readonly = on;
        onReadonly?.(on);
        invalidate();
      },
      render: now,
      /**
       * Stops training when the element leaves the page. It may come back (a move is a removal and an
       * insertion), so the observers stay and a frame already asked for still draws.
       */
      stop() {
        if (timer) trainer.stop('');
        cleanup?.();
      },
    },
  };
}
