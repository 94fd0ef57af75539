// Training for both labs: one gradient step per tick until the reader pauses, nothing moves any
// more, or the run is long enough. Slower ticks under prefers-reduced-motion.

import { TRAIN_MAX_STEPS, TRAIN_MS, TRAIN_REDUCED_MS } from './config.js';

/** Why a run stopped: the reader (or the lab) paused it, a step moved nothing, or it reached TRAIN_MAX_STEPS. */
export const STOPPED = { paused: 'paused', stuck: 'stuck', long: 'long' };

export class Trainer {
  /**
   * `step()` takes one step and says whether anything moved; `steps()` counts the run's steps so far;
   * `onStop(why)` hears every stop (a STOPPED value, or '' for a silent one).
   */
  constructor({ step, steps, onStop }) {
    this.step = step;
    this.steps = steps;
    this.onStop = onStop;
    this.timer = 0;
  }

  get running() {
    return this.timer !== 0;
  }

  start() {
    clearInterval(this.timer);
    const ms = matchMedia('(prefers-reduced-motion: reduce)').matches ? TRAIN_REDUCED_MS : TRAIN_MS;
    this.timer = setInterval(() => {
      if (!this.step()) this.stop(STOPPED.stuck);
      else if (this.steps() > TRAIN_MAX_STEPS) this.stop(STOPPED.long);
    }, ms);
  }

  /** Stops the run (if any) and tells `onStop` why; `why` '' is a stop nobody needs to hear about. */
  stop(why = STOPPED.paused) {
    clearInterval(this.timer);
    this.timer = 0;
    this.onStop(why);
  }

  toggle() {
    if (this.running) this.stop();
    else this.start();
  }
}
