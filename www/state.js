// A lab's shareable state as text: the element's attributes and the page's address use the same fields.
// Reading is strict: a field that does not parse is dropped with a message naming it, so the lab
// keeps its default for that field and says why.

import { parseNumber } from './format.js';
import { MAX_SAMPLES } from './config.js';

export const LOSS_IDS = ['distance', 'bce', 'brier', 'focal', 'hinge', 'zero_one'];
export const PANELS = ['curve', 'sigmoid', 'compare', 'code'];
export const VIEWS = ['chart', 'gradient', 'curve', 'sigmoid', 'compare', 'code', 'controls'];
export const RATES = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** The fields, in the order they are written. */
export const FIELDS = ['loss', 'space', 'targets', 'predictions', 'params', 'compare', 'lr', 'grad', 'open'];

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

const ids = (text, allowed) => {
  const list = text === '' ? [] : text.split(',').map((s) => s.trim());
  return list.every((id) => allowed.includes(id)) ? [...new Set(list)] : null;
};

/** name=value pairs, values numbers: `gamma=2,alpha=0.25`. */
const pairs = (text) => {
  const params = {};
  for (const item of text === '' ? [] : text.split(',')) {
    const [name, value, extra] = item.split('=').map((s) => s.trim());
    const number = value === undefined || extra !== undefined ? null : parseNumber(value);
    if (!/^[a-z_]{1,20}$/.test(name) || number === null) return null;
    params[name] = number;
  }
  return params;
};

const READERS = {
  loss: (t) => (LOSS_IDS.includes(t) ? t : null),
  space: (t) => (t === 'prob' || t === 'logit' ? t : null),
  targets: (t) => {
    const values = numbers(t);
    return values && values.every((v) => v === 0 || v === 1) ? values : null;
  },
  predictions: numbers,
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
  open: (t) => ids(t, PANELS),
};

const EXPECTED = {
  loss: `one of ${LOSS_IDS.join(', ')}`,
  space: 'prob or logit',
  targets: `up to ${MAX_SAMPLES} comma-separated 0s and 1s`,
  predictions: `up to ${MAX_SAMPLES} comma-separated numbers`,
  params: 'name=value pairs such as gamma=2,alpha=0.25',
  compare: 'up to three loss ids, comma-separated',
  lr: RATES.join(', '),
  grad: 'on or off',
  open: PANELS.join(', '),
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

/** Writes a state as text fields; `only` limits which. */
export function writeFields(config, only = FIELDS) {
  const fields = {};
  for (const name of only) {
    const value = config[name];
    if (value === undefined) continue;
    if (name === 'params') {
      const text = Object.entries(value).map(([k, v]) => `${k}=${v}`).join(',');
      if (text) fields.params = text;
    } else if (name === 'grad') fields.grad = value ? 'on' : 'off';
    else fields[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return fields;
}
