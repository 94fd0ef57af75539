// The page's fixed settings.

/** The story's example: targets 1, 0, 1, predictions 0.9, 0.2, 0.3. */
export const SEED = { loss: 'distance', space: 'prob', inputs: [0.9, 0.2, 0.3], targets: [1, 0, 1] };

export const MIN_SAMPLES = 1;
export const MAX_SAMPLES = 64;

/** Slider ranges; typed activations may go beyond them. */
export const SLIDER = {
  prob: { min: 0, max: 1, step: 0.01 },
  logit: { min: -10, max: 10, step: 0.1 },
  value: { min: -10, max: 10, step: 0.1 },
  error: { min: -5, max: 5, step: 0.1 },
};

/** A new sample starts undecided. */
export const NEW_SAMPLE = { prob: 0.5, logit: 0, value: 0, target: 1 };

/** Delay before the address bar and the screen-reader summary catch up. */
export const SETTLE_MS = 400;

/** Presets, as probabilities (converted when the page shows activations). */
export const PRESETS = {
  blog: { inputs: [0.9, 0.2, 0.3], targets: [1, 0, 1] },
  book: { inputs: [0.9, 0.4, 0.2], targets: [1, 0, 1] },
  mistake: { inputs: [0.9, 0.1, 0.8, 0.01], targets: [1, 0, 1, 1] },
  unsure: { inputs: [0.6, 0.4, 0.55, 0.45], targets: [1, 0, 1, 0] },
};

/** Regression presets: predictions ŷ and real targets y. */
export const REGRESSION_PRESETS = {
  close: { inputs: [1.2, 1.7, 3.4], targets: [1, 2, 3] },
  outlier: { inputs: [1.1, 2.2, 2.9, 4.2, 4.8], targets: [1, 2, 3, 4, 12] },
};

/** Training: ms between steps (slower for reduced motion), and where it stops. */
export const TRAIN_MS = 120;
export const TRAIN_REDUCED_MS = 600;
export const TRAIN_MAX_STEPS = 500;
