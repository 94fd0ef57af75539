// The page's fixed settings.

/** The story's example: targets 1, 0, 1, predictions 0.9, 0.2, 0.3. */
export const SEED = { loss: 'distance', space: 'prob', inputs: [0.9, 0.2, 0.3], targets: [1, 0, 1] };
/** The numbers regression starts from: three good guesses. */
export const REGRESSION_SEED = { inputs: [1.2, 1.7, 3.4], targets: [1, 2, 3] };
/** What Compare starts with in each family. */
export const COMPARE_DEFAULTS = { binary: ['distance', 'bce', 'zero_one'], regression: ['mse', 'mae', 'huber'] };
/** At most this many losses side by side in Compare. */
export const COMPARE_MAX = 3;

/** How the page names an input in each space ('value': regression's real-valued predictions). */
export const SPACE_WORDS = {
  value: { name: 'prediction', symbol: 'ŷ' },
  prob: { name: 'prediction', symbol: 'p', moved: 'Each activation went through the sigmoid and became a probability' },
  logit: { name: 'activation', symbol: 'x', moved: 'Each prediction p became the activation x = log(p / (1 − p)), clipped to ±10' },
};

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

/**
 * Presets by family, each with its button's label and the line beside it. Binary presets are
 * probabilities (converted when the page shows activations); regression's are predictions ŷ and real targets y.
 */
export const PRESETS = {
  binary: {
    blog: {
      label: 'The blog post’s three',
      line: 'From “What is Loss in Deep Learning?”: 0.9, 0.2, 0.3 for targets 1, 0, 1.',
      inputs: [0.9, 0.2, 0.3],
      targets: [1, 0, 1],
    },
    book: { label: 'The fastai book’s', line: '0.9, 0.4, 0.2: the third is off.', inputs: [0.9, 0.4, 0.2], targets: [1, 0, 1] },
    mistake: {
      label: 'One confident mistake',
      line: 'Cross-entropy shouts, distance shrugs.',
      inputs: [0.9, 0.1, 0.8, 0.01],
      targets: [1, 0, 1, 1],
    },
    unsure: {
      label: 'All correct but unsure',
      line: 'The loss still pushes towards certainty.',
      inputs: [0.6, 0.4, 0.55, 0.45],
      targets: [1, 0, 1, 0],
    },
  },
  regression: {
    close: { label: 'Three close guesses', line: 'Targets 1, 2, 3; each guess a little off.', inputs: [1.2, 1.7, 3.4], targets: [1, 2, 3] },
    outlier: {
      label: 'One outlier',
      line: 'Target 12 among 1 to 4: squared error chases it, Huber does not.',
      inputs: [1.1, 2.2, 2.9, 4.2, 4.8],
      targets: [1, 2, 3, 4, 12],
    },
  },
};

/** Learning rates offered for gradient descent. */
export const RATES = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** Training: ms between steps (slower for reduced motion), and where it stops. */
export const TRAIN_MS = 120;
export const TRAIN_REDUCED_MS = 600;
export const TRAIN_MAX_STEPS = 500;

/** Where predictions come from: '' each sample's own slider, or a model whose weights every sample shares. */
export const MODEL_OPTIONS = [
  ['', 'each sample’s own slider'],
  ['constant', 'one constant for all: ŷ = c'],
  ['line', 'a line through points: ŷ = w·x + b'],
  ['words', 'word weights over sentences'],
];
export const modelOptionsHtml = () => MODEL_OPTIONS.map(([value, label]) => `<option value="${value}">${label}</option>`).join('');
