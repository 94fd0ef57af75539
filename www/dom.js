// Writing to the DOM only when something changed, without reading the DOM back.

const LAST = Symbol('losslab.last');

function cache(node) {
  return (node[LAST] ??= Object.create(null));
}

/** Sets attributes whose value changed since the last call. */
export function setAttrs(node, attrs) {
  const last = cache(node);
  for (const key in attrs) {
    const text = String(attrs[key]);
    if (last[key] !== text) {
      last[key] = text;
      node.setAttribute(key, text);
    }
  }
}

/** Sets one attribute if it changed; `null` removes it. */
export function setAttr(node, name, value) {
  const last = cache(node);
  const text = value === null ? null : String(value);
  if (last[name] === text) return;
  last[name] = text;
  if (text === null) node.removeAttribute(name);
  else node.setAttribute(name, text);
}

/** Sets the text of a node if it changed. */
export function setText(node, text) {
  const last = cache(node);
  if (last['#text'] !== text) {
    last['#text'] = text;
    node.textContent = text;
  }
}

/** Sets a boolean property (disabled, hidden, checked) if it differs. */
export function setFlag(node, name, on) {
  if (node[name] !== on) node[name] = on;
}
