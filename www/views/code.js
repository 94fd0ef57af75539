// The code view of both labs: the PyTorch program that reproduces the screen, what it prints, and
// a button that copies it.

import { setText } from '../dom.js';
import { pythonCode, pythonOutput } from '../code.js';

/** The panel's content; its ids start with `prefix` ('' in the binary lab, 'mx-' in the matrix lab). */
const markup = (prefix) =>
  '<p class="hint">Run it with PyTorch: it prints the numbers below.</p>' +
  `<pre class="code-source" tabindex="0" role="group" aria-label="PyTorch code"><code id="${prefix}code"></code></pre>` +
  `<div class="descent-controls"><button type="button" id="${prefix}copy">Copy the code</button>` +
  `<span id="${prefix}copy-note" class="note" role="status"></span></div>` +
  '<p class="torch-caption">It prints:</p>' +
  `<pre tabindex="0" role="group" aria-label="What the code prints"><code id="${prefix}code-output"></code></pre>`;

export class CodeView {
  /** Fills `panel` (a <details> holding its <summary>) with the code, a copy button and the printout. */
  constructor(panel, prefix = '') {
    panel.insertAdjacentHTML('beforeend', markup(prefix));
    const find = (id) => panel.querySelector(`#${prefix}${id}`);
    this.code = find('code');
    this.output = find('code-output');
    this.note = find('copy-note');
    find('copy').addEventListener('click', () => this.copy());
  }

  /** `request` is what the engine evaluated, `result` its answer; `extras` as code.js's pythonCode takes them. */
  update(request, result, extras) {
    this.show(pythonCode(request, extras), pythonOutput(request, result, extras));
  }

  /** Shows a program and what it prints (the weights lab writes its own, model-code.js). */
  show(code, output) {
    setText(this.code, code);
    setText(this.output, output);
  }

  /** Copies the code, or selects it when the clipboard is refused. */
  async copy() {
    const text = this.code.textContent;
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch {
      const range = document.createRange();
      range.selectNodeContents(this.code);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      try {
        done = document.execCommand('copy');
      } catch {}
    }
    setText(this.note, done ? 'Copied.' : 'The code is selected: press Ctrl+C (⌘C) to copy it.');
  }
}
