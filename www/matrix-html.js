// The markup of the multi-class / multi-label lab (matrix-lab.js). Constant text only: every
// name and number is written later with textContent. `data-mx-view` marks what setViews shows.

import { exportButton } from './dom.js';
import { trainBoxHtml } from './views/training.js';

export const MX_MARKUP = `<div class="mx" id="mx-root">
<svg class="mx-defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>
<pattern id="mx-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="mx-pbg" width="6" height="6"/><line class="pat-ink" x1="0" y1="0" x2="0" y2="6"/></pattern>
<pattern id="mx-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect class="mx-pbg" width="6" height="6"/><circle class="pat-ink" cx="3" cy="3" r="1.2"/></pattern>
</defs></svg>
<div class="mx-settings" role="group" aria-label="Classes, samples and settings">
  <fieldset class="mx-set" data-mx-view="controls"><legend class="setting-label">Each sample belongs to</legend>
    <div class="choices">
      <span class="choice"><input type="radio" name="mx-loss" id="mx-loss-ce" value="cross_entropy"><label for="mx-loss-ce">one class of K: softmax, cross-entropy</label></span>
      <span class="choice"><input type="radio" name="mx-loss" id="mx-loss-ml" value="multilabel_bce"><label for="mx-loss-ml">any of K labels: a sigmoid and bce per label</label></span>
    </div>
  </fieldset>
  <div class="mx-set mx-counts" data-mx-view="controls">
    <div class="mx-count" role="group" aria-labelledby="mx-k-label"><span id="mx-k-label" class="setting-label"><span id="mx-kword">classes</span> K</span>
      <button type="button" id="mx-k-minus" aria-label="Remove the last class">−</button><output id="mx-k" class="num" aria-live="polite"></output><button type="button" id="mx-k-plus" aria-label="Add a class">+</button></div>
    <div class="mx-count" role="group" aria-labelledby="mx-n-label"><span id="mx-n-label" class="setting-label">samples N</span>
      <button type="button" id="mx-n-minus" aria-label="Remove the last sample">−</button><output id="mx-n" class="num" aria-live="polite"></output><button type="button" id="mx-n-plus" aria-label="Add a sample">+</button></div>
  </div>
  <div class="mx-set param mx-ce" data-mx-view="controls"><label for="mx-eps">label smoothing ε: the target puts ε/K on every class</label><input type="range" id="mx-eps" min="0" max="0.5" step="0.05"><output aria-live="off" id="mx-eps-value" for="mx-eps" class="num"></output></div>
  <div class="mx-set param mx-ml"><label for="mx-thr">threshold: a label is predicted when its p ≥</label><input type="range" id="mx-thr" min="0" max="1" step="0.05"><output aria-live="off" id="mx-thr-value" for="mx-thr" class="num"></output></div>
  <div class="mx-set mx-ce"><span class="choice"><input type="checkbox" id="mx-compare" aria-describedby="mx-compare-note"><label for="mx-compare">compare: the same rows through a sigmoid per column instead</label></span>
    <p id="mx-compare-note" class="note">A sigmoid scores each class on its own, so a row no longer sums to 1: it is no distribution over one class. Softmax makes the classes compete for one unit of probability.</p></div>
</div>
<div class="mx-lab">
  <div class="mx-samples" role="group" aria-labelledby="mx-samples-heading">
    <h2 id="mx-samples-heading">Samples</h2>
    <p class="hint mx-ce">Each sample is a row of K activations (logits), one per class. Softmax turns the row into probabilities that sum to 1; the loss is −ln of the target class’s probability, and its gradient is p minus the target distribution q.</p>
    <p class="hint mx-ml">Each sample may carry any of K labels. Every activation goes through its own sigmoid and gets its own binary cross-entropy; the sample’s loss is the mean over its K labels. In each sample’s picture a bar is a label’s p, the dashed line the threshold, and a ring its target (at the top for 1, at the bottom for 0).</p>
    <button type="button" id="mx-skip-rows" class="skip">Skip past the samples</button>
    <ol id="mx-samples" class="mx-list"></ol>
    <p id="mx-note" class="note" role="status"></p>
  </div>
  <div class="mx-results" role="group" aria-labelledby="mx-chart-heading">
    <h2 id="mx-chart-heading">Loss per sample</h2>
    <figure class="chart-figure" data-mx-view="chart" aria-labelledby="mx-chart-heading">
      <svg id="mx-chart" class="chart mx-chart" viewBox="0 0 480 250" role="img" aria-labelledby="mx-chart-title" aria-describedby="mx-chart-desc"><title id="mx-chart-title">Bar chart of the loss of each sample, with the mean as a dashed line</title><desc id="mx-chart-desc"></desc></svg>
      <figcaption class="legend" id="mx-legend"></figcaption>
      ${exportButton('mx-chart', 'loss-per-sample', 'mx-chart-title')}
    </figure>
    <dl class="stats" data-mx-view="chart">
      <div><dt>mean</dt><dd id="mx-mean" class="num" tabindex="0" data-explain="mean" aria-describedby="mx-stat-formula"></dd></div>
      <div><dt>sum</dt><dd id="mx-sum" class="num" tabindex="0" data-explain="sum" aria-describedby="mx-stat-formula"></dd></div>
      <div><dt>N × K</dt><dd id="mx-shape" class="num"></dd></div>
      <div><dt id="mx-accuracy-name">accuracy</dt><dd id="mx-accuracy" class="num"></dd></div>
    </dl>
    <p id="mx-stat-formula" class="formula" hidden></p>
    <p class="hint">Point at or focus any loss, probability or gradient to see how it is computed.</p>
    <span class="choice" data-mx-view="gradient"><input type="checkbox" id="mx-show-grad"><label for="mx-show-grad">show gradients</label></span>
    <fieldset class="setting backward" data-mx-view="gradient" aria-describedby="mx-backward-note">
      <legend class="setting-label">Gradient of</legend>
      <div class="choices">
        <span class="choice"><input type="radio" name="mx-backward" id="mx-backward-mean" value="mean"><label for="mx-backward-mean">the mean loss, loss.mean().backward()</label></span>
        <span class="choice"><input type="radio" name="mx-backward" id="mx-backward-sum" value="sum"><label for="mx-backward-sum">the sum of the losses, loss.sum().backward()</label></span>
      </div>
      <p id="mx-backward-note" class="note"></p>
    </fieldset>
    <div class="descent" data-mx-view="controls">
      <h3>Take a step downhill</h3>
      <p class="hint">A step moves every activation against its gradient: x − lr × gradient / N.</p>
      <div class="descent-controls">
        <label for="mx-lr">learning rate</label><select id="mx-lr" class="num"></select>
        <button type="button" id="mx-step">One gradient step</button><button type="button" id="mx-train">Train</button>
      </div>
      <p id="mx-step-note" class="note" role="status"></p>
      ${trainBoxHtml('mx-')}
    </div>
    <div class="torch">
      <details class="panel" id="mx-code-panel" data-mx-view="code">
        <summary><h3>The PyTorch code for this screen</h3></summary>
      </details>
    </div>
  </div>
</div>
</div>`;

/** One sample: its target, its K cells (cloned from MX_CELL), row sums, a picture and a formula. */
export const MX_SAMPLE = `<li class="mx-sample">
  <div class="mx-head">
    <h3 class="mx-name">Sample <span class="mx-n"></span></h3>
    <label class="mx-target-wrap mx-ce">target <select class="mx-target num"></select></label>
    <span class="mx-loss-wrap">loss <output aria-live="off" class="mx-loss num" tabindex="-1" data-explain="loss"></output></span>
  </div>
  <div class="mx-cell mx-colheads" aria-hidden="true"><span class="mx-cls mx-kname"></span><span class="mx-x">activation x</span><span class="mx-xv"></span><span class="mx-pw mx-pname"></span><span class="mx-sw2">σ(x)</span><span class="mx-gw">gradient</span></div>
  <div class="mx-cells"></div>
  <p class="mx-sums note"></p>
  <svg class="mx-viz chart" viewBox="0 0 400 80" role="img"><title></title></svg>
  <p class="mx-formula formula" hidden></p>
</li>`;

export const MX_CELL = `<div class="mx-cell">
  <span class="mx-cls mx-ce"><span class="mx-sw"></span><span class="mx-cn"></span></span>
  <button type="button" class="mx-tog mx-cls mx-ml"><span class="mx-sw"></span><span class="visually-hidden mx-tpre"></span><span class="mx-cn"></span> <span class="mx-tv num" aria-hidden="true"></span></button>
  <input type="range" class="mx-x" min="-6" max="6" step="0.1" data-explain="prob">
  <output aria-live="off" class="mx-xv num"></output>
  <span class="mx-pw"><span class="visually-hidden mx-pname"></span><output aria-live="off" class="mx-p num" tabindex="-1" data-explain="prob"></output><span class="mx-pred mx-ml"></span></span>
  <span class="mx-sw2"><span class="visually-hidden">sigmoid </span><output aria-live="off" class="mx-s num"></output></span>
  <span class="mx-gw"><span class="visually-hidden">gradient </span><output aria-live="off" class="mx-g num" tabindex="-1" data-explain="grad"></output></span>
</div>`;
