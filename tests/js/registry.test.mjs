// What a loss is lives in the registry (www/registry.js), its formula in www/formula.js and its id in the
// package's types: each must know every loss the engine's catalogue() has, and none it lacks. Without
// this, a loss added to the engine is left out of the menu (or a registry entry the engine lacks is
// dropped) and nothing says so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FORMULA_IDS } from '../../www/formula.js';
import { CATALOGUE, MODELS } from '../../www/catalogue.js';
import { LOSS_IDS, lossInfo, menuGroups } from '../../www/registry.js';
import { engine } from './engine.mjs';

const catalogue = engine.catalogue();
const engineIds = catalogue.map((entry) => entry.id);
const sorted = (ids) => [...ids].sort();

test('the engine’s catalogue is not empty and has each id once', () => {
  assert.ok(engineIds.length >= 13, `catalogue ids: ${engineIds}`);
  assert.equal(new Set(engineIds).size, engineIds.length);
});

test('the registry has an entry for every loss of the engine, and none the engine lacks', () => {
  assert.deepEqual(sorted(LOSS_IDS), sorted(engineIds));
  for (const { id, params } of catalogue) {
    const info = lossInfo(id);
    assert.ok(info, `lossInfo(${id})`);
    for (const field of ['tag', 'name', 'menu', 'hint'])
      assert.ok(typeof info[field] === 'string' && info[field].length > 0, `${id}.${field}`);
    assert.equal(typeof info.torch, 'function', `${id}.torch`);
    // Each control names a parameter the engine has, and spans numbers the parameter takes.
    for (const control of info.controls ?? []) {
      assert.ok(Object.hasOwn(params, control.param), `${id}'s control ${control.param} is one of ${Object.keys(params)}`);
      const { min, minOpen, max } = info.domains[control.param];
      const [from, to] = [control.min ?? min, control.max ?? max];
      assert.ok(Number.isFinite(from) && Number.isFinite(to) && from < to, `${id}.${control.param}: a slider from ${from} to ${to}`);
      assert.ok(minOpen ? from > min : from >= min, `${id}.${control.param} starts inside its domain`);
      if (max !== null) assert.ok(to <= max, `${id}.${control.param} ends inside its domain`);
      assert.ok(control.step > 0 && Number.isInteger(control.digits), `${id}.${control.param}: step and digits`);
    }
  }
});

test('the loss menu offers every loss of the engine once', () => {
  const offered = menuGroups().flatMap((group) => group.options.map((option) => option.id));
  assert.deepEqual(sorted(offered), sorted(engineIds));
});

test('every loss of the engine has a formula', () => {
  assert.deepEqual(sorted(FORMULA_IDS), sorted(engineIds));
});

/** The quoted names of a union in npm/catalogue.d.ts (written by tools/catalogue.mjs at build time). */
function unionOf(name) {
  const types = readFileSync(new URL('../../npm/catalogue.d.ts', import.meta.url), 'utf8');
  const union = types.match(new RegExp(`export type ${name} =([^;]*);`))?.[1] ?? assert.fail(`${name} union in npm/catalogue.d.ts`);
  return [...union.matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]);
}

test('the package’s types name every loss, space and model of the engine', () => {
  assert.deepEqual(sorted(unionOf('LossId')), sorted(engineIds));
  assert.deepEqual(sorted(unionOf('Space')), ['logit', 'prob']);
  assert.deepEqual(
    unionOf('ModelId'),
    engine.models().map((m) => m.id),
  );
  // The element's types take them from there.
  const element = readFileSync(new URL('../../npm/loss-lab-element.d.ts', import.meta.url), 'utf8');
  assert.match(element, /import type \{ Family, LossId, ModelId, Space \} from '\.\/catalogue\.js';/);
});

test('the catalogue the page reads (www/catalogue.js) is the engine’s, domains included', () => {
  assert.deepEqual(CATALOGUE, catalogue);
  assert.deepEqual(MODELS, Object.fromEntries(engine.models().map((m) => [m.id, m.family])));
  const { gamma, alpha } = lossInfo('focal').domains;
  assert.deepEqual(gamma, { min: 0, minOpen: false, max: null, off: null });
  assert.deepEqual(alpha, { min: 0, minOpen: false, max: 1, off: -1 });
  assert.deepEqual(lossInfo('huber').domains.delta, { min: 0, minOpen: true, max: null, off: null });
});
