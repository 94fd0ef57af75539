//! The one error type of the engine: every way a request can be wrong.
//!
//! Messages count samples from 1, as the page does ("prediction 3"), while the
//! fields hold 0-based indices for code. No variant is ever produced by a panic:
//! every check happens in [`Request::validate`](crate::Request::validate) before
//! any number is computed.

use std::fmt;

use crate::number::Num;

/// What a number in a request stands for; used to name it in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A probability given directly (space `prob`) or a regression prediction.
    Prediction,
    /// A raw activation (logit), before sigmoid or softmax.
    Activation,
    /// A target: a label, a real value or a class index.
    Target,
}

impl Field {
    /// What the inputs of a request are called: predictions for probabilities (space
    /// `prob`) and regression, activations for logits (space `logit`, matrices).
    pub fn of_inputs(loss: crate::LossId, space: Option<crate::Space>) -> Field {
        match (loss.family(), space) {
            (crate::Family::Binary, Some(crate::Space::Prob)) | (crate::Family::Regression, _) => Field::Prediction,
            _ => Field::Activation,
        }
    }

    /// The word used in messages: `prediction`, `activation` or `target`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Prediction => "prediction",
            Field::Activation => "activation",
            Field::Target => "target",
        }
    }
}

/// Where a number sits: sample `sample` (0-based) and, in an N x K matrix, column `col`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    /// The sample (row), counted from 0.
    pub sample: usize,
    /// The column (class or label) of a matrix, counted from 0; `None` for vectors.
    pub col: Option<usize>,
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.col {
            None => write!(f, "{}", self.sample + 1),
            Some(c) => write!(f, "{} of sample {}", c + 1, self.sample + 1),
        }
    }
}

/// Every way a request can be rejected. `Display` gives a sentence a learner can act on.
///
/// # Examples
/// ```
/// use losslab::{evaluate, Loss, Request, Space};
/// let err = evaluate(&Request::vector(Loss::Bce, Some(Space::Prob), &[0.9, 1.7], &[1.0, 0.0]))
///     .unwrap_err();
/// assert_eq!(err.to_string(), "prediction 2 is 1.7, outside [0, 1]: in space prob a prediction is a probability");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum LossError {
    /// The loss id is not in the catalogue.
    UnknownLoss(String),
    /// The space id is neither `logit` nor `prob`.
    UnknownSpace(String),
    /// A binary loss was asked for without saying which space its inputs are in.
    MissingSpace {
        /// The loss id.
        loss: &'static str,
    },
    /// A loss that has no space (regression, multi-class, multi-label) was given one.
    UnexpectedSpace {
        /// The loss id.
        loss: &'static str,
    },
    /// The loss is defined in one space only (focal and hinge take raw activations).
    UnsupportedSpace {
        /// The loss id.
        loss: &'static str,
        /// The space it was asked for.
        space: &'static str,
    },
    /// A parameter name the loss does not take.
    UnknownParameter {
        /// The loss id.
        loss: &'static str,
        /// The name given.
        name: String,
    },
    /// A parameter outside its domain.
    InvalidParameter {
        /// The parameter's name.
        name: &'static str,
        /// The value given.
        value: f64,
        /// The domain, in words.
        expected: &'static str,
    },
    /// The learning rate of a training step is not a finite number above 0.
    InvalidLearningRate {
        /// The rate given.
        value: f64,
    },
    /// No samples at all.
    NoSamples,
    /// Inputs and targets do not pair up.
    LengthMismatch {
        /// How many inputs (samples, or elements for multilabel_bce).
        inputs: usize,
        /// How many targets.
        targets: usize,
    },
    /// A matrix loss (cross_entropy, multilabel_bce) got a row of another length.
    RaggedRow {
        /// Whose rows: activations or targets.
        field: Field,
        /// The row, counted from 0.
        sample: usize,
        /// Its length.
        len: usize,
        /// The length of the first row.
        expected: usize,
    },
    /// A loss over vectors was given rows, or a matrix loss was given a vector.
    WrongShape {
        /// The loss id.
        loss: &'static str,
        /// The shape it takes, in words.
        expected: &'static str,
    },
    /// Fewer than 2 classes for cross-entropy.
    TooFewClasses {
        /// The number of columns given.
        classes: usize,
    },
    /// NaN or infinity.
    NotFinite {
        /// What the number is.
        field: Field,
        /// Where it is.
        at: At,
        /// The number.
        value: f64,
    },
    /// A probability (space `prob`) outside [0, 1].
    ProbabilityOutOfRange {
        /// Where it is.
        at: At,
        /// The number.
        value: f64,
    },
    /// A binary or multi-label target outside [0, 1].
    TargetOutOfRange {
        /// Where it is.
        at: At,
        /// The number.
        value: f64,
    },
    /// A count below 0: the Poisson loss's target is a number of events.
    NegativeCount {
        /// The sample, counted from 0.
        sample: usize,
        /// The number given.
        value: f64,
    },
    /// A class index that is not a whole number in [0, K).
    InvalidClass {
        /// The sample, counted from 0.
        sample: usize,
        /// The number given.
        value: f64,
        /// K, the number of classes.
        classes: usize,
    },
    /// A training step would send an input to infinity: the learning rate is too large.
    Diverged {
        /// Which input.
        at: At,
        /// Where the step would send it.
        value: f64,
    },
    /// A model id that is not `constant`, `line` or `words`.
    UnknownModel(String),
    /// A model trained with a loss of the wrong family (a line with bce, words with mse).
    ModelLoss {
        /// The model's id.
        model: &'static str,
        /// The loss id given.
        loss: &'static str,
        /// The family it takes, in words.
        expected: &'static str,
    },
    /// A model given the wrong number of weights.
    ModelWeights {
        /// The model's id.
        model: &'static str,
        /// How many were given.
        len: usize,
        /// How many it takes, in words.
        expected: &'static str,
    },
    /// A model's features do not give one row per target.
    ModelFeatures {
        /// The model's id.
        model: &'static str,
        /// How many numbers were given.
        len: usize,
        /// How many one row per target needs.
        expected: usize,
    },
    /// A weight or a feature that is not finite (or a negative word count).
    ModelNumber {
        /// What the number is: `weight`, `x of point` or `word count of sentence`.
        what: &'static str,
        /// The weight, point or sentence, counted from 0.
        index: usize,
        /// The number.
        value: f64,
    },
    /// A sentence without any word the model knows: its activation would be the bias alone.
    EmptySentence {
        /// The sentence, counted from 0.
        sample: usize,
    },
    /// A training step would send a model's weight to infinity: the learning rate is too large.
    WeightDiverged {
        /// The weight, counted from 0.
        index: usize,
        /// Where the step would send it.
        value: f64,
    },
    /// An output buffer handed to [`evaluate_into`](crate::evaluate_into) has the wrong length.
    OutputLength {
        /// The buffer's name.
        name: &'static str,
        /// Its length.
        len: usize,
        /// The length needed.
        expected: usize,
    },
}

impl fmt::Display for LossError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use LossError::*;
        match self {
            UnknownLoss(id) => {
                write!(f, "unknown loss '{id}': expected one of ")?;
                comma_separated(f, crate::LossId::ALL.iter().map(|l| l.as_str()))
            }
            UnknownSpace(id) => write!(f, "unknown space '{id}': expected logit or prob"),
            MissingSpace { loss } => write!(f, "{loss} needs a space: logit (raw activations) or prob (probabilities)"),
            UnexpectedSpace { loss } => write!(f, "{loss} takes no space: give its inputs as they are"),
            UnsupportedSpace { loss, space } => {
                write!(f, "{loss} works on raw activations (space logit) only, not in space {space}")
            }
            UnknownParameter { loss, name } => {
                let names = crate::LossId::from_str_id(loss).map(|l| l.param_names()).unwrap_or(&[]);
                if names.is_empty() {
                    write!(f, "{loss} takes no parameters, but '{name}' was given")
                } else {
                    write!(f, "{loss} has no parameter '{name}': it takes ")?;
                    comma_separated(f, names.iter().copied())
                }
            }
            InvalidParameter { name, value, expected } => {
                write!(f, "{name} is {}, but it must be {expected}", Num(*value))
            }
            InvalidLearningRate { value } => {
                write!(f, "learning rate is {}, but it must be a finite number above 0", Num(*value))
            }
            NoSamples => write!(f, "there are no samples: give at least one"),
            LengthMismatch { inputs, targets } => write!(
                f,
                "{inputs} input{} but {targets} target{}: give one target per sample",
                plural(*inputs),
                plural(*targets)
            ),
            RaggedRow { field, sample, len, expected } => write!(
                f,
                "{} row {} has {len} value{}, but row 1 has {expected}: every row needs the same length",
                field.as_str(),
                sample + 1,
                plural(*len)
            ),
            WrongShape { loss, expected } => write!(f, "{loss} expects {expected}"),
            TooFewClasses { classes } => write!(
                f,
                "{classes} class{} per sample: cross_entropy needs at least 2",
                if *classes == 1 { "" } else { "es" }
            ),
            NotFinite { field, at, value } => {
                write!(f, "{} {at} is {}, not a finite number", field.as_str(), Num(*value))
            }
            ProbabilityOutOfRange { at, value } => {
                write!(
                    f,
                    "prediction {at} is {}, outside [0, 1]: in space prob a prediction is a probability",
                    Num(*value)
                )
            }
            TargetOutOfRange { at, value } => write!(f, "target {at} is {}, outside [0, 1]", Num(*value)),
            NegativeCount { sample, value } => {
                write!(f, "target {} is {}, but poisson_nll's target is a count: 0 or more", sample + 1, Num(*value))
            }
            InvalidClass { sample, value, classes } => write!(
                f,
                "target {} is {}, but a class index must be a whole number from 0 to {}",
                sample + 1,
                Num(*value),
                classes.saturating_sub(1)
            ),
            Diverged { at, value } => {
                write!(f, "this step would send input {at} to {}: lower the learning rate", Num(*value))
            }
            UnknownModel(id) => write!(f, "unknown model '{id}': expected constant, line or words"),
            ModelLoss { model, loss, expected } => {
                write!(f, "the {model} model is trained with {expected}, not {loss}")
            }
            ModelWeights { model, len, expected } => {
                write!(
                    f,
                    "the {model} model takes {expected}, but {len} weight{} given",
                    if *len == 1 { " was" } else { "s were" }
                )
            }
            ModelFeatures { model, len, expected } => write!(
                f,
                "the {model} model needs {expected} feature value{}, one row per target, but {len} {} given",
                plural(*expected),
                if *len == 1 { "was" } else { "were" }
            ),
            ModelNumber { what, index, value } => {
                let rule = if what.starts_with("word") { "a count of 0 or more" } else { "a finite number" };
                write!(f, "{what} {} is {}, but it must be {rule}", index + 1, Num(*value))
            }
            EmptySentence { sample } => {
                write!(f, "sentence {} has no words the model knows: give it at least one", sample + 1)
            }
            WeightDiverged { index, value } => {
                write!(f, "this step would send weight {} to {}: lower the learning rate", index + 1, Num(*value))
            }
            OutputLength { name, len, expected } => {
                write!(f, "output buffer {name} has length {len}, but {expected} are needed")
            }
        }
    }
}

/// Writes `a, b, c` (the same as `join(", ")`, without building a String).
fn comma_separated<'a>(f: &mut fmt::Formatter<'_>, items: impl Iterator<Item = &'a str>) -> fmt::Result {
    for (i, item) in items.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(item)?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl std::error::Error for LossError {}
