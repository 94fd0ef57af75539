//! Requests, their validation, evaluation and the training step.

use crate::activation::Logistic;
use crate::binary;
use crate::error::{At, Field};
use crate::fastmath::Coefficients;
use crate::{multiclass, multilabel, regression, Family, Loss, LossError, Space};

/// Everything one evaluation needs. Inputs and targets are borrowed slices.
///
/// * Binary and regression losses: `inputs` holds N numbers (`cols = 1`), `targets` N numbers.
/// * `cross_entropy`: `inputs` is an N x K matrix, row-major (`cols = K`), `targets` N class
///   indices written as whole numbers (`2.0` is class 2).
/// * `multilabel_bce`: `inputs` and `targets` are both N x K, row-major.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request<'a> {
    /// The loss and its parameters.
    pub loss: Loss,
    /// The input space of a binary loss; `None` for every other family.
    pub space: Option<Space>,
    /// The inputs: probabilities, activations or predictions, row-major for matrices.
    pub inputs: &'a [f64],
    /// Columns per sample: 1 for vectors, K for matrices.
    pub cols: usize,
    /// The targets.
    pub targets: &'a [f64],
}

impl<'a> Request<'a> {
    /// A request over one number per sample (binary and regression losses).
    ///
    /// # Examples
    /// ```
    /// use losslab::{evaluate, Loss, Request};
    /// let r = evaluate(&Request::vector(Loss::Mse, None, &[2.5], &[1.0])).unwrap();
    /// assert_eq!(r.per_sample, vec![2.25]);
    /// assert_eq!(r.grad, vec![3.0]);
    /// ```
    pub fn vector(loss: Loss, space: Option<Space>, inputs: &'a [f64], targets: &'a [f64]) -> Self {
        Request { loss, space, inputs, cols: 1, targets }
    }

    /// A request over an N x K matrix of logits, row-major (cross_entropy, multilabel_bce).
    ///
    /// # Examples
    /// ```
    /// use losslab::{evaluate, Loss, Request};
    /// let ce = Loss::CrossEntropy { label_smoothing: 0.0 };
    /// let r = evaluate(&Request::matrix(ce, &[0.0, 0.0, 0.0], 3, &[1.0])).unwrap();
    /// assert!((r.mean - 3f64.ln()).abs() < 1e-15); // uniform softmax: -ln(1/3)
    /// ```
    pub fn matrix(loss: Loss, inputs: &'a [f64], cols: usize, targets: &'a [f64]) -> Self {
        Request { loss, space: None, inputs, cols, targets }
    }

    /// The number of samples, N (0 if the shape is invalid).
    pub fn rows(&self) -> usize {
        self.inputs.len().checked_div(self.cols).unwrap_or(0)
    }

    /// Whether an evaluation of this request has probabilities to report: sigmoid in
    /// space `logit`, softmax for cross_entropy, per-label sigmoid for multilabel_bce.
    pub fn has_probs(&self) -> bool {
        match self.loss.id().family() {
            Family::Binary => self.space == Some(Space::Logit),
            Family::Regression => false,
            Family::MultiClass | Family::MultiLabel => true,
        }
    }

    /// Checks the whole request once; after this, the kernels trust every number.
    ///
    /// Checks, in this order: the parameters; the space (binary losses need one their
    /// loss supports, others take none); the shape (one number per sample, or K >= 2
    /// classes / K >= 1 labels); at least one sample; as many targets as inputs; then
    /// sample by sample, the inputs (finite; in [0, 1] in space `prob`) and the targets
    /// (finite; in [0, 1] for binary and multi-label; a whole number in 0..K for
    /// cross_entropy; 0 or more for poisson_nll, a count). The first problem found is returned.
    ///
    /// # Errors
    /// The [`LossError`] describing the first problem, naming the sample and the value.
    pub fn validate(&self) -> Result<(), LossError> {
        let loss = self.loss;
        let id = loss.id();
        let name = id.as_str();
        loss.check_params()?;
        let family = id.family();
        match (family, self.space) {
            (Family::Binary, None) => return Err(LossError::MissingSpace { loss: name }),
            (Family::Binary, Some(space)) if !id.spaces().contains(&space) => {
                return Err(LossError::UnsupportedSpace { loss: name, space: space.as_str() })
            }
            (Family::Binary, Some(_)) => {}
            (_, Some(_)) => return Err(LossError::UnexpectedSpace { loss: name }),
            (_, None) => {}
        }
        match family {
            Family::Binary | Family::Regression if self.cols != 1 => {
                return Err(LossError::WrongShape { loss: name, expected: "one number per sample, not rows" })
            }
            Family::MultiClass if self.cols < 2 => return Err(LossError::TooFewClasses { classes: self.cols }),
            Family::MultiLabel if self.cols == 0 => {
                return Err(LossError::WrongShape { loss: name, expected: "at least one label per sample" })
            }
            _ => {}
        }
        if self.inputs.is_empty() {
            return Err(LossError::NoSamples);
        }
        if !self.inputs.len().is_multiple_of(self.cols) {
            return Err(LossError::WrongShape { loss: name, expected: "a whole number of rows" });
        }
        let n = self.rows();
        let want_targets = if family == Family::MultiLabel { self.inputs.len() } else { n };
        if self.targets.len() != want_targets {
            let (inputs, targets) = if family == Family::MultiLabel {
                (self.inputs.len(), self.targets.len())
            } else {
                (n, self.targets.len())
            };
            return Err(LossError::LengthMismatch { inputs, targets });
        }

        if self.numbers_fit() {
            return Ok(());
        }
        // Something does not fit: a scan in sample order names the first problem.
        let input_field = Field::of_inputs(id, self.space);
        let matrix = matches!(family, Family::MultiClass | Family::MultiLabel);
        let at = |i: usize| At { sample: i / self.cols, col: if matrix { Some(i % self.cols) } else { None } };
        for sample in 0..n {
            for i in sample * self.cols..(sample + 1) * self.cols {
                let x = self.inputs[i];
                if !x.is_finite() {
                    return Err(LossError::NotFinite { field: input_field, at: at(i), value: x });
                }
                if self.space == Some(Space::Prob) && !(0.0..=1.0).contains(&x) {
                    return Err(LossError::ProbabilityOutOfRange { at: at(i), value: x });
                }
            }
            let target_range = if family == Family::MultiLabel {
                sample * self.cols..(sample + 1) * self.cols
            } else {
                sample..sample + 1
            };
            for i in target_range {
                let t = self.targets[i];
                let t_at = if family == Family::MultiLabel { at(i) } else { At { sample, col: None } };
                if !t.is_finite() {
                    return Err(LossError::NotFinite { field: Field::Target, at: t_at, value: t });
                }
                match family {
                    Family::Binary | Family::MultiLabel if !(0.0..=1.0).contains(&t) => {
                        return Err(LossError::TargetOutOfRange { at: t_at, value: t })
                    }
                    Family::MultiClass if !(t >= 0.0 && t.fract() == 0.0 && t < self.cols as f64) => {
                        return Err(LossError::InvalidClass { sample, value: t, classes: self.cols })
                    }
                    Family::Regression if loss == Loss::PoissonNll && t < 0.0 => {
                        return Err(LossError::NegativeCount { sample, value: t })
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Whether every input and target is in its domain (inputs finite, in [0, 1] in space
    /// `prob`; targets as [`Request::validate`] lists them): the fast path of validation,
    /// one pass per slice with no early exit, so that it vectorises like [`compute`].
    #[cfg_attr(all(target_arch = "wasm32", feature = "simd"), target_feature(enable = "simd128"))]
    fn numbers_fit(&self) -> bool {
        let unit = |v: f64| (0.0..=1.0).contains(&v);
        let inputs_ok = if self.space == Some(Space::Prob) {
            all_fit(self.inputs, unit)
        } else {
            all_fit(self.inputs, f64::is_finite)
        };
        let classes = self.cols as f64;
        let targets_ok = match self.loss.id().family() {
            Family::Binary | Family::MultiLabel => all_fit(self.targets, unit),
            Family::Regression if self.loss == Loss::PoissonNll => all_fit(self.targets, |t| t.is_finite() && t >= 0.0),
            Family::Regression => all_fit(self.targets, f64::is_finite),
            Family::MultiClass => all_fit(self.targets, |t| t >= 0.0 && t.fract() == 0.0 && t < classes),
        };
        inputs_ok & targets_ok
    }
}

/// Whether `fits` holds for every number, with no early exit (so the loop vectorises).
#[inline(always)]
fn all_fit(xs: &[f64], fits: impl Fn(f64) -> bool) -> bool {
    xs.iter().fold(true, |ok, &v| ok & fits(v))
}

/// Caller-supplied output buffers for [`evaluate_into`], the allocation-free path.
#[derive(Debug)]
pub struct Outputs<'o> {
    /// N per-sample losses.
    pub per_sample: &'o mut [f64],
    /// The gradient d(sum of per-sample losses)/d(input), as long as the inputs.
    pub grad: &'o mut [f64],
    /// Sigmoid or softmax of the inputs (as long as the inputs), written where the loss
    /// has them ([`Request::has_probs`]) and ignored otherwise; pass `None` to skip them.
    pub probs: Option<&'o mut [f64]>,
    /// multilabel_bce only: the N x K elementwise losses; ignored for other losses.
    pub per_element: Option<&'o mut [f64]>,
}

/// The reductions of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    /// Mean of the per-sample losses (for multilabel_bce also the mean over all N x K
    /// elements, which is the same number).
    pub mean: f64,
    /// Sum of the per-sample losses.
    pub sum: f64,
}

/// Everything one redraw needs, owned.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Loss of each sample (reduction `none`), length N.
    pub per_sample: Vec<f64>,
    /// Mean of `per_sample` (reduction `mean`).
    pub mean: f64,
    /// Sum of `per_sample` (reduction `sum`).
    pub sum: f64,
    /// d(sum)/d(input) for every input element, same shape as the inputs. For the
    /// gradient of the mean, divide by N.
    pub grad: Vec<f64>,
    /// sigmoid(x) in space `logit`, softmax rows for cross_entropy, per-label sigmoid
    /// for multilabel_bce; `None` where the inputs are already probabilities or are
    /// regression predictions.
    pub probs: Option<Vec<f64>>,
    /// multilabel_bce only: the N x K elementwise binary cross-entropies.
    pub per_element: Option<Vec<f64>>,
    /// N, the number of samples.
    pub rows: usize,
    /// 1 for vectors, K for matrices.
    pub cols: usize,
}

/// Evaluates a loss: per-sample values, mean, sum, gradient and probabilities.
///
/// # Errors
/// Any [`LossError`] from [`Request::validate`]; nothing is computed then.
///
/// # Examples
/// The seed example, fastai's `where(targets == 1, 1 - predictions, predictions)`:
/// ```
/// use losslab::{evaluate, Loss, Request, Space};
/// let r = evaluate(&Request::vector(Loss::Distance, Some(Space::Prob), &[0.9, 0.2, 0.3], &[1.0, 0.0, 1.0]))?;
/// assert_eq!(r.grad, vec![-1.0, 1.0, -1.0]);
/// assert!((r.mean - 1.0 / 3.0).abs() < 1e-15);
/// # Ok::<(), losslab::LossError>(())
/// ```
pub fn evaluate(req: &Request<'_>) -> Result<Evaluation, LossError> {
    req.validate()?;
    let n = req.rows();
    let len = req.inputs.len();
    let mut per_sample = vec![0.0; n];
    let mut grad = vec![0.0; len];
    let mut probs = req.has_probs().then(|| vec![0.0; len]);
    let mut per_element = (req.loss == Loss::MultilabelBce).then(|| vec![0.0; len]);
    let totals = compute(
        req,
        Outputs {
            per_sample: &mut per_sample,
            grad: &mut grad,
            probs: probs.as_deref_mut(),
            per_element: per_element.as_deref_mut(),
        },
    );
    Ok(Evaluation { per_sample, mean: totals.mean, sum: totals.sum, grad, probs, per_element, rows: n, cols: req.cols })
}

/// Evaluates into caller-supplied buffers: the hot path, which allocates nothing.
///
/// # Errors
/// Any [`LossError`] from [`Request::validate`], or [`LossError::OutputLength`] if a
/// buffer has the wrong length. Buffers are untouched on error.
///
/// # Examples
/// ```
/// use losslab::{evaluate_into, Loss, Outputs, Request, Space};
/// let (x, t) = ([0.0, 2.0], [1.0, 0.0]);
/// let (mut loss, mut grad, mut probs) = ([0.0; 2], [0.0; 2], [0.0; 2]);
/// let out = Outputs { per_sample: &mut loss, grad: &mut grad, probs: Some(&mut probs), per_element: None };
/// let totals = evaluate_into(&Request::vector(Loss::Bce, Some(Space::Logit), &x, &t), out)?;
/// assert_eq!(probs[0], 0.5);
/// assert!((loss[0] - std::f64::consts::LN_2).abs() < 1e-15);
/// assert_eq!(totals.sum, loss[0] + loss[1]);
/// # Ok::<(), losslab::LossError>(())
/// ```
pub fn evaluate_into(req: &Request<'_>, out: Outputs<'_>) -> Result<Totals, LossError> {
    req.validate()?;
    let check = |name, len: usize, expected| {
        if len == expected {
            Ok(())
        } else {
            Err(LossError::OutputLength { name, len, expected })
        }
    };
    check("per_sample", out.per_sample.len(), req.rows())?;
    check("grad", out.grad.len(), req.inputs.len())?;
    if let (Some(p), true) = (out.probs.as_deref(), req.has_probs()) {
        check("probs", p.len(), req.inputs.len())?;
    }
    if let (Some(e), Loss::MultilabelBce) = (out.per_element.as_deref(), req.loss) {
        check("per_element", e.len(), req.inputs.len())?;
    }
    Ok(compute(req, out))
}

/// Runs the kernels on a validated request with buffers of the right lengths.
///
/// Every kernel is inlined into this function, and each loop below is branch-free, with no
/// early exit and no reduction in its body, so LLVM vectorises it. With the `simd` feature
/// on wasm32 this function is compiled for SIMD128, and two samples go through each f64x2
/// instruction (natively the same loops use SSE2 or NEON). In WebAssembly the polynomials'
/// coefficients are values read once here ([`Coefficients::for_hot_loops`]), not constants
/// rebuilt in every iteration.
#[cfg_attr(all(target_arch = "wasm32", feature = "simd"), target_feature(enable = "simd128"))]
fn compute(req: &Request<'_>, out: Outputs<'_>) -> Totals {
    let Outputs { per_sample, grad, probs, per_element } = out;
    let c = &Coefficients::for_hot_loops();
    let (x, t) = (req.inputs, req.targets);
    let probs = if req.has_probs() { probs } else { None };
    let ignore = |_: &[f64]| {};
    match (req.loss, req.space) {
        (Loss::Distance, Some(Space::Prob)) => map_prob(x, t, per_sample, grad, binary::distance_prob),
        (Loss::Bce, Some(Space::Prob)) => map_prob(x, t, per_sample, grad, |p, t| binary::bce_prob(p, t, c)),
        (Loss::Brier, Some(Space::Prob)) => map_prob(x, t, per_sample, grad, binary::brier_prob),
        (Loss::ZeroOne, Some(Space::Prob)) => map_prob(x, t, per_sample, grad, binary::zero_one_prob),
        (Loss::Distance, _) => map_logit(req, Some(per_sample), grad, probs, c, binary::distance_logit, ignore),
        (Loss::Bce, _) => map_logit(req, Some(per_sample), grad, probs, c, |s, t| binary::bce_logit(s, t, c), ignore),
        (Loss::Brier, _) => map_logit(req, Some(per_sample), grad, probs, c, binary::brier_logit, ignore),
        (Loss::ZeroOne, _) => {
            map_logit(req, Some(per_sample), grad, probs, c, |s, t| binary::zero_one_prob(s.p, t), ignore)
        }
        (Loss::Hinge, _) => {
            map_logit(req, Some(per_sample), grad, probs, c, |s, t| binary::hinge_logit(s.x, t), ignore)
        }
        (Loss::Focal { gamma, alpha }, _) => {
            let focal = |s: &Logistic, t| binary::focal_logit(s, t, gamma, alpha, c);
            map_logit(req, Some(per_sample), grad, probs, c, focal, ignore)
        }
        (Loss::Mse, _) => map_error(x, t, per_sample, grad, regression::mse),
        (Loss::Mae, _) => map_error(x, t, per_sample, grad, regression::mae),
        (Loss::Huber { delta }, _) => map_error(x, t, per_sample, grad, |d| regression::huber(d, delta)),
        (Loss::SmoothL1 { beta }, _) => map_error(x, t, per_sample, grad, |d| regression::smooth_l1(d, beta)),
        (Loss::LogCosh, _) => map_error(x, t, per_sample, grad, |d| regression::log_cosh(d, c)),
        (Loss::PoissonNll, _) => {
            for (((&x, &y), l), g) in x.iter().zip(t).zip(per_sample.iter_mut()).zip(grad.iter_mut()) {
                (*l, *g) = regression::poisson_nll(x, y, c);
            }
        }
        (Loss::CrossEntropy { label_smoothing }, _) => {
            let k = req.cols;
            let mut probs = probs;
            for (i, ((row, g), l)) in
                x.chunks_exact(k).zip(grad.chunks_exact_mut(k)).zip(per_sample.iter_mut()).enumerate()
            {
                let p = probs.as_deref_mut().map(|p| &mut p[i * k..(i + 1) * k]);
                // Validated: t[i] is a whole number in 0..k.
                *l = multiclass::cross_entropy_row(row, t[i] as usize, label_smoothing, g, p, c);
            }
        }
        (Loss::MultilabelBce, _) => {
            // Every label in one pass over the N x K numbers; each sample's loss, the mean
            // of its row, is summed as the blocks of elementwise losses come out.
            let k = req.cols;
            let label_bce = |s: &Logistic, t| multilabel::label_bce(s, t, k as f64, c);
            let mut sample_of_label = (0..per_sample.len()).flat_map(|i| std::iter::repeat_n(i, k));
            per_sample.fill(0.0);
            map_logit(req, per_element, grad, probs, c, label_bce, |losses| {
                for (&loss, i) in losses.iter().zip(&mut sample_of_label) {
                    per_sample[i] += loss;
                }
            });
            per_sample.iter_mut().for_each(|l| *l /= k as f64);
        }
    }
    let sum = pairwise_sum(per_sample);
    Totals { mean: sum / per_sample.len() as f64, sum }
}

#[inline(always)]
fn map_prob(p: &[f64], t: &[f64], loss: &mut [f64], grad: &mut [f64], f: impl Fn(f64, f64) -> (f64, f64)) {
    for (((&p, &t), l), g) in p.iter().zip(t).zip(loss.iter_mut()).zip(grad.iter_mut()) {
        (*l, *g) = f(p, t);
    }
}

/// Samples per block of [`map_logit`]: its stack blocks hold 2 x 128 numbers (2 KiB).
const BLOCK: usize = 128;

/// `f` of each of the request's activations' [`Logistic`] and its target: losses into `loss`
/// (if given), the gradient into `grad`, sigmoids into `probs` (if given).
///
/// The samples go in blocks of [`BLOCK`]: where `loss` or `probs` is not wanted, that
/// block's values go to a block on the stack instead, so one loop without a branch serves
/// both cases (a loop per case would double the code of every logit loss). `block_losses`
/// sees each block's losses once they are written. `c` goes to each [`Logistic::of`].
#[inline(always)]
fn map_logit(
    req: &Request<'_>,
    mut loss: Option<&mut [f64]>,
    grad: &mut [f64],
    mut probs: Option<&mut [f64]>,
    c: &Coefficients,
    f: impl Fn(&Logistic, f64) -> (f64, f64),
    mut block_losses: impl FnMut(&[f64]),
) {
    let (x, t) = (req.inputs, req.targets);
    let (mut loss_block, mut probs_block) = ([0.0; BLOCK], [0.0; BLOCK]);
    for start in (0..x.len()).step_by(BLOCK) {
        let span = start..x.len().min(start + BLOCK);
        let len = span.len();
        let l = match loss.as_deref_mut() {
            Some(loss) => &mut loss[span.clone()],
            None => &mut loss_block[..len],
        };
        let p = match probs.as_deref_mut() {
            Some(probs) => &mut probs[span.clone()],
            None => &mut probs_block[..len],
        };
        let inputs = x[span.clone()].iter().zip(&t[span.clone()]);
        for ((((&x, &t), l), g), p) in inputs.zip(l.iter_mut()).zip(&mut grad[span]).zip(p.iter_mut()) {
            let s = Logistic::of(x, c);
            (*l, *g) = f(&s, t);
            *p = s.p;
        }
        block_losses(l);
    }
}

#[inline(always)]
fn map_error(y_hat: &[f64], y: &[f64], loss: &mut [f64], grad: &mut [f64], f: impl Fn(f64) -> (f64, f64)) {
    for (((&a, &b), l), g) in y_hat.iter().zip(y).zip(loss.iter_mut()).zip(grad.iter_mut()) {
        (*l, *g) = f(a - b);
    }
}

/// Blocks below this length are summed in [`LANES`] interleaved partial sums.
const PAIRWISE_BLOCK: usize = 128;
/// Partial sums per block: independent additions that a CPU (or two f64x2 lanes) overlap.
const LANES: usize = 4;

/// Pairwise (cascade) summation: error grows like O(log n) rather than O(n), close to
/// what PyTorch's own reduction does for large tensors.
fn pairwise_sum(xs: &[f64]) -> f64 {
    if xs.len() <= PAIRWISE_BLOCK {
        let mut lanes = [0.0; LANES];
        let quads = xs.chunks_exact(LANES);
        let rest: f64 = quads.remainder().iter().sum();
        for quad in quads {
            for (lane, &x) in lanes.iter_mut().zip(quad) {
                *lane += x;
            }
        }
        let [a, b, c, d] = lanes;
        (a + b) + (c + d) + rest
    } else {
        let (a, b) = xs.split_at(xs.len() / 2);
        pairwise_sum(a) + pairwise_sum(b)
    }
}

/// One step of gradient descent on the **mean** loss: returns
/// `x - learning_rate * grad / N`, the inputs the next frame of a "train" animation shows.
///
/// In space `prob` the result is clamped to [0, 1] (projected gradient descent), so it
/// is always a valid request again. zero_one's gradient is 0: its step changes nothing.
///
/// # Errors
/// Any [`LossError`] from [`Request::validate`]; [`LossError::InvalidLearningRate`] unless
/// the rate is finite and above 0; [`LossError::Diverged`] if an input would leave the
/// finite numbers (the rate is too large for this loss).
///
/// # Examples
/// ```
/// use losslab::{evaluate, step, Loss, Request, Space};
/// let (x, t) = ([0.9, 0.2, 0.3], [1.0, 0.0, 1.0]);
/// let req = Request::vector(Loss::Bce, Some(Space::Logit), &x, &t);
/// let next = step(&req, 0.5)?;
/// let after = evaluate(&Request { inputs: &next, ..req })?.mean;
/// assert!(after < evaluate(&req)?.mean);
/// # Ok::<(), losslab::LossError>(())
/// ```
pub fn step(req: &Request<'_>, learning_rate: f64) -> Result<Vec<f64>, LossError> {
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return Err(LossError::InvalidLearningRate { value: learning_rate });
    }
    let eval = evaluate(req)?;
    let scale = learning_rate / eval.rows as f64;
    let mut next = Vec::with_capacity(req.inputs.len());
    for (i, (&x, &g)) in req.inputs.iter().zip(&eval.grad).enumerate() {
        let mut v = x - scale * g;
        if req.space == Some(Space::Prob) {
            v = v.clamp(0.0, 1.0);
        }
        if !v.is_finite() {
            let col = (req.cols > 1).then_some(i % req.cols);
            return Err(LossError::Diverged { at: At { sample: i / req.cols, col }, value: v });
        }
        next.push(v);
    }
    Ok(next)
}

/// Flattens rows of equal length into a row-major matrix, for [`Request::matrix`].
/// `field` names the rows in the error ([`Field::Activation`] for logits, [`Field::Target`]).
///
/// # Errors
/// [`LossError::NoSamples`] for no rows, [`LossError::RaggedRow`] naming the first row whose
/// length differs from the first row's.
///
/// # Examples
/// ```
/// use losslab::{flatten_rows, Field};
/// let (flat, cols) = flatten_rows(&[vec![1.0, 2.0], vec![3.0, 4.0]], Field::Activation)?;
/// assert_eq!((flat, cols), (vec![1.0, 2.0, 3.0, 4.0], 2));
/// assert!(flatten_rows(&[vec![1.0], vec![]], Field::Target).is_err());
/// # Ok::<(), losslab::LossError>(())
/// ```
pub fn flatten_rows<R: AsRef<[f64]>>(rows: &[R], field: Field) -> Result<(Vec<f64>, usize), LossError> {
    let first = rows.first().ok_or(LossError::NoSamples)?.as_ref().len();
    if let Some((sample, row)) = rows.iter().enumerate().find(|(_, r)| r.as_ref().len() != first) {
        return Err(LossError::RaggedRow { field, sample, len: row.as_ref().len(), expected: first });
    }
    // Equal rows: the total is what the caller already holds, so this cannot overflow.
    Ok((rows.iter().flat_map(|r| r.as_ref().iter().copied()).collect(), first))
}
