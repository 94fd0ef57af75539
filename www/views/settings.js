// The binary and regression lab's settings: the loss menu (made from the registry), the space,
// the loss's parameters, the learning rate and the gradient switch, and what they say about the
// samples (count, the input column's name, the notes of the last change).

import { MAX_SAMPLES, RATES } from '../config.js';
import { setFlag, setText } from '../dom.js';
import { fixed } from '../format.js';
import { familyOf, lossInfo, menuGroups } from '../registry.js';

/** Fills a <select> with the loss menu's groups. */
export function fillLossMenu(select) {
  select.replaceChildren(
    ...menuGroups().map(({ label, options }) => {
      const group = document.createElement('optgroup');
      group.label = label;
      group.append(...options.map(({ id, label: text }) => new Option(text, id)));
      return group;
    }),
  );
}

/** Fills a <select> with the learning rates, `chosen` selected. */
export function fillRates(select, chosen = 1) {
  select.replaceChildren(...RATES.map((rate) => new Option(String(rate), String(rate), rate === chosen, rate === chosen)));
}

/**
 * The markup of a loss's parameter controls (its registry entry's `controls`), the same for every loss: a
 * slider with its value for each, ids the parameter's name (`gamma`, `gamma-value`), and a checkbox
 * `NAME-off` where the control has an `offLabel`. The slider's span defaults to the domain's.
 */
function paramControls(info) {
  return info.controls
    .map(({ param: p, label, min, max, step, digits, offLabel }) => {
      const domain = info.domains[p];
      const slider = `<div class="param"><label for="${p}">${label}</label><input type="range" id="${p}" data-param="${p}" min="${min ?? domain.min}" max="${max ?? domain.max}" step="${step}"><output aria-live="off" id="${p}-value" for="${p}" data-digits="${digits}"></output></div>`;
      const off = `<div class="param param-check"><input type="checkbox" id="${p}-off" data-off="${p}"><label for="${p}-off">${offLabel}</label></div>`;
      return offLabel ? slider + off : slider;
    })
    .join('');
}

/** What the gradients shown are, in one sentence: the rule both labs follow. */
export function backwardNote(backward, n) {
  return backward === 'mean'
    ? `Each gradient is that of the mean loss, as PyTorch’s loss.mean().backward() gives it: the sample’s own slope ÷ ${n} samples. One gradient step subtracts the learning rate times it from each input.`
    : 'Each gradient is that of the sum of the losses, as loss.sum().backward() gives it: the sample’s own slope, the one the loss curve draws.';
}

export class SettingsView {
  /**
   * `ui` holds the lab's elements by id; `root` is the shadow root. `edits` hears the reader: loss(id),
   * space(id), param(name, value) and off(name, on) for the loss's parameters, set(key, value) for
   * showGrad, learningRate and backward, preset(name), add(), reset().
   */
  constructor(ui, root, edits) {
    this.ui = ui;
    fillLossMenu(ui.lossSelect);
    fillRates(ui.learningRate);
    /** Looked up once: a query over the whole shadow root costs about 0.5 ms at 64 samples. */
    this.familyNodes = root.querySelectorAll('[data-family]');
    ui.lossSelect.addEventListener('change', () => edits.loss(ui.lossSelect.value));
    for (const radio of [ui.spaceProb, ui.spaceLogit]) {
      radio.addEventListener('change', () => radio.checked && edits.space(radio.value));
    }
    ui.paramControls.addEventListener('input', ({ target }) => {
      if (target.dataset.param) edits.param(target.dataset.param, Number(target.value));
      else if (target.dataset.off) edits.off(target.dataset.off, target.checked);
    });
    /** The loss whose controls are drawn. */
    this.controlsOf = null;

    for (const radio of [ui.backwardMean, ui.backwardSum]) {
      radio.addEventListener('change', () => radio.checked && edits.set('backward', radio.value));
    }
    for (const key of ['showGrad', 'learningRate']) {
      const control = ui[key];
      control.addEventListener('input', () => edits.set(key, control.type === 'checkbox' ? control.checked : Number(control.value)));
    }
    for (const button of root.querySelectorAll('[data-preset]'))
      button.addEventListener('click', () => edits.preset(button.dataset.preset));
    ui.addSample.addEventListener('click', edits.add);
    ui.reset.addEventListener('click', edits.reset);
  }

  /** `model` is the lab model; a `readonly` lab shows its settings but takes no change. */
  update(model, readonly) {
    const { ui } = this;
    const { state } = model;
    const info = lossInfo(state.loss);
    const spaces = info.spaces;
    const family = familyOf(state.loss);
    if (ui.lossSelect.value !== state.loss) ui.lossSelect.value = state.loss;
    setText(ui.lossDesc, info.hint);
    setFlag(ui.spaceProb, 'checked', state.space === 'prob');
    setFlag(ui.spaceLogit, 'checked', state.space === 'logit');
    setFlag(ui.spaceProb, 'disabled', !spaces.includes('prob'));
    setFlag(ui.spaceLogit, 'disabled', !spaces.includes('logit'));
    setFlag(ui.spaceSetting, 'hidden', family === 'regression');
    this.showParams(info, state);
    for (const node of this.familyNodes) setFlag(node, 'hidden', node.dataset.family !== family);
    if (Number(ui.learningRate.value) !== state.learningRate) ui.learningRate.value = String(state.learningRate);
    setFlag(ui.showGrad, 'checked', state.showGrad);
    for (const control of [ui.showGrad, ui.backwardMean, ui.backwardSum]) setFlag(control, 'disabled', readonly);
    setFlag(ui.backwardMean, 'checked', state.backward === 'mean');
    setFlag(ui.backwardSum, 'checked', state.backward === 'sum');
    setText(ui.backwardNote, backwardNote(state.backward, state.inputs.length));
    const n = state.inputs.length;
    setFlag(ui.addSample, 'disabled', n >= MAX_SAMPLES);
    setText(ui.sampleCount, `(${n})`);
    const space = model.spaceKey();
    ui.labRoot.dataset.space = space;
    ui.labRoot.dataset.loss = state.loss;
    setText(ui.samplesNote, state.notes.samples);
    setText(ui.spaceNote, state.notes.space);
    setText(ui.stepNote, state.notes.step);
  }

  /** The loss's parameter controls (drawn again when the loss changes), each showing the state's value. */
  showParams(info, state) {
    const { ui } = this;
    const controls = info.controls ?? [];
    setFlag(ui.lossParams, 'hidden', controls.length === 0);
    if (this.controlsOf !== info.id) {
      this.controlsOf = info.id;
      // The registry's own text, no reader's: safe as markup.
      ui.paramControls.innerHTML = controls.length ? paramControls(info) : '';
      setText(ui.lossParamsLegend, info.legend ?? 'Parameter');
      ui.lossParams.classList.toggle('wide', controls.length > 1);
    }
    for (const slider of ui.paramControls.querySelectorAll('[data-param]')) {
      const name = slider.dataset.param;
      const value = state.params[name];
      const off = Boolean(state.off[name]);
      if (Number(slider.value) !== value) slider.value = String(value);
      setFlag(slider, 'disabled', off);
      const box = slider.parentNode.nextElementSibling?.querySelector(`[data-off="${name}"]`);
      if (box) setFlag(box, 'checked', off);
      const shown = slider.nextElementSibling;
      setText(shown, off ? 'off' : fixed(value, Number(shown.dataset.digits)));
    }
  }

  /** The matrix lab took over with `loss`: the menu and its line say so. */
  park(loss) {
    this.ui.lossSelect.value = loss;
    setText(this.ui.lossDesc, lossInfo(loss).hint);
  }
}
