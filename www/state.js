// A lab's shareable state as text: the element's attributes and the page's address use the same fields.
// Reading is strict: a field that does not parse is dropped with a message naming it, so the lab
// keeps its default for that field and says why.

import { parseNumber } from './format.js';
import { MAX_SAMPLES, RATES } from './config.js';
import { LOSS_IDS } from './registry.js';

/** Matrices (many classes or labels) are rows separated by semicolons, at most this wide. */
export const MAX_COLUMNS = 10;
/** Panels a reader opens and closes; which are open is part of the address. */
export const PANELS = ['curve', 'sigmoid', 'compare', 'code'];
export const VIEWS = ['chart', 'gradient', 'curve', 'sigmoid', 'compare', 'code', 'controls', 'export'];

/** The fields, in the order they are written. */
export const FIELDS = [
  'model',
  'loss',
  'space',
  'targets',
  'predictions',
  'params',
  'compare',
  'points',
  'sentences',
  'weights',
  'lr',
  'grad',
  'backward',
  'open',
  'threshold',
];
/** The models whose weights make the predictions (weights-lab.js); without `model`, each prediction is its own. */
export const MODELS = ['constant', 'line', 'words'];
/** Sentences are separated by this in an address or attribute (it is taken out of what a reader types). */
export const SENTENCE_SEPARATOR = '|';

/** Shows a reader's value inside a message: quoted, one line, at most 40 characters. */
export const quote = (text) => {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return `“${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}”`;
};

const numbers = (text) => {
  const parts = text.split(',');
  if (parts.length > MAX_SAMPLES) return null;
  const values = parts.map((part) => parseNumber(part));
  return values.includes(null) ? null : values;
};

/** Numbers, or rows of numbers separated by `;` (all as long as the first). */
const numbersOrRows = (text) => {
  if (!text.includes(';')) return numbers(text);
  const rows = text.split(';').map(numbers);
  if (rows.length > MAX_SAMPLES || rows.includes(null)) return null;
  const k = rows[0].length;
  return k <= MAX_COLUMNS && rows.every((row) => row.length === k) ? rows : null;
};

const ids = (text, allowed) => {
  const list = text === '' ? [] : text.split(',').map((s) => s.trim());
  return list.every((id) => allowed.includes(id)) ? [...new Set(list)] : null;
};

/** name=value pairs, values numbers: `gamma=2,alpha=0.25`. */
const pairs = (text) => {
  const params = Object.create(null); // so that `__proto__=1` is a name like any other, and refused
  for (const item of text === '' ? [] : text.split(',')) {
    const [name, value, extra] = item.split('=').map((s) => s.trim());
    const number = value === undefined || extra !== undefined ? null : parseNumber(value);
    if (!/^[a-z_]{1,20}$/.test(name) || number === null) return null;
    params[name] = number;
  }
  return params;
};

const READERS = {
  model: (t) => (MODELS.includes(t) ? t : null),
  points: (t) => {
    const rows = t.includes(';') ? numbersOrRows(t) : [numbers(t)];
    return rows?.every((row) => row?.length === 2) ? rows : null;
  },
  sentences: (t) => {
    const list = t.split(SENTENCE_SEPARATOR).map((s) => s.replace(/\s+/g, ' ').trim());
    return list.length <= MAX_SAMPLES && list.every((s) => s.length > 0 && s.length <= 200) ? list : null;
  },
  weights: numbers,
  loss: (t) => (LOSS_IDS.includes(t) ? t : null),
  space: (t) => (t === 'prob' || t === 'logit' ? t : null),
  targets: numbersOrRows,
  predictions: numbersOrRows,
  params: pairs,
  compare: (t) => {
    const list = ids(t, LOSS_IDS);
    return list && list.length <= 3 ? list : null;
  },
  lr: (t) => {
    const rate = parseNumber(t);
    return RATES.includes(rate) ? rate : null;
  },
  grad: (t) => (t === 'on' ? true : t === 'off' ? false : null),
  backward: (t) => (t === 'mean' || t === 'sum' ? t : null),
  open: (t) => ids(t, PANELS),
  threshold: (t) => {
    const value = parseNumber(t);
    return value !== null && value >= 0 && value <= 1 ? value : null;
  },
};

const EXPECTED = {
  model: MODELS.join(', '),
  points: 'pairs x,y separated by semicolons, such as 0,1.1;1,1.9',
  sentences: `sentences separated by ${SENTENCE_SEPARATOR}`,
  weights: 'comma-separated numbers',
  loss: `one of ${LOSS_IDS.join(', ')}`,
  space: 'prob or logit',
  targets: `up to ${MAX_SAMPLES} comma-separated numbers, or rows of them separated by semicolons`,
  predictions: `up to ${MAX_SAMPLES} comma-separated numbers, or rows of them separated by semicolons`,
  params: 'name=value pairs such as gamma=2,alpha=0.25',
  compare: 'up to three loss ids, comma-separated',
  lr: RATES.join(', '),
  grad: 'on or off',
  backward: 'mean or sum',
  open: PANELS.join(', '),
  threshold: 'a number from 0 to 1',
};

/**
 * Reads text fields (absent ones are skipped) into a partial state.
 * Returns `{ config, problems }`, a problem per field that was refused.
 */
export function readFields(fields) {
  const config = {};
  const problems = [];
  for (const name of FIELDS) {
    const text = fields[name];
    if (text === null || text === undefined) continue;
    const value = READERS[name](String(text).trim());
    if (value === null) problems.push(`${name} ${quote(text)} is not ${EXPECTED[name]}`);
    else config[name] = value;
  }
  return { config, problems };
}

/**
 * Numbers (or rows of them) exactly, so that a link reproduces the screen. They are short where the
 * lab made them (a change of space rounds to six significant digits: 2.19722, not 2.1972245773362196).
 */
const numbersText = (values) => (Array.isArray(values[0]) ? values.map((row) => row.join(',')).join(';') : values.join(','));

/** Writes a state as text fields; `only` limits which. */
export function writeFields(config, only = FIELDS) {
  const fields = {};
  for (const name of only) {
    const value = config[name];
    if (value === undefined) continue;
    if (name === 'params') {
      const text = Object.entries(value)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      if (text) fields.params = text;
    } else if (name === 'grad') fields.grad = value ? 'on' : 'off';
    else if (name === 'predictions' || name === 'targets' || name === 'points') fields[name] = numbersText(value);
    else if (name === 'sentences') fields.sentences = value.join(SENTENCE_SEPARATOR);
    else if (Array.isArray(value)) fields[name] = value.join(',');
    else fields[name] = String(value);
  }
  return fields;
}
