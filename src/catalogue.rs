//! The catalogue: loss ids, input spaces and parameters, the names that the JavaScript
//! API, URLs and embed attributes use. These ids are public and never change.

use crate::LossError;

/// Which family a loss belongs to; it decides the shape of inputs and targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// One score per sample, a target in [0, 1]; evaluated in a [`Space`].
    Binary,
    /// One real prediction per sample, a real target.
    Regression,
    /// A row of K logits per sample, a class index target (softmax).
    MultiClass,
    /// A row of K logits per sample, K targets in [0, 1] (a sigmoid per label).
    MultiLabel,
}

impl Family {
    /// The family's public name: `binary`, `regression`, `multiclass` or `multilabel`.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Binary => "binary",
            Family::Regression => "regression",
            Family::MultiClass => "multiclass",
            Family::MultiLabel => "multilabel",
        }
    }
}

/// What the inputs of a binary loss are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Space {
    /// Raw activations x (logits), any real number; p = sigmoid(x).
    Logit,
    /// Probabilities p in [0, 1], given directly.
    Prob,
}

impl Space {
    /// The public id: `logit` or `prob`.
    pub fn as_str(self) -> &'static str {
        match self {
            Space::Logit => "logit",
            Space::Prob => "prob",
        }
    }

    /// Parses a public id.
    ///
    /// # Errors
    /// [`LossError::UnknownSpace`] for anything but `logit` and `prob`.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(losslab::Space::parse("prob"), Ok(losslab::Space::Prob));
    /// assert!(losslab::Space::parse("probability").is_err());
    /// ```
    pub fn parse(id: &str) -> Result<Space, LossError> {
        match id {
            "logit" => Ok(Space::Logit),
            "prob" => Ok(Space::Prob),
            other => Err(LossError::UnknownSpace(other.to_string())),
        }
    }
}

/// A loss's parameter: its name, PyTorch's default and the numbers it takes, which are the finite
/// numbers from `min` (above it, if `min_open`) to `max`, and `off` if there is one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// The public name, as requests, addresses and attributes spell it.
    pub name: &'static str,
    /// The default, as in PyTorch / torchvision.
    pub default: f64,
    /// The least value taken (or the bound above which values are taken, if `min_open`).
    pub min: f64,
    /// Whether `min` itself is left out.
    pub min_open: bool,
    /// The greatest value taken; `f64::INFINITY` for no bound (the value must still be finite).
    pub max: f64,
    /// One more value taken outside the range, which turns the parameter off (focal's alpha = -1).
    pub off: Option<f64>,
    /// The numbers taken, in words, for messages.
    pub expected: &'static str,
}

impl Param {
    /// Whether `value` is one the parameter takes.
    pub fn takes(&self, value: f64) -> bool {
        let above_min = if self.min_open { value > self.min } else { value >= self.min };
        Some(value) == self.off || (value.is_finite() && above_min && value <= self.max)
    }
}

const GAMMA: Param = Param {
    name: "gamma",
    default: 2.0,
    min: 0.0,
    min_open: false,
    max: f64::INFINITY,
    off: None,
    expected: "a finite number >= 0",
};
const ALPHA: Param = Param {
    name: "alpha",
    default: 0.25,
    min: 0.0,
    min_open: false,
    max: 1.0,
    off: Some(-1.0),
    expected: "in [0, 1], or -1 to turn weighting off",
};
const DELTA: Param = Param {
    name: "delta",
    default: 1.0,
    min: 0.0,
    min_open: true,
    max: f64::INFINITY,
    off: None,
    expected: "a finite number > 0",
};
const BETA: Param = Param { name: "beta", default: 1.0, ..GAMMA };
const LABEL_SMOOTHING: Param = Param {
    name: "label_smoothing",
    default: 0.0,
    min: 0.0,
    min_open: false,
    max: 1.0,
    off: None,
    expected: "in [0, 1]",
};

macro_rules! loss_ids {
    ($($variant:ident => $id:literal, $family:ident, [$($param:literal),*];)*) => {
        /// The id of a loss, without its parameters.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum LossId { $(#[doc = concat!("`", $id, "`")] $variant,)* }

        impl LossId {
            /// Every loss, in catalogue order.
            pub const ALL: [LossId; [$($id),*].len()] = [$(LossId::$variant),*];

            /// The public id, e.g. `"smooth_l1"`.
            pub fn as_str(self) -> &'static str {
                match self { $(LossId::$variant => $id,)* }
            }

            /// The family, which fixes the shape of inputs and targets.
            pub fn family(self) -> Family {
                match self { $(LossId::$variant => Family::$family,)* }
            }

            /// The names of the loss's parameters, in order (empty for most).
            pub fn param_names(self) -> &'static [&'static str] {
                match self { $(LossId::$variant => &[$($param),*],)* }
            }

            pub(crate) fn from_str_id(id: &str) -> Option<LossId> {
                match id { $($id => Some(LossId::$variant),)* _ => None }
            }
        }
    };
}

loss_ids! {
    Distance => "distance", Binary, [];
    Bce => "bce", Binary, [];
    Brier => "brier", Binary, [];
    Focal => "focal", Binary, ["gamma", "alpha"];
    Hinge => "hinge", Binary, [];
    ZeroOne => "zero_one", Binary, [];
    Mse => "mse", Regression, [];
    Mae => "mae", Regression, [];
    Huber => "huber", Regression, ["delta"];
    SmoothL1 => "smooth_l1", Regression, ["beta"];
    LogCosh => "log_cosh", Regression, [];
    CrossEntropy => "cross_entropy", MultiClass, ["label_smoothing"];
    MultilabelBce => "multilabel_bce", MultiLabel, [];
    PoissonNll => "poisson_nll", Regression, [];
}

impl LossId {
    /// Parses a public id.
    ///
    /// # Errors
    /// [`LossError::UnknownLoss`] for an id not in the catalogue.
    ///
    /// # Examples
    /// ```
    /// use losslab::LossId;
    /// assert_eq!(LossId::parse("bce"), Ok(LossId::Bce));
    /// assert_eq!(LossId::parse("huber").unwrap().param_names(), &["delta"]);
    /// ```
    pub fn parse(id: &str) -> Result<LossId, LossError> {
        LossId::from_str_id(id).ok_or_else(|| LossError::UnknownLoss(id.to_string()))
    }

    /// The spaces a binary loss accepts; empty for the other families.
    ///
    /// focal and hinge are defined on raw scores only.
    pub fn spaces(self) -> &'static [Space] {
        match self {
            LossId::Focal | LossId::Hinge => &[Space::Logit],
            _ if self.family() == Family::Binary => &[Space::Logit, Space::Prob],
            _ => &[],
        }
    }

    /// The default value of each parameter, as in PyTorch / torchvision:
    /// focal gamma 2, alpha 0.25; huber delta 1; smooth_l1 beta 1; label_smoothing 0.
    pub fn param_defaults(self) -> &'static [(&'static str, f64)] {
        match self {
            LossId::Focal => &[(GAMMA.name, GAMMA.default), (ALPHA.name, ALPHA.default)],
            LossId::Huber => &[(DELTA.name, DELTA.default)],
            LossId::SmoothL1 => &[(BETA.name, BETA.default)],
            LossId::CrossEntropy => &[(LABEL_SMOOTHING.name, LABEL_SMOOTHING.default)],
            _ => &[],
        }
    }

    /// Each parameter with its default and the numbers it takes, in order ([`LossId::param_names`]).
    ///
    /// # Examples
    /// ```
    /// use losslab::LossId;
    /// let [gamma, alpha] = LossId::Focal.params() else { unreachable!() };
    /// assert_eq!((gamma.name, gamma.default, gamma.min, gamma.max), ("gamma", 2.0, 0.0, f64::INFINITY));
    /// assert!(alpha.takes(-1.0) && alpha.takes(0.5) && !alpha.takes(1.5));
    /// ```
    pub fn params(self) -> &'static [Param] {
        match self {
            LossId::Focal => &[GAMMA, ALPHA],
            LossId::Huber => &[DELTA],
            LossId::SmoothL1 => &[BETA],
            LossId::CrossEntropy => &[LABEL_SMOOTHING],
            _ => &[],
        }
    }

    /// The loss with its default parameters.
    pub fn with_defaults(self) -> Loss {
        Loss::new(self, &[]).expect("defaults are valid")
    }
}

/// A loss with its parameters, validated: each variant's fields are in their domain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Loss {
    /// The fastai book's first loss: `t (1 - p) + (1 - t) p`.
    Distance,
    /// Binary cross-entropy.
    Bce,
    /// The Brier score, `(p - t)^2`.
    Brier,
    /// Focal loss (torchvision's `sigmoid_focal_loss`); `alpha = -1` turns weighting off.
    Focal {
        /// Focusing exponent, >= 0 (torchvision's default 2); 0 is alpha-weighted bce.
        gamma: f64,
        /// Weight of the positive class in [0, 1] (default 0.25), or -1 for no weighting.
        alpha: f64,
    },
    /// Hinge loss on a score with labels mapped to -1/+1.
    Hinge,
    /// 1 - accuracy: 1 for a wrong side of 0.5, else 0; gradient 0.
    ZeroOne,
    /// Squared error.
    Mse,
    /// Absolute error.
    Mae,
    /// Huber loss with threshold `delta > 0`.
    Huber {
        /// Where the quadratic part turns linear, > 0 (default 1).
        delta: f64,
    },
    /// Smooth L1 loss with threshold `beta >= 0` (0 is plain L1).
    SmoothL1 {
        /// Where the quadratic part turns linear, >= 0 (default 1).
        beta: f64,
    },
    /// `ln(cosh(error))`.
    LogCosh,
    /// Softmax cross-entropy over K classes, with label smoothing in [0, 1].
    CrossEntropy {
        /// The share eps of the target moved to a uniform distribution, in [0, 1] (default 0).
        label_smoothing: f64,
    },
    /// Per-label sigmoid + binary cross-entropy, averaged over the K labels.
    MultilabelBce,
    /// Poisson negative log-likelihood of a count `y >= 0` under the rate `e^x`: `e^x - y x`
    /// (PyTorch's `poisson_nll_loss` with `log_input=True`, `full=False`).
    PoissonNll,
}

impl Loss {
    /// Builds a loss from its id and named parameters; parameters left out take
    /// their defaults ([`LossId::param_defaults`]).
    ///
    /// # Errors
    /// [`LossError::UnknownParameter`] for a name the loss does not take;
    /// [`LossError::InvalidParameter`] for a value outside its domain: gamma >= 0,
    /// alpha in [0, 1] or exactly -1, delta > 0, beta >= 0, label_smoothing in [0, 1],
    /// every one finite.
    ///
    /// # Examples
    /// ```
    /// use losslab::{Loss, LossId};
    /// assert_eq!(Loss::new(LossId::Focal, &[("gamma", 0.0)]), Ok(Loss::Focal { gamma: 0.0, alpha: 0.25 }));
    /// assert!(Loss::new(LossId::Huber, &[("delta", 0.0)]).is_err());
    /// ```
    pub fn new(id: LossId, params: &[(&str, f64)]) -> Result<Loss, LossError> {
        for (name, _) in params {
            if !id.param_names().contains(name) {
                return Err(LossError::UnknownParameter { loss: id.as_str(), name: name.to_string() });
            }
        }
        let get = |name: &'static str| -> f64 {
            let given = params.iter().rev().find(|(n, _)| *n == name).map(|&(_, v)| v);
            let default = id.param_defaults().iter().find(|(n, _)| *n == name).map(|&(_, v)| v);
            given.or(default).unwrap_or(f64::NAN)
        };
        let loss = match id {
            LossId::Distance => Loss::Distance,
            LossId::Bce => Loss::Bce,
            LossId::Brier => Loss::Brier,
            LossId::Focal => Loss::Focal { gamma: get("gamma"), alpha: get("alpha") },
            LossId::Hinge => Loss::Hinge,
            LossId::ZeroOne => Loss::ZeroOne,
            LossId::Mse => Loss::Mse,
            LossId::Mae => Loss::Mae,
            LossId::Huber => Loss::Huber { delta: get("delta") },
            LossId::SmoothL1 => Loss::SmoothL1 { beta: get("beta") },
            LossId::LogCosh => Loss::LogCosh,
            LossId::CrossEntropy => Loss::CrossEntropy { label_smoothing: get("label_smoothing") },
            LossId::MultilabelBce => Loss::MultilabelBce,
            LossId::PoissonNll => Loss::PoissonNll,
        };
        loss.check_params()?;
        Ok(loss)
    }

    /// Parses an id and named parameters in one go; see [`Loss::new`].
    ///
    /// # Errors
    /// As [`LossId::parse`] and [`Loss::new`].
    pub fn parse(id: &str, params: &[(&str, f64)]) -> Result<Loss, LossError> {
        Loss::new(LossId::parse(id)?, params)
    }

    /// The loss's id.
    pub fn id(&self) -> LossId {
        match self {
            Loss::Distance => LossId::Distance,
            Loss::Bce => LossId::Bce,
            Loss::Brier => LossId::Brier,
            Loss::Focal { .. } => LossId::Focal,
            Loss::Hinge => LossId::Hinge,
            Loss::ZeroOne => LossId::ZeroOne,
            Loss::Mse => LossId::Mse,
            Loss::Mae => LossId::Mae,
            Loss::Huber { .. } => LossId::Huber,
            Loss::SmoothL1 { .. } => LossId::SmoothL1,
            Loss::LogCosh => LossId::LogCosh,
            Loss::CrossEntropy { .. } => LossId::CrossEntropy,
            Loss::MultilabelBce => LossId::MultilabelBce,
            Loss::PoissonNll => LossId::PoissonNll,
        }
    }

    /// Checks every parameter against its domain (the variants' fields are public,
    /// so a hand-built `Loss` is checked again when a request is validated).
    ///
    /// # Errors
    /// [`LossError::InvalidParameter`] naming the first parameter out of its domain.
    pub fn check_params(&self) -> Result<(), LossError> {
        for (param, &value) in self.id().params().iter().zip(&self.param_values()) {
            if !param.takes(value) {
                return Err(LossError::InvalidParameter { name: param.name, value, expected: param.expected });
            }
        }
        Ok(())
    }

    /// The parameters' values, in the order of [`LossId::params`] (unused places are NaN).
    fn param_values(&self) -> [f64; 2] {
        match *self {
            Loss::Focal { gamma, alpha } => [gamma, alpha],
            Loss::Huber { delta } => [delta, f64::NAN],
            Loss::SmoothL1 { beta } => [beta, f64::NAN],
            Loss::CrossEntropy { label_smoothing } => [label_smoothing, f64::NAN],
            _ => [f64::NAN; 2],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_loss_lists_its_parameters_once_in_one_order() {
        for id in LossId::ALL {
            let names: Vec<_> = id.params().iter().map(|p| p.name).collect();
            assert_eq!(names, id.param_names(), "{}", id.as_str());
            let defaults: Vec<_> = id.params().iter().map(|p| (p.name, p.default)).collect();
            assert_eq!(defaults, id.param_defaults(), "{}", id.as_str());
            for p in id.params() {
                assert!(p.takes(p.default), "{} takes its default", p.name);
            }
        }
    }

    #[test]
    fn domains_are_the_documented_ones() {
        let takes = |id: LossId, value: f64| id.params()[0].takes(value);
        assert!(takes(LossId::Focal, 0.0) && !takes(LossId::Focal, -0.1) && !takes(LossId::Focal, f64::INFINITY));
        assert!(!takes(LossId::Huber, 0.0) && takes(LossId::Huber, 1e-9) && !takes(LossId::Huber, f64::NAN));
        assert!(takes(LossId::SmoothL1, 0.0) && !takes(LossId::SmoothL1, -1.0));
        assert!(takes(LossId::CrossEntropy, 1.0) && !takes(LossId::CrossEntropy, 1.01));
        let alpha = LossId::Focal.params()[1];
        assert!(alpha.takes(-1.0) && !alpha.takes(-0.5) && !alpha.takes(f64::NAN));
    }
}
