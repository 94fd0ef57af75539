// The page's fixed settings: the story's example and the limits of the controls.
// Kept in their own module so the benchmark can serve a variant with more samples
// (see e2e/bench.mjs) without any switch in the page itself.

/** The example of the story: three sentences, targets 1, 0, 1, predictions 0.9, 0.2, 0.3. */
export const SEED = Object.freeze({
  loss: 'distance',
  space: 'prob',
  inputs: Object.freeze([0.9, 0.2, 0.3]),
  targets: Object.freeze([1, 0, 1]),
});

export const MIN_SAMPLES = 1;
export const MAX_SAMPLES = 64;

/** Slider ranges per input space; typed activations may go beyond the slider. */
export const SLIDER = Object.freeze({
  prob: Object.freeze({ min: 0, max: 1, step: 0.01 }),
  logit: Object.freeze({ min: -10, max: 10, step: 0.1 }),
});

/** What a new sample starts at: the undecided middle of each space. */
export const NEW_SAMPLE = Object.freeze({ prob: 0.5, logit: 0, target: 1 });

/** Delay before the address bar and the screen-reader summary catch up with the page. */
export const SETTLE_MS = 400;
