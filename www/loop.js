// One render a frame, for both labs: changes ask for a render, the next animation frame runs it
// once, and a reader's edit is reported once by the render that shows it.

/** Wraps `render` (called with no arguments) in a frame loop. */
export function renderLoop(render) {
  let frame = 0;
  let edited = false;
  const run = () => {
    frame = 0;
    render();
  };
  return {
    /** Renders on the next frame, once however often it is asked. */
    invalidate() {
      if (frame === 0) frame = requestAnimationFrame(run);
    },
    /** The reader changed something: render, and report it (see `takeEdited`). */
    edit() {
      edited = true;
      this.invalidate();
    },
    /** Renders now, when focus must move afterwards. */
    now() {
      this.cancel();
      run();
    },
    cancel() {
      if (frame !== 0) cancelAnimationFrame(frame);
      frame = 0;
    },
    /**
     * Wraps a model change as a reader's edit: it changes the model and reports it, unless `readonly()`;
     * then nothing changes, and the next frame puts back any control the reader flipped.
     */
    editor(readonly) {
      return (change) =>
        (...args) => {
          if (readonly()) return this.invalidate();
          change(...args);
          this.edit();
        };
    },
    /** True once after an edit: the render that shows it reports it. */
    takeEdited() {
      const was = edited;
      edited = false;
      return was;
    },
  };
}
