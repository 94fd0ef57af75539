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
const STATE_ATTRIBUTES = ['model', 'loss', 'space', 'targets', 'predictions', 'params', 'compare', 'points', 'sentences', 'weights'];
/** Fields the full page keeps in its address but an embed does not need as attributes. */
const PAGE_FIELDS = ['lr', 'grad', 'backward', 'open', 'threshold'];
/** What an element without a `views` attribute shows. */
export const DEFAULT_VIEWS = ['chart', 'gradient', 'curve', 'sigmoid', 'controls', 'export'];
const THEMES = ['light', 'dark', 'auto'];
/** Attributes that restyle the lab: setting one leaves its state, and a training run, as they are. */
const STYLE_ATTRIBUTES = ['views', 'readonly', 'theme', 'heading-level'];

let template = null;
/**
 * The labs beside the main one, each loaded on first use (most embeds never need them): many classes
 * and labels, and models whose weights make the predictions (with its own engine, in dist/).
 */
const LABS = {
  matrix: { load: () => import('./matrix-lab.js'), name: 'The view for many classes and labels' },
  weights: { load: () => import('./weights-lab.js'), name: 'The lab for models with weights' },
};
const modules = {};

/**
 * HTML has no self-closing custom elements: after `<loss-lab … />` the rest of the post becomes the
 * element's children, which its shadow root does not show. Fallback text (a paragraph or two) is
 * fine; headings, sections, scripts or another lab inside it are not, and the console says why.
 */
function warnIfSwallowed(lab) {
  const inside = lab.querySelector('loss-lab, h1, h2, h3, h4, h5, h6, script, section, article, figure, table, iframe');
  if (!inside && lab.children.length <= 3) return;
  console.warn(
    `<loss-lab>: ${lab.children.length} elements inside it (such as <${(inside ?? lab.lastElementChild).localName}>) are not shown. Written as <loss-lab … />? Close it with </loss-lab>.`,
  );
}

export class LossLabElement extends HTMLElement {
  static observedAttributes = [...STATE_ATTRIBUTES, ...STYLE_ATTRIBUTES];

  /** Registers the element (or a subclass it is called on); loss-lab-define.js calls this once. */
  static define(tag = 'loss-lab', registry = customElements) {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class define() is called on, which may be a subclass.
    registry.define(tag, this);
    // biome-ignore lint/complexity/noThisInStatic: as above.
    return this;
  }

  #root = null;
  #lab = null;
  /** The other labs, made when first needed: `matrix` and `weights`. */
  #labs = {};
  /** Which lab shows: 'scalar' (the main one), 'matrix' or 'weights'. */
  #on = 'scalar';
  /** The lab the reader asked for last, while its module loads: a later choice wins. */
  #wanted = null;
  #engine = null;
  #ready = null;
  #writing = false;
  /** The attributes set since they were last applied (several set in one task are applied together). */
  #changed = new Set();
  #pageFields = {};
  /** What the last reading of the state refused: the fields that did not parse, then what the lab refused. */
  #refused = { read: [], applied: [] };

  connectedCallback() {
    this.#ready ??= this.#start();
  }

  disconnectedCallback() {
    this.#lab?.stop();
    for (const lab of Object.values(this.#labs)) lab.stop();
  }

  /** Resolves to true once the lab shows its numbers (another lab's too, if it is loading), false if the engine could not load. */
  get ready() {
    this.#ready ??= this.#start();
    return this.#ready.then((ok) => ok && (this.#loading ?? true));
  }

  /** While another lab loads for the current attributes: resolves to true once it shows. */
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
    warnIfSwallowed(this);
    // A chart's Export button (dom.js exportButton) loads what exports it on the first click.
    this.#root.addEventListener('click', (event) => {
      const button = event.target.closest('[data-export]');
      if (button) import('./figure.js').then((figure) => figure.toggleExport(button, () => this.state));
    });
    this.#lab = createLab({
      root: this.#root,
      engine,
      onEdit: (state) => this.#edited(state),
      onSwitch: (loss) => this.#switchTo(isMatrixLoss(loss) ? 'matrix' : 'scalar', { loss }),
      onModel: (model) => this.#switchTo('weights', { model }),
    });
    this.#applyAll();
    this.#lab.render();
    return true;
  }

  attributeChangedCallback(name, before, after) {
    if (this.#writing || !this.#lab || before === after) return;
    if (this.#changed.size === 0) queueMicrotask(() => this.#applyChanged());
    this.#changed.add(name);
  }

  /**
   * Applies the attributes set since the last time: the state only if one of them says something
   * other than the lab's state (so a training run and its history survive the rest), else only
   * what they restyle.
   */
  #applyChanged() {
    const changed = [...this.#changed];
    this.#changed.clear();
    // While another lab loads (or after it failed to), the lab on screen is not the one the attributes ask for.
    if (this.#waiting) return this.#applyAll();
    const written = writeFields(this.state, STATE_ATTRIBUTES);
    // A state attribute applies when it is refused (the notice must name it), when an earlier value was
    // refused (the notice must forget it), or when it differs from the state as the lab writes it.
    const refusedBefore = this.#refused.read.length + this.#refused.applied.length > 0;
    const differs = (name) => {
      const { config, problems } = readFields({ [name]: this.getAttribute(name) });
      return refusedBefore || problems.length > 0 || writeFields(config, [name])[name] !== written[name];
    };
    if (changed.some((name) => STATE_ATTRIBUTES.includes(name) && differs(name))) return this.#applyAll();
    const views = this.#readViews();
    // Panels named one by one in `views` open by themselves (unless the page's own fields name them).
    if (changed.includes('views') && views.open && this.#pageFields.open === undefined) this.#current().openPanels(views.open);
    this.#restyle(views);
  }

  /** The lab the attributes ask for while its module loads, or after it failed to load; null once it shows. */
  #waiting = null;

  /** The `views` attribute: the views it names, what it does not know, and the panels to open (named one by one). */
  #readViews() {
    const asked = this.getAttribute('views');
    if (asked === null) return { views: DEFAULT_VIEWS, problems: [], open: undefined };
    const problems = [];
    const words = asked.split(/[\s,]+/).filter(Boolean);
    const unknown = words.filter((w) => w !== 'all' && !VIEWS.includes(w));
    if (unknown.length)
      problems.push(`views ${quote(unknown.join(','))} ${unknown.length > 1 ? 'are' : 'is'} not among ${VIEWS.join(', ')}`);
    const known = words.includes('all') ? VIEWS : words.filter((w) => VIEWS.includes(w));
    const views = known.length ? known : DEFAULT_VIEWS;
    return { views, problems, open: words.includes('all') ? undefined : PANELS.filter((p) => views.includes(p)) };
  }

  /** Reads every attribute into the lab; anything refused is named in the notice. */
  #applyAll() {
    const fields = { ...this.#pageFields };
    for (const name of STATE_ATTRIBUTES) fields[name] = this.getAttribute(name);
    const { config, problems } = readFields(fields);
    const views = this.#readViews();
    config.open ??= views.open;
    const which = config.model ? 'weights' : isMatrixLoss(config.loss) ? 'matrix' : 'scalar';
    if (which !== 'scalar' && !this.#labs[which]) {
      this.#waiting = which;
      this.#views = views.views;
      this.#lab.park(which, config.loss); // no flash of the other lab's numbers while its views load
      this.#showViews(); // readonly, views and heading levels still reach the lab on screen (the notice is the load's)
      this.#loading = this.#labReady(which).then(
        () => {
          this.#loading = null;
          this.#applyAll();
          this.#labs[which].render();
          return true;
        },
        (error) => {
          this.#loading = null;
          this.#failed(which, error);
          return true;
        },
      );
      return;
    }
    this.#refused = { read: problems, applied: this.#use(which, config.loss).apply(config) };
    this.#restyle(views);
  }

  /** Shows the views, read-only state and heading levels the attributes ask for; the notice names whatever was refused. */
  #restyle(views) {
    this.#views = views.views;
    this.#showViews();
    const problems = [...this.#refused.read, ...views.problems, ...this.#refused.applied];
    const theme = this.getAttribute('theme');
    if (theme !== null && !THEMES.includes(theme)) problems.push(`theme ${quote(theme)} is not light, dark or auto`);
    const level = this.getAttribute('heading-level');
    if (level !== null && !['2', '3', '4', '5'].includes(level.trim())) problems.push(`heading-level ${quote(level)} is not 2, 3, 4 or 5`);

    const notice = this.#root.getElementById('notice');
    notice.textContent = problems.length ? `Shown with defaults instead: ${problems.join('; ')}.` : '';
    notice.hidden = problems.length === 0;
  }

  #views = DEFAULT_VIEWS;

  #failed(which, error) {
    const notice = this.#root.getElementById('notice');
    notice.textContent = `${LABS[which].name} could not be loaded: ${error?.message ?? error}.`;
    notice.hidden = false;
  }

  /** Loads and makes another lab (its code, and for the weights lab its engine) on first use. */
  async #labReady(which) {
    modules[which] ??= LABS[which].load();
    const module = await modules[which];
    const root = this.#root;
    const onEdit = (state) => this.#edited(state);
    if (which === 'matrix') {
      this.#labs.matrix ??= module.createMatrixLab({ root, host: root.getElementById('matrix-host'), engine: this.#engine, onEdit });
    } else {
      const host = root.getElementById('weights-host');
      const onLeave = () => this.#switchTo('scalar', {});
      this.#labs.weights ??= await module.createWeightsLab({ root, host, onEdit, onLeave });
    }
  }

  /** The lab `which` takes over (the main one parks, or comes back) and is returned. */
  #use(which, loss) {
    this.#waiting = null;
    this.#on = which;
    this.#lab.park(which === 'scalar' ? null : which, loss);
    return which === 'scalar' ? this.#lab : this.#labs[which];
  }

  #showViews() {
    this.#levelHeadings();
    const readonly = this.hasAttribute('readonly');
    const views = new Set(readonly ? this.#views.filter((v) => v !== 'controls') : this.#views);
    this.#root.getElementById('lab-root').classList.toggle('no-export', !views.has('export'));
    // The main lab's settings (its loss menu) stay in view above the other labs: they follow the views too.
    for (const lab of new Set([this.#lab, this.#current()])) {
      lab.setViews(views);
      lab.setReadonly(readonly);
    }
  }

  /**
   * The lab's headings are h2 and h3; an embedding post may set their levels with `heading-level`
   * (2 to 5: its h2 become that level, its h3 one below), so that they fit the post's outline.
   */
  #levelHeadings() {
    const asked = Number(this.getAttribute('heading-level'));
    const level = Number.isInteger(asked) && asked >= 2 && asked <= 5 ? asked : null;
    for (const [tag, below] of [
      ['h2', 0],
      ['h3', 1],
    ]) {
      for (const h of this.#root.querySelectorAll(tag)) {
        if (level === null) h.removeAttribute('aria-level');
        else h.setAttribute('aria-level', String(level + below));
      }
    }
  }

  #current() {
    return this.#on === 'scalar' ? this.#lab : this.#labs[this.#on];
  }

  /**
   * The reader chose a loss of another family in the menu, a model, or no model: that lab takes
   * over, from `config` (its example unless it keeps its state). A choice made while a lab loads is
   * dropped if the reader chose again before it arrived.
   */
  #switchTo(which, config) {
    this.#wanted = which;
    if (which !== 'scalar' && !this.#labs[which]) {
      this.#labReady(which).then(
        () => this.#wanted === which && this.#switchTo(which, config),
        (error) => this.#failed(which, error),
      );
      return;
    }
    const lab = this.#use(which, config.loss);
    if (Object.keys(config).length) lab.apply(config);
    this.#showViews();
    lab.render();
    this.#edited(lab.snapshot());
  }

  /** The reader changed something: write it back to the attributes, then tell the page. */
  #edited(state) {
    if (this.#on === 'matrix') this.#lab.park('matrix', state.loss); // the matrix lab can switch between its two losses
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
    return this.#current()?.snapshot() ?? null;
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
for (const name of ['compact', 'readonly', 'present']) {
  Object.defineProperty(LossLabElement.prototype, name, {
    get() {
      return this.hasAttribute(name);
    },
    set(on) {
      this.toggleAttribute(name, Boolean(on));
    },
  });
}
