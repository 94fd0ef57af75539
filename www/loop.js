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
    /** True once after an edit: the render that shows it reports it. */
    takeEdited() {
      const was = edited;
      edited = false;
      return was;
    },
  };
}
