// The lab's markup, cloned into each <loss-lab> shadow root. `data-view` marks what the `views` attribute shows.

import { PRESETS } from './config.js';
import { exportButton } from './dom.js';
import { trainBoxHtml } from './views/training.js';

/** A family's preset buttons (config.js PRESETS), each with its line; hidden unless the family is shown. */
const presetList = (family) =>
  `<ul data-family="${family}"${family === 'binary' ? '' : ' hidden'}>${Object.entries(PRESETS[family])
    .map(
      ([name, { label, line }]) => `<li><button type="button" data-preset="${name}" disabled>${label}</button> <span>${line}</span></li>`,
    )
    .join('')}</ul>`;

export const MARKUP = `<div class="root" id="lab-root">
    <p id="load-status" class="load-status" role="alert">Loading the loss engine…</p>
<p id="notice" class="load-status notice" role="status" hidden></p>

    <div class="settings" data-view="controls" role="group" aria-label="Loss and inputs">
      <div class="setting">
        <label for="loss-select" class="setting-label">Loss function</label>
        <select id="loss-select" aria-describedby="loss-desc" disabled></select>
        <p id="loss-desc" class="desc"></p>
      </div>


      <fieldset class="setting" id="space-setting">
        <legend class="setting-label">Predictions are</legend>
        <div class="choices">
          <span class="choice">
            <input type="radio" name="space" id="space-prob" value="prob" checked disabled aria-describedby="space-note">
            <label for="space-prob">probabilities, 0 to 1</label>
          </span>
          <span class="choice">
            <input type="radio" name="space" id="space-logit" value="logit" disabled aria-describedby="space-note">
            <label for="space-logit">raw activations, through sigmoid</label>
          </span>
        </div>
        <p id="space-note" class="note" role="status"></p>
      </fieldset>

      <fieldset class="setting loss-params" id="loss-params" hidden>
        <legend class="setting-label" id="loss-params-legend">Parameter</legend>
        <div id="param-controls"></div>
      </fieldset>
    </div>

    <div id="scalar-lab">
    <div class="lab">
      <div class="samples" role="group" aria-labelledby="samples-heading">
        <h2 id="samples-heading">Samples <span class="count num" id="sample-count"></span></h2>
        <div class="presets" data-view="controls" role="group" aria-labelledby="presets-label">
          <p id="presets-label" class="hint">Start from an example, or change any row.</p>
          ${presetList('binary')}
          ${presetList('regression')}
        </div>
        <button type="button" id="skip-rows" class="skip">Skip past the samples</button>
        <ol id="samples" class="sample-list"></ol>
        <div class="sample-actions" data-view="controls">
          <button type="button" id="add-sample" disabled>Add a sample</button>
          <button type="button" id="reset" disabled>Reset to the example</button>
        </div>
        <p id="samples-note" class="note" role="status"></p>

        <details class="panel" id="curve-panel" data-view="curve" open>
          <summary><h3>The loss curve</h3></summary>
          <p class="hint" data-family="binary">The loss of any input for target 1 and 0. Drag a dot, or focus it and use the arrow keys; it shows its slope, the sample’s own gradient (that of the sum). A hollow dot at the top edge: a loss above the axis, its label says which.</p>
          <p class="hint" id="curve-hint-regression" data-family="regression" hidden>The loss of any error d = ŷ − y: near zero the square is gentle, far out it is steep, a line or a curve. Drag a dot to move its prediction.</p>
          <div class="plot-box"><svg id="curve" class="chart plot" tabindex="-1" role="group" aria-labelledby="curve-title" aria-describedby="curve-desc"><title id="curve-title">Loss curve for target 1 (solid) and target 0 (dashed), with the samples on it</title></svg></div>
          <p id="curve-desc" class="note"></p>
          ${exportButton('curve', 'loss-curve', 'curve-title')}
        </details>

        <details class="panel" id="sigmoid-panel" data-view="sigmoid" open>
          <summary><h3>Why the sigmoid</h3></summary>
          <p class="hint">σ maps any activation x to a probability p between 0 and 1. Drag a dot along the curve, or focus it and use the arrow keys.</p>
          <div class="plot-box"><svg id="sigmoid" class="chart plot" tabindex="-1" role="group" aria-labelledby="sigmoid-title" aria-describedby="sigmoid-desc"><title id="sigmoid-title">The sigmoid curve with each sample's activation and probability</title><desc id="sigmoid-desc"></desc></svg></div>
          ${exportButton('sigmoid', 'sigmoid', 'sigmoid-title')}
        </details>
      </div>

      <div class="results" role="group" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Loss per sample</h2>
        <dl class="stats" data-view="chart">
          <div><dt>mean</dt><dd id="mean" class="num" tabindex="0" data-explain="mean" aria-describedby="stat-formula"></dd></div>
          <div><dt>sum</dt><dd id="sum" class="num" tabindex="0" data-explain="sum" aria-describedby="stat-formula"></dd></div>
          <div><dt>samples</dt><dd id="rows" class="num"></dd></div>
          <div data-family="binary"><dt>accuracy</dt><dd id="accuracy" class="num"></dd></div>
        </dl>
        <p id="stat-formula" class="formula" hidden></p>
        <figure class="chart-figure" data-view="chart" aria-labelledby="chart-heading">
          <div id="chart-box">
            <svg id="chart" class="chart" role="img" aria-labelledby="chart-title" aria-describedby="chart-desc">
              <title id="chart-title">Bar chart of the loss of each sample, with the mean as a dashed line</title>
              <desc id="chart-desc"></desc>
              <defs><pattern id="t0-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="t0-bg" width="6" height="6"/><line class="t0-ink" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>
            </svg>
          </div>
          <figcaption class="legend">
            <span class="key key-t1" data-family="binary">target 1 (positive)</span>
            <span class="key key-t0" data-family="binary">target 0 (negative)</span>
            <span class="key key-r" data-family="regression" hidden>loss of a sample</span>
            <span class="key key-mean">mean</span>
            <span class="key key-grad" data-view="gradient">gradient</span>
            <span class="key-mark" id="key-arrows" hidden>▲ ▼ which way a step moves a prediction</span>
            <span class="key-mark" id="key-clipped" hidden>a triangle at the band’s edge: a gradient cut off</span>
            <span class="choice" data-view="gradient"><input type="checkbox" id="show-grad" checked><label for="show-grad">show gradients</label></span>
            ${exportButton('chart', 'loss-per-sample', 'chart-title')}
          </figcaption>
        </figure>
        <fieldset class="setting backward" data-view="gradient" aria-describedby="backward-note">
          <legend class="setting-label">Gradient of</legend>
          <div class="choices">
            <span class="choice"><input type="radio" name="backward" id="backward-mean" value="mean" checked><label for="backward-mean">the mean loss, loss.mean().backward()</label></span>
            <span class="choice"><input type="radio" name="backward" id="backward-sum" value="sum"><label for="backward-sum">the sum of the losses, loss.sum().backward()</label></span>
          </div>
          <p id="backward-note" class="note"></p>
        </fieldset>

        <p class="hint formula-hint" data-view="chart">Point at or focus any loss, gradient or probability to see how it is computed.</p>

        <div class="torch" data-view="chart">
          <p class="torch-caption">The same numbers as PyTorch prints them:</p>
          <pre tabindex="0" role="group" aria-label="PyTorch output"><code><span class="prompt" aria-hidden="true">&gt;&gt;&gt; </span>loss(predictions, targets)
<span id="torch-line"></span>
<span class="prompt" aria-hidden="true">&gt;&gt;&gt; </span>_.mean()
<span id="torch-mean"></span></code></pre>
          <details class="panel" id="code-panel" data-view="code">
            <summary><h3>The PyTorch code for this screen</h3></summary>
          </details>
        </div>

        <div class="descent" data-view="controls">
          <h3>Take a step downhill</h3>
          <p class="hint">
            One step of gradient descent moves every prediction a little against its gradient; training
            repeats it. Change a sample at any time: a new run starts from there.
          </p>
          <div class="descent-controls">
            <label for="learning-rate">learning rate</label>
            <select id="learning-rate" class="num"></select>
            <button type="button" id="step" disabled>One gradient step</button>
            <button type="button" id="train" disabled>Train</button>
          </div>
          <p id="step-note" class="note" role="status"></p>
          <p class="hint model-hint">A real model moves its weights, and every prediction follows: <button type="button" id="model-select" disabled>train a model’s weights instead</button></p>
          ${trainBoxHtml('')}
        </div>

        <details class="numbers" id="numbers" data-view="chart">
          <summary>The numbers behind the chart</summary>
        </details>
        <p id="chart-live" class="visually-hidden" aria-live="polite"></p>
      </div>
    </div>

    <details class="panel compare" id="compare-panel" data-view="compare">
      <summary><h2>Compare losses</h2></summary>
    </details>
    </div>
    <div id="matrix-host" hidden></div>
    <div id="weights-host" hidden></div>
<template id="sample-template">
  <li class="sample">
    <div class="sample-head">
      <span class="sample-name">Sample <span class="sample-number num"></span></span>
      <button type="button" class="target" aria-description="Press to flip the target between 1 and 0"><span class="sample-prefix visually-hidden"></span><span class="target-label">target </span><span class="target-value num"></span> <span class="target-word"></span></button>
      <span class="target-box" hidden><label class="target-field-label">target y</label> <input type="text" class="target-field num" inputmode="decimal" autocomplete="off" spellcheck="false"></span>
      <span class="sample-loss">loss <output aria-live="off" class="loss" tabindex="-1" data-explain="loss"></output></span>
      <button type="button" class="remove" aria-label=""><span aria-hidden="true">×</span></button>
    </div>
    <div class="sample-input">
      <label class="input-label"><span class="sample-prefix visually-hidden"></span><span class="input-name">prediction</span> <var class="input-var">p</var></label>
      <input type="range" class="pred-range" data-explain="loss">
      <label class="field-label visually-hidden"></label>
      <input type="text" class="pred-field num" inputmode="decimal" autocomplete="off" spellcheck="false">
    </div>
    <div class="sample-extra">
      <span class="prob-wrap">σ(x) <output aria-live="off" class="prob" tabindex="-1" data-explain="prob"></output></span>
      <span class="grad-wrap">gradient <output aria-live="off" class="grad" tabindex="-1" data-explain="grad"></output> <span class="direction"></span></span>
    </div>
    <p class="field-error" role="alert"></p>
  <p class="row-formula formula" hidden></p>
  </li>
</template>
</div>`;
