// `make build`, after www/pkg: the engine's catalogue, written where the page and the types read it.
//
//   www/catalogue.js    CATALOGUE (every loss: id, family, spaces, params with their defaults, domains)
//                       and MODELS (each model's family), for registry.js and the labs: the element's
//                       own engine is built without catalogue(), so nothing is asked at run time
//   npm/catalogue.d.ts  the TypeScript unions LossId, Space, Family and ModelId, for the npm package
//
// Both are build outputs (.gitignore), never edited. Run from anywhere: node tools/catalogue.mjs

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The catalogue and the models of the engine in www/pkg (made by `make build`). */
export async function engineCatalogue() {
  const engine = await import(pathToFileURL(`${root}www/pkg/losslab.js`).href);
  engine.initSync({ module: readFileSync(`${root}www/pkg/losslab_bg.wasm`) });
  return { catalogue: engine.catalogue(), models: engine.models() };
}

/** www/catalogue.js's text. */
export function catalogueModule({ catalogue, models }) {
  return `// Written by tools/catalogue.mjs from the engine's catalogue() and models() at build time: do not edit.

/** Every loss in the engine's order: id, family, spaces (binary losses), params (name → default), domains (name → { min, minOpen, max, off }). */
export const CATALOGUE = ${JSON.stringify(catalogue)};

/** Each model the weights lab trains, by id: the family of losses it takes. */
export const MODELS = ${JSON.stringify(Object.fromEntries(models.map((m) => [m.id, m.family])))};
`;
}

/** npm/catalogue.d.ts's text: one union per public name list. */
export function catalogueTypes({ catalogue, models }) {
  const union = (values) => [...new Set(values)].map((v) => `'${v}'`).join(' | ');
  return `// Written by tools/catalogue.mjs from the engine's catalogue() and models() at build time: do not edit.

/** Every loss id the engine knows. */
export type LossId = ${union(catalogue.map((e) => e.id))};
/** The input spaces of a binary loss: probabilities or raw activations (logits). */
export type Space = ${union(catalogue.flatMap((e) => e.spaces))};
/** The loss families: they decide the shape of inputs and targets. */
export type Family = ${union(catalogue.map((e) => e.family))};
/** The models whose weights the weights lab trains. */
export type ModelId = ${union(models.map((m) => m.id))};
`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const found = await engineCatalogue();
  writeFileSync(`${root}www/catalogue.js`, catalogueModule(found));
  writeFileSync(`${root}npm/catalogue.d.ts`, catalogueTypes(found));
  console.log(`www/catalogue.js, npm/catalogue.d.ts: ${found.catalogue.length} losses, ${found.models.length} models`);
}
