// The hostile corpus of the browser tests (hostile.test.mjs): values that must not run, make elements
// or break the numbers, in every attribute of <loss-lab> and every field of the full page's address,
// and what each field must do with each value. Data only; the tests that use it are in hostile.test.mjs.

const HUGE = 'A'.repeat(100_000);
const MANY_NUMBERS = Array(25_001).fill('0.5').join(','); // 100,003 characters, 25,001 numbers
const P65 = Array(65).fill('0.5').join(',');
const T65 = Array(65).fill('1').join(',');
const ONES64 = Array(64).fill('1').join(',');

/**
 * Hostile (and a few valid) values. `ok` says, per field, which values can be used: 'ok' must
 * render without a notice; 'odd' may go either way (valid but unusual); every field not named
 * is 'bad': the lab must keep its numbers and show a notice naming the field.
 * `in` and `t` (old address names) follow predictions and targets.
 */
export const CORPUS = [
  ['img onerror', '<img src=x onerror="window.__pwned=1;alert(1)">'],
  ['script tag', '"><script>window.__pwned=1;alert(1)</script>'],
  ['svg onload', "'><svg onload=window.__pwned=1>"],
  ['close the element', '</loss-lab><img src=x onerror=window.__pwned=1>'],
  ['attribute break', '" onmouseover="window.__pwned=1" autofocus onfocus="window.__pwned=1" x="'],
  ['iframe srcdoc', '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>'],
  ['javascript: URL', 'javascript:window.__pwned=1;alert(1)'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is a template literal's syntax, on purpose.
  ['template literal', '${window.__pwned=1}'],
  ['template injection', "{{constructor.constructor('window.__pwned=1;alert(1)')()}}"],
  ['entities', '&lt;img src=x onerror=window.__pwned=1&gt;&#60;b&#62;'],
  ['data: URL', 'data:text/html,<script>window.__pwned=1</script>'],
  ['style break', '</style><style>*{display:none}</style>'],
  ['<b>', '<b>'],
  ['<x>', '<x>'],
  ['100k characters', HUGE],
  ['25,001 numbers', MANY_NUMBERS],
  ['RTL override', '\u202Ebce\u202C'],
  ['RTL in numbers', '\u202E0.5,0.2,0.3'],
  ['zero-width space', 'b\u200Bce'],
  ['zero-width in numbers', '0.5\u200B,0.5,0.5'],
  ['BOM before numbers', '\uFEFF1,0,1', { targets: 'odd', predictions: 'odd' }],
  ['NUL', '\u0000'],
  ['emoji', '💥'],
  ['lone surrogate', '\uD800'],
  ['Arabic-Indic digit', '\u0661'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['-Infinity', '-Infinity'],
  ['-0', '-0', { targets: 'odd', predictions: 'odd' }],
  ['1e309', '1e309'],
  ['1e-300', '1e-300', { predictions: 'odd' }],
  ['hex', '0x10'],
  ['underscore digits', '1_000'],
  ['empty', '', { params: 'odd', compare: 'odd', views: 'odd', theme: 'odd', open: 'odd', gamma: 'odd', alpha: 'odd' }],
  ['commas only', ',,,', { views: 'odd' }],
  ['65 predictions', P65],
  ['65 targets', T65],
  ['1.5', '1.5'],
  ['one out of [0, 1]', '0.5,1.5,0.3'],
  ['-1', '-1'],
  ['target 2', '1,2,0'],
  ['newlines', '1\n0\n1'],
  ['__proto__=1', '__proto__=1'],
  ['constructor=1', 'constructor=1'],
  ['gamma=NaN', 'gamma=NaN'],
  ['unknown loss id', 'not_a_loss'],
  ['upper-case loss id', 'BCE'],
  // Loss ids of other families: mse is a regression loss the lab shows; cross_entropy takes rows.
  ['mse', 'mse', { loss: 'ok' }],
  ['cross_entropy', 'cross_entropy', { loss: 'odd' }],
  ['rows', '0.9,0.1;0.2,0.8'],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['toString', 'toString'],
  ['four losses', 'distance,bce,brier,hinge'],
  ['bce four times', 'bce,bce,bce,bce', { compare: 'odd' }],
  // Valid values: nothing to complain about.
  ['bce', 'bce', { loss: 'ok', compare: 'ok' }],
  ['logit', 'logit', { space: 'ok' }],
  ['0.25,0.75', '0.25,0.75', { predictions: 'ok' }],
  ['1,0,1', '1,0,1', { targets: 'ok', predictions: 'ok' }],
  ['64 ones', ONES64, { targets: 'ok', predictions: 'ok' }],
  ['chart,code', 'chart,code', { views: 'ok' }],
  ['dark', 'dark', { theme: 'ok' }],
  ['0.1', '0.1', { predictions: 'ok', lr: 'ok' }],
  ['off', 'off', { grad: 'ok' }],
  ['code,compare', 'code,compare', { open: 'ok', views: 'ok' }],
];

/** Several attributes at once: [name, attributes, expectation, names the notice may use]. */
export const ATTRIBUTE_COMBOS = [
  ['focal, __proto__=1', { loss: 'focal', params: '__proto__=1' }, 'bad', ['param']],
  ['focal, constructor=1', { loss: 'focal', params: 'constructor=1' }, 'bad', ['param']],
  ['focal, toString=1', { loss: 'focal', params: 'tostring=1' }, 'bad', ['param']],
  ['focal, gamma=-1', { loss: 'focal', params: 'gamma=-1' }, 'bad', ['gamma', 'param']],
  ['focal, gamma=1e309', { loss: 'focal', params: 'gamma=1e309' }, 'bad', ['gamma', 'param']],
  ['focal, alpha=2', { loss: 'focal', params: 'alpha=2' }, 'bad', ['alpha', 'param']],
  ['focal, gamma=2,alpha=0.5', { loss: 'focal', params: 'gamma=2,alpha=0.5' }, 'ok', []],
  ['focal in space prob', { loss: 'focal', space: 'prob' }, 'bad', ['space', 'focal']],
  ['hinge in space prob', { loss: 'hinge', space: 'prob' }, 'bad', ['space', 'hinge']],
  ['2 predictions, 3 targets', { predictions: '0.5,0.5', targets: '1,0,1' }, 'bad', ['prediction', 'target']],
  ['3 predictions, 65 targets', { predictions: '0.5,0.5,0.5', targets: T65 }, 'bad', ['target']],
  ['logit space, 1.5 and -3', { space: 'logit', predictions: '1.5,-3,1e-300' }, 'ok', []],
  ['logit space, -0', { space: 'logit', predictions: '-0' }, 'odd', []],
  ['logit space, 1e300', { space: 'logit', predictions: '1e300,-1e300' }, 'odd', []],
  ['logit space, 1e309', { space: 'logit', predictions: '1e309' }, 'bad', ['prediction', 'activation']],
  ['negative target', { targets: '-1,0,1', predictions: '0.9,0.2,0.3' }, 'bad', ['target']],
  ['bce at exactly 0 and 1', { loss: 'bce', predictions: '0,1,0', targets: '1,0,0' }, 'ok', []],
  ['mse, real targets', { loss: 'mse', predictions: '1.5,-2', targets: '0.25,3' }, 'ok', []],
  ['mse, errors of 2e300', { loss: 'mse', predictions: '1e300,0', targets: '-1e300,0' }, 'odd', []],
  ['mse, target 1e309', { loss: 'mse', targets: '1e309' }, 'bad', ['target']],
  ['huber, delta=-1', { loss: 'huber', params: 'delta=-1' }, 'bad', ['delta', 'param']],
  ['mse in space logit', { loss: 'mse', space: 'logit' }, 'bad', ['space']],
  ['mse compared with bce', { loss: 'mse', compare: 'bce' }, 'bad', ['compare']],
  ['cross_entropy with rows', { loss: 'cross_entropy', predictions: '1,2,3;0,0,1', targets: '2,0' }, 'odd', []],
  ['multilabel_bce with rows', { loss: 'multilabel_bce', predictions: '0.5,-1;2,0', targets: '1,0;0,1' }, 'odd', []],
];

/** Words a notice about `field` may use to name it, when that field alone is wrong. */
export const FIELD_WORDS = {
  loss: ['loss'],
  space: ['space'],
  targets: ['target'],
  predictions: ['prediction', 'activation'],
  params: ['param'],
  compare: ['compare'],
  views: ['views'],
  theme: ['theme'],
  lr: ['lr', 'learning rate'],
  grad: ['grad'],
  open: ['open'],
  in: ['prediction', 'activation'],
  t: ['target'],
  gamma: ['gamma', 'param'],
  alpha: ['alpha', 'param'],
};
/**
 * When several fields are wrong at once, each must be named in its own words: state.js writes
 * `name “value”`, the engine `prediction 2 is …` / `gamma is …`, lab.js `… has no parameter “x”`.
 */
export const NAMED = {
  loss: /\bloss “/,
  space: /\bspace “/,
  targets: /\btargets “|\btarget \d+ is\b/,
  predictions: /\bpredictions “|\b(prediction|activation) \d+ is\b/,
  params: /\bparams “|\bparameter “|\b(gamma|alpha|delta|beta) is\b/,
  compare: /\bcompare “/,
  views: /\bviews “/,
  theme: /\btheme “/,
  lr: /\blr “/,
  grad: /\bgrad “/,
  open: /\bopen “/,
};
Object.assign(NAMED, { in: NAMED.predictions, t: NAMED.targets, gamma: NAMED.params, alpha: NAMED.params });

/** The old address names, as the fields they stand for. */
export const ALIAS = { in: 'predictions', t: 'targets' };
/** What `field` must do with a corpus entry: 'ok', 'odd' or 'bad'. */
export const expectation = (entry, field) => entry[2]?.[ALIAS[field] ?? field] ?? 'bad';
/** A value as a case's label shows it: quoted, and cut short past 40 characters. */
export const short = (value) => JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…(${value.length})` : value);
/** encodeURIComponent, with a lone surrogate sent as its (invalid) UTF-8 bytes. */
export const encodeField = (v) =>
  v.isWellFormed() ? encodeURIComponent(v) : [...v].map((c) => (c.isWellFormed() ? encodeURIComponent(c) : '%ED%A0%80')).join('');

/** The attributes of <loss-lab> that take a string, and those that are present or absent. */
export const STRING_ATTRIBUTES = ['loss', 'space', 'targets', 'predictions', 'params', 'compare', 'views', 'theme'];
export const BOOLEAN_ATTRIBUTES = ['readonly', 'compact'];

/** The fields of the full page's address. */
export const PAGE_FIELDS = ['loss', 'space', 'targets', 'predictions', 'params', 'compare', 'lr', 'grad', 'open'];
/** Older names: `in` and `t` for predictions and targets, focal's `gamma` and `alpha` on their own. */
export const OLD_FIELDS = ['in', 't', 'gamma', 'alpha'];

/** Raw addresses: [label, hash, expectation, words]. */
export const HASH_COMBOS = [
  ['focal, params=__proto__=1', '#loss=focal&params=__proto__=1', 'bad', ['param']],
  ['focal, params=constructor=1', '#loss=focal&params=constructor=1', 'bad', ['param']],
  ['focal, old gamma=-1', '#loss=focal&space=logit&gamma=-1', 'bad', ['gamma', 'param']],
  ['focal, old gamma and alpha', '#loss=focal&space=logit&gamma=1.5&alpha=0.4', 'ok', []],
  ['focal in space prob', '#loss=focal&space=prob', 'bad', ['space', 'focal']],
  ['2 predictions, 3 targets', '#predictions=0.5,0.5&targets=1,0,1', 'bad', ['prediction', 'target']],
  ['old and new names', '#in=0.5,0.5,0.5&predictions=0.25,0.25,0.25&t=1,1,1', 'odd', []],
  ['duplicate loss, last hostile', '#loss=bce&loss=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E', 'bad', ['loss']],
  ['malformed percent', '#predictions=%E0%A4%A', 'bad', ['prediction']],
  ['lone percent', '#%', 'odd', []],
  ['no value', '#loss', 'bad', ['loss']],
  ['empty names', '#=&=&==', 'odd', []],
  ['__proto__ field', '#__proto__=1&constructor=1&toString=1&hasOwnProperty=1', 'odd', []],
  ['hash of a hash', '##loss=bce', 'odd', []],
  ['logit, big activations', '#space=logit&predictions=1e300,-1e300,0', 'odd', []],
  ['unknown field', '#evil=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E', 'odd', []],
  ['mse, errors of 2e300', '#loss=mse&predictions=1e300,0&targets=-1e300,0', 'odd', []],
  ['huber, delta=-1', '#loss=huber&params=delta=-1', 'bad', ['delta', 'param']],
];
