// The full page: one <loss-lab> whose whole state lives in the address, plus Share and Embed.

import './loss-lab-define.js';

/** The file a blog loads; `make dist` bundles the element and its wasm into it. */
const ELEMENT_FILE = 'loss-lab-define.js';
const SETTLE_MS = 400;
/** Older addresses wrote predictions as `in` and targets as `t`, focal's parameters on their own. */
const OLD_NAMES = { in: 'predictions', t: 'targets' };

const lab = document.querySelector('loss-lab');
const $ = (id) => document.getElementById(id);

function readAddress() {
  const params = new URLSearchParams(location.hash.slice(1));
  const fields = {};
  for (const [name, value] of params) fields[OLD_NAMES[name] ?? name] = value;
  if (!fields.params && (fields.gamma || fields.alpha)) {
    fields.params = ['gamma', 'alpha'].filter((k) => fields[k]).map((k) => `${k}=${fields[k]}`).join(',');
  }
  return fields;
}

const addressOf = (fields) => new URLSearchParams(fields).toString().replaceAll('%2C', ',').replaceAll('%3D', '=');

let defaults = '';
let timer = 0;
function writeAddress() {
  clearTimeout(timer);
  const hash = addressOf(lab.fields);
  history.replaceState(null, '', hash === defaults ? location.pathname + location.search : `#${hash}`);
}

/** Copies `text`, or selects `node` (which shows it) when the clipboard is refused. */
async function copy(text, node, done) {
  try {
    await navigator.clipboard.writeText(text);
    $('share-note').textContent = done;
  } catch {
    getSelection().selectAllChildren(node);
    $('share-note').textContent = 'Selected: press Ctrl+C (⌘C) to copy it.';
  }
}

function embedSnippet() {
  const here = new URL(location.href);
  here.hash = '';
  const script = new URL(ELEMENT_FILE, here).href;
  const attrs = Object.entries(lab.fields)
    .filter(([name]) => !['lr', 'grad', 'open'].includes(name))
    .map(([name, value]) => ` ${name}="${value.replace(/[&"<]/g, (c) => `&#${c.charCodeAt(0)};`)}"`)
    .join('');
  writeAddress();
  return [
    `<script type="module" src="${script}"></script>`,
    `<loss-lab${attrs} views="chart,gradient,curve,controls"></loss-lab>`,
    '',
    '<!-- or, without a script on your page: -->',
    `<iframe src="${location.href}" title="losslab: a loss function, live" width="100%" height="900" loading="lazy"></iframe>`,
  ].join('\n');
}

$('share').addEventListener('click', () => {
  writeAddress();
  $('snippet').hidden = false;
  $('snippet').textContent = location.href;
  copy(location.href, $('snippet'), 'Link copied.');
});
$('embed').addEventListener('click', () => {
  const text = embedSnippet();
  $('snippet').hidden = false;
  $('snippet').textContent = text;
  copy(text, $('snippet'), 'Embed code copied: paste it into your post’s HTML.');
});
lab.addEventListener('change', () => {
  clearTimeout(timer);
  timer = setTimeout(writeAddress, SETTLE_MS);
});

lab.ready.then((ok) => {
  document.body.dataset.ready = ok ? 'true' : 'failed';
  if (!ok) return;
  defaults = addressOf(lab.fields);
  if (location.hash.length > 1) lab.fields = readAddress();
  for (const button of [$('share'), $('embed')]) button.disabled = false;
});
