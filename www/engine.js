// One wasm instance for every <loss-lab> on the page.

import init, * as engine from './pkg/losslab.js';
import { wasmSource } from './assets.js';

let loading = null;

/** Resolves to the engine's exports once the module is instantiated; loads it only once. */
export function loadEngine() {
  loading ??= init({ module_or_path: wasmSource() }).then(() => engine);
  return loading;
}
