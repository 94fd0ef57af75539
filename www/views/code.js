// The code view of both labs: the PyTorch program that reproduces the screen, what it prints, and
// a button that copies it.

import { setText } from '../dom.js';
import { pythonCode, pythonOutput } from '../code.js';

export class CodeView {
  /** `code` and `output` are <code> elements; `copy` the button and `note` where it reports. */
  constructor({ code, output, copy, note }) {
    Object.assign(this, { code, output, note });
    copy.addEventListener('click', () => this.copy());
  }

  /** `request` is what the engine evaluated, `result` its answer; `extras` as code.js's pythonCode takes them. */
  update(request, result, extras) {
    setText(this.code, pythonCode(request, extras));
    setText(this.output, pythonOutput(request, result, extras));
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
