// Share and Embed, loaded on their first click (page.js): the address of this state, or the code
// that puts this state into a post, shown and copied.

const $ = (id) => document.getElementById(id);

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

/** This page's address for an iframe: the state, not presenter mode (a post is not a projector). */
function framed() {
  const url = new URL(location.href);
  url.hash = url.hash
    .slice(1)
    .split('&')
    .filter((field) => field !== 'present=1')
    .join('&');
  return url.hash ? url.href : url.href.replace(/#$/, '');
}

/** The snippet for a post: the element with the lab's state, or an iframe of this address. */
function embedSnippet(lab, elementFile) {
  const here = new URL(location.href);
  here.hash = '';
  const script = new URL(elementFile, here).href;
  const attrs = Object.entries(lab.fields)
    .filter(([name]) => !['lr', 'grad', 'backward', 'open'].includes(name))
    .map(([name, value]) => ` ${name}="${value.replace(/[&"<]/g, (c) => `&#${c.charCodeAt(0)};`)}"`)
    .join('');
  return [
    `<script type="module" src="${script}"></script>`,
    // The opening tag on one line inside a plain <div>: Markdown (CommonMark) passes that block through as HTML.
    `<div><loss-lab${attrs} views="chart,gradient,curve,controls,export"></loss-lab></div>`,
    '',
    '<!-- or, without a script on your page: -->',
    `<iframe src="${framed()}" title="losslab: a loss function, live" width="100%" height="900" loading="lazy"></iframe>`,
  ].join('\n');
}

/**
 * Shows and copies this page's address (`kind` 'share', written by the page just before) or the
 * embed code of `lab` ('embed'), whose script is `elementFile` next to this page.
 */
export function share(kind, lab, elementFile) {
  const text = kind === 'share' ? location.href : embedSnippet(lab, elementFile);
  $('snippet').hidden = false;
  $('snippet').textContent = text;
  copy(text, $('snippet'), kind === 'share' ? 'Link copied.' : 'Embed code copied: paste it into your post’s HTML.');
}
