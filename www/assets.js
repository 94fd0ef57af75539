// Where the wasm and the element's styles come from. `make dist` swaps this module for one with both inlined.

/** What the wasm-bindgen glue's `default()` takes: here, the file's URL. */
export const wasmSource = () => new URL('./pkg/losslab_bg.wasm', import.meta.url);

/** Puts the element's styles into `root` (a shadow root); resolves once they apply. */
export function adoptStyles(root) {
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL('./lab.css', import.meta.url).href });
  const loaded = new Promise((resolve) => {
    link.onload = link.onerror = resolve;
  });
  root.append(link);
  return loaded;
}
