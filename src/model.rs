//! Models whose parameters every sample shares: the predictions come from the parameters, and
//! training moves the parameters (Samuel's "altering the weight assignment"), not each
//! prediction on its own.
//!
//! * [`ModelKind::Constant`]: one number c predicts every sample, ŷᵢ = c. Parameters `[c]`, no
//!   features. Under squared error c goes to the mean of the targets, under absolute error to
//!   their median.
//! * [`ModelKind::Line`]: ŷᵢ = w·xᵢ + b on points (xᵢ, yᵢ). Parameters `[w, b]`, one feature per
//!   sample, xᵢ.
//! * [`ModelKind::Words`]: a bag-of-words logistic model. A sample (a sentence) is a row of V
//!   word counts xᵢⱼ, its activation zᵢ = b + Σⱼ wⱼ·xᵢⱼ, and a binary loss scores it in space
//!   `logit` (p = σ(z)). Parameters `[w₁ … w_V, b]`.
//!
//! The gradient is that of the mean loss (PyTorch's `loss.mean().backward()`), by the chain rule
//! through the model: ∂mean/∂θ = (1/N) Σᵢ ∂lossᵢ/∂ŷᵢ · ∂ŷᵢ/∂θ, where the first factor is the
//! engine's per-sample gradient ([`Evaluation::grad`](crate::Evaluation)). One step of
//! `torch.optim.SGD` (no momentum) is θ − lr · ∂mean/∂θ.

use crate::evaluate::evaluate;
use crate::{Family, Loss, LossError, Request, Space};

/// Which model turns the parameters into predictions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    /// ŷᵢ = c: one number for every sample (regression losses).
    Constant,
    /// ŷᵢ = w·xᵢ + b (regression losses).
    Line,
    /// zᵢ = b + Σⱼ wⱼ·xᵢⱼ over word counts, scored by a binary loss in space `logit`.
    Words,
}

impl ModelKind {
    /// Every model, in the order the page offers them.
    pub const ALL: [ModelKind; 3] = [ModelKind::Constant, ModelKind::Line, ModelKind::Words];

    /// The model's public id: `constant`, `line` or `words`.
    pub fn as_str(self) -> &'static str {
        match self {
            ModelKind::Constant => "constant",
            ModelKind::Line => "line",
            ModelKind::Words => "words",
        }
    }

    /// The model of an id.
    ///
    /// # Errors
    /// [`LossError::UnknownModel`] for any other id.
    pub fn parse(id: &str) -> Result<ModelKind, LossError> {
        ModelKind::ALL.into_iter().find(|m| m.as_str() == id).ok_or_else(|| LossError::UnknownModel(id.to_string()))
    }

    /// The family of losses that can train it: regression for a constant or a line, binary for words.
    pub fn family(self) -> Family {
        match self {
            ModelKind::Constant | ModelKind::Line => Family::Regression,
            ModelKind::Words => Family::Binary,
        }
    }
}

/// Everything one evaluation of a model needs; every slice is borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelRequest<'a> {
    /// The model.
    pub kind: ModelKind,
    /// The loss and its parameters: a regression loss for a constant or a line, a binary one for words.
    pub loss: Loss,
    /// The model's parameters: `[c]`, `[w, b]`, or `[w₁ … w_V, b]`.
    pub weights: &'a [f64],
    /// The samples' features, row-major: none for a constant, xᵢ for a line, V counts per sentence for words.
    pub features: &'a [f64],
    /// One target per sample: real values (constant, line) or 0 to 1 (words).
    pub targets: &'a [f64],
}

/// What one evaluation of a model gives: everything a redraw needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelEvaluation {
    /// Each sample's prediction ŷᵢ (constant, line) or activation zᵢ (words).
    pub predictions: Vec<f64>,
    /// σ(zᵢ) for words; `None` for a constant or a line.
    pub probs: Option<Vec<f64>>,
    /// Each sample's loss (reduction `none`).
    pub per_sample: Vec<f64>,
    /// The mean loss, what training lowers.
    pub mean: f64,
    /// The sum of the losses.
    pub sum: f64,
    /// ∂lossᵢ/∂ŷᵢ (or ∂lossᵢ/∂zᵢ): each sample's own slope.
    pub sample_grad: Vec<f64>,
    /// ∂mean/∂θ for each parameter, in the order of [`ModelRequest::weights`].
    pub grad: Vec<f64>,
}

impl ModelRequest<'_> {
    /// The number of samples, N (one per target).
    pub fn samples(&self) -> usize {
        self.targets.len()
    }

    /// Checks the shape and the numbers of the request (the loss's own checks come later, in
    /// [`evaluate`]): the loss fits the model, the weights are as many as the model takes, one
    /// row of features per target, every number finite, every word count at least 0 and no
    /// sentence without a word.
    ///
    /// # Errors
    /// [`LossError::ModelLoss`], [`LossError::ModelWeights`], [`LossError::NoSamples`],
    /// [`LossError::ModelFeatures`], [`LossError::ModelNumber`], [`LossError::EmptySentence`].
    pub fn validate(&self) -> Result<(), LossError> {
        let model = self.kind.as_str();
        if self.loss.id().family() != self.kind.family() {
            let expected = if self.kind.family() == Family::Binary { "a binary loss" } else { "a regression loss" };
            return Err(LossError::ModelLoss { model, loss: self.loss.id().as_str(), expected });
        }
        let weights = self.weights.len();
        let ok = match self.kind {
            ModelKind::Constant => weights == 1,
            ModelKind::Line => weights == 2,
            ModelKind::Words => weights >= 2,
        };
        if !ok {
            let expected = match self.kind {
                ModelKind::Constant => "one weight, c",
                ModelKind::Line => "two weights, w and b",
                ModelKind::Words => "a weight per word and a bias",
            };
            return Err(LossError::ModelWeights { model, len: weights, expected });
        }
        let n = self.samples();
        if n == 0 {
            return Err(LossError::NoSamples);
        }
        let width = self.width();
        if self.features.len() != n * width {
            return Err(LossError::ModelFeatures { model, len: self.features.len(), expected: n * width });
        }
        for (i, &w) in self.weights.iter().enumerate() {
            if !w.is_finite() {
                return Err(LossError::ModelNumber { what: "weight", index: i, value: w });
            }
        }
        let what = if self.kind == ModelKind::Words { "word count of sentence" } else { "x of point" };
        for (k, &x) in self.features.iter().enumerate() {
            if !x.is_finite() || (self.kind == ModelKind::Words && x < 0.0) {
                return Err(LossError::ModelNumber { what, index: k / width.max(1), value: x });
            }
        }
        if self.kind == ModelKind::Words {
            if let Some(sample) = self.features.chunks(width).position(|row| row.iter().all(|&x| x == 0.0)) {
                return Err(LossError::EmptySentence { sample });
            }
        }
        Ok(())
    }

    /// Features per sample: 0, 1, or V.
    fn width(&self) -> usize {
        match self.kind {
            ModelKind::Constant => 0,
            ModelKind::Line => 1,
            ModelKind::Words => self.weights.len() - 1,
        }
    }

    /// Each sample's prediction (or activation) from the weights.
    fn predictions(&self) -> Vec<f64> {
        let n = self.samples();
        match self.kind {
            ModelKind::Constant => vec![self.weights[0]; n],
            ModelKind::Line => self.features.iter().map(|&x| self.weights[0] * x + self.weights[1]).collect(),
            ModelKind::Words => {
                let (w, b) = self.weights.split_at(self.width());
                self.features.chunks(w.len()).map(|row| b[0] + dot(w, row)).collect()
            }
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Evaluates a model: its predictions, the loss of each sample, the mean, and the gradient of the
/// mean with respect to every parameter.
///
/// # Errors
/// Whatever [`ModelRequest::validate`] finds, then whatever [`evaluate`] finds in the predictions
/// and targets (a words target outside [0, 1], say).
///
/// # Examples
/// The constant model under squared error, on targets 1, 2 and 6: at c = 2 the losses are 1, 0
/// and 16, and ∂mean/∂c = (2/3) Σ (c − yᵢ) = −2, so descent raises c towards the mean, 3.
/// ```
/// use losslab::{evaluate_model, Loss, ModelKind, ModelRequest};
/// let req = ModelRequest { kind: ModelKind::Constant, loss: Loss::Mse, weights: &[2.0], features: &[], targets: &[1.0, 2.0, 6.0] };
/// let r = evaluate_model(&req)?;
/// assert_eq!(r.per_sample, vec![1.0, 0.0, 16.0]);
/// assert_eq!(r.grad, vec![-2.0]);
/// # Ok::<(), losslab::LossError>(())
/// ```
pub fn evaluate_model(req: &ModelRequest<'_>) -> Result<ModelEvaluation, LossError> {
    req.validate()?;
    let predictions = req.predictions();
    let space = (req.kind == ModelKind::Words).then_some(Space::Logit);
    let r = evaluate(&Request::vector(req.loss, space, &predictions, req.targets))?;
    let n = req.samples() as f64;
    // The chain rule, one parameter at a time: Σᵢ ∂lossᵢ/∂ŷᵢ · ∂ŷᵢ/∂θ, over N.
    let through_bias = r.grad.iter().sum::<f64>() / n;
    let grad = match req.kind {
        ModelKind::Constant => vec![through_bias],
        ModelKind::Line => vec![dot(&r.grad, req.features) / n, through_bias],
        ModelKind::Words => {
            let width = req.width();
            let mut grad: Vec<f64> = (0..width)
                .map(|j| r.grad.iter().zip(req.features.chunks(width)).map(|(g, row)| g * row[j]).sum::<f64>() / n)
                .collect();
            grad.push(through_bias);
            grad
        }
    };
    Ok(ModelEvaluation {
        predictions,
        probs: r.probs,
        per_sample: r.per_sample,
        mean: r.mean,
        sum: r.sum,
        sample_grad: r.grad,
        grad,
    })
}

/// One step of gradient descent on the mean loss (`torch.optim.SGD`, no momentum): the weights
/// after θ − lr · ∂mean/∂θ.
///
/// # Errors
/// [`LossError::InvalidLearningRate`] unless the rate is finite and above 0; whatever
/// [`evaluate_model`] finds; [`LossError::WeightDiverged`] if a weight would become infinite.
///
/// # Examples
/// ```
/// use losslab::{step_model, Loss, ModelKind, ModelRequest};
/// let req = ModelRequest { kind: ModelKind::Constant, loss: Loss::Mse, weights: &[2.0], features: &[], targets: &[1.0, 2.0, 6.0] };
/// assert_eq!(step_model(&req, 0.25)?, vec![2.5]); // 2 − 0.25 × (−2)
/// # Ok::<(), losslab::LossError>(())
/// ```
pub fn step_model(req: &ModelRequest<'_>, learning_rate: f64) -> Result<Vec<f64>, LossError> {
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return Err(LossError::InvalidLearningRate { value: learning_rate });
    }
    let r = evaluate_model(req)?;
    req.weights
        .iter()
        .zip(&r.grad)
        .enumerate()
        .map(|(i, (&w, &g))| {
            let v = w - learning_rate * g;
            if v.is_finite() {
                Ok(v)
            } else {
                Err(LossError::WeightDiverged { index: i, value: v })
            }
        })
        .collect()
}
