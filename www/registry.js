// What a loss is, in one place: its name, short tag, menu label, one-line hint and PyTorch call
// (its formula filled in with the reader's numbers is formula.js, loaded on first use). Ids,
// families, spaces, parameter defaults and domains are the engine's catalogue, which `make build`
// writes into catalogue.js (tools/catalogue.mjs); adding a loss means the engine plus one entry here.

import { CATALOGUE } from './catalogue.js';

/** The menu's groups, in order, and the families each holds. */
export const MENU_GROUPS = [
  { label: 'Yes or no: targets 0 and 1', families: ['binary'] },
  { label: 'How much: real-valued targets', families: ['regression'] },
  { label: 'Which one: many classes, many labels', families: ['multiclass', 'multilabel'] },
];

/**
 * `torch(vars)` is the expression PyTorch evaluates for the per-sample losses. `vars` holds the
 * names the code view uses: `x` (activations), `p` (probabilities, a name or `torch.sigmoid(x)`),
 * `t` (targets), `logit` (whether the inputs are activations) and the loss's `params`, each
 * already a Python literal. `readsP`: the expression names `p`, which in logit space the program
 * makes first as `p = torch.sigmoid(x)`. `flat`: no gradient (the program prints zeros instead).
 * `controls`: a slider for each parameter the lab lets the reader set (views/settings.js draws them),
 * `param` as the catalogue names it; `min` and `max` default to the parameter's domain, `digits`
 * are the decimals its value shows, `offLabel` a checkbox that sets the domain's `off` value.
 * `legend` heads them (default 'Parameter'). `curve: 'prediction'`: a regression loss that is not a
 * function of the error d = ŷ − y alone, whose loss curve is drawn against ŷ, one curve per target
 * (views/curve.js says so under it).
 */
const ENTRIES = {
  distance: {
    tag: 'dist',
    name: 'distance',
    menu: 'distance, |target − p|',
    hint: 'How far each prediction lands from its target: 1 − p for target 1, p for target 0.',
    torch: () => 'torch.where(t == 1, 1 - p, p)',
    readsP: true,
  },
  bce: {
    tag: 'CE',
    name: 'binary cross-entropy',
    menu: 'binary cross-entropy',
    hint: 'Minus the log of the probability of the right answer: a confident mistake costs far more (PyTorch caps it at 100).',
    torch: ({ logit }) =>
      logit ? "F.binary_cross_entropy_with_logits(x, t, reduction='none')" : "F.binary_cross_entropy(p, t, reduction='none')",
  },
  brier: {
    tag: 'Brier',
    name: 'Brier score',
    menu: 'Brier, squared error',
    hint: 'The squared distance (p − t)²: small misses cost little, big ones a lot, none more than 1.',
    torch: ({ p }) => `(${p} - t)**2`,
  },
  focal: {
    tag: 'focal',
    name: 'focal loss',
    menu: 'focal',
    hint: 'Cross-entropy turned down for samples already right, so hard ones dominate; γ sets how much, α weighs target 1 against 0.',
    torch: ({ params }) => `sigmoid_focal_loss(x, t, alpha=${params.alpha}, gamma=${params.gamma}, reduction='none')`,
    imports: ['from torchvision.ops import sigmoid_focal_loss'],
    legend: 'Focal loss parameters',
    controls: [
      { param: 'gamma', label: 'γ, focus on hard samples', max: 5, step: 0.5, digits: 1 },
      { param: 'alpha', label: 'α, weight of target 1', step: 0.05, digits: 2, offLabel: 'no class weight (α = −1)' },
    ],
  },
  hinge: {
    tag: 'hinge',
    name: 'hinge loss',
    menu: 'hinge',
    hint: 'The SVM margin loss on the raw score: zero once a sample is right by a margin of 1, then a straight line.',
    torch: () => 'F.relu(1 - (2*t - 1) * x)',
  },
  zero_one: {
    tag: '0-1',
    name: '0-1 loss',
    menu: '0-1, right or wrong',
    hint: 'Right or wrong: 1 on the wrong side of p = 0.5, else 0. Its gradient is zero, so it cannot guide training.',
    torch: () => '((p >= 0.5) != (t >= 0.5)).double()',
    readsP: true,
    flat: true,
  },
  mse: {
    tag: 'MSE',
    name: 'mean squared error',
    menu: 'mean squared error',
    hint: 'The squared error d²: twice as far off costs four times as much, so one outlier can dominate the mean.',
    torch: () => "F.mse_loss(y_hat, y, reduction='none')",
  },
  mae: {
    tag: 'MAE',
    name: 'mean absolute error',
    menu: 'mean absolute error',
    hint: 'The error’s size |d|: every unit costs the same, and the gradient is always ±1, however close.',
    torch: () => "F.l1_loss(y_hat, y, reduction='none')",
  },
  huber: {
    tag: 'Huber',
    name: 'Huber loss',
    menu: 'Huber',
    hint: 'Squared while the error is under δ, a straight line beyond: small errors refine, outliers cannot take over.',
    torch: ({ params }) => `F.huber_loss(y_hat, y, reduction='none', delta=${params.delta})`,
    controls: [{ param: 'delta', label: 'δ, where the square turns into a line', min: 0.1, max: 5, step: 0.1, digits: 1 }],
  },
  smooth_l1: {
    tag: 'sL1',
    name: 'smooth L1 loss',
    menu: 'smooth L1',
    hint: 'Huber divided by β: quadratic under β, then |d| − β/2, so its slope far out is always 1.',
    torch: ({ params }) => `F.smooth_l1_loss(y_hat, y, reduction='none', beta=${params.beta})`,
    controls: [{ param: 'beta', label: 'β, where the square turns into a line', min: 0.1, max: 5, step: 0.1, digits: 1 }],
  },
  log_cosh: {
    tag: 'logcosh',
    name: 'log-cosh loss',
    menu: 'log-cosh',
    hint: 'log(cosh d): like d²/2 near zero and |d| − log 2 far out, smooth everywhere.',
    torch: () => 'torch.log(torch.cosh(y_hat - y))',
  },
  poisson_nll: {
    tag: 'Poisson',
    name: 'Poisson negative log-likelihood',
    menu: 'Poisson, for counts',
    hint: 'For counts y ≥ 0: ŷ is the log of a rate, and e^ŷ − y × ŷ is least where the rate e^ŷ is y.',
    torch: () => "F.poisson_nll_loss(y_hat, y, log_input=True, full=False, reduction='none')",
    curve: 'prediction',
  },
  cross_entropy: {
    tag: 'CE',
    name: 'cross-entropy',
    menu: 'cross-entropy, softmax over classes',
    hint: 'Softmax turns a row of activations into probabilities that sum to 1; the loss is −ln of the right class’s share.',
    torch: ({ params }) => `F.cross_entropy(x, y, reduction='none', label_smoothing=${params.label_smoothing})`,
  },
  multilabel_bce: {
    tag: 'ML-BCE',
    name: 'multi-label binary cross-entropy',
    menu: 'multi-label binary cross-entropy',
    hint: 'Every label is its own yes-or-no question: a sigmoid and a binary cross-entropy each, averaged over the labels.',
    torch: () => "F.binary_cross_entropy_with_logits(x, t, reduction='none').mean(dim=1)",
  },
};

/** Every loss id this page knows, in menu order (the address and the attributes accept these). */
export const LOSS_IDS = Object.keys(ENTRIES);

/** The engine's catalogue, by id. */
const catalogued = new Map(CATALOGUE.map((entry) => [entry.id, entry]));

/**
 * A loss's entry: the text above plus, from the engine, `family` ('binary', 'regression', 'multiclass'
 * or 'multilabel'), `spaces`, `params` (name → default) and `domains` (name → { min, minOpen, max, off }).
 * Undefined for an id either side lacks.
 */
export function lossInfo(id) {
  const entry = ENTRIES[id];
  const engine = catalogued.get(id);
  if (!entry || !engine) return undefined;
  return { id, ...entry, family: engine.family, spaces: engine.spaces, params: { ...engine.params }, domains: engine.domains };
}

/** The lab for a family: the binary and regression lab ('scalar'), or the lab for many classes and labels ('matrix'). */
export const labOf = (id) => (['multiclass', 'multilabel'].includes(lossInfo(id)?.family) ? 'matrix' : 'scalar');
export const isMatrixLoss = (id) => labOf(id) === 'matrix';
export const familyOf = (id) => lossInfo(id)?.family;
export const nameOf = (id) => ENTRIES[id]?.name ?? id;

/** Losses that take raw activations only say so in menus. */
export const onlyActivations = (id) => familyOf(id) === 'binary' && !lossInfo(id).spaces.includes('prob');

/** The loss menu's groups and options, generated from the registry: a loss the engine lacks is left out. */
export function menuGroups() {
  return MENU_GROUPS.map(({ label, families }) => ({
    label,
    options: LOSS_IDS.filter((id) => families.includes(familyOf(id))).map((id) => ({
      id,
      label: `${ENTRIES[id].menu}${onlyActivations(id) ? ' (activations only)' : ''}`,
    })),
  }));
}
