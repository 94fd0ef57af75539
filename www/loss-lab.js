// <loss-lab>: the whole lab as one element. Its attributes are the source of truth; the reader's
// edits are written back to them and announced with a `change` event. Registration is kept apart
// in loss-lab-define.js.

import { createLab } from './lab.js';
import { isMatrixLoss } from './registry.js';
import { MARKUP } from './lab-html.js';
import { loadEngine } from './engine.js';
import { adoptStyles } from './assets.js';
import { PANELS, VIEWS, quote, readFields, writeFields } from './state.js';

/** Attributes that hold the lab's state, in the order they are written back. */
const STATE_ATTRIBUTES = ['loss', 'space', 'targets', 'predictions', 'params', 'compare'];
/** Fields the full page keeps in its address but an embed does not need as attributes. */
const PAGE_FIELDS = ['lr', 'grad', 'backward', 'open', 'threshold'];
/** What an element without a `views` attribute shows. */
export const DEFAULT_VIEWS = ['chart', 'gradient', 'curve', 'sigmoid', 'controls'];
const THEMES = ['light', 'dark', 'auto'];

let template = null;
let matrixModule = null;

export class LossLabElement extends HTMLElement {
  static observedAttributes = [...STATE_ATTRIBUTES, 'views', 'readonly', 'theme'];

  /** Registers the element (or a subclass it is called on); loss-lab-define.js calls this once. */
  static define(tag = 'loss-lab', registry = customElements) {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class define() is called on, which may be a subclass.
    registry.define(tag, this);
    // biome-ignore lint/complexity/noThisInStatic: as above.
    return this;
  }

  #root = null;
  #lab = null;
  /** Many classes and many labels have their own lab, made when first needed. */
  #matrix = null;
  #matrixOn = false;
  #engine = null;
  #ready = null;
  #writing = false;
  #queued = false;
  #pageFields = {};

  connectedCallback() {
    this.#ready ??= this.#start();
  }

  disconnectedCallback() {
    this.#lab?.stop();
    this.#matrix?.stop();
  }

  /** Resolves to true once the lab shows its numbers (the matrix views too, if they are loading), false if the engine could not load. */
  get ready() {
    this.#ready ??= this.#start();
    return this.#ready.then((ok) => ok && (this.#loading ?? true));
  }

  /** While the matrix views load for the current attributes: resolves to true once they show. */
  #loading = null;

  async #start() {
    this.#root = this.attachShadow({ mode: 'open' });
    const styled = adoptStyles(this.#root);
    if (!template) {
      template = document.createElement('template');
      template.innerHTML = MARKUP;
    }
    this.#root.append(template.content.cloneNode(true));
    let engine;
    try {
      [engine] = await Promise.all([loadEngine(), styled]);
    } catch (error) {
      const status = this.#root.getElementById('load-status');
      status.textContent = `The loss engine (WebAssembly) could not be loaded. The browser said: ${error?.message ?? error}`;
      status.classList.add('is-error');
      return false;
    }
    this.#engine = engine;
    this.#lab = createLab({ root: this.#root, engine, onEdit: (state) => this.#edited(state), onSwitch: (loss) => this.#switchTo(loss) });
    this.#applyAll();
    this.#lab.render();
    return true;
  }

  attributeChangedCallback(_name, before, after) {
    if (this.#writing || !this.#lab || before === after) return;
    // Several attributes set in one task are applied together.
    if (!this.#queued) {
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        this.#applyAll();
      });
    }
  }

  /** Reads every attribute into the lab; anything refused is named in the notice. */
  #applyAll() {
    const fields = { ...this.#pageFields };
    for (const name of STATE_ATTRIBUTES) fields[name] = this.getAttribute(name);
    const { config, problems } = readFields(fields);

    const asked = this.getAttribute('views');
    let views = DEFAULT_VIEWS;
    if (asked !== null) {
      const words = asked.split(/[\s,]+/).filter(Boolean);
      const unknown = words.filter((w) => w !== 'all' && !VIEWS.includes(w));
      if (unknown.length)
        problems.push(`views ${quote(unknown.join(','))} ${unknown.length > 1 ? 'are' : 'is'} not among ${VIEWS.join(', ')}`);
      const known = words.includes('all') ? VIEWS : words.filter((w) => VIEWS.includes(w));
      if (known.length) views = known;
      // Panels named one by one open by themselves.
      if (!words.includes('all')) config.open ??= PANELS.filter((p) => views.includes(p));
    }
    this.#views = views;
    if (isMatrixLoss(config.loss) && !this.#matrix) {
      this.#lab.park(config.loss); // no flash of the other lab's numbers while the matrix views load
      this.#loading = this.#matrixReady().then(
        () => {
          this.#loading = null;
          this.#applyAll();
          this.#matrix.render();
          return true;
        },
        (error) => {
          this.#loading = null;
          this.#failed(error);
          return true;
        },
      );
      return;
    }
    problems.push(...this.#use(config.loss).apply(config));
    this.#showViews();
    const theme = this.getAttribute('theme');
    if (theme !== null && !THEMES.includes(theme)) problems.push(`theme ${quote(theme)} is not light, dark or auto`);

    const notice = this.#root.getElementById('notice');
    notice.textContent = problems.length ? `Shown with defaults instead: ${problems.join('; ')}.` : '';
    notice.hidden = problems.length === 0;
  }

  #views = DEFAULT_VIEWS;

  #failed(error) {
    const notice = this.#root.getElementById('notice');
    notice.textContent = `The view for many classes and labels could not be loaded: ${error?.message ?? error}.`;
    notice.hidden = false;
  }

  /** The matrix lab's code loads on first use (most embeds never need it). */
  async #matrixReady() {
    matrixModule ??= import('./matrix-lab.js');
    const { createMatrixLab } = await matrixModule;
    this.#matrix ??= createMatrixLab({
      root: this.#root,
      host: this.#root.getElementById('matrix-host'),
      engine: this.#engine,
      onEdit: (state) => this.#edited(state),
    });
  }

  /** The lab that shows `loss`: the matrix lab for many classes or labels (loaded), else the main one. */
  #use(loss) {
    this.#matrixOn = isMatrixLoss(loss);
    this.#lab.park(this.#matrixOn ? loss : null);
    return this.#matrixOn ? this.#matrix : this.#lab;
  }

  #showViews() {
    const readonly = this.hasAttribute('readonly');
    const lab = this.#matrixOn ? this.#matrix : this.#lab;
    lab.setViews(new Set(readonly ? this.#views.filter((v) => v !== 'controls') : this.#views));
    lab.setReadonly(readonly);
  }

  /** The reader chose a loss of another family in the menu: that lab takes over, from its example. */
  #switchTo(loss) {
    if (isMatrixLoss(loss) && !this.#matrix) {
      this.#matrixReady().then(
        () => this.#switchTo(loss),
        (error) => this.#failed(error),
      );
      return;
    }
    const lab = this.#use(loss);
    lab.apply({ loss });
    this.#showViews();
    lab.render();
    this.#edited(lab.snapshot());
  }

  /** The reader changed something: write it back to the attributes, then tell the page. */
  #edited(state) {
    if (this.#matrixOn) this.#lab.park(state.loss); // the matrix lab can switch between its two losses
    const fields = writeFields(state, STATE_ATTRIBUTES);
    this.#writing = true;
    for (const name of STATE_ATTRIBUTES) {
      if (fields[name] === undefined) this.removeAttribute(name);
      else if (this.getAttribute(name) !== fields[name]) this.setAttribute(name, fields[name]);
    }
    this.#writing = false;
    this.dispatchEvent(new CustomEvent('change', { bubbles: true, composed: true, detail: state }));
  }

  /** The whole state as text fields (attributes plus lr, grad and open), for an address or a snippet. */
  get fields() {
    return this.#lab ? writeFields(this.state) : {};
  }

  /** Sets the whole state from text fields; missing attribute fields take their defaults. */
  set fields(fields) {
    this.#pageFields = {};
    for (const name of PAGE_FIELDS) if (fields[name] !== undefined) this.#pageFields[name] = fields[name];
    this.#writing = true;
    for (const name of STATE_ATTRIBUTES) {
      if (fields[name] === undefined || fields[name] === null) this.removeAttribute(name);
      else this.setAttribute(name, fields[name]);
    }
    this.#writing = false;
    if (this.#lab) this.#applyAll();
  }

  /** The current state: loss, space, targets, predictions, params, compare, lr, grad, open. */
  get state() {
    return (this.#matrixOn ? this.#matrix : this.#lab)?.snapshot() ?? null;
  }
}

// Properties mirror the attributes.
for (const name of [...STATE_ATTRIBUTES, 'views', 'theme']) {
  Object.defineProperty(LossLabElement.prototype, name, {
    get() {
      return this.getAttribute(name);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(name);
      else this.setAttribute(name, String(value));
    },
  });
}
for (const name of ['compact', 'readonly']) {
  Object.defineProperty(LossLabElement.prototype, name, {
    get() {
      return this.hasAttribute(name);
    },
    set(on) {
      this.toggleAttribute(name, Boolean(on));
    },
  });
}
