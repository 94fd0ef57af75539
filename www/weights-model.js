// The state of the lab where a model's weights make the predictions (a constant, a line, or word
// weights over sentences), and every change a reader can make to it, without DOM. Training moves
// the weights, which every sample shares, not the predictions one by one. Runs under node --test.

import { MODELS as MODEL_FAMILIES } from './catalogue.js';
import { RATES } from './config.js';
import { capitalise, formatLoss } from './format.js';
import { LOSS_IDS, familyOf, lossInfo } from './registry.js';

/** The family of losses each model is trained with, from the engine (catalogue.js). */
export const MODEL_FAMILY = MODEL_FAMILIES;
/** The models, in the engine's order: constant, line, words. */
export const MODELS = Object.keys(MODEL_FAMILY);
/** The loss each model starts with: squared error for the numbers, the blog post's distance for the sentences. */
const FIRST_LOSS = { regression: 'mse', binary: 'distance' };
/** The learning rate each model starts with: small enough for the examples' squared error, large enough for words. */
const FIRST_RATE = { constant: 0.1, line: 0.1, words: 1 };
/** A run stops once the mean grows past this many times where it started: the rate is too large. */
const DIVERGED = 4;
export const MAX_POINTS = 16;
export const MAX_SENTENCES = 8;
export const MAX_WORDS = 24;
/** The longest sentence, in characters. */
export const MAX_SENTENCE_CHARS = 80;
/** Typed numbers stay within this (the plots stay readable; the engine would take more). */
export const LIMIT = 100;

/**
 * Small words the bag of words leaves out, as most bag-of-words models do: they say little about a
 * sentence's sentiment and would otherwise be weights of their own.
 */
export const STOP_WORDS = new Set(
  'a an the and or but so it its it’s is was were be been this that these those of to in on at as for with by from i you he she we they me my just very than then'.split(
    ' ',
  ),
);

/**
 * The examples each model opens on. The constant and the line have one outlier (target 12 among
 * 1 to 4), the same as the binary lab's outlier preset. The sentences are the blog post's three:
 * first and third positive, second negative, with word weights that make the predictions exactly
 * its 0.9, 0.2 and 0.3 (good + great = logit 0.9; bad + not + boring = logit 0.2; good + not = logit 0.3).
 */
export const EXAMPLES = {
  constant: { targets: [1, 2, 3, 4, 12], weights: [0] },
  line: { xs: [0, 1, 2, 3, 4], ys: [1.1, 1.9, 3.2, 3.9, 12], weights: [0, 0] },
  words: {
    sentences: ['Good and great.', 'Not bad, just boring.', 'Good, was it not?'],
    labels: [1, 0, 1],
    weights: { good: 1, bad: 0.5, not: -1.8472978603872034, great: 1.1972245773362196, boring: -0.03899650073268712 },
    bias: 0,
  },
};

/** The words of a sentence the model reads: lower case, letters and inner apostrophes, no stop words. */
export function wordsOf(sentence) {
  const words = sentence.toLowerCase().match(/[\p{L}]+(?:['’][\p{L}]+)*/gu) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w));
}

/** The vocabulary of some sentences: every word they contain, in the order it first appears. */
export function vocabularyOf(sentences) {
  return [...new Set(sentences.flatMap(wordsOf))];
}

/** The losses of a family, in menu order, and a loss's default parameters (from the engine's catalogue). */
/**
 * The losses a family's models train with, in menu order. Not poisson_nll (registry `curve:
 * 'prediction'`) yet: this lab's views draw the errors ŷ − y and centre on least squares, which say
 * nothing of a loss of counts under a log rate; the engine trains it (tests/data/models.json).
 */
export const lossesOf = (family) => LOSS_IDS.filter((id) => familyOf(id) === family && lossInfo(id).curve !== 'prediction');
const defaultParams = (loss) => lossInfo(loss)?.params ?? {};

/** A sentence as the model keeps it: one space between words, no | (it separates sentences in an address). */
const tidySentence = (text) => text.replace(/[|\s]+/g, ' ').trim();

const copy = (example) => structuredClone(example);

/** Creates the lab's model over a loaded `engine` (one with evaluateModel and stepModel). */
export function createWeightsModel(engine) {
  const state = {
    model: 'constant',
    loss: 'mse',
    /** The loss's parameters, by loss, so that a switch back finds them. */
    params: {},
    /** Each model's data and weights; a switch of model keeps the others'. */
    data: {
      constant: copy(EXAMPLES.constant),
      line: copy(EXAMPLES.line),
      words: { ...copy(EXAMPLES.words), weights: new Map(Object.entries(EXAMPLES.words.weights)) },
    },
    /** The loss each family used last. */
    losses: { ...FIRST_LOSS },
    learningRate: FIRST_RATE.constant,
    open: new Set(),
    /** The current run: the weights it started from, then the mean (and accuracy) before each step and after the last. */
    run: null,
    notes: { change: '', step: '' },
  };

  const family = () => MODEL_FAMILY[state.model];
  const data = () => state.data[state.model];
  const vocabulary = () => vocabularyOf(state.data.words.sentences);

  /** The weights as the engine takes them: [c], [w, b], or a weight per word of the vocabulary, then b. */
  function weights() {
    if (state.model !== 'words') return data().weights;
    const { weights: byWord, bias } = state.data.words;
    return [...vocabulary().map((word) => byWord.get(word) ?? 0), bias];
  }

  /** The features, row-major: none, each point's x, or each sentence's word counts. */
  function features() {
    if (state.model === 'constant') return [];
    if (state.model === 'line') return data().xs;
    const vocab = vocabulary();
    const index = new Map(vocab.map((w, j) => [w, j]));
    return state.data.words.sentences.flatMap((sentence) => {
      const row = Array(vocab.length).fill(0);
      for (const word of wordsOf(sentence)) row[index.get(word)] += 1;
      return row;
    });
  }

  function targets() {
    if (state.model === 'line') return data().ys;
    if (state.model === 'words') return data().labels;
    return data().targets;
  }

  const params = () => state.params[state.loss] ?? defaultParams(state.loss);

  /** What the engine's evaluateModel and stepModel take. */
  function request(w = weights()) {
    return { model: state.model, loss: state.loss, params: params(), weights: w, features: features(), targets: targets() };
  }

  const evaluate = (w) => engine.evaluateModel(request(w));

  /** Sets the weights (in the engine's order) back into the data. */
  function setWeights(w) {
    if (state.model !== 'words') {
      data().weights = Array.from(w);
      return;
    }
    const vocab = vocabulary();
    vocab.forEach((word, j) => {
      state.data.words.weights.set(word, w[j]);
    });
    state.data.words.bias = w[vocab.length];
  }

  /** The reader changed the data, the loss or a weight: a new run starts from here. */
  function edited(note = '') {
    state.run = null;
    state.notes.step = '';
    state.notes.change = note;
  }

  function setModel(model) {
    if (!MODELS.includes(model) || model === state.model) return;
    state.losses[family()] = state.loss;
    state.model = model;
    state.loss = state.losses[family()];
    state.learningRate = FIRST_RATE[model];
    edited();
  }

  function setLoss(loss) {
    if (!lossesOf(family()).includes(loss)) return;
    state.loss = loss;
    edited();
  }

  /** A loss parameter (δ, β, γ, α), within what the engine takes (it says so otherwise). */
  function setParam(name, value) {
    state.params[state.loss] = { ...params(), [name]: value };
    edited();
  }

  /** One weight, by its index in the engine's order. */
  function setWeight(index, value) {
    const w = [...weights()];
    w[index] = value;
    setWeights(w);
    edited();
  }

  /** A target of the constant model, or a point of the line (x and y). */
  function setTarget(i, value) {
    if (state.model === 'constant') data().targets[i] = value;
    else data().ys[i] = value;
    edited();
  }

  function setPoint(i, x, y) {
    data().xs[i] = x;
    data().ys[i] = y;
    edited();
  }

  /** Adds a sample: a target (constant), a point at (x, y) (line), or a sentence with a label (words). */
  function addSample(...args) {
    const n = targets().length;
    if (state.model === 'words') {
      if (n >= MAX_SENTENCES) return;
      const [sentence = 'Great, not boring.', label = 1] = args;
      const problem = sentenceProblem(sentence, n, state.data.words.sentences);
      if (problem) {
        state.notes.change = problem;
        return;
      }
      state.data.words.sentences.push(tidySentence(sentence));
      state.data.words.labels.push(label);
    } else if (n < MAX_POINTS) {
      if (state.model === 'constant') data().targets.push(args[0] ?? 2.5);
      else {
        data().xs.push(args[0] ?? 2);
        data().ys.push(args[1] ?? 2.5);
      }
    } else return;
    edited();
  }

  /** Removes sample i (never the last one left). */
  function removeSample(i) {
    if (targets().length <= 1) return;
    if (state.model === 'words') {
      state.data.words.sentences.splice(i, 1);
      state.data.words.labels.splice(i, 1);
    } else if (state.model === 'constant') data().targets.splice(i, 1);
    else {
      data().xs.splice(i, 1);
      data().ys.splice(i, 1);
    }
    edited();
  }

  /** Flips a sentence's label (positive 1, negative 0). */
  function flipLabel(i) {
    const { labels } = state.data.words;
    labels[i] = 1 - labels[i];
    edited();
  }

  /**
   * What is wrong with a sentence, if anything: named by its number, quoted; the sentences as they
   * would be with it (for the vocabulary's limit).
   */
  function sentenceProblem(text, i, others) {
    const number = i + 1;
    const flat = tidySentence(text);
    if (flat.length > MAX_SENTENCE_CHARS) return `Sentence ${number} is longer than ${MAX_SENTENCE_CHARS} characters: shorten it.`;
    if (wordsOf(flat).length === 0)
      return `Sentence ${number}, “${flat}”, has no word the model reads (small words such as “the” and “was” are left out): type at least one other word.`;
    const sentences = [...others];
    sentences[i] = flat;
    const vocab = vocabularyOf(sentences);
    if (vocab.length > MAX_WORDS)
      return `Sentence ${number} would make ${vocab.length} different words, over the ${MAX_WORDS} this model keeps weights for: use words the others use, or fewer.`;
    return '';
  }

  /**
   * The reader typed sentence i. A sentence the model can read replaces the old one; otherwise the
   * old one stays in the model and the problem is returned (and shown beside the field).
   */
  function typeSentence(i, text) {
    const { sentences } = state.data.words;
    const problem = sentenceProblem(text, i, sentences);
    if (problem) return problem;
    sentences[i] = tidySentence(text);
    edited();
    return '';
  }

  /** Puts the model's example back (its data and starting weights); the loss stays. */
  function reset() {
    const example = copy(EXAMPLES[state.model]);
    if (state.model === 'words') example.weights = new Map(Object.entries(example.weights));
    state.data[state.model] = example;
    edited('The example is back, with its starting weights.');
  }

  /**
   * One step of SGD on the mean loss: the weights move against their gradient. Returns whether any
   * weight moved; a step the engine refuses (a weight that would become infinite) stops with its message.
   */
  function step() {
    const before = weights();
    let next;
    let result;
    try {
      result = evaluate(before);
      next = engine.stepModel(request(before), state.learningRate);
    } catch (error) {
      state.notes.step = `${capitalise(error.message)}. Try a smaller learning rate.`;
      return false;
    }
    if (!state.run || state.run.learningRate !== state.learningRate) {
      state.run = {
        start: [...before],
        learningRate: state.learningRate,
        means: [result.mean],
        accuracy: [accuracyOf(result)],
        path: [[...before]],
      };
    }
    setWeights(next);
    const after = evaluate(next);
    state.run.means.push(after.mean);
    state.run.accuracy.push(accuracyOf(after));
    state.run.path.push(Array.from(next));
    state.notes.change = '';
    if (after.mean > DIVERGED * state.run.means[0] && after.mean > 1e-9) {
      state.notes.step = `The mean loss grew from ${formatLoss(state.run.means[0])} to ${formatLoss(after.mean)}: each step overshoots. Lower the learning rate.`;
      return false;
    }
    const moved = next.some((w, j) => w !== before[j]);
    state.notes.step = moved ? '' : 'The step moved no weight: the gradient is zero here.';
    return moved;
  }

  /** The fraction of sentences on the right side of 0.5 (words only; null for the others). */
  function accuracyOf(result) {
    if (state.model !== 'words') return null;
    const labels = targets();
    let right = 0;
    result.probs.forEach((p, i) => {
      if ((p >= 0.5 ? 1 : 0) === labels[i]) right += 1;
    });
    return { right, n: labels.length };
  }

  /** What the step note says: why a step was refused or a run stopped (the training chart's summary says how far it came). */
  function stepNote() {
    return state.notes.step;
  }

  /**
   * The mean loss of the constant model for `count` values of c over [lo, hi] (the curve of the
   * loss against its one weight), each from the engine.
   */
  function constantCurve(lo, hi, count = 121) {
    const cs = Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
    return { cs, means: cs.map((c) => evaluate([c]).mean) };
  }

  /** The mean loss of the line over a grid of (w, b): `cols` values of w over [w0, w1], `rows` of b over [b0, b1]. */
  function lineSurface([w0, w1], [b0, b1], cols = 28, rows = 24) {
    const values = new Float64Array(cols * rows);
    for (let r = 0; r < rows; r++) {
      const b = b1 - ((b1 - b0) * (r + 0.5)) / rows;
      for (let c = 0; c < cols; c++) values[r * cols + c] = evaluate([w0 + ((w1 - w0) * (c + 0.5)) / cols, b]).mean;
    }
    return { values, cols, rows };
  }

  /** Least squares on the points: the line that mean squared error ends on (the surface is drawn around it). */
  function leastSquares() {
    const { xs, ys } = state.data.line;
    const n = xs.length;
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = ys.reduce((a, b) => a + b, 0) / n;
    let sxx = 0;
    let sxy = 0;
    xs.forEach((x, i) => {
      sxx += (x - mx) ** 2;
      sxy += (x - mx) * (ys[i] - my);
    });
    const w = sxx > 0 ? sxy / sxx : 0;
    return [w, my - w * mx];
  }

  function setOpen(panel, on) {
    if (on) state.open.add(panel);
    else state.open.delete(panel);
  }

  /** The state as fields for an address or the element's attributes (state.js writes them as text). */
  function snapshot() {
    const out = {
      model: state.model,
      loss: state.loss,
      params: params(),
      // Exactly: a link reproduces the screen, and the next step from it.
      weights: [...weights()],
      lr: state.learningRate,
      open: [...state.open],
    };
    if (state.model === 'constant') out.targets = [...data().targets];
    else if (state.model === 'line') out.points = data().xs.map((x, i) => [x, data().ys[i]]);
    else {
      out.sentences = [...data().sentences];
      out.targets = [...data().labels];
    }
    return out;
  }

  /**
   * Takes a partial state (from state.js readFields: model, loss, params, targets, points,
   * sentences, weights, lr, open). A model without data opens on its example. Returns the problems,
   * each naming the field and the value; what is refused keeps its default.
   */
  function apply(config) {
    const problems = [];
    if (config.model) setModel(config.model);
    const fam = family();
    // Data first: the weights are checked against the vocabulary it makes.
    const example = copy(EXAMPLES[state.model]);
    if (state.model === 'constant') {
      const ys = config.targets;
      if (ys && !Array.isArray(ys[0]) && ys.length <= MAX_POINTS && ys.every((y) => Math.abs(y) <= LIMIT))
        state.data.constant = { targets: [...ys], weights: example.weights };
      else {
        if (ys) problems.push(`targets “${String(ys).slice(0, 40)}” are not up to ${MAX_POINTS} numbers from −${LIMIT} to ${LIMIT}`);
        state.data.constant = example;
      }
    } else if (state.model === 'line') {
      const points = config.points;
      if (points && points.length <= MAX_POINTS && points.flat().every((v) => Math.abs(v) <= LIMIT))
        state.data.line = { xs: points.map((p) => p[0]), ys: points.map((p) => p[1]), weights: example.weights };
      else {
        if (points) problems.push(`points are not up to ${MAX_POINTS} pairs x,y from −${LIMIT} to ${LIMIT}`);
        state.data.line = example;
      }
    } else {
      let words = { ...example, weights: new Map(Object.entries(example.weights)) };
      const { sentences, targets: labels } = config;
      if (sentences) {
        const problem =
          sentences.length > MAX_SENTENCES
            ? `sentences: more than ${MAX_SENTENCES}`
            : sentences.map((s, i) => sentenceProblem(s, i, sentences)).find(Boolean);
        const fit = labels && labels.length === sentences.length && labels.every((t) => t === 0 || t === 1);
        if (problem) problems.push(problem.replace(/\.$/, ''));
        else if (!fit) problems.push(`targets: give one label, 1 or 0, to each of the ${sentences.length} sentences`);
        else
          words = {
            sentences: sentences.map(tidySentence),
            labels: [...labels],
            weights: new Map(),
            bias: 0,
          };
      }
      state.data.words = words;
    }
    if (config.loss) {
      if (lossesOf(fam).includes(config.loss)) state.loss = config.loss;
      else problems.push(`loss “${config.loss}” cannot train the ${state.model} model: it takes ${lossesOf(fam).join(', ')}`);
    }
    if (!lossesOf(fam).includes(state.loss)) state.loss = FIRST_LOSS[fam];
    if (config.params) {
      const known = Object.keys(defaultParams(state.loss));
      const wrong = Object.keys(config.params).filter((name) => !known.includes(name));
      if (wrong.length) problems.push(`params ${wrong.join(', ')} are not parameters of ${lossInfo(state.loss).name}`);
      else state.params[state.loss] = { ...defaultParams(state.loss), ...config.params };
    }
    if (config.weights) {
      const expected = weights().length;
      const ok = config.weights.length === expected && config.weights.every((w) => Math.abs(w) <= LIMIT);
      if (ok) setWeights(config.weights);
      else
        problems.push(
          `weights “${config.weights.join(',').slice(0, 40)}” are not ${expected} number${expected === 1 ? '' : 's'} from −${LIMIT} to ${LIMIT} (${WEIGHT_NAMES[state.model](vocabulary())})`,
        );
    }
    if (config.lr !== undefined && RATES.includes(config.lr)) state.learningRate = config.lr;
    if (config.open) state.open = new Set(config.open.filter((p) => p === 'code'));
    edited();
    // The engine must take what was read (a words target other than 0 or 1, say); else the example.
    try {
      evaluate();
    } catch (error) {
      problems.push(error.message);
      reset();
      state.notes.change = '';
    }
    return problems;
  }

  return {
    state,
    family,
    weights,
    features,
    targets,
    vocabulary,
    request,
    evaluate,
    params,
    setModel,
    setLoss,
    setParam,
    setWeight,
    setTarget,
    setPoint,
    addSample,
    removeSample,
    flipLabel,
    typeSentence,
    sentenceProblem,
    reset,
    step,
    accuracyOf,
    stepNote,
    constantCurve,
    lineSurface,
    leastSquares,
    setOpen,
    snapshot,
    apply,
  };
}

/** What each model's weights are, in order, for messages. */
export const WEIGHT_NAMES = {
  constant: () => 'c',
  line: () => 'w, then b',
  words: (vocab) => `a weight for each of ${vocab.join(', ')}, then b`,
};
