// The page's fixed settings: the story's example and the limits of the controls.

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

/** The examples offered as presets: probabilities, converted when the page shows activations. */
export const PRESETS = Object.freeze({
  blog: { inputs: [0.9, 0.2, 0.3], targets: [1, 0, 1] },
  book: { inputs: [0.9, 0.4, 0.2], targets: [1, 0, 1] },
  mistake: { inputs: [0.9, 0.1, 0.8, 0.01], targets: [1, 0, 1, 1] },
  unsure: { inputs: [0.6, 0.4, 0.55, 0.45], targets: [1, 0, 1, 0] },
});

/** Training: milliseconds between steps (slower when the reader asks for reduced motion), and a stop. */
export const TRAIN_MS = 120;
export const TRAIN_REDUCED_MS = 600;
export const TRAIN_MAX_STEPS = 500;
