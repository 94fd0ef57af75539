// Where the wasm and the element's styles come from. `make dist` swaps this module for one with both inlined.

/** What the wasm-bindgen glue's `default()` takes: here, the file's URL. */
export const wasmSource = () => new URL('./pkg/losslab_bg.wasm', import.meta.url);

/** Puts a stylesheet (lab.css, or matrix.css with the matrix views) into `root`, a shadow root; resolves once it applies. */
export function adoptStyles(root, file = 'lab.css') {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL(`./${file}`, import.meta.url).href });
  const loaded = new Promise((resolve) => {
    link.onload = link.onerror = resolve;
  });
  root.append(link);
  return loaded;
}
