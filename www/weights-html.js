// The markup of the lab where a model's weights make the predictions (weights-lab.js). Constant text
// only: every name and number is written later with textContent. Ids start with `wl-`.

import { modelOptionsHtml } from './config.js';
import { exportButton } from './dom.js';
import { trainBoxHtml } from './views/training.js';

export const WL_MARKUP = `<div class="wl" id="wl-root">
<div class="settings wl-settings" role="group" aria-label="Model and loss">
  <div class="setting">
    <label for="wl-model" class="setting-label">Predictions come from</label>
    <select id="wl-model">${modelOptionsHtml()}</select>
    <p id="wl-model-desc" class="desc"></p>
  </div>
  <div class="setting">
    <label for="wl-loss" class="setting-label">Loss function</label>
    <select id="wl-loss"></select>
    <p id="wl-loss-desc" class="desc"></p>
  </div>
  <div class="setting param" id="wl-knob-box" hidden>
    <label for="wl-knob" id="wl-knob-name"></label>
    <input type="range" id="wl-knob" min="0.1" max="5" step="0.1">
    <output aria-live="off" id="wl-knob-value" for="wl-knob"></output>
  </div>
</div>
<div class="lab wl-lab">
  <div class="samples wl-data" role="group" aria-labelledby="wl-data-heading">
    <h2 id="wl-data-heading">Data <span class="count num" id="wl-count"></span></h2>
    <p id="wl-data-hint" class="hint"></p>
    <div class="plot-box wl-points-box" id="wl-points-box"><svg id="wl-points" class="chart plot" role="group" aria-labelledby="wl-points-title" aria-describedby="wl-points-desc"><title id="wl-points-title"></title></svg></div>
    <p id="wl-points-desc" class="note"></p>
    ${exportButton('wl-points', 'data', 'wl-points-title')}
    <ol id="wl-sentences" class="wl-sentences" hidden></ol>
    <div class="sample-actions" data-wl-view="controls">
      <button type="button" id="wl-add"></button>
      <button type="button" id="wl-remove"></button>
      <button type="button" id="wl-reset">Reset to the example</button>
    </div>
    <p id="wl-note" class="note" role="status"></p>

    <h2 id="wl-weights-heading" class="wl-weights-heading">Weights</h2>
    <p id="wl-weights-hint" class="hint"></p>
    <ul id="wl-weights" class="wl-weights" aria-labelledby="wl-weights-heading"></ul>
    <div class="plot-box wl-param-box" id="wl-param-box">
      <svg id="wl-param-constant" class="chart plot" role="group" aria-labelledby="wl-pc-title" aria-describedby="wl-param-desc"><title id="wl-pc-title">The mean loss against c, with its slope at the current c</title></svg>
      <svg id="wl-param-line" class="chart plot" role="group" aria-labelledby="wl-pl-title" aria-describedby="wl-param-desc" hidden><title id="wl-pl-title">The mean loss over the weights w and b, with the path of training</title></svg>
      <svg id="wl-param-words" class="chart" role="img" aria-labelledby="wl-pw-title wl-param-desc" hidden><title id="wl-pw-title">Each word’s weight, and where one step moves it</title></svg>
    </div>
    <p id="wl-param-desc" class="note"></p>
    ${exportButton('wl-param-constant wl-param-line wl-param-words', 'weights', 'wl-param-desc')}
  </div>

  <div class="results" role="group" aria-labelledby="wl-chart-heading">
    <h2 id="wl-chart-heading">Loss per sample</h2>
    <dl class="stats">
      <div><dt>mean</dt><dd id="wl-mean" class="num"></dd></div>
      <div><dt>sum</dt><dd id="wl-sum" class="num"></dd></div>
      <div><dt>samples</dt><dd id="wl-rows" class="num"></dd></div>
      <div id="wl-accuracy-box"><dt>accuracy</dt><dd id="wl-accuracy" class="num"></dd></div>
    </dl>
    <figure class="chart-figure" aria-labelledby="wl-chart-heading">
      <svg id="wl-chart" class="chart" role="img" aria-labelledby="wl-chart-title" aria-describedby="wl-chart-desc"><title id="wl-chart-title">Bar chart of the loss of each sample, with the mean as a dashed line</title><desc id="wl-chart-desc"></desc></svg>
      ${exportButton('wl-chart', 'loss-per-sample', 'wl-chart-title')}
    </figure>
    <div class="descent" data-wl-view="controls">
      <h3>Train the weights</h3>
      <p id="wl-descent-hint" class="hint"></p>
      <div class="descent-controls">
        <label for="wl-lr">learning rate</label>
        <select id="wl-lr" class="num"></select>
        <button type="button" id="wl-step">One gradient step</button>
        <button type="button" id="wl-train">Train</button>
      </div>
      <p id="wl-step-note" class="note" role="status"></p>
      ${trainBoxHtml('wl-')}
    </div>
    <div class="torch" data-wl-view="code">
      <details class="panel" id="wl-code-panel">
        <summary><h3>The PyTorch code for this screen</h3></summary>
      </details>
    </div>
    <p id="wl-live" class="visually-hidden" aria-live="polite"></p>
  </div>
</div>
</div>`;
