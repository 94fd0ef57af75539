// The page's wasm engine (www/pkg, from `make build`) loaded in Node for the model tests, and
// PyTorch's golden vectors by case id.

import { readFileSync } from 'node:fs';
import * as engine from '../../www/pkg/losslab.js';

engine.initSync({ module: readFileSync(new URL('../../www/pkg/losslab_bg.wasm', import.meta.url)) });

export { engine };

const oracle = JSON.parse(readFileSync(new URL('../data/oracle.json', import.meta.url), 'utf8'));
const cases = new Map(oracle.cases.map((c) => [c.id, c]));

/** PyTorch's float64 results for one case of tests/data/oracle.json. */
export function oracleCase(id) {
  const found = cases.get(id);
  if (!found) throw new Error(`no oracle case ${id}`);
  return found;
}
